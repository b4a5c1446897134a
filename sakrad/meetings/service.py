"""Use cases of meetings: details, the expectations card, states and copying a cycle.

Sessions and agendas live in ``sakrad.meetings.agenda``; both modules share the access
checks defined here.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from sakrad import signals
from sakrad.accounts.models import User
from sakrad.audit.service import changed_fields, record, snapshot
from sakrad.cycles import service as cycles
from sakrad.cycles.errors import NotFound, PermissionDenied, PlanningError, found
from sakrad.cycles.fields import shift_datetime_year
from sakrad.cycles.models import Cycle, CycleState
from sakrad.cycles.service import can_manage, require_manage
from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.meetings.models import (
    EXPECTATION_FIELDS,
    ITEM_FIELDS,
    MEETING_TRANSITIONS,
    AgendaItem,
    Meeting,
    MeetingKind,
    MeetingSession,
    MeetingState,
)

__all__ = ["NotFound", "PermissionDenied", "PlanningError", "can_manage", "require_manage"]

EXPECTATION_LABELS = {
    "purpose": _l("Purpose"),
    "policy_stage": _l("Where the issue stands in the policy process"),
    "questions": _l("Questions to discuss"),
    "out_of_scope": _l("Out of scope"),
    "use_of_input": _l("How input will be used"),
    "feedback_plan": _l("When and how feedback comes"),
}

DETAIL_FIELDS = (
    "kind",
    "title",
    "title_en",
    "diary_number",
    "chair_title",
    "chair_name",
    "chair_name_public",
    "participating_bodies",
    "seats",
    "delegates_per_org",
    "easy_read",
    "interest_closes_at",
    "internal_notes",
)
EDITABLE_FIELDS = DETAIL_FIELDS + EXPECTATION_FIELDS
# Audited fields; internal notes are audited but never in a public entry.
MEETING_FIELDS = ("state", "cancel_reason", *EDITABLE_FIELDS)
PUBLIC_FIELDS = tuple(f for f in MEETING_FIELDS if f != "internal_notes")
# States in which a meeting is still being planned and may change.
OPEN_STATES = frozenset({MeetingState.DRAFT, MeetingState.ANNOUNCED})


class IncompleteCard(PlanningError):
    """Announcing with parts of the expectations card empty; names each missing part."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__("incomplete_card", "", "purpose")
        self.missing = missing
        self.errors = {}  # form_error then shows the computed ``message`` at ``field``

    @property
    def message(self) -> str:
        parts = ", ".join(str(EXPECTATION_LABELS[f]).lower() for f in self.missing)
        return gettext(
            "The meeting cannot be announced until the expectations card is complete. "
            "Missing: %(parts)s.",
            parts=parts,
        )

    @message.setter
    def message(self, value: Any) -> None:  # set by the base class; the text is computed
        pass


def get_meeting(meeting_id: int) -> Meeting:
    return found(db.session.get(Meeting, meeting_id), "meeting")


def require_planning(meeting: Meeting) -> None:
    if meeting.state not in OPEN_STATES:
        raise PlanningError(
            "not_editable",
            _l("A meeting that has been held or cancelled can no longer be changed here."),
        )


def _audit(action: str, meeting: Meeting, before: dict | None, after: dict | None) -> None:
    public = meeting.is_public
    if public and before is not None and after is not None:
        # Internal notes never reach the public change history.
        before = {k: v for k, v in before.items() if k in PUBLIC_FIELDS}
        after = {k: v for k, v in after.items() if k in PUBLIC_FIELDS}
        if not changed_fields(before, after) and action == "meeting.updated":
            public = False
    record(
        action,
        meeting,
        before=before,
        after=after,
        convening_body_id=meeting.convening_body_id,
        public=public,
    )


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key not in EDITABLE_FIELDS:
            raise TypeError(f"not an editable meeting field: {key}")
        if isinstance(value, str):
            value = value.strip()
            if key not in ("title", "chair_title"):
                value = value or None
        if key == "participating_bodies":
            value = [s.strip() for s in (value or []) if s and s.strip()]
        if key == "kind":
            value = MeetingKind(value)
        out[key] = value
    return out


def _validate(meeting: Meeting) -> None:
    if not (meeting.title or "").strip():
        raise PlanningError("title_required", _l("Enter a title."), "title")
    if meeting.seats is not None and meeting.seats < 1:
        raise PlanningError("seats_positive", _l("Seats must be at least 1."), "seats")
    if meeting.delegates_per_org is None or meeting.delegates_per_org < 1:
        raise PlanningError(
            "delegates_positive",
            _l("Each organisation must be able to send at least one delegate."),
            "delegates_per_org",
        )


def create_meeting(user: User, cycle: Cycle, **data: Any) -> Meeting:
    cycles.require_manage(user, cycle)
    if cycle.state == CycleState.ARCHIVED:
        raise PlanningError(
            "cycle_archived", _l("An archived cycle cannot get new meetings."), "title"
        )
    data = _clean(data)
    data.setdefault("participating_bodies", [])
    data.setdefault("delegates_per_org", 2)
    meeting = Meeting(
        cycle=cycle,
        convening_body_id=cycle.convening_body_id,
        state=MeetingState.DRAFT,
        **data,
    )
    with db.session.no_autoflush:
        _validate(meeting)
    db.session.add(meeting)
    db.session.flush()
    _audit("meeting.created", meeting, None, snapshot(meeting, MEETING_FIELDS))
    return meeting


