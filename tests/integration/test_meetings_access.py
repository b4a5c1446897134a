"""Every route of cycles and meetings for each role: anonymous, representative, civil servant
of this and of another convening body, admin."""

from __future__ import annotations

import pytest

from sakrad.meetings.models import MeetingState
from tests.access import LOGIN, ROLES, emails_and_ids, expect, role_users, route_access_test
from tests.cycles_factories import make_meeting, owned_meeting
from tests.snapshots import built_once

OK = (200, 302, 303)
STAFF = expect(OK, anonymous=LOGIN, org_rep=403)
OWNER = {**STAFF, "other_civil_servant": 403}
# What is not there is not there for staff; the others are stopped before they could know.
MISSING = expect(404, anonymous=LOGIN, org_rep=403)
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
    ("GET", "/manage/meetings/999999", MISSING),
    ("GET", "/manage/cycles/999999", MISSING),
]


@pytest.fixture
@built_once
def people(app):
    with app.app_context():
        body, other, owner, cycle, meeting, item = owned_meeting()
        public = make_meeting(cycle, user=owner, state=MeetingState.ANNOUNCED)
        from sakrad.meetings import agenda

        agenda.add_item(owner, meeting.sessions[0], title="Punkt 2", duration_minutes=10)
        from sakrad.extensions import db

        db.session.commit()
        users = role_users(body, other, civil_servant=owner)
        return emails_and_ids(
            users,
            cycle=cycle.id,
            meeting=meeting.id,
            public_meeting=public.id,
            session=meeting.sessions[0].id,
            item=item.id,
        )


test_route_access = route_access_test(ROUTES)
