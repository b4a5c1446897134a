"""The meetings blueprint: meetings (``views``) and their sessions and agendas (``agenda_views``)."""

from flask import Blueprint

bp = Blueprint("meetings", __name__)

from sakrad.meetings import agenda_views, views  # noqa: E402, F401  (the routes)
