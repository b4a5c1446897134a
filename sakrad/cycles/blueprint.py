"""The cycles blueprint; its routes are in ``views``."""

from flask import Blueprint

bp = Blueprint("cycles", __name__, url_prefix="/manage/cycles")

from sakrad.cycles import views  # noqa: E402, F401  (the routes)
