"""The public blueprint. Each area adds its public routes in ``portal/<area>_views.py`` and
reads published data only through ``portal/<area>.py``, so nothing unpublished can leak by
accident from a page that forgot a filter."""

from __future__ import annotations

import importlib

from flask import Blueprint, render_template

bp = Blueprint("portal", __name__)


@bp.get("/")
def home():
    from sakrad.portal import home as portal_home

    return render_template(
        "portal/home.html",
        upcoming=portal_home.upcoming_meetings(),
        documentation=portal_home.recent_documentation(),
        open_calls=portal_home.open_calls(),
    )


@bp.get("/about")
def about():
    return render_template("portal/about.html")


# Public routes of each area, in the order of the dialogue cycle.
AREA_VIEW_MODULES = (
    "sakrad.portal.cycles_views",
    "sakrad.portal.meetings_views",
    "sakrad.portal.organisations_views",
    "sakrad.portal.proposals_views",
    "sakrad.portal.selection_views",
    "sakrad.portal.invitations_views",
    "sakrad.portal.minutes_views",
    "sakrad.portal.search_views",
    "sakrad.portal.feeds_views",
)

for _name in AREA_VIEW_MODULES:
    try:
        importlib.import_module(_name)
    except ModuleNotFoundError as _exc:
        if _exc.name != _name:
            raise
