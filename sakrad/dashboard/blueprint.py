"""The dashboard blueprint; its routes are in ``views``."""

from flask import Blueprint

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")

from sakrad.dashboard import views  # noqa: E402, F401  (the routes)
