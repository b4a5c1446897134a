"""The route × role tables' one way of checking a response (every *_access.py module uses it).

A table row is ``(method, path, expected)`` or ``(method, path, data, expected)``; ``expected``
maps each role to a status, a tuple of allowed statuses, or ``LOGIN`` (a redirect to the login
page). ``tests/integration/test_route_coverage.py`` fails when a route of the application has no
row in any table.
"""

from __future__ import annotations

from typing import Any

LOGIN = "login"


def row_ids(routes: list[tuple]) -> list[str]:
    return [f"{row[0]} {row[1]}" for row in routes]


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
