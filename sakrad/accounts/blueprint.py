"""The accounts blueprints: logging in (``views``) and the administrator's pages for accounts and convening bodies (``admin_views``)."""

from flask import Blueprint

bp = Blueprint("accounts", __name__)
admin_bp = Blueprint("admin", __name__, url_prefix="/admin")
# A person's login sessions (their own page, and the admin ending all of a user's).
sessions_bp = Blueprint("sessions", __name__)

from sakrad.accounts import admin_views, session_views, views  # noqa: E402, F401  (the routes)
