"""The minutes blueprint: minutes and the outcome (``views``), documents (``document_views``) and the review round (``review_views``)."""

from flask import Blueprint

bp = Blueprint("minutes", __name__)

from sakrad.minutes import document_views, review_views, views  # noqa: E402, F401  (the routes)
