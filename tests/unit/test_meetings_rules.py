"""Rules of meetings that need no database: publicity, the card, agenda times, year shifts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from sakrad.cycles.fields import local_to_utc, shift_datetime_year, shift_year
from sakrad.meetings.models import (
    EXPECTATION_FIELDS,
    AgendaItem,
    Meeting,
    MeetingSession,
    MeetingState,
)
from sakrad.meetings.schedule import agenda_overruns, schedule


@pytest.mark.parametrize(
    "state,announced,public",
    [
        (MeetingState.DRAFT, False, False),
        (MeetingState.ANNOUNCED, True, True),
        (MeetingState.HELD, True, True),
        (MeetingState.DOCUMENTED, True, True),
        (MeetingState.CANCELLED, True, True),  # cancelled after announcement: stays public
        (MeetingState.CANCELLED, False, False),  # cancelled as a draft: never public
    ],
)
def test_is_public(state, announced, public):
    meeting = Meeting(
        state=state, announced_at=datetime(2030, 1, 1, tzinfo=UTC) if announced else None
    )
    assert meeting.is_public is public


def test_missing_expectations_lists_empty_and_blank_parts():
    meeting = Meeting(purpose="Syfte", questions="   ")
    assert meeting.missing_expectations == [f for f in EXPECTATION_FIELDS if f != "purpose"]


def test_schedule_computes_start_times_and_overrun():
    start = datetime(2030, 5, 1, 8, tzinfo=UTC)
    session = MeetingSession(starts_at=start, ends_at=start + timedelta(hours=1))
    session.agenda_items = [
        AgendaItem(title="A", duration_minutes=15, position=0),
        AgendaItem(title="B", duration_minutes=30, position=1),
        AgendaItem(title="C", duration_minutes=20, position=2),
    ]
    times = [(s.item.title, s.starts_at - start) for s in schedule(session)]
    assert times == [
        ("A", timedelta(0)),
        ("B", timedelta(minutes=15)),
        ("C", timedelta(minutes=45)),
    ]
    assert agenda_overruns(session)  # 65 minutes in a one-hour session
    session.agenda_items.pop()
    assert not agenda_overruns(session)


def test_local_times_around_daylight_saving():
    assert local_to_utc(datetime(2017, 3, 25, 10)) == datetime(2017, 3, 25, 9, tzinfo=UTC)
    assert local_to_utc(datetime(2017, 3, 27, 10)) == datetime(2017, 3, 27, 8, tzinfo=UTC)


def test_shift_year_keeps_wall_clock_and_handles_leap_day():
    assert shift_year(date(2028, 2, 29)) == date(2029, 2, 28)
    # 10:00 local on 27 March 2017 (summer time) -> 10:00 local on 27 March 2018 (summer too)
    moved = shift_datetime_year(datetime(2017, 3, 27, 8, tzinfo=UTC))
    assert moved == datetime(2018, 3, 27, 8, tzinfo=UTC)
    # 26 March 2029 is summer time, 26 March 2030 winter time: still 10:00 local.
    assert shift_datetime_year(datetime(2029, 3, 26, 8, tzinfo=UTC)) == datetime(
        2030, 3, 26, 9, tzinfo=UTC
    )
