"""Factual review of draft minutes by the attending organisations.

A round is optional but recorded. Comments are private: the convening body sees every
comment, a representative only those of the organisations they represent, the public none.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from sakrad.accounts.models import User
from sakrad.audit.service import record
from sakrad.cycles.errors import PermissionDenied, found
from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.invitations import service as invitations
from sakrad.meetings import service as meetings
from sakrad.meetings.models import Meeting
from sakrad.minutes.models import COMMENT_MAX, ReviewComment, ReviewRound
from sakrad.minutes.rules import (
    AFTER_MEETING_STATES,
    MinutesError,
    StaleInput,
    meeting_of,
    new_comment,
    of_meeting,
    require_manage,
    require_state,
    today,
)
from sakrad.minutes.rules import is_open as is_open  # the pages ask the review module
from sakrad.minutes.service import get_revision
from sakrad.organisations.models import Organisation
from sakrad.organisations.service import represents


class StaleAnswer(StaleInput):
    at = "answer"
    text = _l(
        "Someone else answered this comment after you opened the page. Your answer is "
        "kept in the field: check the current answer and save again."
    )


def rounds(meeting: Meeting) -> list[ReviewRound]:
    """Newest first."""
    return of_meeting(ReviewRound, meeting, ReviewRound.sent_at.desc(), ReviewRound.id.desc())


def get_round(round_id: int) -> ReviewRound:
    return found(db.session.get(ReviewRound, round_id), "review round")


# -- access ------------------------------------------------------------------------------


def organisations_for(user: User, review_round: ReviewRound) -> list[Organisation]:
    """The round's organisations that ``user`` represents."""
    if not (user.is_authenticated and user.is_org_rep):
        return []
    ids = [i for i in review_round.organisation_ids if represents(user, i)]
    if not ids:
        return []
    return list(
        db.session.scalars(
            sa.select(Organisation).where(Organisation.id.in_(ids)).order_by(Organisation.name)
        )
    )


def can_manage_round(user: User, review_round: ReviewRound) -> bool:
    return meetings.can_manage(user, meeting_of(review_round))


def require_view(user: User, review_round: ReviewRound) -> None:
    if not (can_manage_round(user, review_round) or organisations_for(user, review_round)):
        raise PermissionDenied()


def visible_comments(user: User, review_round: ReviewRound) -> list[ReviewComment]:
    if can_manage_round(user, review_round):
        return list(review_round.comments)
    own = {o.id for o in organisations_for(user, review_round)}
    return [c for c in review_round.comments if c.organisation_id in own]


def rounds_for_representative(user: User) -> list[ReviewRound]:
    """Rounds sent to any organisation ``user`` represents, newest first."""
    if not (user.is_authenticated and user.is_org_rep):
        return []
    stmt = sa.select(ReviewRound).order_by(ReviewRound.sent_at.desc()).limit(200)
    return [r for r in db.session.scalars(stmt) if organisations_for(user, r)]


# -- changes -----------------------------------------------------------------------------


def send_round(
    user: User, meeting: Meeting, number: int, until: date | None, *, on: date | None = None
) -> ReviewRound:
    """Send revision ``number`` to the attending organisations for review until ``until``."""
    from sakrad.minutes.mail import queue_review_request

    require_manage(user, meeting)
    require_state(
        meeting,
        AFTER_MEETING_STATES,
        _l("Draft minutes can be sent for review once the meeting has been held."),
    )
    revision = get_revision(meeting, number)
    if until is None or until < (on or today()):
        raise MinutesError(
            "until_past", _l("The last day for comments must be today or later."), "until"
        )
    organisations = invitations.attending_organisations(meeting)
    if not organisations:
        raise MinutesError(
            "no_attendees",
            _l("No organisation is recorded as attending, so there is nobody to send it to."),
        )
    review_round = ReviewRound(
        meeting_id=meeting.id,
        revision_id=revision.id,
        until=until,
        sent_by_id=user.id,
        organisation_ids=[o.id for o in organisations],
    )
    db.session.add(review_round)
    db.session.flush()
    for org in organisations:
        queue_review_request(review_round, meeting, org)
    record(
        "minutes.review_sent",
        review_round,
        after={
            "meeting_id": meeting.id,
            "revision": revision.number,
            "until": until,
            "organisations": review_round.organisation_ids,
        },
        convening_body_id=meeting.convening_body_id,
    )
    return review_round


def add_comment(
    user: User,
    review_round: ReviewRound,
    organisation_id: int,
    text: str,
    *,
    on: date | None = None,
) -> ReviewComment:
    if organisation_id not in {o.id for o in organisations_for(user, review_round)}:
        raise PermissionDenied()
    return new_comment(review_round, organisation_id, text, on, author_id=user.id)


def answer_comment(
    user: User, comment: ReviewComment, text: str, version: int | None = None
) -> ReviewComment:
    meeting = meeting_of(comment.round)
    require_manage(user, meeting)
    if version is not None and int(version) != comment.version_id:
        raise StaleAnswer()
    text = (text or "").strip()
    if not text:
        raise MinutesError("answer_required", _l("Write an answer."), "answer")
    if len(text) > COMMENT_MAX:
        raise MinutesError("too_long", _l("The answer is too long."), "answer")
    before = {"answer": comment.answer}
    comment.answer = text
    comment.answered_at = utcnow()
    comment.answered_by_id = user.id
    record(
        "minutes.review_answered",
        comment,
        before=before,
        after={"answer": text},
        convening_body_id=meeting.convening_body_id,
    )
    return comment


def get_comment(comment_id: int) -> ReviewComment:
    return found(db.session.get(ReviewComment, comment_id), "comment")
