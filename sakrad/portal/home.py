"""What the portal's home page shows: a handful of rows per section, a fixed query count."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from sakrad.cycles.models import Cycle, CycleState
from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.meetings.models import Meeting, MeetingSession, MeetingState
from sakrad.portal import feeds, rules


def upcoming_meetings(limit: int = 6) -> list[Meeting]:
    """Public, not cancelled meetings with a session still to come, soonest first.

    Driven from the sessions (few lie ahead, and ``ends_at`` can be indexed) rather than
    from all meetings, which keeps it flat at national size.
    """
    first = sa.func.min(MeetingSession.starts_at)
    soonest = (
        sa.select(MeetingSession.meeting_id, first.label("first"))
        .where(MeetingSession.ends_at >= utcnow())
        .group_by(MeetingSession.meeting_id)
        .subquery()
    )
    return list(
        db.session.scalars(
            sa.select(Meeting)
            .join(soonest, soonest.c.meeting_id == Meeting.id)
            .where(rules.meeting_public(), Meeting.state != MeetingState.CANCELLED)
            .options(selectinload(Meeting.sessions), selectinload(Meeting.convening_body))
            .order_by(soonest.c.first, Meeting.id)
            .limit(limit)
        )
    )


def recent_documentation(limit: int = 5) -> list[feeds.Entry]:
    return feeds._minutes_events(feeds.Scope(), limit)


def open_calls(limit: int = 6) -> list[Cycle]:
    now = utcnow()
    return list(
        db.session.scalars(
            sa.select(Cycle)
            .where(
                Cycle.state == CycleState.OPEN,
                Cycle.call_opens_at <= now,
                Cycle.call_closes_at > now,
            )
            .options(selectinload(Cycle.convening_body))
            .order_by(Cycle.call_closes_at, Cycle.id)
            .limit(limit)
        )
    )
