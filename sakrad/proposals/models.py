"""Topic proposals from organisations and the convening body's published responses.

Visibility, decided here once for every page and export:

- a representative sees the proposals of the organisations they represent; until the
  response is published they see only "submitted", "under review" or "withdrawn", never a
  drafted decision or response (a decision is part of the response and is published with it);
- civil servants of the cycle's convening body (and admins) see everything;
- the public sees a proposal only once its response has been published in a batch
  (``response_published_at`` is set): proposal and response become public together.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sakrad.accounts.models import User
from sakrad.cycles.models import Cycle
from sakrad.db import IntPK, Now, Updated, UTCDateTime, Versioned, enum_column
from sakrad.enums import LabelledEnum
from sakrad.extensions import Model
from sakrad.organisations.models import Organisation

if TYPE_CHECKING:
    from sakrad.meetings.models import AgendaItem

# Sane limits, in characters; the form and a CHECK constraint both hold them.
TITLE_MAX = 200
FOCUS_MAX = 2000
QUESTIONS_MAX = 4000
BACKGROUND_MAX = 8000
RESPONSE_MAX = 8000


class ProposalState(LabelledEnum):
    SUBMITTED = "submitted", _l("Submitted")
    UNDER_REVIEW = "under_review", _l("Under review")
    ACCEPTED = "accepted", _l("Accepted")
    MERGED = "merged", _l("Merged into another proposal")
    DEFERRED = "deferred", _l("Deferred to a later cycle")
    DECLINED = "declined", _l("Declined")
    WITHDRAWN = "withdrawn", _l("Withdrawn")


STATE_LABELS = ProposalState.labels()


# The decisions: each needs a reasoned response text.
DECISIONS = frozenset(
    {ProposalState.ACCEPTED, ProposalState.MERGED, ProposalState.DEFERRED, ProposalState.DECLINED}
)
OPEN_STATES = frozenset({ProposalState.SUBMITTED, ProposalState.UNDER_REVIEW})


def _in(states: frozenset[ProposalState]) -> str:
    return ", ".join(f"'{s.value}'" for s in sorted(states))


class ResponseBatch(Model):
    """One publication of responses for a cycle."""

    __tablename__ = "response_batches"
    __table_args__ = (sa.Index("ix_response_batches_published_at", "published_at"),)

    id: Mapped[IntPK]
    cycle_id: Mapped[int] = mapped_column(sa.ForeignKey("cycles.id"), index=True)
    published_at: Mapped[Now]
    published_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    proposal_count: Mapped[int] = mapped_column(default=0)
    # Proposals still without a decision when the batch went out (they wait for a later one).
    undecided_count: Mapped[int] = mapped_column(default=0, server_default="0")

    cycle: Mapped[Cycle] = relationship()
    published_by: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<ResponseBatch {self.id} cycle {self.cycle_id} n={self.proposal_count}>"


class TopicProposal(Versioned, Model):
    __tablename__ = "topic_proposals"
    __table_args__ = (
        sa.Index("ix_topic_proposals_response_published_at", "response_published_at"),
        sa.CheckConstraint(f"length(title) <= {TITLE_MAX}", name="title_length"),
        sa.CheckConstraint(f"length(focus) <= {FOCUS_MAX}", name="focus_length"),
        sa.CheckConstraint(f"length(questions) <= {QUESTIONS_MAX}", name="questions_length"),
        sa.CheckConstraint(
            f"background IS NULL OR length(background) <= {BACKGROUND_MAX}",
            name="background_length",
        ),
        sa.CheckConstraint(
            f"response_text IS NULL OR length(response_text) <= {RESPONSE_MAX}",
            name="response_length",
        ),
        # Every decision carries a reasoned response, a time and who made it.
        sa.CheckConstraint(
            f"state NOT IN ({_in(DECISIONS)}) OR (response_text IS NOT NULL "
            "AND decided_at IS NOT NULL)",
            name="decision_has_response",
        ),
        sa.CheckConstraint(
            "(state = 'merged') = (merged_into_id IS NOT NULL)", name="merged_iff_target"
        ),
        sa.CheckConstraint("merged_into_id IS NULL OR merged_into_id <> id", name="not_self"),
        sa.CheckConstraint(
            "agenda_item_id IS NULL OR state = 'accepted'", name="agenda_only_accepted"
        ),
        sa.CheckConstraint(
            f"response_published_at IS NULL OR state IN ({_in(DECISIONS)})",
            name="published_only_decided",
        ),
        sa.CheckConstraint(
            "(state = 'withdrawn') = (withdrawn_at IS NOT NULL)", name="withdrawn_iff_time"
        ),
        sa.Index("ix_topic_proposals_cycle_state", "cycle_id", "state"),
    )

    id: Mapped[IntPK]
    cycle_id: Mapped[int] = mapped_column(sa.ForeignKey("cycles.id"))
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    submitted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(sa.String(TITLE_MAX))
    focus: Mapped[str] = mapped_column(sa.Text)
    questions: Mapped[str] = mapped_column(sa.Text)
    background: Mapped[str | None] = mapped_column(sa.Text)
    state: Mapped[ProposalState] = mapped_column(
        enum_column(ProposalState), default=ProposalState.SUBMITTED
    )
    merged_into_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("topic_proposals.id"), index=True
    )
    # Drafted privately; public only once response_published_at is set.
    response_text: Mapped[str | None] = mapped_column(sa.Text)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    response_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    batch_id: Mapped[int | None] = mapped_column(sa.ForeignKey("response_batches.id"), index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("agenda_items.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[Now]
    updated_at: Mapped[Updated]
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    cycle: Mapped[Cycle] = relationship()
    organisation: Mapped[Organisation] = relationship()
    submitted_by: Mapped[User | None] = relationship(foreign_keys=[submitted_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
    merged_into: Mapped[TopicProposal | None] = relationship(
        remote_side="TopicProposal.id", foreign_keys=[merged_into_id]
    )
    agenda_item: Mapped[AgendaItem | None] = relationship()
    batch: Mapped[ResponseBatch | None] = relationship()

    @property
    def is_decided(self) -> bool:
        return self.state in DECISIONS

    @property
    def is_published(self) -> bool:
        return self.response_published_at is not None

    @property
    def state_for_proposer(self) -> ProposalState:
        """What the proposing organisation may see: a decision only once it is published."""
        if self.is_decided and not self.is_published:
            return ProposalState.UNDER_REVIEW
        return self.state

    def __repr__(self) -> str:
        return f"<TopicProposal {self.id} cycle {self.cycle_id} {self.state}>"
