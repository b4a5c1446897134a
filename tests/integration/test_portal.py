"""The portal home, search, CSV downloads and change history; access for every role."""

from __future__ import annotations

import csv
import io
import re

import pytest

from sakrad.accounts.models import Role
from sakrad.extensions import db
from tests.helpers import make_body, make_user
from tests.portal_factories import make_world
from tests.snapshots import built_once

ROLES = ("anonymous", "org_rep", "civil_servant", "other_civil_servant", "admin")


@pytest.fixture
@built_once
def world(app):
    with app.app_context():
        return make_world()


def _hits(client, **args) -> list[str]:
    response = client.get("/search", query_string=args)
    assert response.status_code == 200
    return re.findall(r'<h3><a href="([^"]+)"', response.data.decode())


# --- access ---------------------------------------------------------------------------------

PUBLIC_ROUTES = [
    "/",
    "/search?q=sakråd",
    "/open-data",
    "/open-data/meetings.csv",
    "/open-data/invitations.csv",
    "/open-data/proposals.csv",
    "/open-data/organisations.csv",
    "/feeds/meetings.atom",
    "/feeds/bodies/{body}.atom",
    "/feeds/cycles/{cycle}.atom",
    "/calendar.ics",
    "/calendar/{body}.ics",
    "/api/v1/openapi.json",
    "/api/v1/cycles",
    "/api/v1/cycles/{cycle}",
    "/api/v1/meetings",
    "/api/v1/meetings/{meeting}",
    "/api/v1/organisations",
    "/api/v1/organisations/{org}",
    "/api/v1/proposals",
    "/healthz",
]


@pytest.mark.parametrize("role", ROLES)
def test_public_routes_are_open_to_every_role(app, client, auth, world, role) -> None:
    with app.app_context():
        other = make_body()
        users = {
            "org_rep": make_user(Role.ORG_REP),
            "civil_servant": make_user(Role.CIVIL_SERVANT, body=db.session.merge(world.body)),
            "other_civil_servant": make_user(Role.CIVIL_SERVANT, body=other),
            "admin": make_user(Role.ADMIN),
        }
        emails = {k: u.email for k, u in users.items()}
    if role != "anonymous":
        assert auth.login(emails[role]).status_code in (302, 303)
    for path in PUBLIC_ROUTES:
        url = path.format(
            body=world.body.slug,
            cycle=world.cycle.id,
            meeting=world.meeting.id,
            org=world.organisations[0].id,
        )
        assert client.get(url).status_code == 200, (role, url)


@pytest.mark.parametrize(
    "path", ["/open-data/nothing.csv", "/feeds/cycles/999.atom", "/calendar/none.ics"]
)
def test_unknown_things_are_404(client, world, path) -> None:
    assert client.get(path).status_code == 404


# --- home -----------------------------------------------------------------------------------


def test_home_shows_upcoming_documentation_and_open_calls(client, world) -> None:
    page = client.get("/").data.decode()
    upcoming = page.split('id="home-upcoming"')[1].split("</section>")[0]
    assert "Sakråd om etablering på landsbygden" in upcoming
    assert "Sakråd om folkbildning" not in upcoming  # cancelled
    assert "Högnivåmöte om integration" not in upcoming  # held
    docs = page.split('id="home-documentation"')[1].split("</section>")[0]
    assert f"/meetings/{world.documented.id}#minutes" in docs
    calls = page.split('id="home-calls"')[1].split("</section>")[0]
    assert f"/cycles/{world.cycle.id}" in calls
    assert 'role="search"' in page and 'name="q"' in page
    assert "MARKER" not in page


# --- search ---------------------------------------------------------------------------------


