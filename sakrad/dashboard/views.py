"""The logged-in start page. Each package may add a section for the roles it concerns."""

from __future__ import annotations

import importlib

from flask import Blueprint, render_template
from flask_login import current_user

from sakrad.accounts.access import login_required
from sakrad.organisations.service import organisations_of

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")

# A package offers ``<package>.dashboard.section(user) -> dict | None``: a dict with
# ``template`` (a partial) plus whatever the partial needs; None when it has nothing to show.
SECTION_MODULES = (
    "sakrad.organisations.dashboard",
    "sakrad.cycles.dashboard",
    "sakrad.meetings.dashboard",
    "sakrad.proposals.dashboard",
    "sakrad.selection.dashboard",
    "sakrad.invitations.dashboard",
    "sakrad.minutes.dashboard",
    "sakrad.followup.dashboard",
)


def _sections(user) -> list[dict]:  # noqa: ANN001
    sections = []
    for name in SECTION_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        section = module.section(user)
        if section:
            sections.append(section)
    return sections


@bp.get("/")
@login_required
def index():
    organisations = organisations_of(current_user) if current_user.is_org_rep else []
    return render_template(
        "dashboard/index.html", organisations=organisations, sections=_sections(current_user)
    )
