"""Public reads of meetings: announced, held, documented, or cancelled after announcement
(the rule is ``rules.meeting_public``).

Templates fed from here must never show ``internal_notes`` or a session's ``online_url``;
the public views pass ``PublicSession`` objects that do not carry the link at all.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from sakrad.extensions import db
from sakrad.meetings.models import AgendaItem, Meeting, MeetingSession
from sakrad.meetings.schedule import ScheduledItem, schedule
from sakrad.organisations.models import Organisation
from sakrad.portal import rules
from sakrad.portal.rules import MAX_ID


def with_agenda() -> tuple:
    """Loader options for meetings shown whole: cycle, body, sessions, agenda, presenters
    (three queries however many meetings, sessions and items)."""
    return (
        joinedload(Meeting.cycle),
        joinedload(Meeting.convening_body),
        selectinload(Meeting.sessions)
        .selectinload(MeetingSession.agenda_items)
        .joinedload(AgendaItem.presenter_organisation),
    )


@functools.cache
def _by_id(whole: bool) -> sa.Select:
    """Built once per process (building a statement costs more CPU than running it); the id
    is bound at execution."""
    stmt = sa.select(Meeting).where(
        Meeting.id == sa.bindparam("meeting_id"), rules.meeting_public()
    )
    if whole:
        stmt = stmt.options(
            joinedload(Meeting.cycle),
            joinedload(Meeting.convening_body),
            joinedload(Meeting.sessions)
            .joinedload(MeetingSession.agenda_items)
            .joinedload(AgendaItem.presenter_organisation)
            # Of a presenting organisation the page, the API and the calendar show only
            # the name (``AgendaItem.presenter_label``): not its twenty columns on every
            # agenda item's row.
            .load_only(Organisation.name),
        )
    return stmt


def public_meeting(meeting_id: int, *, whole: bool = False) -> Meeting | None:
    """A public meeting; ``whole`` loads its cycle, body, sessions and agenda with it, in
    one query (a row per agenda item)."""
    if not 1 <= meeting_id <= MAX_ID:
        return None  # no table holds such an id (and the database would refuse it)
    result = db.session.execute(_by_id(whole), {"meeting_id": meeting_id})
    return result.unique().scalar_one_or_none()


def public_meetings(
    *,
    cycle_id: int | None = None,
    convening_body_id: int | None = None,
    kind: str | None = None,
    upcoming_after: datetime | None = None,
    limit: int | None = None,
) -> list[Meeting]:
    """Published meetings, in order of their first session (meetings without one last)."""
    first_start = (
        sa.select(sa.func.min(MeetingSession.starts_at))
        .where(MeetingSession.meeting_id == Meeting.id)
        .scalar_subquery()
    )
    stmt = sa.select(Meeting).where(rules.meeting_public()).options(*with_agenda())
    if cycle_id:
        stmt = stmt.where(Meeting.cycle_id == cycle_id)
    if convening_body_id:
        stmt = stmt.where(Meeting.convening_body_id == convening_body_id)
    if kind:
        stmt = stmt.where(Meeting.kind == kind)
    if upcoming_after is not None:
        stmt = stmt.where(
            sa.exists().where(
                MeetingSession.meeting_id == Meeting.id, MeetingSession.ends_at >= upcoming_after
            )
        )
    stmt = stmt.order_by(first_start.is_(None), first_start, Meeting.id)
    if limit:
        stmt = stmt.limit(limit)
    return list(db.session.scalars(stmt))


@dataclass(frozen=True)
class PublicSession:
    """What the public may know of a session: no online link, only whether there is one."""

    id: int
    number: int
    starts_at: datetime
    ends_at: datetime
    place: str | None
    is_online: bool
    agenda: list[ScheduledItem]


def public_sessions(meeting: Meeting) -> list[PublicSession]:
    """The sessions and agenda of a public meeting (load it with ``whole=True``)."""
    return [
        PublicSession(
            id=s.id,
            number=n,
            starts_at=s.starts_at,
            ends_at=s.ends_at,
            place=s.place,
            is_online=bool(s.online_url),
            agenda=schedule(s),
        )
        for n, s in enumerate(meeting.sessions, 1)
    ]
