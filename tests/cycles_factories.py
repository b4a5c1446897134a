"""Factories for cycles and meetings (tests of this and later packages may use them)."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from sakrad.accounts.models import ConveningBody, Role, User
from sakrad.cycles import service as cycles
from sakrad.cycles.models import Cycle, CycleState
from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.meetings import agenda
from sakrad.meetings import service as meetings
from sakrad.meetings.models import Meeting, MeetingKind, MeetingSession, MeetingState
from tests.helpers import make_body, make_user

_seq = itertools.count(1)

CARD = {
    "purpose": "Syftet är att samla civilsamhällets kunskap.",
    "policy_stage": "En utredning pågår.",
    "questions": "Vad behöver myndigheterna tänka på?",
    "out_of_scope": "Budgetfrågor.",
    "use_of_input": "Inspelen ingår i kunskapsunderlaget.",
    "feedback_plan": "Återkoppling inom sex veckor.",
}


def staff_of(body: ConveningBody) -> User:
    return make_user(Role.CIVIL_SERVANT, body=body)


def make_cycle(
    body: ConveningBody | None = None,
    *,
    user: User | None = None,
    year: int = 2030,
    policy_area: str | None = None,
    state: CycleState = CycleState.DRAFT,
    **data,
) -> Cycle:
    body = body or make_body()
    user = user or staff_of(body)
    now = utcnow()
    data.setdefault("call_opens_at", now - timedelta(days=1))
    data.setdefault("call_closes_at", now + timedelta(days=30))
    cycle = cycles.create_cycle(
        user,
        convening_body_id=body.id,
        year=year,
        policy_area=policy_area or f"Område {next(_seq)}",
        **data,
    )
    order = [CycleState.OPEN, CycleState.CLOSED, CycleState.ARCHIVED]
    for step in order[: order.index(state) + 1] if state != CycleState.DRAFT else []:
        cycles.transition(user, cycle, step)
    db.session.commit()
    return cycle


def make_meeting(
    cycle: Cycle | None = None,
    *,
    user: User | None = None,
    title: str | None = None,
    card: bool = True,
    sessions: int = 1,
    state: MeetingState = MeetingState.DRAFT,
    start: datetime | None = None,
    **data,
) -> Meeting:
    """A meeting with ``sessions`` two-hour sessions a week apart, from ``start``."""
    cycle = cycle or make_cycle(state=CycleState.OPEN)
    user = user or _admin()
    data.setdefault("kind", MeetingKind.SAKRAD)
    data.setdefault("chair_title", "statssekreterare")
    meeting = meetings.create_meeting(
        user, cycle, title=title or f"Sakråd {next(_seq)}", **(CARD if card else {}), **data
    )
    start = start or (utcnow() + timedelta(days=30)).replace(
        hour=8, minute=0, second=0, microsecond=0
    )
    for n in range(sessions):
        at = start + timedelta(days=7 * n)
        agenda.add_session(
            user, meeting, starts_at=at, ends_at=at + timedelta(hours=2), place="Rosenbad"
        )
    if state in (MeetingState.ANNOUNCED, MeetingState.HELD, MeetingState.DOCUMENTED):
        meetings.announce(user, meeting)
    if state in (MeetingState.HELD, MeetingState.DOCUMENTED):
        meetings.mark_held(user, meeting, now=meeting.starts_at + timedelta(hours=1))
    if state == MeetingState.DOCUMENTED:
        meetings.mark_documented(user, meeting)
    if state == MeetingState.CANCELLED:
        meetings.cancel(user, meeting, "Inställt på grund av sjukdom.")
    db.session.commit()
    return meeting


def move_later(user: User, session: MeetingSession, online_url: str | None) -> MeetingSession:
    """The session moved one hour later, at the same place (a change calendars must get)."""
    return agenda.update_session(
        user,
        session,
        starts_at=session.starts_at + timedelta(hours=1),
        ends_at=session.ends_at + timedelta(hours=1),
        place=session.place,
        online_url=online_url,
    )


def owned_meeting(state: MeetingState = MeetingState.DRAFT):
    """A meeting (``state``) with an agenda item, in an open cycle of the first of two bodies:
    (that body, the other one, its civil servant, the cycle, the meeting, the item)."""
    body = make_body("Arbetsmarknadsdepartementet")
    other = make_body("Kulturdepartementet")
    owner = staff_of(body)
    cycle = make_cycle(body, user=owner, state=CycleState.OPEN)
    meeting = make_meeting(cycle, user=owner, state=state)
    item = agenda.add_item(owner, meeting.sessions[0], title="Punkt", duration_minutes=10)
    return body, other, owner, cycle, meeting, item


def add_past_session(meeting: Meeting, starts_at: datetime, hours: int = 2) -> MeetingSession:
    """A session at any time (the service refuses past ones; tests of history need them)."""
    session = MeetingSession(
        starts_at=starts_at.astimezone(UTC), ends_at=starts_at + timedelta(hours=hours), place="X"
    )
    meeting.sessions.append(session)
    db.session.commit()
    return session


def _admin() -> User:
    return make_user(Role.ADMIN)
