"""The organisations blueprints: registration and profiles (``views``) and the civil servants' registry (``admin_views``)."""

from flask import Blueprint

bp = Blueprint("organisations", __name__)
registry_bp = Blueprint("registry", __name__, url_prefix="/registry")

from sakrad.organisations import admin_views, views  # noqa: E402, F401  (the routes)
