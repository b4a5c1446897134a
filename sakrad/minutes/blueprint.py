"""The minutes blueprint: minutes and the outcome (``views``), documents (``document_views``) and the review round (``review_views``)."""

from flask import Blueprint

bp = Blueprint("minutes", __name__)

from sakrad.minutes import (  # noqa: E402, F401  (the routes)
    document_views,
    review_link_views,
    review_views,
    views,
)
