"""Every route of the foundation for each role: anonymous, representative, civil servant
of this and of another body, admin."""

from __future__ import annotations

import pytest

from sakrad.accounts.models import Role
from tests.access import assert_status, request_as
from tests.helpers import make_body, make_user

ROLES = ("anonymous", "org_rep", "civil_servant", "other_civil_servant", "admin")

# (method, path, {role: expected status}); "login" means a redirect to the login page.
ROUTES = [
    ("GET", "/", dict.fromkeys(ROLES, 200)),
    ("GET", "/about", dict.fromkeys(ROLES, 200)),
    (
        "GET",
        "/login",
        {
            "anonymous": 200,
            "org_rep": 302,
            "civil_servant": 302,
            "other_civil_servant": 302,
            "admin": 302,
        },
    ),
    (
        "GET",
        "/dashboard/",
        {
            "anonymous": "login",
            "org_rep": 200,
            "civil_servant": 200,
            "other_civil_servant": 200,
            "admin": 200,
        },
    ),
    (
        "GET",
        "/account/password",
        {
            "anonymous": "login",
            "org_rep": 200,
            "civil_servant": 200,
            "other_civil_servant": 200,
            "admin": 200,
        },
    ),
    (
        "POST",
        "/logout",
        {
            "anonymous": "login",
            "org_rep": 303,
            "civil_servant": 303,
            "other_civil_servant": 303,
            "admin": 303,
        },
    ),
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
for method, path in ADMIN_ONLY:
    ROUTES.append(
        (
            method,
            path,
            {
                "anonymous": "login",
                "org_rep": 403,
                "civil_servant": 403,
                "other_civil_servant": 403,
                "admin": (200, 302, 303),
            },
        )
    )


@pytest.fixture
def people(app):
    with app.app_context():
        body = make_body("Arbetsmarknadsdepartementet")
        other = make_body("Kulturdepartementet")
        users = {
            "org_rep": make_user(Role.ORG_REP),
            "civil_servant": make_user(Role.CIVIL_SERVANT, body=body),
            "other_civil_servant": make_user(Role.CIVIL_SERVANT, body=other),
            "admin": make_user(Role.ADMIN),
        }
        return {
            "emails": {k: u.email for k, u in users.items()},
            "rep_id": users["org_rep"].id,
            "body_id": body.id,
        }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method,path,expected", ROUTES, ids=[f"{m} {p}" for m, p, _ in ROUTES])
def test_route_access(client, auth, people, role, method, path, expected):
    url = path.format(rep_id=people["rep_id"], body_id=people["body_id"])
    response = request_as(client, auth, people["emails"].get(role), method, url)
    assert_status(response, expected[role])
