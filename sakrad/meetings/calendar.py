"""iCalendar files of meetings: one VEVENT per session, in Europe/Stockholm.

The same builder serves the public ``.ics`` (PUBLISH) and the invitations package's
emails (REQUEST/CANCEL). UIDs are stable per session and SEQUENCE follows the meeting's
``ical_sequence``, so calendar clients update the event they already hold.
"""

from __future__ import annotations

import re
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


_LINE_UNSAFE = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")
_TEXT_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+")


def one_line(value: str | None) -> str:
    """Stored text for a single-line property: whatever got into the database (a CRLF in a
    title from before the form check), the calendar file is still valid."""
    return _LINE_UNSAFE.sub(" ", value or "").strip()


def text_block(value: str | None) -> str:
    return _TEXT_UNSAFE.sub(" ", (value or "").replace("\r\n", "\n").replace("\r", "\n"))


def meeting_url(meeting: Meeting, base_url: str) -> str:
    return f"{base_url.rstrip('/')}/meetings/{meeting.id}"


def session_uid(session: MeetingSession, base_url: str) -> str:
    host = urlsplit(base_url).hostname or "sakrad"
    return f"session-{session.id}@{host}"


def _description(meeting: Meeting, session: MeetingSession, url: str, include_online: bool) -> str:
    lines = []
    if meeting.purpose:
        lines += [text_block(meeting.purpose).strip(), ""]
    if session.agenda_items:
        lines += [f"{n}. {one_line(item.title)}" for n, item in enumerate(session.agenda_items, 1)]
        lines.append("")
    if include_online and session.online_url:
        lines += [f"Online: {one_line(session.online_url)}", ""]
    if meeting.state == MeetingState.CANCELLED and meeting.cancel_reason:
        lines += [text_block(meeting.cancel_reason).strip(), ""]
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
    title = one_line(meeting.title)
    cal.add("x-wr-calname", title)
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
        summary = title if len(sessions) == 1 else f"{title} ({n}/{len(sessions)})"
        event.add("summary", summary)
        event.add("description", _description(meeting, session, url, include_online))
        location = one_line(session.place)
        online = one_line(session.online_url)
        if include_online and online:
            location = f"{location} / {online}" if location else online
        if location:
            event.add("location", location)
        event.add("url", url)
        event.add("sequence", meeting.ical_sequence)
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        event.add("transp", "OPAQUE")
        cal.add_component(event)
    return cal.to_ical()
