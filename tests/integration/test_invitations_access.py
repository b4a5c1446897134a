"""Every invitation route for each role: anonymous, a representative of the invited
organisation and of another, a civil servant of the meeting's body and of another, admin."""

from __future__ import annotations

import pytest

from sakrad.accounts.models import Role
from sakrad.invitations.models import InvitationState
from tests.access import assert_status, request_as
from tests.helpers import make_body, make_user
from tests.invitations_factories import invite, org_with_rep, staff_meeting

ROLES = ("anonymous", "org_rep", "other_org_rep", "civil_servant", "other_civil_servant", "admin")
STAFF_OK = (200, 302, 303)


def staff(ok=STAFF_OK) -> dict:
    return {
        "anonymous": "login",
        "org_rep": 403,
        "other_org_rep": 403,
        "civil_servant": ok,
        "other_civil_servant": 403,
        "admin": ok,
    }


BASE = "/manage/meetings/{meeting_id}/invitations"
ROUTES = [
    ("GET", BASE, staff()),
    ("GET", BASE + "/from-selection", staff()),
    ("POST", BASE + "/from-selection", staff()),
    ("GET", BASE + "/new", staff()),
    ("POST", BASE + "/new", staff()),
    ("POST", BASE + "/send", staff()),
    ("POST", BASE + "/remind", staff()),
    ("GET", BASE + "/{invitation_id}/withdraw", staff()),
    ("POST", BASE + "/{invitation_id}/withdraw", staff()),
    ("POST", BASE + "/{invitation_id}/reserve", staff()),
    ("POST", BASE + "/settings", staff()),
    ("GET", "/manage/meetings/{meeting_id}/invitations.csv", staff()),
    ("GET", BASE + "/attendance", staff()),
    ("POST", BASE + "/attendance", staff()),
    ("GET", "/answer/{token}", dict.fromkeys(ROLES, 200)),
    ("GET", "/answer/not-a-token", dict.fromkeys(ROLES, 404)),
    (
        "GET",
        "/invitations/{invitation_id}/answer",
        {
            "anonymous": "login",
            "org_rep": 200,
            "other_org_rep": 403,
            "civil_servant": 403,
            "other_civil_servant": 403,
            "admin": 403,
        },
    ),
    (
        "POST",
        "/invitations/{invitation_id}/answer",
        {
            "anonymous": "login",
            "org_rep": 400,  # no action chosen: refused, but past the access check
            "other_org_rep": 403,
            "civil_servant": 403,
            "other_civil_servant": 403,
            "admin": 403,
        },
    ),
    ("GET", "/manage/meetings/999999/invitations", {**staff(404), "other_civil_servant": 404}),
]


@pytest.fixture
def people(app):
    with app.app_context():
        meeting, servant = staff_meeting()
        org, rep = org_with_rep()
        _other_org, other_rep = org_with_rep()
        invitation, token = invite(meeting, org, state=InvitationState.SENT)
        users = {
            "org_rep": rep,
            "other_org_rep": other_rep,
            "civil_servant": servant,
            "other_civil_servant": make_user(Role.CIVIL_SERVANT, body=make_body()),
            "admin": make_user(Role.ADMIN),
        }
        return {
            "emails": {k: u.email for k, u in users.items()},
            "values": {
                "meeting_id": meeting.id,
                "invitation_id": invitation.id,
                "token": token,
            },
        }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method,path,expected", ROUTES, ids=[f"{m} {p}" for m, p, _ in ROUTES])
def test_route_access(client, auth, people, role, method, path, expected):
    url = path.format(**people["values"])
    response = request_as(client, auth, people["emails"].get(role), method, url)
    assert_status(response, expected[role])
