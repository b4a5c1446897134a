"""What every minutes module shares: its errors and the checks of access and meeting state.

The lowest module of the package (``service``, ``outcome``, ``documents`` and ``review`` build
on it).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l

from sakrad import errors
from sakrad.accounts.models import User
from sakrad.db import STOCKHOLM, utcnow
from sakrad.meetings import service as meetings
from sakrad.meetings.models import Meeting, MeetingState
from sakrad.minutes.models import MinutesRevision, ReviewRound

# Minutes may be written once a meeting is announced (notes taken during it), reviewed and
# published only once it has been held.
WRITABLE_STATES = frozenset({MeetingState.ANNOUNCED, MeetingState.HELD, MeetingState.DOCUMENTED})
AFTER_MEETING_STATES = frozenset({MeetingState.HELD, MeetingState.DOCUMENTED})


class MinutesError(errors.Invalid):
    """A refused change. ``code`` is stable for tests, ``message`` is shown to the user and
    ``field`` names the form field it belongs to (None: the whole form)."""

    def __init__(self, code: str, message: Any, field: str | None = None) -> None:
        super().__init__(message, field=field, code=code)


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
