"""Aggregates of the answers, computed in SQL: two grouped queries serve one meeting's page
and a whole year's report alike. Aggregates of organisations' answers are withheld below the
anonymity threshold; the count is always shown."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa

from sakrad.extensions import db
from sakrad.feedback.models import (
    FEEDBACK_RECEIVED,
    FeedbackComment,
    FeedbackRating,
    FeedbackResponse,
    FeedbackRound,
    Question,
    Respondent,
)


@dataclass
class Score:
    """Ratings of one question: ``rated`` answers on the scale (sum ``total``), ``unknown``
    "don't know" answers."""

    rated: int = 0
    total: int = 0
    unknown: int = 0

    @property
    def mean(self) -> float | None:
        return round(self.total / self.rated, 2) if self.rated else None

    def add(self, other: Score) -> None:
        self.rated += other.rated
        self.total += other.total
        self.unknown += other.unknown


@dataclass
class Group:
    """The answers of one kind of respondent in one round of one meeting (or a year)."""

    responses: int = 0
    scores: dict[str, Score] = field(default_factory=dict)
    # For "did you get feedback": answers per value (2 yes, 1 partly, 0 no, None don't know).
    choices: dict[int | None, int] = field(default_factory=dict)

    def add(self, other: Group) -> None:
        self.responses += other.responses
        for code, score in other.scores.items():
            self.scores.setdefault(code, Score()).add(score)
        for value, n in other.choices.items():
            self.choices[value] = self.choices.get(value, 0) + n


Key = tuple[int, FeedbackRound, Respondent]


def groups(meeting_ids: sa.Select | list[int]) -> dict[Key, Group]:
    """Per (meeting, round, respondent): counts and sums per question code. Three queries,
    whatever the number of meetings or answers."""
    out: dict[Key, Group] = {}
    resp = FeedbackResponse
    for meeting_id, round_, respondent, n in db.session.execute(
        sa.select(resp.meeting_id, resp.round, resp.respondent, sa.func.count())
        .where(resp.meeting_id.in_(meeting_ids))
        .group_by(resp.meeting_id, resp.round, resp.respondent)
    ):
        out.setdefault((meeting_id, round_, respondent), Group()).responses = n
    base = (
        sa.select(resp.meeting_id, resp.round, resp.respondent, Question.code)
        .select_from(FeedbackRating)
        .join(resp, resp.id == FeedbackRating.response_id)
        .join(Question, Question.id == FeedbackRating.question_id)
        .where(resp.meeting_id.in_(meeting_ids))
    )
    keys = (resp.meeting_id, resp.round, resp.respondent, Question.code)
    for meeting_id, round_, respondent, code, rated, total, unknown in db.session.execute(
        base.add_columns(
            sa.func.count(FeedbackRating.value),
            sa.func.coalesce(sa.func.sum(FeedbackRating.value), 0),
            sa.func.sum(sa.case((FeedbackRating.value.is_(None), 1), else_=0)),
        )
        .where(Question.code != FEEDBACK_RECEIVED)
        .group_by(*keys)
    ):
        group = out.setdefault((meeting_id, round_, respondent), Group())
        group.scores[code] = Score(int(rated), int(total), int(unknown or 0))
    for meeting_id, round_, respondent, _code, value, n in db.session.execute(
        base.add_columns(FeedbackRating.value, sa.func.count())
        .where(Question.code == FEEDBACK_RECEIVED)
        .group_by(*keys, FeedbackRating.value)
    ):
        group = out.setdefault((meeting_id, round_, respondent), Group())
        group.choices[value] = int(n)
    return out


def comments(meeting_id: int) -> list[FeedbackComment]:
    return list(
        db.session.scalars(
            sa.select(FeedbackComment)
            .where(FeedbackComment.meeting_id == meeting_id)
            .order_by(FeedbackComment.round, FeedbackComment.text)  # no order of arrival
        )
    )


def sent_count(meeting_id: int) -> dict[FeedbackRound, tuple[int, int]]:
    """Per round: links sent and links used."""
    from sakrad.feedback.models import FeedbackRequest as R

    rows = db.session.execute(
        sa.select(R.round, sa.func.count(), sa.func.sum(sa.case((R.answered, 1), else_=0)))
        .where(R.meeting_id == meeting_id)
        .group_by(R.round)
    )
    return {round_: (int(n), int(used or 0)) for round_, n, used in rows}
