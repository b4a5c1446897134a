"""iCalendar files of meetings: one VEVENT per session, in Europe/Stockholm.

The same builder serves the public ``.ics`` (PUBLISH) and the invitations package's
emails (REQUEST/CANCEL). UIDs are stable per session and SEQUENCE follows the meeting's
``ical_sequence``, so calendar clients update the event they already hold.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from urllib.parse import urlsplit

from icalendar import Calendar, Event, Timezone

from sakrad.db import STOCKHOLM, utcnow
from sakrad.meetings.models import Meeting, MeetingSession, MeetingState

TZID = "Europe/Stockholm"
PRODID = "-//Sakråd//Sakråd meetings//SV"


@lru_cache(maxsize=16)
def _vtimezone(first_year: int, last_year: int) -> bytes:
    # Building a VTIMEZONE walks the tz database; cache it per span of years.
    tz = Timezone.from_tzid(
        TZID, first_date=date(first_year, 1, 1), last_date=date(last_year, 12, 31)
    )
    return tz.to_ical()


def meeting_url(meeting: Meeting, base_url: str) -> str:
    return f"{base_url.rstrip('/')}/meetings/{meeting.id}"


def session_uid(session: MeetingSession, base_url: str) -> str:
    host = urlsplit(base_url).hostname or "sakrad"
    return f"session-{session.id}@{host}"


def _description(meeting: Meeting, session: MeetingSession, url: str, include_online: bool) -> str:
    lines = []
    if meeting.purpose:
        lines += [meeting.purpose.strip(), ""]
    if session.agenda_items:
        lines += [f"{n}. {item.title}" for n, item in enumerate(session.agenda_items, 1)]
        lines.append("")
    if include_online and session.online_url:
        lines += [f"Online: {session.online_url}", ""]
    if meeting.state == MeetingState.CANCELLED and meeting.cancel_reason:
        lines += [meeting.cancel_reason.strip(), ""]
    lines.append(url)
    return "\n".join(lines)


def meeting_calendar(
    meeting: Meeting,
    *,
    method: str = "PUBLISH",
    base_url: str,
    include_online: bool = False,
) -> bytes:
    """The meeting as an iCalendar file (bytes).

    ``include_online`` adds the sessions' online links; only for invited organisations
    (the invitations package), never for the public file.
    """
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    cal.add("x-wr-calname", meeting.title)
    cal.add("x-wr-timezone", TZID)
    sessions = list(meeting.sessions)
    if sessions:
        years = [s.starts_at.astimezone(STOCKHOLM).year for s in sessions]
        cal.add_component(Timezone.from_ical(_vtimezone(min(years) - 1, max(years) + 1)))
    url = meeting_url(meeting, base_url)
    cancelled = meeting.state == MeetingState.CANCELLED or method == "CANCEL"
    stamp = utcnow()
    for n, session in enumerate(sessions, 1):
        event = Event()
        event.add("uid", session_uid(session, base_url))
        event.add("dtstamp", stamp)
        event.add("dtstart", session.starts_at.astimezone(STOCKHOLM))
        event.add("dtend", session.ends_at.astimezone(STOCKHOLM))
        summary = meeting.title if len(sessions) == 1 else f"{meeting.title} ({n}/{len(sessions)})"
        event.add("summary", summary)
        event.add("description", _description(meeting, session, url, include_online))
        location = session.place or ""
        if include_online and session.online_url:
            location = f"{location} / {session.online_url}" if location else session.online_url
        if location:
            event.add("location", location)
        event.add("url", url)
        event.add("sequence", meeting.ical_sequence)
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        event.add("transp", "OPAQUE")
        cal.add_component(event)
    return cal.to_ical()
