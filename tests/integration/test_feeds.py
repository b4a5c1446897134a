"""Atom feeds and iCalendar feeds: valid, linked back, scoped, and conditional (304)."""

from __future__ import annotations

import feedparser
import pytest
from icalendar import Calendar

from tests.portal_factories import make_world


@pytest.fixture
def world(app):
    with app.app_context():
        return make_world()


def _feed(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.mimetype == "application/atom+xml"
    parsed = feedparser.parse(response.data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def test_site_feed_has_an_entry_per_public_event(client, world) -> None:
    feed = _feed(client, "/feeds/meetings.atom")
    kinds = [e.tags[0].term for e in feed.entries]
    # Three announcements, one cancellation, one publication of minutes, one batch.
    assert sorted(kinds) == sorted(["announced"] * 3 + ["cancelled", "minutes", "responses"])
    for entry in feed.entries:
        assert entry.link.startswith("http")
        assert entry.published_parsed and entry.updated_parsed
        assert entry.id.startswith("tag:")
    titles = " ".join(e.title for e in feed.entries)
    assert "Sakråd om etablering på landsbygden" in titles
    assert "MARKER" not in titles
    links = {e.link.split("://", 1)[1].split("/", 1)[1] for e in feed.entries}
    assert f"meetings/{world.documented.id}#minutes" in links
    assert f"cycles/{world.cycle.id}#proposals" in links


def test_feeds_per_body_and_cycle(client, app, world) -> None:
    from sakrad.cycles.models import CycleState
    from sakrad.extensions import db
    from sakrad.meetings.models import MeetingState
    from tests.cycles_factories import make_cycle, make_meeting
    from tests.helpers import make_body

    with app.app_context():
        other = make_body("Kommunen")
        c = make_cycle(other, state=CycleState.OPEN)
        make_meeting(c, title="Kommunens sakråd", state=MeetingState.ANNOUNCED)
        db.session.commit()
        other_slug, other_cycle = other.slug, c.id
    body_feed = _feed(client, f"/feeds/bodies/{world.body.slug}.atom")
    assert "Kommunens sakråd" not in " ".join(e.title for e in body_feed.entries)
    assert len(body_feed.entries) == 6
    other_feed = _feed(client, f"/feeds/bodies/{other_slug}.atom")
    assert [e.title for e in other_feed.entries] == ["Tillkännagivet: Kommunens sakråd"]
    cycle_feed = _feed(client, f"/feeds/cycles/{other_cycle}.atom")
    assert len(cycle_feed.entries) == 1
    assert client.get("/feeds/bodies/no-such-body.atom").status_code == 404
    assert client.get("/feeds/cycles/999999.atom").status_code == 404


def test_feed_answers_conditional_requests(client, world) -> None:
    first = client.get("/feeds/meetings.atom")
    assert first.headers["ETag"] and first.headers["Last-Modified"]
    again = client.get("/feeds/meetings.atom", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    since = client.get(
        "/feeds/meetings.atom", headers={"If-Modified-Since": first.headers["Last-Modified"]}
    )
    assert since.status_code == 304
    stale = client.get("/feeds/meetings.atom", headers={"If-None-Match": '"not-current"'})
    assert stale.status_code == 200


def test_feed_changes_when_something_is_published(client, app, world) -> None:
    from sakrad.extensions import db
    from sakrad.meetings.models import MeetingState
    from tests.cycles_factories import make_meeting

    etag = client.get("/feeds/meetings.atom").headers["ETag"]
    with app.app_context():
        make_meeting(
            db.session.merge(world.cycle), title="Nytt sakråd", state=MeetingState.ANNOUNCED
        )
    response = client.get("/feeds/meetings.atom", headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert b"Nytt sakr" in response.data


def _calendar(client, url: str) -> Calendar:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.mimetype == "text/calendar"
    return Calendar.from_ical(response.data)


def test_calendar_has_every_public_session_linking_back(client, world) -> None:
    cal = _calendar(client, "/calendar.ics")
    events = list(cal.walk("VEVENT"))
    summaries = {str(e["SUMMARY"]) for e in events}
    assert "Sakråd om etablering på landsbygden" in summaries
    assert not any("MARKER" in s for s in summaries)
    for event in events:
        assert "/meetings/" in str(event["URL"])
        assert str(event["URL"]) in str(event["DESCRIPTION"])
        assert event["DTSTART"].dt.tzinfo is not None
    statuses = {str(e["SUMMARY"]): str(e["STATUS"]) for e in events}
    assert statuses["Sakråd om folkbildning"] == "CANCELLED"
    assert len(list(cal.walk("VTIMEZONE"))) == 1
    body_cal = _calendar(client, f"/calendar/{world.body.slug}.ics")
    assert len(list(body_cal.walk("VEVENT"))) == len(events)
    assert client.get("/calendar/no-such-body.ics").status_code == 404


def test_calendar_answers_conditional_requests(client, app, world) -> None:
    first = client.get("/calendar.ics")
    etag = first.headers["ETag"]
    assert client.get("/calendar.ics", headers={"If-None-Match": etag}).status_code == 304
    since = client.get(
        "/calendar.ics", headers={"If-Modified-Since": first.headers["Last-Modified"]}
    )
    assert since.status_code == 304
    with app.app_context():
        from sakrad.extensions import db
        from sakrad.meetings.models import Meeting

        m = db.session.get(Meeting, world.meeting.id)
        m.sessions[0].place = "Kulturhuset"
        m.title = "Sakråd om etablering (ny plats)"
        db.session.commit()
    changed = client.get("/calendar.ics", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert b"Kulturhuset" in changed.data


def test_control_characters_in_stored_titles_never_break_the_feed(client, app, world) -> None:
    from sakrad.extensions import db
    from sakrad.meetings.models import Meeting

    with app.app_context():
        m = db.session.get(Meeting, world.meeting.id)
        m.title = "Rad\r\nBcc: x@example.org\x01\x0b slut"
        m.purpose = "Syfte\x02"
        db.session.commit()
    feed = _feed(client, "/feeds/meetings.atom")
    assert any("Bcc: x@example.org slut" in e.title for e in feed.entries)
