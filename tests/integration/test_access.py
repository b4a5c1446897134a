"""Every route of the foundation for each role: anonymous, representative, civil servant
of this and of another body, admin."""

from __future__ import annotations

import pytest

from tests.access import LOGIN, ROLES, emails_and_ids, expect, role_users, route_access_test
from tests.helpers import make_body
from tests.snapshots import built_once

# (method, path, {role: expected status}); "login" means a redirect to the login page.
ROUTES = [
    ("GET", "/", dict.fromkeys(ROLES, 200)),
    ("GET", "/about", dict.fromkeys(ROLES, 200)),
    ("GET", "/login", expect(302, anonymous=200)),
    ("GET", "/dashboard/", expect(200, anonymous=LOGIN)),
    ("GET", "/account/password", expect(200, anonymous=LOGIN)),
    ("POST", "/logout", expect(303, anonymous=LOGIN)),
]
ADMIN_ONLY = [
    ("GET", "/admin/"),
    ("GET", "/admin/users"),
    ("GET", "/admin/users/new"),
    ("POST", "/admin/users/new"),
    ("POST", "/admin/users/{rep_id}/active/0"),
    ("GET", "/admin/bodies"),
    ("GET", "/admin/bodies/new"),
    ("POST", "/admin/bodies/new"),
    ("POST", "/admin/bodies/{body_id}/active/0"),
    ("GET", "/admin/audit/"),
    ("GET", "/admin/outbox/"),
    ("POST", "/admin/outbox/retry"),
]
ROUTES += [
    (method, path, expect(403, anonymous=LOGIN, admin=(200, 302, 303)))
    for method, path in ADMIN_ONLY
]


@pytest.fixture
@built_once
def people(app):
    with app.app_context():
        body = make_body("Arbetsmarknadsdepartementet")
        other = make_body("Kulturdepartementet")
        users = role_users(body, other)
        return emails_and_ids(users, rep_id=users["org_rep"].id, body_id=body.id)


test_route_access = route_access_test(ROUTES)
