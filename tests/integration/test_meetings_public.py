"""The public side: only announced (or later) meetings of public cycles; no online links,
no internal notes; the .ics with correct times around a daylight-saving change."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
import pytest

from sakrad.cycles.models import CycleState
from sakrad.extensions import db
from sakrad.meetings import agenda, service
from sakrad.meetings.calendar import meeting_calendar
from sakrad.meetings.models import MeetingState
from tests.cycles_factories import add_past_session, make_cycle, make_meeting, move_later, staff_of
from tests.helpers import make_body


@pytest.fixture
def world(app):
    """A public cycle with one meeting in every state, each with a marker in its title."""
    with app.app_context():
        body = make_body("Arbetsmarknadsdepartementet")
        user = staff_of(body)
        cycle = make_cycle(body, user=user, state=CycleState.OPEN, policy_area="PUBLIKCYKEL")
        draft_cycle = make_cycle(body, user=user, year=2031, policy_area="UTKASTCYKEL")
        meetings = {
            state: make_meeting(
                cycle,
                user=user,
                state=state,
                title=f"MARK-{state.value.upper()}",
                internal_notes="HEMLIG-NOTERING",
            )
            for state in MeetingState
        }
        draft_cancelled = meetings[MeetingState.CANCELLED]  # cancelled from draft
        announced_then_cancelled = make_meeting(
            cycle, user=user, state=MeetingState.ANNOUNCED, title="MARK-WASANNOUNCED"
        )
        service.cancel(user, announced_then_cancelled, "OFFENTLIGT-SKÄL")
        session = meetings[MeetingState.ANNOUNCED].sessions[0]
        session.online_url = "https://meet.example.se/HEMLIG-LÄNK"
        in_draft_cycle = make_meeting(draft_cycle, user=user, title="MARK-DRAFTCYCLE")
        db.session.commit()
        yield {
            "user": user,
            "cycle": cycle,
            "draft_cycle": draft_cycle,
            "meetings": meetings,
            "draft_cancelled": draft_cancelled,
            "was_announced": announced_then_cancelled,
            "in_draft_cycle": in_draft_cycle,
        }


SECRETS = ("HEMLIG-NOTERING", "HEMLIG-LÄNK", "MARK-DRAFT", "MARK-DRAFTCYCLE", "UTKASTCYKEL")


def _public_text(client, world) -> str:
    pages = ["/cycles", f"/cycles/{world['cycle'].id}"]
    for meeting in [*world["meetings"].values(), world["was_announced"]]:
        pages += [f"/meetings/{meeting.id}", f"/meetings/{meeting.id}.ics"]
    return "\n".join(client.get(p).get_data(as_text=True) for p in pages)


def test_public_pages_show_published_meetings_only(client, world):
    text = _public_text(client, world)
    for marker in ("MARK-ANNOUNCED", "MARK-HELD", "MARK-DOCUMENTED", "MARK-WASANNOUNCED"):
        assert marker in text
    assert "OFFENTLIGT-SKÄL" in text
    for secret in SECRETS:
        assert secret not in text, secret
    assert "MARK-CANCELLED" not in text  # cancelled while still a draft


@pytest.mark.parametrize("key", ["draft", "draft_cancelled", "in_draft_cycle"])
def test_unpublished_meeting_pages_and_files_are_404(client, world, key):
    meeting = world["meetings"][MeetingState.DRAFT] if key == "draft" else world[key]
    assert client.get(f"/meetings/{meeting.id}").status_code == 404
    assert client.get(f"/meetings/{meeting.id}.ics").status_code == 404


def test_draft_cycle_is_not_public(client, world):
    assert client.get(f"/cycles/{world['draft_cycle'].id}").status_code == 404
    assert "UTKASTCYKEL" not in client.get("/cycles").get_data(as_text=True)


def test_staff_see_drafts_internal_notes_and_links(client, auth, world):
    auth.login(world["user"].email)
    page = client.get(f"/manage/cycles/{world['cycle'].id}").get_data(as_text=True)
    assert "MARK-DRAFT" in page
    announced = world["meetings"][MeetingState.ANNOUNCED]
    page = client.get(f"/manage/meetings/{announced.id}").get_data(as_text=True)
    assert "HEMLIG-NOTERING" in page and "HEMLIG-LÄNK" in page


def test_public_page_says_a_session_is_online_without_the_link(client, world):
    announced = world["meetings"][MeetingState.ANNOUNCED]
    client.get("/language/en")
    page = client.get(f"/meetings/{announced.id}").get_data(as_text=True)
    assert "online (the link is sent to invited organisations)" in page
    assert "HEMLIG-LÄNK" not in page


def test_calendar_can_include_the_link_for_invited_organisations(world):
    announced = world["meetings"][MeetingState.ANNOUNCED]
    private = meeting_calendar(
        announced, method="REQUEST", base_url="https://sakrad.example", include_online=True
    )
    assert b"HEMLIG" in private.replace(b"\r\n ", b"")
    public = meeting_calendar(announced, base_url="https://sakrad.example")
    assert b"HEMLIG" not in public.replace(b"\r\n ", b"")


# ---------------------------------------------------------------- the calendar file


def _events(data: bytes) -> list:
    cal = icalendar.Calendar.from_ical(data)
    return [c for c in cal.walk("VEVENT")]


def test_ics_holds_every_session_with_utc_times_around_dst(client, app, world):
    user, cycle = world["user"], world["cycle"]
    meeting = make_meeting(cycle, user=user, sessions=0, title="Dialogmöte Flyktingsituationen")
    # Summer time began on 26 March 2017: 10:00 in Stockholm is 09:00Z before, 08:00Z after.
    before = add_past_session(meeting, datetime(2017, 3, 25, 9, tzinfo=UTC))
    after = add_past_session(meeting, datetime(2017, 3, 27, 8, tzinfo=UTC))
    service.announce(user, meeting)
    db.session.commit()
    response = client.get(f"/meetings/{meeting.id}.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    cal = icalendar.Calendar.from_ical(response.data)
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    events = _events(response.data)
    assert len(events) == 2
    starts = sorted(e.decoded("DTSTART").astimezone(UTC) for e in events)
    assert starts == [datetime(2017, 3, 25, 9, tzinfo=UTC), datetime(2017, 3, 27, 8, tzinfo=UTC)]
    for event in events:
        assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
        assert event.decoded("DTSTART").astimezone(UTC).hour in (8, 9)
        assert event.decoded("DTSTART").strftime("%H:%M") == "10:00"  # local wall clock
        assert str(event["URL"]).endswith(f"/meetings/{meeting.id}")
        assert str(event["STATUS"]) == "CONFIRMED"
    host = app.config["PUBLIC_BASE_URL"].split("//")[1].split(":")[0].split("/")[0]
    assert {str(e["UID"]) for e in events} == {
        f"session-{before.id}@{host}",
        f"session-{after.id}@{host}",
    }


def test_sequence_rises_when_a_session_moves_and_status_cancelled(client, world):
    user = world["user"]
    meeting = world["meetings"][MeetingState.ANNOUNCED]
    first = _events(client.get(f"/meetings/{meeting.id}.ics").data)
    seq0 = int(first[0]["SEQUENCE"])
    uid0 = str(first[0]["UID"])
    session = meeting.sessions[0]
    move_later(user, session, online_url=session.online_url)
    db.session.commit()
    moved = _events(client.get(f"/meetings/{meeting.id}.ics").data)
    assert int(moved[0]["SEQUENCE"]) == seq0 + 1
    assert str(moved[0]["UID"]) == uid0  # the same event, updated
    # Editing only the agenda does not change the calendar's version.
    agenda.add_item(user, session, title="Punkt", duration_minutes=10)
    db.session.commit()
    assert int(_events(client.get(f"/meetings/{meeting.id}.ics").data)[0]["SEQUENCE"]) == seq0 + 1
    service.cancel(user, meeting, "Inställt")
    db.session.commit()
    cancelled = _events(client.get(f"/meetings/{meeting.id}.ics").data)
    assert str(cancelled[0]["STATUS"]) == "CANCELLED"
    assert int(cancelled[0]["SEQUENCE"]) == seq0 + 2


def test_draft_changes_do_not_raise_the_sequence(world):
    meeting = world["meetings"][MeetingState.DRAFT]
    session = meeting.sessions[0]
    agenda.update_session(
        world["user"],
        session,
        starts_at=session.starts_at + timedelta(hours=1),
        ends_at=session.ends_at + timedelta(hours=1),
        place="Annan plats",
    )
    assert meeting.ical_sequence == 0
