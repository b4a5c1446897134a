"""The proposals blueprint; its routes are in ``views``."""

from flask import Blueprint

bp = Blueprint("proposals", __name__, url_prefix="/proposals")

from sakrad.proposals import views  # noqa: E402, F401  (the routes)
