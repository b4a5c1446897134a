"""The privacy blueprint: public pages (notice, accessibility, contact) and admin pages."""

from flask import Blueprint

bp = Blueprint("privacy", __name__)

from sakrad.privacy import views_admin, views_public  # noqa: E402, F401
