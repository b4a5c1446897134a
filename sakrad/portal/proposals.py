"""Public reads of topic proposals.

A proposal becomes public together with its response, when the convening body publishes
the cycle's batch of responses; before that nothing of it is public (not even its title).
Withdrawn proposals and drafts never are. The functions return ``PublicProposal`` values
that carry only public fields, so a template cannot reach a draft through a relationship.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from sakrad.cycles.models import Cycle
from sakrad.extensions import db
from sakrad.meetings.models import AgendaItem, Meeting, MeetingSession
from sakrad.organisations.models import Organisation
from sakrad.portal import rules
from sakrad.proposals.models import ProposalState, TopicProposal


@dataclass(frozen=True)
class PublicAgendaItem:
    id: int
    title: str
    title_en: str | None
    meeting_id: int
    meeting_title: str
    meeting_title_en: str | None

    def display_title(self, lang: str = "sv") -> str:
        return (self.title_en if lang == "en" and self.title_en else None) or self.title

    def meeting_display_title(self, lang: str = "sv") -> str:
        return (
            self.meeting_title_en if lang == "en" and self.meeting_title_en else None
        ) or self.meeting_title


@dataclass(frozen=True)
class PublicProposal:
    id: int
    cycle_id: int
    cycle_title: str
    cycle_title_en: str
    organisation_name: str
    organisation_slug: str
    title: str
    focus: str
    questions: str
    state: ProposalState
    response_text: str
    response_published_at: datetime
    merged_into_id: int | None
    merged_into_title: str | None
    agenda_item: PublicAgendaItem | None

    @property
    def anchor(self) -> str:
        return f"proposal-{self.id}"

    def cycle_display_title(self, lang: str = "sv") -> str:
        return self.cycle_title_en if lang == "en" else self.cycle_title


def _public_ids(column: sa.orm.InstrumentedAttribute, rule: sa.ColumnElement, ids: set) -> set:
    ids.discard(None)
    if not ids:
        return set()
    return set(db.session.scalars(sa.select(column).where(column.in_(ids), rule)))


def _publics(proposals: list[TopicProposal], public_meetings: set[int] | None = None) -> list:
    """Public values of proposals read with ``_select`` (two more queries at most: which
    merge targets and which agenda items' meetings are public)."""
    targets = _public_ids(
        TopicProposal.id, rules.proposal_public(), {p.merged_into_id for p in proposals}
    )
    if public_meetings is None:
        public_meetings = _public_ids(
            Meeting.id,
            rules.meeting_public(),
            {p.agenda_item.session.meeting_id for p in proposals if p.agenda_item},
        )
    return [_public(p, targets, public_meetings) for p in proposals]


def _agenda_item(item: AgendaItem | None, public_meetings: set[int]) -> PublicAgendaItem | None:
    if item is None or item.session.meeting_id not in public_meetings:
        return None  # the meeting is not announced yet: its agenda is not public
    meeting = item.session.meeting
    return PublicAgendaItem(
        id=item.id,
        title=item.title,
        title_en=item.title_en,
        meeting_id=meeting.id,
        meeting_title=meeting.title,
        meeting_title_en=meeting.title_en,
    )


def _public(p: TopicProposal, targets: set[int], public_meetings: set[int]) -> PublicProposal:
    target = p.merged_into if p.merged_into_id in targets else None
    assert p.response_published_at is not None  # rules.proposal_public() selects only these
    return PublicProposal(
        id=p.id,
        cycle_id=p.cycle_id,
        cycle_title=p.cycle.title("sv"),
        cycle_title_en=p.cycle.title("en"),
        organisation_name=p.organisation.name,
        organisation_slug=p.organisation.slug,
        title=p.title,
        focus=p.focus,
        questions=p.questions,
        state=p.state,
        response_text=p.response_text or "",
        response_published_at=p.response_published_at,
        merged_into_id=target.id if target else None,
        merged_into_title=target.title if target else None,
        agenda_item=(
            _agenda_item(p.agenda_item, public_meetings)
            if p.state == ProposalState.ACCEPTED
            else None
        ),
    )


def _select() -> sa.Select:
    return (
        sa.select(TopicProposal)
        .where(rules.proposal_public())
        .options(
            joinedload(TopicProposal.cycle),
            joinedload(TopicProposal.organisation),
            joinedload(TopicProposal.merged_into),
            joinedload(TopicProposal.agenda_item)
            .joinedload(AgendaItem.session)
            .joinedload(MeetingSession.meeting),
        )
    )


def published_for_cycle(cycle: Cycle) -> list[PublicProposal]:
    stmt = (
        _select()
        .join(Organisation, TopicProposal.organisation_id == Organisation.id)
        .where(TopicProposal.cycle_id == cycle.id)
        .order_by(Organisation.name, TopicProposal.title, TopicProposal.id)
    )
    return _publics(list(db.session.scalars(stmt)))


def published_for_organisation(organisation: Organisation) -> list[PublicProposal]:
    stmt = (
        _select()
        .join(Cycle, TopicProposal.cycle_id == Cycle.id)
        .where(TopicProposal.organisation_id == organisation.id)
        .order_by(Cycle.year.desc(), TopicProposal.title, TopicProposal.id)
    )
    return _publics(list(db.session.scalars(stmt)))


@functools.cache
def _for_meeting() -> sa.Select:
    """Built once per process (building costs more CPU than running it); the meeting's id is
    bound at execution."""
    return (
        _select()
        .join(AgendaItem, TopicProposal.agenda_item_id == AgendaItem.id)
        .join(MeetingSession, AgendaItem.session_id == MeetingSession.id)
        .where(
            MeetingSession.meeting_id == sa.bindparam("meeting_id"),
            TopicProposal.state == ProposalState.ACCEPTED,
        )
        .order_by(MeetingSession.starts_at, AgendaItem.position, TopicProposal.id)
    )


def published_for_meeting(meeting: Meeting) -> list[PublicProposal]:
    """Published, accepted proposals taken up by the agenda of a public meeting (the caller
    read ``meeting`` through ``public_meeting``)."""
    proposals = db.session.scalars(_for_meeting(), {"meeting_id": meeting.id})
    return _publics(list(proposals), {meeting.id})


def published_count(cycle: Cycle) -> int:
    return (
        db.session.scalar(
            sa.select(sa.func.count())
            .select_from(TopicProposal)
            .where(rules.proposal_public(), TopicProposal.cycle_id == cycle.id)
        )
        or 0
    )
