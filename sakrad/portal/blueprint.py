"""The public blueprint: every page of the portal, the open-data CSV files, the feeds and
calendars. Each route module reads published data only through ``portal/<area>.py`` (and
those through ``portal/rules.py``), so nothing unpublished can leak from a page that forgot
a filter."""

from __future__ import annotations

from typing import cast

from flask import Blueprint, Flask

from sakrad.portal import cache

bp = Blueprint("portal", __name__)
# The page and count caches (Flask-Caching), bound when the app registers the blueprint.
# (state.app is typed as the sans-io App; blueprints here register on a Flask app only.)
bp.record_once(lambda state: cache.init_app(cast(Flask, state.app)))

# The route modules, in the order of the dialogue cycle.
from sakrad.portal import (  # noqa: E402, F401
    cycles_views,
    exports_views,
    feeds_views,
    history_views,
    invitations_views,
    meetings_views,
    minutes_pdf_views,
    minutes_views,
    organisations_views,
    proposals_views,
    search_views,
    selection_views,
    views,
)