def test_search_finds_each_kind_of_public_document(client, world) -> None:
    assert f"/meetings/{world.meeting.id}" in _hits(client, q="landsbygden")
    # the expectations card
    assert f"/meetings/{world.meeting.id}" in _hits(client, q="civilsamhällets kunskap")
    assert _hits(client, q="deltagarna diskuterade") == [f"/meetings/{world.documented.id}#minutes"]
    assert _hits(client, q="föreningar arbete") == [
        f"/cycles/{world.cycle.id}#proposal-{world.proposal.id}"
    ]
    assert _hits(client, q="Gotland")[0] == f"/organisations/{world.organisations[0].slug}"
    # a prefix is enough, and case and diacritics do not matter
    assert f"/meetings/{world.meeting.id}" in _hits(client, q="ETABLER")


def test_search_never_finds_unpublished_things(client, world) -> None:
    for marker in ("MARKER-DRAFT-MEETING", "MARKER-DRAFT-CYCLE", "MARKER-UNPUBLISHED-PROPOSAL",
                   "MARKER-UNPUBLISHED-RESPONSE", "MARKER-INTERNAL-NOTES", "MARKER-DRAFT-MINUTES",
                   "MARKER-DRAFT-OUTCOME", "MARKER-INTERNAL-DOCUMENT"):  # fmt: skip
        assert _hits(client, q=marker) == [], marker


def test_search_filters(client, world) -> None:
    meeting, documented = f"/meetings/{world.meeting.id}", f"/meetings/{world.documented.id}"
    assert _hits(client, type="meeting", kind="high_level") == [documented]
    assert _hits(client, type="meeting", status="cancelled") == [f"/meetings/{world.cancelled.id}"]
    assert set(_hits(client, type="meeting", county="12")) == {meeting, documented}
    assert set(_hits(client, type="meeting", county="09")) == {meeting, documented}
    assert _hits(client, type="meeting", county="01") == []
    assert len(_hits(client, type="meeting", year=2031, body=world.body.slug)) == 3
    assert _hits(client, type="meeting", year=2030) == []
    assert len(_hits(client, type="meeting", policy_area="Integration")) == 3
    bad = client.get("/search", query_string={"kind": "nonsense"})
    assert bad.status_code == 400 and "kind" in bad.data.decode()


def test_search_paginates(app, client, world) -> None:
    from tests.helpers import make_organisation

    with app.app_context():
        for n in range(25):
            make_organisation(f"Bygdeförening nummer {n}")
    first = _hits(client, q="bygdeförening")
    second = _hits(client, q="bygdeförening", page=2)
    assert len(first) == 20 and len(second) == 5 and not set(first) & set(second)
    page = client.get("/search?q=bygdeförening").data.decode()
    assert 'rel="next"' in page and "page=2" in page


def test_index_follows_changes(app, client, world) -> None:
    from sakrad.meetings.models import Meeting
    from sakrad.organisations.models import Organisation

    with app.app_context():
        m = db.session.get(Meeting, world.meeting.id)
        m.title = "Sakråd om skogsnäringen"
        org = db.session.get(Organisation, world.organisations[1].id)
        org.active = False
        db.session.commit()
    assert _hits(client, q="skogsnäringen") == [f"/meetings/{world.meeting.id}"]
    assert f"/meetings/{world.meeting.id}" not in _hits(client, q="landsbygden")
    assert _hits(client, q="Mångfald i Malmö") == []


def test_reindex_command_rebuilds_the_index(app, runner, client, world) -> None:
    with app.app_context():
        db.session.execute(db.text("DELETE FROM search_documents"))
        if db.engine.dialect.name == "sqlite":
            db.session.execute(db.text("DELETE FROM search_fts"))
        db.session.commit()
    assert _hits(client, q="landsbygden") == []
    result = runner.invoke(args=["sakrad", "search-reindex"])
    assert result.exit_code == 0, result.output
    assert "meeting: 3" in result.output
    assert f"/meetings/{world.meeting.id}" in _hits(client, q="landsbygden")


# --- CSV ------------------------------------------------------------------------------------


def _csv(client, name: str, **args) -> list[dict]:
    response = client.get(f"/open-data/{name}.csv", query_string=args)
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.data.startswith(b"\xef\xbb\xbf")  # a BOM, so spreadsheet programs read UTF-8
    return list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))


