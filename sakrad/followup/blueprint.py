from flask import Blueprint

bp = Blueprint("followup", __name__)

from sakrad.followup import views  # noqa: E402, F401
