"""The shell blueprint (the language switch); its route is in ``views``."""

from flask import Blueprint

bp = Blueprint("shell", __name__)

from sakrad.shell import views  # noqa: E402, F401  (the routes)
