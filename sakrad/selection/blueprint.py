"""The selection blueprint: civil servants' pages under /manage/meetings/<id>/selection (the
setup, the running jobs, a confirmed selection) and representatives' interest registration."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("selection", __name__)

from sakrad.selection import (  # noqa: E402, F401  (route modules on this blueprint)
    interest_views,
    views,
    views_jobs,
)
