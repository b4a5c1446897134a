"""The publication check: nothing unpublished leaks to any public page, feed, calendar, API
response or CSV file.

It builds a world with drafts, internal notes, online links, delegates' emails and needs,
unpublished responses, internal documents and draft minutes, each carrying a MARKER string,
then crawls every public URL: every GET route of the public blueprints (``portal``, ``api``)
filled in with every id of the matching table, drafts included, plus every link found on
the pages, in both languages. No marker may appear in any response.
"""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
import sqlalchemy as sa

from sakrad.extensions import db
from tests.portal_factories import MARKERS, make_world

PUBLIC_BLUEPRINTS = ("portal", "api")
# Organisations are public; their pending invitation is not. Checked where invitations show.
CONTEXT_MARKERS = {"pending_invitation_org"}
ID_TABLES = {
    "meeting_id": "meetings",
    "cycle_id": "cycles",
    "org_id": "organisations",
    "organisation_id": "organisations",
    "document_id": "meeting_documents",
    "publication_id": "minutes_publications",
    "selection_id": "selections",
    "proposal_id": "topic_proposals",
    "session_id": "meeting_sessions",
    "invitation_id": "invitations",
    "id": "meetings",
}
SLUG_TABLES = {"slug": ("organisations", "convening_bodies")}
HREF = re.compile(r'(?:href|src)="([^"#]+)')
MAX_PAGES = 600


def _values(name: str) -> list[str]:
    tables = SLUG_TABLES.get(name)
    if tables:
        return [
            str(v) for t in tables for v in db.session.scalars(sa.text(f"SELECT slug FROM {t}"))
        ]
    table = ID_TABLES.get(name)
    if table is None:
        return ["1", "2"]
    ids = [str(v) for v in db.session.scalars(sa.text(f"SELECT id FROM {table}"))]
    return ids + ["999999"]


def _seed_urls(app) -> list[str]:
    urls = []
    with app.app_context():
        for rule in app.url_map.iter_rules():
            if rule.endpoint.split(".")[0] not in PUBLIC_BLUEPRINTS or "GET" not in rule.methods:
                continue
            args = sorted(rule.arguments)
            if not args:
                urls.append(rule.rule)
                continue
            combos: list[dict] = [{}]
            for arg in args:
                combos = [{**c, arg: v} for c in combos for v in _values(arg)][:400]
            for combo in combos:
                path = rule.rule
                for arg, value in combo.items():
                    path = re.sub(rf"<(?:[a-z]+:)?{arg}>", value, path)
                urls.append(path)
    return urls


def _links(body: str, base: str) -> list[str]:
    out = []
    for href in HREF.findall(body):
        href = href.replace("&amp;", "&")
        parts = urlsplit(urljoin(base, href))
        if parts.netloc not in ("", "localhost") or not parts.path.startswith("/"):
            continue
        if parts.path.startswith(("/login", "/logout", "/static", "/language", "/register")):
            continue
        out.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return out


@pytest.fixture
def world(app):
    with app.app_context():
        return make_world(with_secrets=True)


def _crawl(client, seeds: list[str]) -> dict[str, bytes]:
    seen: dict[str, bytes] = {}
    queue = deque(seeds)
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        body = response.get_data()
        seen[url] = body
        assert response.status_code < 500, (url, body[:500])
        if response.mimetype == "text/html" and response.status_code == 200:
            queue.extend(u for u in _links(body.decode(), url) if u not in seen)
    return seen


def test_markers_exist_in_the_database(app, world) -> None:
    # Guard: the check proves nothing if the secrets were never stored.
    with app.app_context():
        dump = " ".join(
            str(row)
            for table in (
                "meetings",
                "meeting_sessions",
                "invitation_delegates",
                "topic_proposals",
                "meeting_documents",
                "minutes_revisions",
                "meeting_outcomes",
                "cycles",
                "organisations",
            )  # fmt: skip
            for row in db.session.execute(sa.text(f"SELECT * FROM {table}"))
        )
    for name, marker in MARKERS.items():
        if name != "decline_reason":
            assert marker in dump, name


def test_no_marker_reaches_any_public_url(app, client, world) -> None:
    seeds = _seed_urls(app)
    assert "/feeds/meetings.atom" in seeds and "/api/v1/meetings" in seeds
    assert f"/meetings/{world.meeting.id}" in seeds
    seeds += [f"{u}{'&' if '?' in u else '?'}lang=en" for u in list(seeds)[:200]]
    pages = _crawl(client, seeds)
    ok = [u for u, b in pages.items() if b]
    assert len(ok) > 40, "the crawl reached too few pages to mean anything"
    # The crawl does reach the public content the secrets sit next to.
    everything = b"\n".join(pages.values()).decode("utf-8", "replace")
    for public in ("Sakråd om etablering på landsbygden", "deltagarna diskuterade",
                   "Frågan tas upp på högnivåmötet.", "Presentation om etablering"):  # fmt: skip
        assert public in everything, public
    for url, body in pages.items():
        text = body.decode("utf-8", "replace")
        for name, marker in MARKERS.items():
            if name in CONTEXT_MARKERS:
                continue
            assert marker.lower() not in text.lower(), f"{name} leaked on {url}"
    invitation_views = [
        u
        for u in pages
        if "/meetings" in u or "invitations" in u or "/feeds" in u or "calendar" in u
    ]
    for url in invitation_views:
        text = pages[url].decode("utf-8", "replace")
        assert MARKERS["pending_invitation_org"] not in text, f"pending invitation leaked on {url}"


def test_the_check_can_fail(app, client, world) -> None:
    """Publishing a secret makes the crawl see it: the check is not blind."""
    from sakrad.meetings.models import Meeting

    with app.app_context():
        m = db.session.get(Meeting, world.meeting.id)
        m.purpose = MARKERS["internal_notes"]
        db.session.commit()
    pages = _crawl(
        client, [f"/meetings/{world.meeting.id}", "/api/v1/meetings", "/search?q=marker"]
    )
    assert any(MARKERS["internal_notes"] in b.decode() for b in pages.values())
