"""Public pages of dialogue cycles: /cycles and /cycles/<id>."""

from __future__ import annotations

from flask import abort, render_template, request

from sakrad.accounts import service as accounts
from sakrad.portal import cycles as portal_cycles
from sakrad.portal import meetings as portal_meetings
from sakrad.portal import page_cache
from sakrad.portal.blueprint import bp


@bp.get("/cycles")
@page_cache.cacheable
def cycles():
    year = request.args.get("year", type=int)
    body_id = request.args.get("body", type=int)
    return render_template(
        "portal/cycles/index.html",
        cycles=portal_cycles.public_cycles(convening_body_id=body_id, year=year),
        years=portal_cycles.public_years(),
        bodies=accounts.list_bodies(active_only=True),
        year=year,
        body_id=body_id,
    )


@bp.get("/cycles/<int:cycle_id>")
@page_cache.cacheable
def cycle(cycle_id: int):
    cycle = portal_cycles.public_cycle(cycle_id) or abort(404)
    return render_template(
        "portal/cycles/cycle.html",
        cycle=cycle,
        meetings=portal_meetings.public_meetings(cycle_id=cycle.id),
    )