def test_csv_downloads(client, world) -> None:
    meetings = _csv(client, "meetings")
    assert {r["title"] for r in meetings} == {
        "Sakråd om etablering på landsbygden",
        "Högnivåmöte om integration",
        "Sakråd om folkbildning",
    }
    documented = next(r for r in meetings if r["kind"] == "high_level")
    assert documented["url"].endswith(f"/meetings/{world.documented.id}")
    assert documented["minutes_url"]
    invitations = _csv(client, "invitations")
    answers = {
        (r["meeting_id"], r["organisation"]): (r["answer"], r["attended"]) for r in invitations
    }
    assert answers[(str(world.documented.id), "Hela Sverige ska leva Gotland")] == (
        "accepted",
        "yes",
    )
    assert answers[(str(world.documented.id), "Föreningen Mångfald i Malmö")] == ("declined", "")
    proposals = _csv(client, "proposals")
    assert [(r["title"], r["response"]) for r in proposals] == [
        ("Landsbygdens föreningar som väg till arbete", "Frågan tas upp på högnivåmötet.")
    ]
    orgs = _csv(client, "organisations", county="09")
    assert [r["name"] for r in orgs] == ["Hela Sverige ska leva Gotland"]
    assert _csv(client, "meetings", kind="high_level")[0]["title"] == "Högnivåmöte om integration"
    assert client.get("/open-data/meetings.csv?year=x").status_code == 400


def test_csv_defuses_formulas(app, client, world) -> None:
    from tests.helpers import make_organisation

    with app.app_context():
        org = make_organisation("=HYPERLINK(1)")
        org.county = "25"
        db.session.commit()
    assert _csv(client, "organisations", county="25")[0]["name"] == "'=HYPERLINK(1)"


# --- change history ---------------------------------------------------------------------------


def test_history_shows_published_changes_of_public_fields(app, world) -> None:
    from flask import render_template_string

    from sakrad.meetings import service as meetings
    from sakrad.meetings.models import Meeting
    from tests.cycles_factories import staff_of

    with app.app_context():
        m = db.session.get(Meeting, world.meeting.id)
        meetings.update_meeting(
            staff_of(m.convening_body),
            m,
            expected_version=None,
            purpose="Nytt syfte för mötet.",
            internal_notes="MARKER-HISTORY-NOTE",
        )
        db.session.commit()
        with app.test_request_context("/"):
            html = render_template_string('{% include "portal/_history.html" %}', meeting=m)
    assert "Ändringshistorik" in html
    assert "MARKER" not in html
    assert "tillkännagivits" in html  # the announcement is a public entry
    assert "Syftet är att samla civilsamhällets kunskap." in html  # before
    assert "Nytt syfte för mötet." in html  # after
    assert html.index("Nytt syfte") < html.index("tillkännagivits")  # newest first


# --- page cache -----------------------------------------------------------------------------


def test_page_cache_serves_anonymous_pages_until_something_changes(
    app, client, auth, world
) -> None:
    from sakrad.meetings import service as meetings
    from sakrad.meetings.models import Meeting
    from sakrad.portal import page_cache
    from tests.cycles_factories import staff_of

    app.config["PORTAL_PAGE_CACHE_SECONDS"] = 60
    page_cache.clear()
    url = f"/meetings/{world.meeting.id}"
    assert "X-Page-Cache" not in client.get(url).headers
    assert client.get(url).headers["X-Page-Cache"] == "hit"
    assert client.get(url + "?lang=en").headers.get("X-Page-Cache") is None  # own key
    with app.app_context():
        m = db.session.get(Meeting, world.meeting.id)
        meetings.update_meeting(
            staff_of(m.convening_body), m, expected_version=None, title="Ändrad titel"
        )
        db.session.commit()  # writes an audit entry: the data version moves on
    fresh = client.get(url)
    assert "X-Page-Cache" not in fresh.headers and "Ändrad titel" in fresh.data.decode()
    # Logged-in visitors never get the cached page.
    with app.app_context():
        email = make_user(Role.ADMIN).email
    auth.login(email)
    assert "X-Page-Cache" not in client.get(url).headers
    page_cache.clear()
