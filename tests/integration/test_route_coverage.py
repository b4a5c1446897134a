"""Every route of the application has a row in one of the route × role access tables."""

from __future__ import annotations

import importlib
import re

from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect

ACCESS_TABLES = (
    "tests.integration.test_access",
    "tests.integration.test_organisations_access",
    "tests.integration.test_meetings_access",
    "tests.integration.test_proposals_access",
    "tests.integration.test_selection_access",
    "tests.integration.test_invitations_access",
    "tests.integration.test_minutes_access",
    "tests.integration.test_portal_access",
    "tests.integration.test_checks_access",
    "tests.integration.test_privacy_access",
)


def _concrete(path: str) -> str:
    """A table path with its placeholders filled in, enough for the URL map to match it."""
    return re.sub(r"\{[^}]*\}", "1", path).split("?")[0]


def covered_endpoints(app) -> set[tuple[str, str]]:
    adapter = app.url_map.bind("localhost")
    covered = set()
    for name in ACCESS_TABLES:
        for row in importlib.import_module(name).ROUTES:
            method, path = row[0], row[1]
            try:
                endpoint, _ = adapter.match(_concrete(path), method=method)
            except RequestRedirect as redirect:
                endpoint, _ = adapter.match(
                    redirect.new_url.split("localhost", 1)[1], method=method
                )
            except (NotFound, MethodNotAllowed) as exc:
                raise AssertionError(f"table row {method} {path} matches no route") from exc
            covered.add((endpoint, method))
    return covered


def test_every_route_has_a_row_in_an_access_table(app):
    covered = covered_endpoints(app)
    missing = sorted(
        f"{method} {rule.rule} ({rule.endpoint})"
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static"
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})
        if (rule.endpoint, method) not in covered
    )
    assert not missing, "routes without an access row:\n" + "\n".join(missing)
