"""Friendly error pages in both languages; JSON for API clients."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from sakrad.errors import SakradError

MESSAGES = {
    400: (
        _l("Bad request"),
        _l("The request could not be understood. Check what you entered and try again."),
    ),
    403: (
        _l("Access denied"),
        _l(
            "You do not have permission to see this page. If you think you should, contact the administrator of your organisation or convening body."
        ),
    ),
    404: (
        _l("Page not found"),
        _l(
            "We could not find the page you asked for. It may have been moved, or the address may be wrong."
        ),
    ),
    405: (_l("Method not allowed"), _l("This page cannot be used like that.")),
    409: (
        _l("Someone else saved first"),
        _l("The page was changed by someone else while you had it open. Reload it and try again."),
    ),
    413: (_l("File too large"), _l("The file you sent is larger than allowed.")),
    429: (
        _l("Too many attempts"),
        _l("You have made too many attempts. Wait a while and try again."),
    ),
    500: (
        _l("Something went wrong"),
        _l("An error occurred on our side. It has been logged. Try again in a while."),
    ),
}


def wants_json() -> bool:
    return request.path.startswith("/api/") or (request.accept_mimetypes.best == "application/json")


def render_error(code: int, title: str | None = None, message: str | None = None):
    default_title, default_message = MESSAGES.get(code, MESSAGES[500])
    title = str(title or default_title)
    message = str(message or default_message)
    if wants_json():
        return jsonify({"error": {"status": code, "title": title, "message": message}}), code
    return render_template("errors/error.html", code=code, title=title, message=message), code


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return render_error(
            400,
            _l("The form has expired"),
            _l(
                "For your security the form could not be sent. Go back, reload the page and try again. Nothing was saved."
            ),
        )

    @app.errorhandler(SakradError)
    def domain_error(error: SakradError):
        # A refused use case that no view turned into a form message: same status, friendly page.
        message = error.message if error.message != error.code else None
        return render_error(error.status, message=message)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        code = error.code or 500
        if code not in MESSAGES:
            return error
        description = getattr(error, "sakrad_message", None)
        return render_error(code, message=description)

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        app.logger.exception("unhandled error on %s", request.path)
        from sakrad.extensions import db

        db.session.rollback()
        return render_error(500)
