"""Every route of cycles and meetings for each role: anonymous, representative, civil servant
of this and of another convening body, admin."""

from __future__ import annotations

import pytest

from sakrad.accounts.models import Role
from sakrad.cycles.models import CycleState
from sakrad.meetings.models import MeetingState
from tests.access import assert_status, request_as
from tests.cycles_factories import make_cycle, make_meeting, staff_of
from tests.helpers import make_body, make_user

ROLES = ("anonymous", "org_rep", "civil_servant", "other_civil_servant", "admin")
OK = (200, 302, 303)
STAFF = {
    "anonymous": "login",
    "org_rep": 403,
    "civil_servant": OK,
    "other_civil_servant": OK,
    "admin": OK,
}
OWNER = {**STAFF, "other_civil_servant": 403}
PUBLIC = dict.fromkeys(ROLES, 200)

ROUTES = [
    ("GET", "/manage/cycles/", STAFF),
    ("GET", "/manage/cycles/new", STAFF),
    ("POST", "/manage/cycles/new", STAFF),
    ("GET", "/manage/cycles/{cycle}", OWNER),
    ("GET", "/manage/cycles/{cycle}/edit", OWNER),
    ("POST", "/manage/cycles/{cycle}/edit", OWNER),
    ("POST", "/manage/cycles/{cycle}/state/closed", OWNER),
    ("POST", "/manage/cycles/{cycle}/copy", OWNER),
    ("GET", "/manage/cycles/{cycle}/meetings/new", OWNER),
    ("POST", "/manage/cycles/{cycle}/meetings/new", OWNER),
    ("GET", "/manage/meetings/{meeting}", OWNER),
    ("GET", "/manage/meetings/{meeting}/edit", OWNER),
    ("POST", "/manage/meetings/{meeting}/edit", OWNER),
    ("GET", "/manage/meetings/{meeting}/expectations", OWNER),
    ("POST", "/manage/meetings/{meeting}/expectations", OWNER),
    ("POST", "/manage/meetings/{meeting}/state/announced", OWNER),
    ("GET", "/manage/meetings/{meeting}/cancel", OWNER),
    ("POST", "/manage/meetings/{meeting}/cancel", OWNER),
    ("GET", "/manage/meetings/{meeting}/sessions/new", OWNER),
    ("POST", "/manage/meetings/{meeting}/sessions/new", OWNER),
    ("GET", "/manage/meetings/{meeting}/sessions/{session}/edit", OWNER),
    ("POST", "/manage/meetings/{meeting}/sessions/{session}/edit", OWNER),
    ("POST", "/manage/meetings/{meeting}/sessions/{session}/delete", OWNER),
    ("GET", "/manage/meetings/{meeting}/sessions/{session}/items/new", OWNER),
    ("POST", "/manage/meetings/{meeting}/sessions/{session}/items/new", OWNER),
    ("GET", "/manage/meetings/{meeting}/items/{item}/edit", OWNER),
    ("POST", "/manage/meetings/{meeting}/items/{item}/edit", OWNER),
    ("POST", "/manage/meetings/{meeting}/items/{item}/move/up", OWNER),
    ("POST", "/manage/meetings/{meeting}/items/{item}/delete", OWNER),
    ("GET", "/cycles", PUBLIC),
    ("GET", "/cycles/{cycle}", PUBLIC),
    ("GET", "/meetings/{public_meeting}", PUBLIC),
    ("GET", "/meetings/{public_meeting}.ics", PUBLIC),
    ("GET", "/meetings/{meeting}", dict.fromkeys(ROLES, 404)),  # a draft
    ("GET", "/meetings/{meeting}.ics", dict.fromkeys(ROLES, 404)),
    (
        "GET",
        "/manage/meetings/999999",
        {**OWNER, "civil_servant": 404, "other_civil_servant": 404, "admin": 404},
    ),
    (
        "GET",
        "/manage/cycles/999999",
        {**OWNER, "civil_servant": 404, "other_civil_servant": 404, "admin": 404},
    ),
]


@pytest.fixture
def people(app):
    with app.app_context():
        body = make_body("Arbetsmarknadsdepartementet")
        other = make_body("Kulturdepartementet")
        owner = staff_of(body)
        cycle = make_cycle(body, user=owner, state=CycleState.OPEN)
        meeting = make_meeting(cycle, user=owner)
        public = make_meeting(cycle, user=owner, state=MeetingState.ANNOUNCED)
        from sakrad.meetings import agenda

        item = agenda.add_item(owner, meeting.sessions[0], title="Punkt", duration_minutes=10)
        agenda.add_item(owner, meeting.sessions[0], title="Punkt 2", duration_minutes=10)
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
            "ids": {
                "cycle": cycle.id,
                "meeting": meeting.id,
                "public_meeting": public.id,
                "session": meeting.sessions[0].id,
                "item": item.id,
            },
        }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method,path,expected", ROUTES, ids=[f"{m} {p}" for m, p, _ in ROUTES])
def test_route_access(client, auth, people, role, method, path, expected):
    url = path.format(**people["ids"])
    response = request_as(client, auth, people["emails"].get(role), method, url)
    assert_status(response, expected[role])
