"""The timetable of a session's agenda: each item's start and end, computed from the
session's start and the durations before it (pure; no database access)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sakrad.meetings.models import AgendaItem, MeetingSession


@dataclass(frozen=True)
class ScheduledItem:
    item: AgendaItem
    starts_at: datetime
    ends_at: datetime


def schedule(session: MeetingSession) -> list[ScheduledItem]:
    """Each agenda item with its computed start: the session start plus the items before it."""
    at = session.starts_at
    out = []
    for item in session.agenda_items:
        end = at + timedelta(minutes=item.duration_minutes)
        out.append(ScheduledItem(item, at, end))
        at = end
    return out


def agenda_overruns(session: MeetingSession) -> bool:
    """True when the agenda is longer than the session (shown as a warning)."""
    planned = schedule(session)
    return bool(planned) and planned[-1].ends_at > session.ends_at
