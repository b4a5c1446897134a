"""Reading proposals: lists, counts and lookups for the pages of the convening body and of
representatives. Public pages read through ``sakrad.portal.proposals`` instead."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from sakrad.accounts.models import User
from sakrad.cycles.models import Cycle, CycleState
from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.meetings.models import AgendaItem, Meeting, MeetingSession
from sakrad.organisations.models import Organisation, Representation
from sakrad.proposals.models import DECISIONS, OPEN_STATES, ProposalState, TopicProposal


def get(proposal_id: int) -> TopicProposal | None:
    return db.session.get(TopicProposal, proposal_id)


def cycles_with_open_call(now: datetime | None = None) -> list[Cycle]:
    """Cycles taking proposals at ``now``, soonest closing first."""
    now = now or utcnow()
    stmt = (
        sa.select(Cycle)
        .where(
            Cycle.state == CycleState.OPEN,
            Cycle.call_opens_at <= now,
            Cycle.call_closes_at > now,
        )
        .order_by(Cycle.call_closes_at, Cycle.id)
    )
    return list(db.session.scalars(stmt))


def proposals_of(user: User) -> list[TopicProposal]:
    """The proposals of every organisation the user represents, newest first."""
    org_ids = sa.select(Representation.organisation_id).where(Representation.user_id == user.id)
    stmt = (
        sa.select(TopicProposal)
        .where(TopicProposal.organisation_id.in_(org_ids))
        .order_by(TopicProposal.created_at.desc(), TopicProposal.id.desc())
    )
    return list(db.session.scalars(stmt))


def list_for_review(
    cycle: Cycle,
    *,
    state: ProposalState | str | None = None,
    organisation_id: int | None = None,
    text: str | None = None,
) -> list[TopicProposal]:
    stmt = sa.select(TopicProposal).where(TopicProposal.cycle_id == cycle.id)
    if state:
        stmt = stmt.where(TopicProposal.state == ProposalState(state))
    if organisation_id:
        stmt = stmt.where(TopicProposal.organisation_id == organisation_id)
    if text and text.strip():
        pattern = f"%{text.strip().lower()}%"
        stmt = stmt.where(
            sa.or_(
                sa.func.lower(TopicProposal.title).like(pattern),
                sa.func.lower(TopicProposal.focus).like(pattern),
                sa.func.lower(TopicProposal.questions).like(pattern),
            )
        )
    return list(db.session.scalars(stmt.order_by(TopicProposal.created_at, TopicProposal.id)))


def organisations_in_cycle(cycle: Cycle) -> list[Organisation]:
    stmt = (
        sa.select(Organisation)
        .where(
            Organisation.id.in_(
                sa.select(TopicProposal.organisation_id).where(TopicProposal.cycle_id == cycle.id)
            )
        )
        .order_by(Organisation.name)
    )
    return list(db.session.scalars(stmt))


def counts_by_state(cycle: Cycle) -> dict[ProposalState, int]:
    rows = db.session.execute(
        sa.select(TopicProposal.state, sa.func.count())
        .where(TopicProposal.cycle_id == cycle.id)
        .group_by(TopicProposal.state)
    )
    counts = dict.fromkeys(ProposalState, 0)
    counts.update({ProposalState(state): n for state, n in rows})
    return counts


def unpublished_decided(cycle: Cycle) -> list[TopicProposal]:
    stmt = (
        sa.select(TopicProposal)
        .where(
            TopicProposal.cycle_id == cycle.id,
            TopicProposal.state.in_(DECISIONS),
            TopicProposal.response_published_at.is_(None),
        )
        .order_by(TopicProposal.id)
    )
    return list(db.session.scalars(stmt))


def unpublished_count(cycle: Cycle) -> int:
    return len(unpublished_decided(cycle))


def undecided_count(cycle: Cycle) -> int:
    return (
        db.session.scalar(
            sa.select(sa.func.count()).where(
                TopicProposal.cycle_id == cycle.id, TopicProposal.state.in_(OPEN_STATES)
            )
        )
        or 0
    )


def merge_targets(proposal: TopicProposal) -> list[TopicProposal]:
    """Proposals of the same cycle this one may be merged into."""
    stmt = (
        sa.select(TopicProposal)
        .where(
            TopicProposal.cycle_id == proposal.cycle_id,
            TopicProposal.id != proposal.id,
            TopicProposal.state.not_in([ProposalState.MERGED, ProposalState.WITHDRAWN]),
        )
        .order_by(TopicProposal.title, TopicProposal.id)
    )
    return list(db.session.scalars(stmt))


def merged_into(proposal: TopicProposal) -> list[TopicProposal]:
    """The proposals merged into this one."""
    stmt = sa.select(TopicProposal).where(TopicProposal.merged_into_id == proposal.id)
    return list(db.session.scalars(stmt.order_by(TopicProposal.id)))


def agenda_items_of_cycle(cycle: Cycle) -> list[AgendaItem]:
    """Every agenda item of every meeting of the cycle, in meeting and session order."""
    stmt = (
        sa.select(AgendaItem)
        .join(MeetingSession, AgendaItem.session_id == MeetingSession.id)
        .join(Meeting, MeetingSession.meeting_id == Meeting.id)
        .where(Meeting.cycle_id == cycle.id)
        .order_by(Meeting.id, MeetingSession.starts_at, AgendaItem.position, AgendaItem.id)
    )
    return list(db.session.scalars(stmt))


def proposals_for_agenda_item(item_id: int) -> list[TopicProposal]:
    """Accepted proposals an agenda item takes up, published or not (internal use: public
    pages read through ``sakrad.portal.proposals``)."""
    stmt = (
        sa.select(TopicProposal)
        .where(TopicProposal.agenda_item_id == item_id)
        .order_by(TopicProposal.title, TopicProposal.id)
    )
    return list(db.session.scalars(stmt))


def proposals_for_meeting(meeting: Meeting) -> list[TopicProposal]:
    """Accepted proposals taken up by any agenda item of the meeting (internal use)."""
    stmt = (
        sa.select(TopicProposal)
        .join(AgendaItem, TopicProposal.agenda_item_id == AgendaItem.id)
        .join(MeetingSession, AgendaItem.session_id == MeetingSession.id)
        .where(MeetingSession.meeting_id == meeting.id)
        .order_by(MeetingSession.starts_at, AgendaItem.position, TopicProposal.id)
    )
    return list(db.session.scalars(stmt))
