"""What every minutes module shares: its errors and the checks of access and meeting state.

The lowest module of the package (``service``, ``outcome``, ``documents`` and ``review`` build
on it).
"""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from sakrad import errors
from sakrad.accounts.models import User
from sakrad.audit.service import record
from sakrad.db import STOCKHOLM, utcnow
from sakrad.extensions import db
from sakrad.meetings import service as meetings
from sakrad.meetings.models import Meeting, MeetingState
from sakrad.minutes.models import COMMENT_MAX, MinutesRevision, ReviewComment, ReviewRound

# Minutes may be written once a meeting is announced (notes taken during it), reviewed and
# published only once it has been held.
WRITABLE_STATES = frozenset({MeetingState.ANNOUNCED, MeetingState.HELD, MeetingState.DOCUMENTED})
AFTER_MEETING_STATES = frozenset({MeetingState.HELD, MeetingState.DOCUMENTED})

T = TypeVar("T")


class MinutesError(errors.Invalid):
    """A refused change. ``code`` is stable for tests, ``message`` is shown to the user and
    ``field`` names the form field it belongs to (None: the whole form)."""

    def __init__(self, code: str, message: Any, field: str | None = None) -> None:
        super().__init__(message, field=field, code=code)


class StaleInput(MinutesError):
    """Someone else saved the object after the form was opened: ``text`` says so and that the
    input is kept; ``at`` is the field it is shown at (None: the top of the form)."""

    text: Any = None
    at: str | None = None

    def __init__(self) -> None:
        super().__init__("stale", self.text, self.at)


class Conflict(errors.Conflict, MinutesError):
    """Another revision was saved after the editor's starting point. Carries it, so the view
    can show both texts; nothing of the editor's text is lost."""

    def __init__(self, latest: MinutesRevision | None) -> None:
        super().__init__(
            "conflict",
            _l(
                "Someone else saved a newer revision while you were editing. Your text has not "
                "been saved yet: it is still in the editor. Compare it with the other revision "
                "shown below, merge what you need and save again."
            ),
            "text",
        )
        self.latest = latest


# -- access and reading ------------------------------------------------------------------


def require_manage(user: User | None, meeting: Meeting) -> None:
    meetings.require_manage(user, meeting)


def of_meeting(model: type[T], meeting: Meeting, *order_by: Any) -> list[T]:
    """The meeting's rows of ``model`` (a revision, publication, round, document) in order."""
    column = model.meeting_id  # type: ignore[attr-defined]
    return list(
        db.session.scalars(sa.select(model).where(column == meeting.id).order_by(*order_by))
    )


def require_state(meeting: Meeting, states: frozenset[MeetingState], message: Any) -> None:
    if meeting.state not in states:
        raise MinutesError("wrong_state", message)


# -- review rounds (asked by the review, its links and its emails) -------------------------


def today() -> date:
    return utcnow().astimezone(STOCKHOLM).date()


def meeting_of(review_round: ReviewRound) -> Meeting:
    return meetings.get_meeting(review_round.meeting_id)


def is_open(review_round: ReviewRound, on: date | None = None) -> bool:
    return (on or today()) <= review_round.until


def new_comment(
    review_round: ReviewRound,
    organisation_id: int,
    text: str,
    on: date | None,
    *,
    author_id: int | None = None,
    actor_label: str | None = None,
) -> ReviewComment:
    """A comment of the organisation on an open round (from its representative, or through
    the round's link), added and audited; refused when the round is closed or the text empty
    or too long."""
    if not is_open(review_round, on):
        raise MinutesError(
            "round_closed", _l("The review period has ended; comments can no longer be sent.")
        )
    text = (text or "").strip()
    if not text:
        raise MinutesError("comment_required", _l("Write your comment."), "text")
    if len(text) > COMMENT_MAX:
        raise MinutesError("too_long", _l("The comment is too long."), "text")
    comment = ReviewComment(
        round_id=review_round.id, organisation_id=organisation_id, author_id=author_id, text=text
    )
    db.session.add(comment)
    review_round.comments.append(comment)
    record(
        "minutes.review_commented",
        comment,
        after={"round_id": review_round.id, "organisation_id": organisation_id},
        actor_label=actor_label,
        convening_body_id=meeting_of(review_round).convening_body_id,
    )
    return comment
