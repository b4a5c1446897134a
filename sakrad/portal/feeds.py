"""Atom feeds and iCalendar feeds of public events, built from the models' timestamps.

A feed entry is one public event: a meeting announced or cancelled, minutes published (every
publication, so a corrected version shows up too) and a batch of responses published. Each
kind is read by one query, newest first, so a feed costs the same at any data size.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import sqlalchemy as sa
from feedgen.feed import FeedGenerator
from flask_babel import gettext as _
from icalendar import Calendar
from sqlalchemy.orm import selectinload

from sakrad.cycles.models import Cycle
from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.meetings.calendar import PRODID, TZID, meeting_calendar
from sakrad.meetings.models import Meeting, MeetingSession
from sakrad.portal import rules
from sakrad.proposals.models import ResponseBatch

FEED_SIZE = 50
CALENDAR_SIZE = 500
CALENDAR_DAYS_BACK = 365


@dataclass(frozen=True)
class Entry:
    key: str  # stable per event, part of the Atom id
    kind: str  # announced | cancelled | minutes | responses
    title: str
    path: str
    at: datetime
    summary: str


@dataclass(frozen=True)
class Scope:
    convening_body_id: int | None = None
    cycle_id: int | None = None


def _meeting_scope(stmt: sa.Select, scope: Scope) -> sa.Select:
    if scope.convening_body_id:
        stmt = stmt.where(Meeting.convening_body_id == scope.convening_body_id)
    if scope.cycle_id:
        stmt = stmt.where(Meeting.cycle_id == scope.cycle_id)
    return stmt


def _meeting_events(
    column: sa.orm.InstrumentedAttribute[datetime | None], kind: str, scope: Scope, limit: int
) -> list[Entry]:
    stmt = _meeting_scope(
        sa.select(Meeting.id, Meeting.title, Meeting.purpose, Meeting.cancel_reason, column)
        .where(rules.meeting_public(), column.is_not(None))
        .order_by(column.desc(), Meeting.id.desc())
        .limit(limit),
        scope,
    )
    out = []
    for mid, title, purpose, reason, at in db.session.execute(stmt):
        if kind == "announced":
            heading, summary = _("Announced: %(title)s", title=title), purpose or ""
        else:
            heading, summary = _("Cancelled: %(title)s", title=title), reason or ""
        out.append(Entry(f"meeting-{mid}-{kind}", kind, heading, f"/meetings/{mid}", at, summary))
    return out


def _minutes_events(scope: Scope, limit: int) -> list[Entry]:
    from sakrad.minutes.models import MinutesPublication

    stmt = _meeting_scope(
        sa.select(MinutesPublication.id, Meeting.id, Meeting.title, MinutesPublication.published_at)
        .join(Meeting, Meeting.id == MinutesPublication.meeting_id)
        .where(rules.meeting_public())
        .order_by(MinutesPublication.published_at.desc(), MinutesPublication.id.desc())
        .limit(limit),
        scope,
    )
    return [
        Entry(
            f"minutes-{pid}",
            "minutes",
            _("Minutes published: %(title)s", title=title),
            f"/meetings/{mid}#minutes",
            at,
            _("The minutes, documents and outcome of the meeting are published."),
        )
        for pid, mid, title, at in db.session.execute(stmt)
    ]


def _cycle_name(area: str, year: int) -> str:
    return f"{area} {year}"


def _response_events(scope: Scope, limit: int) -> list[Entry]:
    stmt = (
        sa.select(
            ResponseBatch.id,
            ResponseBatch.cycle_id,
            ResponseBatch.proposal_count,
            ResponseBatch.published_at,
            Cycle.policy_area,
            Cycle.year,
        )
        .join(Cycle, Cycle.id == ResponseBatch.cycle_id)
        .where(rules.cycle_public())
        .order_by(ResponseBatch.published_at.desc(), ResponseBatch.id.desc())
        .limit(limit)
    )
    if scope.convening_body_id:
        stmt = stmt.where(Cycle.convening_body_id == scope.convening_body_id)
    if scope.cycle_id:
        stmt = stmt.where(ResponseBatch.cycle_id == scope.cycle_id)
    return [
        Entry(
            f"responses-{bid}",
            "responses",
            _("Responses to topic proposals published: %(cycle)s", cycle=_cycle_name(area, year)),
            f"/cycles/{cid}#proposals",
            at,
            _("%(num)s responses to topic proposals were published.", num=count),
        )
        for bid, cid, count, at, area, year in db.session.execute(stmt)
    ]


def entries(scope: Scope | None = None, limit: int = FEED_SIZE) -> list[Entry]:
    scope = scope or Scope()
    found = (
        _meeting_events(Meeting.announced_at, "announced", scope, limit)
        + _meeting_events(Meeting.cancelled_at, "cancelled", scope, limit)
        + _minutes_events(scope, limit)
        + _response_events(scope, limit)
    )
    found.sort(key=lambda e: (e.at, e.key), reverse=True)
    return found[:limit]


# Characters XML 1.0 cannot carry (lxml refuses them): stored text must never break a feed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def atom(
    feed_entries: list[Entry], *, title: str, self_path: str, alternate_path: str, base_url: str
) -> bytes:
    """An Atom 1.0 document (RFC 4287), written by feedgen."""
    base = base_url.rstrip("/")
    host = urlsplit(base).hostname or "sakrad"
    updated = max(
        (e.at for e in feed_entries), default=datetime(2000, 1, 1, tzinfo=utcnow().tzinfo)
    )
    fg = FeedGenerator()
    fg.id(f"tag:{host},2024:{self_path}")
    fg.title(_text(title))
    fg.updated(updated)
    fg.link(href=base + self_path, rel="self", type="application/atom+xml")
    fg.link(href=base + alternate_path, rel="alternate", type="text/html")
    fg.author(name="Sakråd")
    fg.generator("Sakråd")
    # feedgen lists entries newest first when each is added at the top: keep our order.
    for e in reversed(feed_entries):
        entry = fg.add_entry()
        entry.id(f"tag:{host},2024:{e.key}")
        entry.title(_text(e.title))
        entry.link(href=base + e.path, rel="alternate", type="text/html")
        entry.published(e.at)
        entry.updated(e.at)
        entry.category(term=e.kind)
        entry.summary(_text(e.summary[:1000]) or " ")
    return fg.atom_str(pretty=False)


# --- calendar ------------------------------------------------------------------------------


def calendar_meetings(convening_body_id: int | None = None) -> list[Meeting]:
    """Public meetings with a session in the last year or later, sessions and agenda loaded."""
    since = utcnow() - timedelta(days=CALENDAR_DAYS_BACK)
    stmt = (
        sa.select(Meeting)
        .where(
            rules.meeting_public(),
            sa.exists().where(
                MeetingSession.meeting_id == Meeting.id, MeetingSession.ends_at >= since
            ),
        )
        .options(selectinload(Meeting.sessions).selectinload(MeetingSession.agenda_items))
        .order_by(Meeting.id)
        .limit(CALENDAR_SIZE)
    )
    if convening_body_id:
        stmt = stmt.where(Meeting.convening_body_id == convening_body_id)
    return list(db.session.scalars(stmt))


def calendar_etag(meetings: list[Meeting], name: str) -> str:
    """A validator from what the file shows, not its bytes (those carry DTSTAMP = now)."""
    h = hashlib.sha256(name.encode())
    for m in meetings:
        h.update(f"{m.id}:{m.updated_at.isoformat()}:{m.ical_sequence}:{m.state}".encode())
        for s in m.sessions:
            h.update(f"{s.id}:{s.starts_at}:{s.ends_at}:{s.place}".encode())
            h.update(",".join(i.title for i in s.agenda_items).encode())
    return h.hexdigest()[:32]


def calendar(meetings: list[Meeting], *, name: str, base_url: str) -> bytes:
    """One calendar of many meetings, each event built by the meetings package's builder
    (so the public feed and a single meeting's file never disagree)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TZID)
    timezone_added = False
    for meeting in meetings:
        single = Calendar.from_ical(meeting_calendar(meeting, method="PUBLISH", base_url=base_url))
        for component in single.subcomponents:
            if component.name == "VTIMEZONE":
                if timezone_added:
                    continue
                timezone_added = True
            cal.add_component(component)
    return cal.to_ical()
