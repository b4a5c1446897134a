"""Question sets, personal feedback links, and the anonymous answers.

Anonymity is structural: ``FeedbackResponse`` (and its ratings) has no column that leads to an
organisation, a link or a time; the link (``FeedbackRequest``) only records *that* it was used.
Comments live in their own table, unconnected to the ratings, so signing a comment never
reveals how the same organisation rated the meeting.
"""

from __future__ import annotations

import enum
import secrets
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sakrad.db import IntPK, MeetingRef, Now, UTCDateTime, Versioned, enum_column
from sakrad.extensions import Model

# The six principles of the dialogue, in the order the questionnaire shows them.
PRINCIPLES = ("independence", "dialogue", "long_term", "openness", "quality", "diversity")
EXPECTATIONS = "expectations"  # did the meeting deliver what its expectations card promised
FEEDBACK_RECEIVED = "feedback_received"  # asked once the outcome is published
MEETING_CODES = (*PRINCIPLES, EXPECTATIONS)
QUESTION_CODES = (*MEETING_CODES, FEEDBACK_RECEIVED)
SCALE = (1, 2, 3, 4, 5)  # 1: disagree entirely … 5: agree entirely; NULL: don't know
# The answers to "did you get feedback": 0 no, 1 partly, 2 yes; NULL: don't know.
FEEDBACK_CHOICES = (2, 1, 0)
COMMENT_MAX = 4000


class FeedbackRound(enum.StrEnum):
    MEETING = "meeting"  # after the meeting was held
    FOLLOWUP = "followup"  # after the outcome was published


class Respondent(enum.StrEnum):
    ORGANISATION = "organisation"
    BODY = "body"  # the convening body's self-assessment


def _random_id() -> str:
    # Random keys: a sequence would order answers the way the links were used.
    return secrets.token_hex(16)


class QuestionSet(Model):
    """One version of the questions. A version is never changed: editing saves a new one."""

    __tablename__ = "feedback_question_sets"

    id: Mapped[IntPK]
    version: Mapped[int] = mapped_column(unique=True)
    created_at: Mapped[Now]
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )

    questions: Mapped[list[Question]] = relationship(
        back_populates="question_set", order_by="Question.position", cascade="all, delete-orphan"
    )

    def question(self, code: str) -> Question | None:
        return next((q for q in self.questions if q.code == code), None)


class Question(Model):
    __tablename__ = "feedback_questions"
    __table_args__ = (
        sa.UniqueConstraint("question_set_id", "code"),
        sa.CheckConstraint(
            "code IN (" + ", ".join(f"'{c}'" for c in QUESTION_CODES) + ")", name="code_known"
        ),
    )

    id: Mapped[IntPK]
    question_set_id: Mapped[int] = mapped_column(
        sa.ForeignKey("feedback_question_sets.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    code: Mapped[str] = mapped_column(sa.String(40))
    text_sv: Mapped[str] = mapped_column(sa.Text)
    text_en: Mapped[str] = mapped_column(sa.Text)

    question_set: Mapped[QuestionSet] = relationship(back_populates="questions")

    def text(self, lang: str = "sv") -> str:
        return self.text_en if lang == "en" and self.text_en else self.text_sv


class FeedbackRequest(Versioned, Model):
    """A personal feedback link sent to an attending organisation. Only the SHA-256 of the token
    is stored; ``answered`` is all it keeps of the answer (no time, no reference)."""

    __tablename__ = "feedback_requests"
    __table_args__ = (sa.UniqueConstraint("meeting_id", "organisation_id", "round"),)

    id: Mapped[IntPK]
    meeting_id: Mapped[MeetingRef]
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    round: Mapped[FeedbackRound] = mapped_column(enum_column(FeedbackRound, 16))
    question_set_id: Mapped[int] = mapped_column(sa.ForeignKey("feedback_question_sets.id"))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    # The reminder carries a fresh link; the first email's link keeps working beside it.
    previous_token_hash: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    sent_at: Mapped[Now]
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    answered: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    question_set: Mapped[QuestionSet] = relationship()
    meeting = relationship("Meeting")
    organisation = relationship("Organisation")

    def is_open(self, now: datetime) -> bool:
        return not self.answered and now < self.closes_at


class FeedbackResponse(Model):
    """One submitted questionnaire: which meeting, which question version, who kind of
    respondent. Deliberately nothing else."""

    __tablename__ = "feedback_responses"
    __table_args__ = (
        sa.Index("ix_feedback_responses_meeting", "meeting_id", "round", "respondent"),
    )

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=_random_id)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"))
    question_set_id: Mapped[int] = mapped_column(sa.ForeignKey("feedback_question_sets.id"))
    round: Mapped[FeedbackRound] = mapped_column(enum_column(FeedbackRound, 16))
    respondent: Mapped[Respondent] = mapped_column(enum_column(Respondent, 16))

    ratings: Mapped[list[FeedbackRating]] = relationship(
        back_populates="response", cascade="all, delete-orphan"
    )


class FeedbackRating(Model):
    __tablename__ = "feedback_ratings"
    __table_args__ = (
        sa.CheckConstraint("value IS NULL OR value BETWEEN 0 AND 5", name="value_range"),
    )

    response_id: Mapped[str] = mapped_column(
        sa.ForeignKey("feedback_responses.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[int] = mapped_column(
        sa.ForeignKey("feedback_questions.id"), primary_key=True, index=True
    )
    value: Mapped[int | None] = mapped_column()  # NULL: don't know

    response: Mapped[FeedbackResponse] = relationship(back_populates="ratings")


class FeedbackComment(Model):
    """A free-text comment for the convening body, unsigned unless the organisation signed it."""

    __tablename__ = "feedback_comments"
    __table_args__ = (
        sa.CheckConstraint(f"length(text) <= {COMMENT_MAX}", name="text_length"),
        sa.Index("ix_feedback_comments_meeting", "meeting_id"),
    )

    id: Mapped[str] = mapped_column(sa.String(32), primary_key=True, default=_random_id)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"))
    round: Mapped[FeedbackRound] = mapped_column(enum_column(FeedbackRound, 16))
    text: Mapped[str] = mapped_column(sa.Text)
    # The organisation's name, only when it chose to sign (copied text, not a reference).
    signature: Mapped[str | None] = mapped_column(sa.String(300))


class SelfAssessor(Model):
    """That a civil servant has given their self-assessment of a meeting (once each)."""

    __tablename__ = "feedback_self_assessors"
    __table_args__ = (sa.UniqueConstraint("meeting_id", "user_id"),)

    id: Mapped[IntPK]
    meeting_id: Mapped[MeetingRef]
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
