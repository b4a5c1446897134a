"""The database going away: a friendly 503 with ``Retry-After`` instead of a server error,
and a readiness endpoint that includes the database.

``/healthz`` (portal) stays a cheap liveness check for the load balancer: the process
answers. ``/readyz`` also runs ``SELECT 1``, so an orchestrator can hold traffic back while
the database is unreachable. Connections broken by a database restart are noticed by
``pool_pre_ping`` and replaced, so the app recovers by itself once the database is back.
"""

from __future__ import annotations

import contextlib

import sqlalchemy as sa
from flask import Blueprint, Flask, Response, current_app, g
from flask_babel import lazy_gettext as _l

from sakrad.extensions import db

bp = Blueprint("health", __name__)

RETRY_AFTER_SECONDS = 5
# Errors that mean "the database cannot be reached (right now)", not a bug in a query.
UNAVAILABLE = (sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.TimeoutError)

TITLE = _l("Temporarily unavailable")
MESSAGE = _l(
    "The service cannot reach its database right now. Nothing you sent was saved. "
    "Wait a few seconds and try again."
)


@bp.get("/readyz")
def readyz():
    try:
        with db.engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except Exception as exc:
        current_app.logger.warning("readiness check failed: %s", exc)
        return Response(
            "database unavailable\n",
            status=503,
            mimetype="text/plain",
            headers={"Retry-After": str(RETRY_AFTER_SECONDS), "Cache-Control": "no-store"},
        )
    return Response("ready\n", mimetype="text/plain", headers={"Cache-Control": "no-store"})


def unavailable_response():
    """The friendly page (or JSON for the API), rendered without touching the database."""
    from flask_login import AnonymousUserMixin

    from sakrad.shell.errors import render_error

    with contextlib.suppress(Exception):  # the connection is gone; nothing to undo
        db.session.rollback()
    # Rendering the page must not try to load the user from the database again.
    manager = current_app.extensions.get("login_manager")
    anonymous = manager.anonymous_user if manager is not None else AnonymousUserMixin
    g._login_user = anonymous()
    response, code = render_error(503, str(TITLE), str(MESSAGE))
    if not isinstance(response, Response):
        response = current_app.make_response(response)
    response.status_code = code
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    def handle(error: Exception):
        app.logger.warning("database unavailable: %s", error.__class__.__name__)
        return unavailable_response()

    for cls in UNAVAILABLE:
        app.register_error_handler(cls, handle)
