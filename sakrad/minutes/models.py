"""Minutes (append-only revisions and their publications), the factual review by the
attending organisations, the meeting's documents and the outcome statement.

What is public, decided here once: the revision the LATEST publication points at (and the
earlier publications, as change history), documents marked public, and the outcome as it was
copied at the last publication. Drafts, review rounds and comments never are.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sakrad.accounts.models import User
from sakrad.db import IntPK, MeetingRef, Now, Updated, UTCDateTime, Versioned, enum_column
from sakrad.extensions import Model
from sakrad.organisations.models import Organisation
from sakrad.proposals.models import TopicProposal

TEXT_MAX = 200_000
COMMENT_MAX = 10_000
URL_MAX = 2000


class MinutesRevision(Model):
    """One saved version of the minutes. Rows are never updated (see the listener below)."""

    __tablename__ = "minutes_revisions"
    __table_args__ = (
        sa.UniqueConstraint("meeting_id", "number"),
        sa.CheckConstraint("number > 0", name="number_positive"),
        sa.CheckConstraint(
            "based_on_number IS NULL OR (based_on_number >= 0 AND based_on_number < number)",
            name="based_on_earlier",
        ),
    )

    id: Mapped[IntPK]
    meeting_id: Mapped[MeetingRef]
    number: Mapped[int] = mapped_column()
    text: Mapped[str] = mapped_column(sa.Text)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[Now]
    # The revision the editor started from (0: an empty editor / the generated draft).
    based_on_number: Mapped[int | None] = mapped_column()

    author: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<MinutesRevision {self.meeting_id}#{self.number}>"


@sa.event.listens_for(MinutesRevision, "before_update")
def _revisions_are_immutable(mapper, connection, target) -> None:
    raise RuntimeError("a minutes revision is never changed; save a new one")


class MinutesPublication(Model):
    """Pointing the public page at one revision. Every publication is kept (change history)."""

    __tablename__ = "minutes_publications"
    __table_args__ = (sa.Index("ix_minutes_publications_published_at", "published_at"),)

    id: Mapped[IntPK]
    meeting_id: Mapped[MeetingRef]
    revision_id: Mapped[int] = mapped_column(sa.ForeignKey("minutes_revisions.id"))
    published_at: Mapped[Now]
    published_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    revision: Mapped[MinutesRevision] = relationship()
    published_by: Mapped[User | None] = relationship()


class ReviewRound(Model):
    """A draft sent to the attending organisations for factual review until a date."""

    __tablename__ = "minutes_review_rounds"

    id: Mapped[IntPK]
    meeting_id: Mapped[MeetingRef]
    revision_id: Mapped[int] = mapped_column(sa.ForeignKey("minutes_revisions.id"))
    until: Mapped[date] = mapped_column(sa.Date)
    sent_at: Mapped[Now]
    sent_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    # The organisations it went to, fixed when sent (attendance may be corrected later).
    organisation_ids: Mapped[list[int]] = mapped_column(sa.JSON, default=list)

    revision: Mapped[MinutesRevision] = relationship()
    sent_by: Mapped[User | None] = relationship()
    comments: Mapped[list[ReviewComment]] = relationship(
        back_populates="round", order_by="ReviewComment.created_at, ReviewComment.id"
    )


class ReviewComment(Versioned, Model):
    """Private to the convening body and the commenting organisation."""

    __tablename__ = "minutes_review_comments"
    __table_args__ = (
        sa.CheckConstraint(f"length(text) <= {COMMENT_MAX}", name="text_length"),
        sa.CheckConstraint(
            "(answer IS NULL) = (answered_at IS NULL)", name="answer_iff_answered_at"
        ),
    )

    id: Mapped[IntPK]
    round_id: Mapped[int] = mapped_column(
        sa.ForeignKey("minutes_review_rounds.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    text: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[Now]
    answer: Mapped[str | None] = mapped_column(sa.Text)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    answered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    round: Mapped[ReviewRound] = relationship(back_populates="comments")
    organisation: Mapped[Organisation] = relationship()
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    answered_by: Mapped[User | None] = relationship(foreign_keys=[answered_by_id])


class DocumentKind(enum.StrEnum):
    FILE = "file"
    LINK = "link"


class Document(Versioned, Model):
    __tablename__ = "meeting_documents"
    __table_args__ = (
        sa.CheckConstraint(
            "(kind = 'file' AND sha256 IS NOT NULL AND filename IS NOT NULL "
            "AND media_type IS NOT NULL AND size IS NOT NULL AND url IS NULL) OR "
            "(kind = 'link' AND url IS NOT NULL AND sha256 IS NULL)",
            name="file_or_link",
        ),
        sa.CheckConstraint("size IS NULL OR size >= 0", name="size_nonnegative"),
        sa.CheckConstraint("replaced_by_id IS NULL OR replaced_by_id <> id", name="not_self"),
    )

    id: Mapped[IntPK]
    meeting_id: Mapped[MeetingRef]
    title: Mapped[str] = mapped_column(sa.String(300))
    language: Mapped[str] = mapped_column(sa.String(8), default="sv")
    public: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    kind: Mapped[DocumentKind] = mapped_column(enum_column(DocumentKind, 8))
    sha256: Mapped[str | None] = mapped_column(sa.String(64), index=True)
    media_type: Mapped[str | None] = mapped_column(sa.String(120))
    size: Mapped[int | None] = mapped_column(sa.BigInteger)
    filename: Mapped[str | None] = mapped_column(sa.String(255))
    url: Mapped[str | None] = mapped_column(sa.String(URL_MAX))
    created_at: Mapped[Now]
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    # A replaced document stays (history); it points at its successor.
    replaced_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("meeting_documents.id", ondelete="SET NULL")
    )

    created_by: Mapped[User | None] = relationship()
    replaced_by: Mapped[Document | None] = relationship(remote_side="Document.id")

    @property
    def is_file(self) -> bool:
        return self.kind == DocumentKind.FILE

    @property
    def is_current(self) -> bool:
        return self.replaced_by_id is None


class Outcome(Versioned, Model):
    """What the convening body will do with the input, and when feedback comes.

    The editable fields are a draft; publishing the minutes copies them into the
    ``published_*`` fields, so later edits wait for the next publication like the minutes do.
    """

    __tablename__ = "meeting_outcomes"

    id: Mapped[IntPK]
    meeting_id: Mapped[int] = mapped_column(
        sa.ForeignKey("meetings.id", ondelete="CASCADE"), unique=True
    )
    statement: Mapped[str] = mapped_column(sa.Text, default="")
    feedback_when: Mapped[date | None] = mapped_column(sa.Date)
    published_statement: Mapped[str | None] = mapped_column(sa.Text)
    published_feedback_when: Mapped[date | None] = mapped_column(sa.Date)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    updated_at: Mapped[Updated]
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    notes: Mapped[list[OutcomeProposalNote]] = relationship(
        back_populates="outcome", cascade="all, delete-orphan", order_by="OutcomeProposalNote.id"
    )


class OutcomeProposalNote(Model):
    """How one linked topic proposal was handled."""

    __tablename__ = "meeting_outcome_notes"
    __table_args__ = (sa.UniqueConstraint("outcome_id", "proposal_id"),)

    id: Mapped[IntPK]
    outcome_id: Mapped[int] = mapped_column(
        sa.ForeignKey("meeting_outcomes.id", ondelete="CASCADE"), index=True
    )
    proposal_id: Mapped[int] = mapped_column(
        sa.ForeignKey("topic_proposals.id", ondelete="CASCADE"), index=True
    )
    note: Mapped[str] = mapped_column(sa.Text, default="")
    published_note: Mapped[str | None] = mapped_column(sa.Text)

    outcome: Mapped[Outcome] = relationship(back_populates="notes")
    proposal: Mapped[TopicProposal] = relationship()


class ReviewLink(Model):
    """A personal link to the review of draft minutes for one organisation, so invited
    organisations without an account can comment (like the invitation answer link). Only the
    SHA-256 of the token is stored."""

    __tablename__ = "minutes_review_links"
    __table_args__ = (sa.UniqueConstraint("round_id", "organisation_id"),)

    id: Mapped[IntPK]
    round_id: Mapped[int] = mapped_column(
        sa.ForeignKey("minutes_review_rounds.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[Now]

    round: Mapped[ReviewRound] = relationship()
    organisation: Mapped[Organisation] = relationship()
