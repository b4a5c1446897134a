"""The blueprint of the read-only open-data API under ``/api/v1``: its JSON errors and
headers. The routes are in ``views.py``."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from sakrad.errors import Invalid, SakradError

bp = Blueprint("api", __name__, url_prefix="/api/v1")

API_PREFIX = "/api/"


def error_response(status: int, message: str, field: str | None = None) -> tuple[Response, int]:
    """The API's error body (``Error`` in the OpenAPI description), with the status."""
    body = {"error": {"status": status, "message": str(message), "field": field}}
    return jsonify(body), status


@bp.errorhandler(SakradError)
def _domain_error(exc: SakradError):
    field = exc.field
    if field is None and isinstance(exc, Invalid) and exc.errors:
        field = next(iter(exc.errors))
    return error_response(exc.status, exc.message, field)


@bp.errorhandler(HTTPException)
def _http_error(exc: HTTPException):
    response, status = error_response(exc.code or 500, exc.description or exc.name)
    if isinstance(exc, MethodNotAllowed) and exc.valid_methods:
        response.headers["Allow"] = ", ".join(exc.valid_methods)
    return response, status


@bp.after_request
def _headers(response: Response) -> Response:
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers.setdefault("Cache-Control", "public, max-age=60")
    return response


@bp.after_app_request
def _error_headers(response: Response) -> Response:
    """Errors are not cacheable, and a 405 names the methods that are allowed: also when
    routing failed before any blueprint was chosen (an unknown path or method)."""
    if response.status_code == 405 and "Allow" not in response.headers:
        exc = request.routing_exception
        if isinstance(exc, MethodNotAllowed) and exc.valid_methods:
            response.headers["Allow"] = ", ".join(sorted(exc.valid_methods))
    if response.status_code >= 400 and request.path.startswith(API_PREFIX):
        response.headers["Cache-Control"] = "no-store"
    return response


from sakrad.api import views  # noqa: E402, F401  (the routes)
