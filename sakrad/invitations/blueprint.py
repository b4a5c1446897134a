"""The invitations blueprint: civil servants' pages (``views``), answering (``answer_views``)
and recording attendance (``attendance_views``)."""

from flask import Blueprint

bp = Blueprint("invitations", __name__)

from sakrad.invitations import answer_views, attendance_views, views  # noqa: E402, F401
