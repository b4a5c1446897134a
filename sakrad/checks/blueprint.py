"""The check-your-answers blueprint: one page before each irreversible or public step
(``views``; the selection's in ``selection_views``)."""

from flask import Blueprint

bp = Blueprint("checks", __name__)

from sakrad.checks import selection_views, views  # noqa: E402, F401  (the routes)
