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
from sqlalchemy.orm import aliased

from sakrad.cycles.models import Cycle, cycle_title
from sakrad.db import columns, copied
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


@functools.cache
def _public_of(model: type[TopicProposal] | type[Meeting]) -> sa.Select:
    """Which of the bound ids are public proposals (or meetings). Built once per process:
    building the rule costs more CPU than running the query."""
    rule = rules.proposal_public() if model is TopicProposal else rules.meeting_public()
    return sa.select(model.id).where(model.id.in_(sa.bindparam("ids", expanding=True)), rule)


def _public_ids(model: type[TopicProposal] | type[Meeting], ids: set) -> set:
    ids.discard(None)
    if not ids:
        return set()
    return set(db.session.scalars(_public_of(model), {"ids": list(ids)}))


# The proposal a merged one went into (shown only if it is public itself).
_TARGET = aliased(TopicProposal, name="merge_target")


# The proposal's own columns a ``PublicProposal`` shows as they are.
_PROPOSAL_COLUMNS = (
    "title", "focus", "questions", "state", "response_text", "response_published_at",
    "merged_into_id",
)  # fmt: skip


def _select() -> sa.Select:
    """Public proposals with every column a ``PublicProposal`` shows, one row each: the
    cycle, organisation, merge target and agenda item come as columns of the same row (no
    ORM objects to build for a read-only view)."""
    return (
        sa.select(
            *columns(TopicProposal, "id", "cycle_id"),
            *columns(Cycle, "year", "policy_area", "policy_area_en"),
            Organisation.name.label("organisation_name"),
            Organisation.slug.label("organisation_slug"),
            *columns(TopicProposal, *_PROPOSAL_COLUMNS),
            _TARGET.title.label("merged_into_title"),
            AgendaItem.id.label("item_id"),
            AgendaItem.title.label("item_title"),
            AgendaItem.title_en.label("item_title_en"),
            Meeting.id.label("meeting_id"),
            Meeting.title.label("meeting_title"),
            Meeting.title_en.label("meeting_title_en"),
        )
        .join(Cycle, TopicProposal.cycle_id == Cycle.id)
        .join(Organisation, TopicProposal.organisation_id == Organisation.id)
        .outerjoin(_TARGET, TopicProposal.merged_into_id == _TARGET.id)
        .outerjoin(AgendaItem, TopicProposal.agenda_item_id == AgendaItem.id)
        .outerjoin(MeetingSession, AgendaItem.session_id == MeetingSession.id)
        .outerjoin(Meeting, MeetingSession.meeting_id == Meeting.id)
        .where(rules.proposal_public())
    )


def _publics(rows: list[sa.Row], public_meetings: set[int] | None = None) -> list:
    """Public values of rows read with ``_select`` (two more queries at most: which merge
    targets and which agenda items' meetings are public)."""
    targets = _public_ids(TopicProposal, {r.merged_into_id for r in rows})
    if public_meetings is None:
        public_meetings = _public_ids(Meeting, {r.meeting_id for r in rows if r.item_id})
    return [_public(r, targets, public_meetings) for r in rows]


def _agenda_item(r: sa.Row, public_meetings: set[int]) -> PublicAgendaItem | None:
    if r.item_id is None or r.meeting_id not in public_meetings:
        return None  # the meeting is not announced yet: its agenda is not public
    return PublicAgendaItem(
        id=r.item_id,
        title=r.item_title,
        title_en=r.item_title_en,
        meeting_id=r.meeting_id,
        meeting_title=r.meeting_title,
        meeting_title_en=r.meeting_title_en,
    )


def _public(r: sa.Row, targets: set[int], public_meetings: set[int]) -> PublicProposal:
    merged = r.merged_into_id in targets
    assert r.response_published_at is not None  # rules.proposal_public() selects only these
    return copied(
        PublicProposal,
        r,
        cycle_title=cycle_title(r.policy_area, r.policy_area_en, r.year, "sv"),
        cycle_title_en=cycle_title(r.policy_area, r.policy_area_en, r.year, "en"),
        response_text=r.response_text or "",
        merged_into_id=r.merged_into_id if merged else None,
        merged_into_title=r.merged_into_title if merged else None,
        agenda_item=(
            _agenda_item(r, public_meetings) if r.state == ProposalState.ACCEPTED else None
        ),
    )


def published_for_cycle(cycle: Cycle) -> list[PublicProposal]:
    stmt = (
        _select()
        .where(TopicProposal.cycle_id == cycle.id)
        .order_by(Organisation.name, TopicProposal.title, TopicProposal.id)
    )
    return _publics(list(db.session.execute(stmt)))


def published_for_organisation(organisation: Organisation) -> list[PublicProposal]:
    stmt = (
        _select()
        .where(TopicProposal.organisation_id == organisation.id)
        .order_by(Cycle.year.desc(), TopicProposal.title, TopicProposal.id)
    )
    return _publics(list(db.session.execute(stmt)))


@functools.cache
def _for_meeting() -> sa.Select:
    """Built once per process (building costs more CPU than running it); the meeting's id is
    bound at execution."""
    return (
        _select()
        .where(
            MeetingSession.meeting_id == sa.bindparam("meeting_id"),
            TopicProposal.state == ProposalState.ACCEPTED,
        )
        .order_by(MeetingSession.starts_at, AgendaItem.position, TopicProposal.id)
    )


def published_for_meeting(meeting: Meeting) -> list[PublicProposal]:
    """Published, accepted proposals taken up by the agenda of a public meeting (the caller
    read ``meeting`` through ``public_meeting``)."""
    rows = db.session.execute(_for_meeting(), {"meeting_id": meeting.id})
    return _publics(list(rows), {meeting.id})


def published_count(cycle: Cycle) -> int:
    return (
        db.session.scalar(
            sa.select(sa.func.count())
            .select_from(TopicProposal)
            .where(rules.proposal_public(), TopicProposal.cycle_id == cycle.id)
        )
        or 0
    )
