"""The public side, the open data and the ways in, for each role: anonymous, representative,
civil servant of this and of another body, admin. Everything public answers the same to all."""

from __future__ import annotations

import pytest

from sakrad.accounts.models import Role
from tests.access import LOGIN, assert_status, request_as
from tests.cycles_factories import staff_of
from tests.helpers import make_body, make_user
from tests.portal_factories import make_world

ROLES = ("anonymous", "org_rep", "civil_servant", "other_civil_servant", "admin")
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
def people(app):
    with app.app_context():
        world = make_world(with_secrets=False)
        other = make_body("Kulturdepartementet")
        users = {
            "org_rep": make_user(Role.ORG_REP),
            "civil_servant": staff_of(world.body),
            "other_civil_servant": staff_of(other),
            "admin": make_user(Role.ADMIN),
        }
        return {
            "emails": {k: u.email for k, u in users.items()},
            "ids": {
                "body_slug": world.body.slug,
                "cycle": world.cycle.id,
                "meeting": world.meeting.id,
                "organisation": world.organisations[0].id,
            },
        }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method,path,expected", ROUTES, ids=[f"{m} {p}" for m, p, _ in ROUTES])
def test_route_access(client, auth, people, role, method, path, expected):
    url = path.format(**people["ids"])
    response = request_as(client, auth, people["emails"].get(role), method, url)
    assert_status(response, expected[role])
