"""Every invitation route for each role: anonymous, a representative of the invited
organisation and of another, a civil servant of the meeting's body and of another, admin."""

from __future__ import annotations

import pytest

from sakrad.invitations.models import InvitationState
from tests.access import LOGIN, emails_and_ids, expect, role_users, route_access_test
from tests.helpers import make_body
from tests.invitations_factories import invite, org_with_rep, staff_meeting
from tests.snapshots import built_once

ROLES = ("anonymous", "org_rep", "other_org_rep", "civil_servant", "other_civil_servant", "admin")
STAFF_OK = (200, 302, 303)


def staff(ok=STAFF_OK) -> dict:
    return expect(403, ROLES, anonymous=LOGIN, civil_servant=ok, admin=ok)


# The answer page is the invited organisation's representative's only.
OWN_REP = expect(403, ROLES, anonymous=LOGIN, org_rep=200)


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
    ("GET", "/invitations/{invitation_id}/answer", OWN_REP),
    # No action chosen: refused, but past the access check.
    ("POST", "/invitations/{invitation_id}/answer", {**OWN_REP, "org_rep": 400}),
    ("GET", "/manage/meetings/999999/invitations", {**staff(404), "other_civil_servant": 404}),
]


@pytest.fixture
@built_once
def people(app):
    with app.app_context():
        meeting, servant = staff_meeting()
        org, rep = org_with_rep()
        _other_org, other_rep = org_with_rep()
        invitation, token = invite(meeting, org, state=InvitationState.SENT)
        users = role_users(
            None,
            make_body(),
            org_rep=rep,
            other_org_rep=other_rep,
            civil_servant=servant,
        )
        return emails_and_ids(
            users, meeting_id=meeting.id, invitation_id=invitation.id, token=token
        )


test_route_access = route_access_test(ROUTES, ROLES)
