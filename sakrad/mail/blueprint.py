"""The outbox blueprint (administrators); its routes are in ``views``."""

from flask import Blueprint

bp = Blueprint("mail", __name__, url_prefix="/admin/outbox")

from sakrad.mail import views  # noqa: E402, F401  (the routes)