def update_meeting(
    user: User, meeting: Meeting, *, expected_version: int | None, **data: Any
) -> Meeting:
    """Edit details or the expectations card. A form loaded before the last save is refused."""
    require_manage(user, meeting)
    require_planning(meeting)
    cycles.check_version(meeting, expected_version)
    changed = cycles.apply_changes(meeting, MEETING_FIELDS, _clean(data), _validate)
    if changed:
        _audit("meeting.updated", meeting, *changed)
    return meeting


def _move(user: User, meeting: Meeting, to: MeetingState) -> dict:
    require_manage(user, meeting)
    if to not in MEETING_TRANSITIONS[meeting.state]:
        raise PlanningError(
            "illegal_transition", _l("The meeting cannot go from its current state to that one.")
        )
    return snapshot(meeting, ("state", "cancel_reason"))


def _moved(action: str, meeting: Meeting, before: dict) -> None:
    _audit(action, meeting, before, snapshot(meeting, ("state", "cancel_reason")))


def announce(user: User, meeting: Meeting, *, now: datetime | None = None) -> Meeting:
    before = _move(user, meeting, MeetingState.ANNOUNCED)
    if meeting.missing_expectations:
        raise IncompleteCard(meeting.missing_expectations)
    if not meeting.sessions:
        raise PlanningError(
            "no_sessions", _l("Add at least one session before announcing the meeting.")
        )
    if not meeting.cycle.is_public:
        raise PlanningError(
            "cycle_not_public", _l("Open the cycle before you announce its meetings.")
        )
    meeting.state = MeetingState.ANNOUNCED
    meeting.announced_at = now or utcnow()
    _moved("meeting.announced", meeting, before)
    return meeting


def mark_held(user: User, meeting: Meeting, *, now: datetime | None = None) -> Meeting:
    before = _move(user, meeting, MeetingState.HELD)
    now = now or utcnow()
    if meeting.starts_at is None or meeting.starts_at > now:
        raise PlanningError(
            "not_started", _l("A meeting cannot be marked as held before it has started.")
        )
    meeting.state = MeetingState.HELD
    meeting.held_at = now
    _moved("meeting.held", meeting, before)
    signals.meeting_held.send(meeting, now=now)
    return meeting


def mark_documented(user: User, meeting: Meeting, *, now: datetime | None = None) -> Meeting:
    before = _move(user, meeting, MeetingState.DOCUMENTED)
    meeting.state = MeetingState.DOCUMENTED
    meeting.documented_at = now or utcnow()
    _moved("meeting.documented", meeting, before)
    return meeting


def cancel(user: User, meeting: Meeting, reason: str, *, now: datetime | None = None) -> Meeting:
    """Cancel from draft or announced. The reason is public once the meeting was announced."""
    before = _move(user, meeting, MeetingState.CANCELLED)
    reason = (reason or "").strip()
    if not reason:
        raise PlanningError(
            "reason_required", _l("Give a reason for cancelling; it is published."), "reason"
        )
    was_public = meeting.state == MeetingState.ANNOUNCED
    meeting.state = MeetingState.CANCELLED
    meeting.cancel_reason = reason
    meeting.cancelled_at = now or utcnow()
    if was_public:
        meeting.ical_sequence += 1  # calendar clients must replace the event
    _moved("meeting.cancelled", meeting, before)
    signals.meeting_calendar_changed.send(meeting)
    return meeting


def transition(user: User, meeting: Meeting, to: MeetingState | str) -> Meeting:
    """The state buttons other than cancel, by target state."""
    to = MeetingState(to)
    actions = {
        MeetingState.ANNOUNCED: announce,
        MeetingState.HELD: mark_held,
        MeetingState.DOCUMENTED: mark_documented,
    }
    if to not in actions:
        raise PlanningError(
            "illegal_transition", _l("The meeting cannot go from its current state to that one.")
        )
    return actions[to](user, meeting)


def copy_cycle(user: User, cycle: Cycle) -> Cycle:
    """Next year's cycle with every meeting (not cancelled ones) copied as a draft, each date
    moved one year; nothing is published."""
    new = cycles.copy_cycle(user, cycle)
    for old in list(cycle.meetings):
        if old.state != MeetingState.CANCELLED:
            _copy_meeting(old, new)
    return new


def _copy_meeting(old: Meeting, new: Cycle) -> Meeting:
    with db.session.no_autoflush:
        data = {f: getattr(old, f) for f in EDITABLE_FIELDS}
        data["participating_bodies"] = list(old.participating_bodies or [])
        data["interest_closes_at"] = shift_datetime_year(old.interest_closes_at)
        meeting = Meeting(
            cycle=new,
            convening_body_id=old.convening_body_id,
            state=MeetingState.DRAFT,
            copied_from_id=old.id,
            **data,
        )
        for old_session in old.sessions:
            session = MeetingSession(
                position=old_session.position,
                starts_at=shift_datetime_year(old_session.starts_at),
                ends_at=shift_datetime_year(old_session.ends_at),
                place=old_session.place,
                online_url=None,  # last year's meeting link is no use
            )
            session.agenda_items = [
                AgendaItem(position=item.position, **{f: getattr(item, f) for f in ITEM_FIELDS})
                for item in old_session.agenda_items
            ]
            meeting.sessions.append(session)
        db.session.add(meeting)
    db.session.flush()
    _audit("meeting.copied", meeting, {"copied_from": old.id}, snapshot(meeting, MEETING_FIELDS))
    return meeting
