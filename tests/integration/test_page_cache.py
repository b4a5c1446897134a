"""The page cache reads the data version only for cacheable pages, and several workers can
share it through Redis (issue 11 item 9)."""

from __future__ import annotations

import os
import uuid

import pytest
import sqlalchemy as sa

from sakrad import create_app
from sakrad.extensions import db
from tests.portal_factories import make_world

REDIS_URL = os.environ.get("SAKRAD_TEST_REDIS_URL")


@pytest.fixture
def app_config() -> dict:
    return {"PORTAL_PAGE_CACHE_SECONDS": 60}


def _statements(app, client, url: str) -> list[str]:
    seen: list[str] = []
    with app.app_context():
        engine = db.engine
    listener = lambda _c, _cu, statement, *_a: seen.append(statement)  # noqa: E731
    sa.event.listen(engine, "before_cursor_execute", listener)
    try:
        assert client.get(url).status_code == 200, url
    finally:
        sa.event.remove(engine, "before_cursor_execute", listener)
    return seen


def _version_queries(statements: list[str]) -> int:
    return sum("max(audit_entries.id)" in s for s in statements)


def test_only_cacheable_pages_read_the_data_version(app, client) -> None:
    from sakrad.portal import page_cache

    page_cache.clear()
    with app.app_context():
        world = make_world()
    client.get("/")
    assert _statements(app, client, "/healthz") == []  # no query at all
    for url in ("/feeds/meetings.atom", "/calendar.ics", "/api/v1/meetings",
                "/open-data/meetings.csv", f"/meetings/{world.meeting.id}.ics"):  # fmt: skip
        assert _version_queries(_statements(app, client, url)) == 0, url
    url = f"/meetings/{world.meeting.id}"
    assert _version_queries(_statements(app, client, url)) == 1  # miss: read, render, store
    hit = _statements(app, client, url)
    assert hit and _version_queries(hit) == len(hit) == 1  # hit: the version and nothing else
    page_cache.clear()


@pytest.mark.skipif(not REDIS_URL, reason="set SAKRAD_TEST_REDIS_URL to test the shared cache")
def test_workers_share_pages_through_redis(tmp_path) -> None:
    config = {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'shared.sqlite'}",
        "WTF_CSRF_ENABLED": False,
        "MAIL_FILE_DIR": None,
        "PORTAL_PAGE_CACHE_SECONDS": 60,
        "PORTAL_CACHE_REDIS_URL": REDIS_URL,
        "PORTAL_CACHE_KEY_PREFIX": f"sakradtest-{uuid.uuid4().hex[:8]}:",
    }
    first, second = create_app(config), create_app(config)  # two workers, one database
    with first.app_context():
        db.create_all()
        meeting_id = make_world().meeting.id
    try:
        url = f"/meetings/{meeting_id}"
        assert "X-Page-Cache" not in first.test_client().get(url).headers
        served = second.test_client().get(url)
        assert served.headers["X-Page-Cache"] == "hit"  # rendered by the other worker
        assert "Sakråd om etablering på landsbygden" in served.get_data(as_text=True)
    finally:
        with first.app_context():
            from sakrad.portal import cache

            cache.clear()
            db.drop_all()
            db.engine.dispose()
        with second.app_context():
            db.engine.dispose()
