"""The check-your-answers pages, the self-assessment, the personal links and the minutes PDF
for each role: anonymous, representative, civil servant of this and of another body, admin."""

from __future__ import annotations

import pytest

from sakrad.accounts.models import Role
from sakrad.cycles.models import CycleState
from sakrad.meetings import agenda
from sakrad.meetings.models import MeetingState
from tests.access import LOGIN, assert_status, request_as
from tests.cycles_factories import make_cycle, make_meeting, staff_of
from tests.helpers import make_body, make_user

ROLES = ("anonymous", "org_rep", "civil_servant", "other_civil_servant", "admin")
OK = (200, 302, 303)
# Only the convening body's own civil servants (and the admin) reach a meeting's checks.
OWNER = {
    "anonymous": LOGIN,
    "org_rep": 403,
    "civil_servant": OK,
    "other_civil_servant": 403,
    "admin": OK,
}
NOWHERE = dict.fromkeys(ROLES, 404)
# Posted without its fields, a check page is shown again (400, nothing done); the
# self-assessment posted without the version it was loaded at is a conflict (409, nothing saved).
OWNER_UNCONFIRMED = {**OWNER, "civil_servant": 400, "admin": 400}
OWNER_WITHOUT_VERSION = {**OWNER, "civil_servant": 409, "admin": 409}

ROUTES = [
    ("GET", "/manage/meetings/{meeting}/invitations/send/check", OWNER),
    ("POST", "/manage/meetings/{meeting}/invitations/send/check", OWNER_UNCONFIRMED),
    ("GET", "/manage/meetings/{meeting}/items/{item}/delete/check", OWNER),
    ("GET", "/manage/meetings/{meeting}/minutes/publish/check", OWNER),
    ("POST", "/manage/meetings/{meeting}/minutes/publish/check", OWNER),
    ("POST", "/manage/meetings/{meeting}/cancel/check", OWNER),
    ("POST", "/manage/meetings/{meeting}/selection/check", OWNER),
    ("GET", "/proposals/cycle/{cycle}/publish/check", OWNER),
    ("POST", "/proposals/cycle/{cycle}/publish/check", OWNER_UNCONFIRMED),
    ("GET", "/manage/meetings/{meeting}/feedback", OWNER),
    ("POST", "/manage/meetings/{meeting}/feedback", OWNER_WITHOUT_VERSION),
    # A personal link that was never issued is a 404 for everybody, signed in or not.
    ("GET", "/feedback/not-a-token", NOWHERE),
    ("POST", "/feedback/not-a-token", NOWHERE),
    ("GET", "/minutes/review/link/not-a-token", NOWHERE),
    ("POST", "/minutes/review/link/not-a-token", NOWHERE),
    # No minutes are published for this meeting: there is no PDF to download.
    ("GET", "/meetings/{meeting}/minutes.pdf", NOWHERE),
]


@pytest.fixture
def people(app):
    with app.app_context():
        body = make_body("Arbetsmarknadsdepartementet")
        other = make_body("Kulturdepartementet")
        owner = staff_of(body)
        cycle = make_cycle(body, user=owner, state=CycleState.OPEN)
        meeting = make_meeting(cycle, user=owner, state=MeetingState.ANNOUNCED)
        item = agenda.add_item(owner, meeting.sessions[0], title="Punkt", duration_minutes=10)
        from sakrad.extensions import db

        db.session.commit()
        users = {
            "org_rep": make_user(Role.ORG_REP),
            "civil_servant": owner,
            "other_civil_servant": staff_of(other),
            "admin": make_user(Role.ADMIN),
        }
        return {
            "emails": {k: u.email for k, u in users.items()},
            "ids": {"cycle": cycle.id, "meeting": meeting.id, "item": item.id},
        }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method,path,expected", ROUTES, ids=[f"{m} {p}" for m, p, _ in ROUTES])
def test_route_access(client, auth, people, role, method, path, expected):
    url = path.format(**people["ids"])
    response = request_as(client, auth, people["emails"].get(role), method, url)
    assert_status(response, expected[role])
