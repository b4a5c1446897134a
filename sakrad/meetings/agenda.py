"""Use cases of a meeting's sessions and their agenda items (add, change, delete, reorder).

The computed timetable of an agenda is in ``schedule``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Required, TypedDict, Unpack

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from sakrad import signals
from sakrad.accounts.models import User
from sakrad.audit.service import record, snapshot
from sakrad.cycles.errors import PlanningError, found
from sakrad.db import STOCKHOLM, utcnow
from sakrad.extensions import db
from sakrad.meetings.models import (
    ITEM_FIELDS,
    AgendaItem,
    Meeting,
    MeetingSession,
    MeetingState,
    PresenterKind,
)
from sakrad.meetings.service import require_manage, require_planning
from sakrad.organisations.models import Organisation

SESSION_FIELDS = ("starts_at", "ends_at", "place", "online_url")
# Changing these in a published meeting makes calendar clients need a new SEQUENCE.
CALENDAR_FIELDS = ("starts_at", "ends_at", "place")


def get_session(session_id: int) -> MeetingSession:
    return found(db.session.get(MeetingSession, session_id), "session")


def get_item(item_id: int) -> AgendaItem:
    return found(db.session.get(AgendaItem, item_id), "agenda item")


def _record(action: str, entity: Any, meeting: Meeting, before: dict | None, after: dict | None):
    public = meeting.is_public
    if public:
        # The online link is for invited organisations only, even in the change history.
        before = {k: v for k, v in (before or {}).items() if k != "online_url"} or None
        after = {k: v for k, v in (after or {}).items() if k != "online_url"} or None
    record(
        action,
        entity,
        before=before,
        after=after,
        convening_body_id=meeting.convening_body_id,
        public=public,
    )


def _bump_sequence(meeting: Meeting) -> None:
    """Called once the change is complete: those holding the event get the new version."""
    if meeting.state == MeetingState.ANNOUNCED:
        meeting.ical_sequence += 1
        signals.meeting_calendar_changed.send(meeting)


class SessionDetails(TypedDict, total=False):
    """A session's time and place as the form (``SessionForm.service_data``) gives them."""

    starts_at: Required[datetime | None]
    ends_at: Required[datetime | None]
    place: str | None
    online_url: str | None


def _checked_session(
    user: User,
    meeting: Meeting,
    session: MeetingSession | None,
    details: SessionDetails,
    now: datetime | None,
) -> tuple[datetime, datetime, str | None, str | None]:
    """Access, the meeting's state and the time and place of a new (``session`` None) or
    changed session checked; the start, end, place and online address to save."""
    require_manage(user, meeting)
    require_planning(meeting)
    starts_at, ends_at = details["starts_at"], details["ends_at"]
    place, online_url = _clean_text(details.get("place")), _clean_text(details.get("online_url"))
    # An unchanged start may lie in the past; a new one may not.
    check_past = session is None or starts_at != session.starts_at
    _validate_session(meeting, starts_at, ends_at, place, online_url, ignore=session,
                      check_past=check_past, now=now or utcnow())  # fmt: skip
    assert starts_at is not None and ends_at is not None  # _validate_session refuses None
    return starts_at, ends_at, place, online_url


def _validate_session(
    meeting: Meeting,
    starts_at: datetime | None,
    ends_at: datetime | None,
    place: str | None,
    online_url: str | None,
    *,
    ignore: MeetingSession | None,
    check_past: bool,
    now: datetime,
) -> None:
    if starts_at is None:
        raise PlanningError("start_required", _l("Enter when the session starts."), "starts_at")
    if ends_at is None:
        raise PlanningError("end_required", _l("Enter when the session ends."), "ends_at")
    if ends_at <= starts_at:
        raise PlanningError(
            "end_before_start", _l("The session must end after it starts."), "ends_at"
        )
    if check_past and starts_at < now:
        raise PlanningError("in_past", _l("A new session cannot start in the past."), "starts_at")
    if not (place or online_url):
        raise PlanningError("place_required", _l("Enter a place, an online link or both."), "place")
    for other in meeting.sessions:
        if other is ignore:
            continue
        if starts_at < other.ends_at and other.starts_at < ends_at:
            raise PlanningError(
                "overlap",
                _l(
                    "The session overlaps another session of this meeting (%(start)s–%(end)s).",
                    start=_local(other.starts_at, "%Y-%m-%d %H:%M"),
                    end=_local(other.ends_at, "%H:%M"),
                ),
                "starts_at",
            )


def _local(value: datetime, fmt: str) -> str:
    # Plain ISO-like local time: the message may be built outside a request.
    return value.astimezone(STOCKHOLM).strftime(fmt)


def _clean_text(value: str | None) -> str | None:
    return (value or "").strip() or None


def add_session(
    user: User, meeting: Meeting, *, now: datetime | None = None, **details: Unpack[SessionDetails]
) -> MeetingSession:
    starts_at, ends_at, place, online_url = _checked_session(user, meeting, None, details, now)
    session = MeetingSession(
        starts_at=starts_at, ends_at=ends_at, place=place, online_url=online_url
    )
    meeting.sessions.append(session)
    meeting.sessions.sort(key=lambda s: s.starts_at)
    _renumber_sessions(meeting)
    _bump_sequence(meeting)
    db.session.flush()
    _record("meeting.session_added", session, meeting, None, snapshot(session, SESSION_FIELDS))
    return session


