"""The route × role tables' one way of checking a response (every *_access.py module uses it).

A table row is ``(method, path, expected)`` or ``(method, path, data, expected)``; ``expected``
maps each role to a status, a tuple of allowed statuses, or ``LOGIN`` (a redirect to the login
page). ``tests/integration/test_route_coverage.py`` fails when a route of the application has no
row in any table.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from sakrad.accounts.models import Role
from tests.helpers import make_user

LOGIN = "login"
# The roles most tables check: nobody signed in, a representative, a civil servant of the
# body that owns the objects and one of another body, an administrator.
ROLES = ("anonymous", "org_rep", "civil_servant", "other_civil_servant", "admin")


def row_ids(routes: list[tuple]) -> list[str]:
    return [f"{row[0]} {row[1]}" for row in routes]


def expect(default: object, roles: tuple[str, ...] = ROLES, **by_role: object) -> dict:
    """What each of ``roles`` gets: ``default``, except for the roles named."""
    return {role: by_role.get(role, default) for role in roles}


def role_users(body, other_body, **given) -> dict[str, Any]:
    """A user for each role of ``ROLES`` (the civil servants of ``body`` and ``other_body``),
    except those ``given`` by role (the table's own users, and more roles it checks)."""
    makers = {
        "org_rep": lambda: make_user(Role.ORG_REP),
        "civil_servant": lambda: make_user(Role.CIVIL_SERVANT, body=body),
        "other_civil_servant": lambda: make_user(Role.CIVIL_SERVANT, body=other_body),
        "admin": lambda: make_user(Role.ADMIN),
    }
    users = {role: given.pop(role) if role in given else make() for role, make in makers.items()}
    return {**users, **given}


def emails_and_ids(users: dict[str, Any], **ids: Any) -> dict[str, Any]:
    """What a table's ``people`` fixture gives: each role's email, and the ``ids`` its paths
    are formatted with."""
    return {"emails": {role: user.email for role, user in users.items()}, "ids": ids}


def route_access_test(
    routes: list[tuple],
    roles: tuple[str, ...] = ROLES,
    also: Callable[[Any, str], None] | None = None,
):
    """The test of a table (module-level ``test_route_access = route_access_test(ROUTES)``):
    every row for every role, through the module's ``people`` fixture, gets what the row
    says; ``also`` checks more of each response (given the role)."""

    @pytest.mark.parametrize("role", roles)
    @pytest.mark.parametrize("row", routes, ids=row_ids(routes))
    def test_route_access(client, auth, people, role, row):
        method, path, expected = row[0], row[1], row[-1]
        url = path.format(**people["ids"])
        response = request_as(client, auth, people["emails"].get(role), method, url)
        assert_status(response, expected[role])
        if also is not None:
            also(response, role)

    return test_route_access


def request_as(client, auth, email: str | None, method: str, url: str, data: Any = None):
    """Log in as ``email`` (None: stay anonymous) and make the request."""
    if email is not None:
        assert auth.login(email).status_code == 303
    return client.open(url, method=method, data=data)


def assert_status(response, want: object) -> None:
    """The response is what the table says this role gets."""
    if want == LOGIN:
        assert response.status_code == 302
        assert "/login" in response.headers["Location"]
    elif isinstance(want, tuple):
        assert response.status_code in want, response.get_data(as_text=True)[:500]
    else:
        assert response.status_code == want, response.get_data(as_text=True)[:500]
