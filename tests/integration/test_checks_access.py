"""The check-your-answers pages, the self-assessment, the personal links and the minutes PDF
for each role: anonymous, representative, civil servant of this and of another body, admin."""

from __future__ import annotations

import pytest

from sakrad.meetings.models import MeetingState
from tests.access import LOGIN, ROLES, emails_and_ids, role_users, route_access_test
from tests.cycles_factories import owned_meeting
from tests.snapshots import built_once

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
@built_once
def people(app):
    with app.app_context():
        body, other, owner, cycle, meeting, item = owned_meeting(MeetingState.ANNOUNCED)
        from sakrad.extensions import db

        db.session.commit()
        users = role_users(body, other, civil_servant=owner)
        return emails_and_ids(users, cycle=cycle.id, meeting=meeting.id, item=item.id)


test_route_access = route_access_test(ROUTES)
