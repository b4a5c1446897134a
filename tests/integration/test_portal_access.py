"""The public side, the open data and the ways in, for each role: anonymous, representative,
civil servant of this and of another body, admin. Everything public answers the same to all."""

from __future__ import annotations

import pytest

from tests.access import LOGIN, ROLES, emails_and_ids, role_users, route_access_test
from tests.helpers import make_body
from tests.portal_factories import make_world
from tests.snapshots import built_once

PUBLIC = dict.fromkeys(ROLES, 200)
SIGNED_IN = {**dict.fromkeys(ROLES, 200), "anonymous": LOGIN}
ANONYMOUS_ONLY = {**dict.fromkeys(ROLES, 302), "anonymous": 200}

ROUTES = [
    ("GET", "/healthz", PUBLIC),
    ("GET", "/search?q=etablering", PUBLIC),
    ("GET", "/open-data", PUBLIC),
    ("GET", "/open-data/meetings.csv", PUBLIC),
    ("GET", "/calendar.ics", PUBLIC),
    ("GET", "/calendar/{body_slug}.ics", PUBLIC),
    ("GET", "/feeds/meetings.atom", PUBLIC),
    ("GET", "/feeds/bodies/{body_slug}.atom", PUBLIC),
    ("GET", "/feeds/cycles/{cycle}.atom", PUBLIC),
    ("GET", "/api/v1/openapi.json", PUBLIC),
    ("GET", "/api/v1/cycles", PUBLIC),
    ("GET", "/api/v1/cycles/{cycle}", PUBLIC),
    ("GET", "/api/v1/meetings", PUBLIC),
    ("GET", "/api/v1/meetings/{meeting}", PUBLIC),
    ("GET", "/api/v1/organisations", PUBLIC),
    ("GET", "/api/v1/organisations/{organisation}", PUBLIC),
    ("GET", "/api/v1/proposals", PUBLIC),
    # The language switch leads back to the page it was asked from.
    ("GET", "/language/en", dict.fromkeys(ROLES, 303)),
    # A form posted without its fields is shown again with errors, never a 500.
    ("POST", "/login", {**dict.fromkeys(ROLES, 302), "anonymous": 200}),
    # Staff have no organisation to register; a representative registers another one.
    ("POST", "/register", {**dict.fromkeys(ROLES, 403), "anonymous": 200, "org_rep": 200}),
    ("POST", "/account/password", SIGNED_IN),
    # An answer link that does not exist is a 404 for everybody.
    ("POST", "/answer/not-a-token", dict.fromkeys(ROLES, 404)),
]


@pytest.fixture
@built_once
def people(app):
    with app.app_context():
        world = make_world(with_secrets=False)
        users = role_users(world.body, make_body("Kulturdepartementet"))
        return emails_and_ids(
            users,
            body_slug=world.body.slug,
            cycle=world.cycle.id,
            meeting=world.meeting.id,
            organisation=world.organisations[0].id,
        )


test_route_access = route_access_test(ROUTES)
