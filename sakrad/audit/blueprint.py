"""The audit blueprint: the administrator's view of the audit log."""

from flask import Blueprint

bp = Blueprint("audit", __name__, url_prefix="/admin/audit")

from sakrad.audit import views  # noqa: E402, F401  (the routes)
