"""The archive blueprint: archival packages of closed cycles for their convening body."""

from flask import Blueprint

bp = Blueprint("archive", __name__, url_prefix="/admin/archive")

from sakrad.archive import views  # noqa: E402, F401  (the routes)
