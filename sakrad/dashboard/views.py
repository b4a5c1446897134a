"""The logged-in start page. Each package may add a section for the roles it concerns."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user

from sakrad.accounts.access import login_required
from sakrad.accounts.models import User
from sakrad.cycles import dashboard as cycles_dashboard
from sakrad.dashboard.blueprint import bp
from sakrad.followup import dashboard as followup_dashboard
from sakrad.invitations import dashboard as invitations_dashboard
from sakrad.minutes import dashboard as minutes_dashboard
from sakrad.organisations import dashboard as organisations_dashboard
from sakrad.organisations.service import organisations_of
from sakrad.proposals import dashboard as proposals_dashboard
from sakrad.selection import dashboard as selection_dashboard

# Each section is ``section(user) -> dict | None``: a dict with ``template`` (a partial) plus
# whatever the partial needs; None when it has nothing to show. In the order of the cycle.
SECTIONS = (
    organisations_dashboard.section,
    cycles_dashboard.section,
    proposals_dashboard.section,
    selection_dashboard.section,
    invitations_dashboard.section,
    minutes_dashboard.section,
    followup_dashboard.section,
)


def _sections(user: User) -> list[dict]:
    return [section for section in (make(user) for make in SECTIONS) if section]


@bp.get("/")
@login_required
def index():
    organisations = organisations_of(current_user) if current_user.is_org_rep else []
    return render_template(
        "dashboard/index.html", organisations=organisations, sections=_sections(current_user)
    )
