"""Use cases of the minutes: append-only revisions with conflict detection, the generated
first draft, and publication (which documents the meeting).

Review rounds live in ``sakrad.minutes.review``, documents in ``sakrad.minutes.documents`` and
the outcome in ``sakrad.minutes.outcome``; they share the errors and checks of ``rules``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from sakrad import signals
from sakrad.accounts.models import User
from sakrad.audit.service import record
from sakrad.cycles.errors import NotFound, PermissionDenied, found
from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.meetings import service as meetings
from sakrad.meetings.models import Meeting, MeetingState
from sakrad.minutes import outcome
from sakrad.minutes.models import TEXT_MAX, MinutesPublication, MinutesRevision
from sakrad.minutes.rules import (
    AFTER_MEETING_STATES,
    WRITABLE_STATES,
    Conflict,
    MinutesError,
    of_meeting,
    require_manage,
    require_state,
)

__all__ = [
    "AFTER_MEETING_STATES",
    "WRITABLE_STATES",
    "Conflict",
    "MinutesError",
    "NotFound",
    "PermissionDenied",
    "require_manage",
    "require_state",
]


def revisions(meeting: Meeting) -> list[MinutesRevision]:
    """Newest first."""
    return of_meeting(MinutesRevision, meeting, MinutesRevision.number.desc())


def latest_revision(meeting: Meeting) -> MinutesRevision | None:
    return db.session.scalar(
        sa.select(MinutesRevision)
        .where(MinutesRevision.meeting_id == meeting.id)
        .order_by(MinutesRevision.number.desc())
        .limit(1)
    )


def get_revision(meeting: Meeting, number: int) -> MinutesRevision:
    revision = db.session.scalar(
        sa.select(MinutesRevision).where(
            MinutesRevision.meeting_id == meeting.id, MinutesRevision.number == number
        )
    )
    return found(revision, "revision")


def publications(meeting: Meeting) -> list[MinutesPublication]:
    """Newest first."""
    return of_meeting(
        MinutesPublication,
        meeting,
        MinutesPublication.published_at.desc(),
        MinutesPublication.id.desc(),
    )


def latest_publication(meeting: Meeting) -> MinutesPublication | None:
    found = publications(meeting)
    return found[0] if found else None


# -- writing -----------------------------------------------------------------------------


def _audit(action: str, entity: Any, meeting: Meeting, after: dict, public: bool = False) -> None:
    record(action, entity, after=after, convening_body_id=meeting.convening_body_id, public=public)


def save_revision(user: User, meeting: Meeting, text: str, based_on: int | None) -> MinutesRevision:
    """Add a revision. ``based_on`` is the number the editor started from (0 for none); if
    another revision was saved since, raise ``Conflict`` and save nothing."""
    require_manage(user, meeting)
    require_state(
        meeting, WRITABLE_STATES, _l("Minutes can be written once the meeting is announced.")
    )
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise MinutesError("empty", _l("Write the minutes before saving."), "text")
    if len(text) > TEXT_MAX:
        raise MinutesError("too_long", _l("The minutes are too long."), "text")
    latest = latest_revision(meeting)
    latest_number = latest.number if latest else 0
    if (based_on or 0) != latest_number:
        raise Conflict(latest)
    if latest is not None and latest.text == text:
        raise MinutesError("unchanged", _l("Nothing has changed since the last revision."), "text")
    revision = MinutesRevision(
        meeting_id=meeting.id,
        number=latest_number + 1,
        text=text,
        author_id=user.id,
        based_on_number=latest_number,
    )
    try:
        # Two saves racing past the check above collide on (meeting_id, number).
        with db.session.begin_nested():
            db.session.add(revision)
            db.session.flush()
    except IntegrityError:
        raise Conflict(latest_revision(meeting)) from None
    _audit(
        "minutes.revision_saved",
        revision,
        meeting,
        {"meeting_id": meeting.id, "number": revision.number, "based_on": latest_number},
    )
    return revision


def generate_draft(user: User, meeting: Meeting, lang: str = "sv") -> MinutesRevision:
    """Revision 1, generated from the meeting (the structure help)."""
    from sakrad.minutes.draft import first_draft

    require_manage(user, meeting)
    if latest_revision(meeting) is not None:
        raise MinutesError("has_revisions", _l("The minutes already have a text; edit it instead."))
    return save_revision(user, meeting, first_draft(meeting, lang), 0)


def publish(
    user: User, meeting: Meeting, number: int, *, now: datetime | None = None
) -> MinutesPublication:
    """Point the public page at revision ``number``; the outcome is published with it, and
    the meeting becomes documented the first time."""
    require_manage(user, meeting)
    require_state(
        meeting,
        AFTER_MEETING_STATES,
        _l("Minutes can be published once the meeting has been held."),
    )
    revision = get_revision(meeting, number)
    now = now or utcnow()
    current = latest_publication(meeting)
    if (
        current is not None
        and current.revision_id == revision.id
        and not outcome.has_unpublished_changes(meeting)
    ):
        raise MinutesError(
            "already_published", _l("That revision is already the published one."), "number"
        )
    publication = MinutesPublication(
        meeting_id=meeting.id, revision_id=revision.id, published_at=now, published_by_id=user.id
    )
    db.session.add(publication)
    published_outcome = outcome.publish(user, meeting, now)
    if published_outcome is not None:
        signals.outcome_published.send(meeting, now=now)
    _audit(
        "minutes.published",
        publication,
        meeting,
        {
            "meeting_id": meeting.id,
            "revision": revision.number,
            "outcome": published_outcome is not None,
        },
        public=True,
    )
    if meeting.state == MeetingState.HELD:
        meetings.mark_documented(user, meeting, now=now)
    return publication


def days_to_publication(meeting: Meeting, first_published_at: datetime | None) -> int | None:
    """Calendar days (Swedish time) from the end of the meeting's last session to the first
    publication of its minutes."""
    from sakrad.db import to_local

    if first_published_at is None or meeting.ends_at is None:
        return None
    return max(0, (to_local(first_published_at).date() - to_local(meeting.ends_at).date()).days)