def update_session(
    user: User,
    session: MeetingSession,
    *,
    now: datetime | None = None,
    **details: Unpack[SessionDetails],
) -> MeetingSession:
    meeting = session.meeting
    starts_at, ends_at, place, online_url = _checked_session(user, meeting, session, details, now)
    before = snapshot(session, SESSION_FIELDS)
    session.starts_at, session.ends_at = starts_at, ends_at
    session.place, session.online_url = place, online_url
    after = snapshot(session, SESSION_FIELDS)
    if before == after:
        return session
    # Sessions are kept ordered by time; re-sort the loaded list too.
    meeting.sessions.sort(key=lambda s: (s.starts_at, s.id or 0))
    _renumber_sessions(meeting)
    if any(before[f] != after[f] for f in CALENDAR_FIELDS):
        _bump_sequence(meeting)
    _record("meeting.session_updated", session, meeting, before, after)
    return session


def delete_session(user: User, session: MeetingSession) -> None:
    meeting = session.meeting
    require_manage(user, meeting)
    require_planning(meeting)
    if meeting.state == MeetingState.ANNOUNCED and len(meeting.sessions) == 1:
        raise PlanningError(
            "last_session",
            _l("An announced meeting needs at least one session. Cancel the meeting instead."),
        )
    _record("meeting.session_deleted", session, meeting, snapshot(session, SESSION_FIELDS), None)
    meeting.sessions.remove(session)
    _renumber_sessions(meeting)
    _bump_sequence(meeting)


def _renumber_sessions(meeting: Meeting) -> None:
    for n, session in enumerate(meeting.sessions):
        session.position = n


# ---------------------------------------------------------------- agenda


def _clean_item(
    data: dict[str, Any],
) -> dict[str, Any]:
    out = {}
    for key, value in data.items():
        if key not in ITEM_FIELDS:
            raise TypeError(f"not an agenda item field: {key}")
        if isinstance(value, str):
            value = value.strip() or (None if key != "title" else "")
        out[key] = value
    if "presenter_kind" in out:
        out["presenter_kind"] = PresenterKind(out["presenter_kind"] or PresenterKind.OTHER)
    return out


def _validate_item(item: AgendaItem) -> None:
    if not item.title:
        raise PlanningError("item_title_required", _l("Enter a title."), "title")
    if not item.duration_minutes or item.duration_minutes < 1:
        raise PlanningError(
            "duration_positive", _l("The duration must be at least one minute."), "duration_minutes"
        )
    if item.presenter_kind == PresenterKind.ORGANISATION:
        if not item.presenter_organisation_id or not db.session.get(
            Organisation, item.presenter_organisation_id
        ):
            raise PlanningError(
                "organisation_required",
                _l("Choose the organisation that presents."),
                "presenter_organisation_id",
            )
    else:
        item.presenter_organisation_id = None


def add_item(user: User, session: MeetingSession, **data: Any) -> AgendaItem:
    meeting = session.meeting
    require_manage(user, meeting)
    require_planning(meeting)
    item = AgendaItem(**_clean_item(data))
    item.presenter_kind = item.presenter_kind or PresenterKind.OTHER
    _validate_item(item)
    last = db.session.scalar(
        sa.select(sa.func.max(AgendaItem.position)).where(AgendaItem.session_id == session.id)
    )
    item.position = (last if last is not None else -1) + 1
    session.agenda_items.append(item)
    db.session.flush()
    _record("meeting.agenda_item_added", item, meeting, None, snapshot(item, ITEM_FIELDS))
    return item


def update_item(user: User, item: AgendaItem, **data: Any) -> AgendaItem:
    meeting = item.session.meeting
    require_manage(user, meeting)
    require_planning(meeting)
    before = snapshot(item, ITEM_FIELDS)
    with db.session.no_autoflush:
        for key, value in _clean_item(data).items():
            setattr(item, key, value)
        _validate_item(item)
    after = snapshot(item, ITEM_FIELDS)
    if before != after:
        _record("meeting.agenda_item_updated", item, meeting, before, after)
    return item


def delete_item(user: User, item: AgendaItem) -> None:
    session = item.session
    require_manage(user, session.meeting)
    require_planning(session.meeting)
    _record("meeting.agenda_item_deleted", item, session.meeting, snapshot(item, ITEM_FIELDS), None)
    session.agenda_items.remove(item)
    for n, other in enumerate(session.agenda_items):
        other.position = n


def move_item(user: User, item: AgendaItem, direction: str) -> AgendaItem:
    """Swap an item with its neighbour above ("up") or below ("down")."""
    session = item.session
    require_manage(user, session.meeting)
    require_planning(session.meeting)
    if direction not in ("up", "down"):
        raise PlanningError("bad_direction", _l("Items move up or down."))
    items = list(session.agenda_items)
    index = items.index(item)
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(items):
        return item  # already first or last: nothing to do
    items[index], items[target] = items[target], items[index]
    for n, other in enumerate(items):
        other.position = n
    session.agenda_items.sort(key=lambda i: i.position)
    _record(
        "meeting.agenda_reordered",
        session,
        session.meeting,
        None,
        {"order": [i.id for i in items]},
    )
    return item
