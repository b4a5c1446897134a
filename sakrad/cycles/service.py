"""Use cases of dialogue cycles: create, edit, move through states, copy to next year."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, Protocol

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from sakrad.accounts.models import User
from sakrad.audit.service import changed_fields, record, snapshot
from sakrad.cycles.errors import PermissionDenied, PlanningError, StaleEdit, found
from sakrad.cycles.fields import shift_datetime_year, shift_year
from sakrad.cycles.models import CYCLE_TRANSITIONS, Cycle, CycleState
from sakrad.extensions import db

CYCLE_FIELDS = (
    "convening_body_id",
    "year",
    "policy_area",
    "policy_area_en",
    "description",
    "description_en",
    "call_opens_at",
    "call_closes_at",
    "high_level_on",
    "sakrad_from",
    "sakrad_to",
    "follow_up_on",
    "state",
)
EDITABLE_FIELDS = CYCLE_FIELDS[1:-1]
DATE_FIELDS = ("high_level_on", "sakrad_from", "sakrad_to", "follow_up_on")

STALE_MESSAGE = _l(
    "Someone else saved this page after you opened it. Your changes have not been saved: "
    "they are still in the form below. Compare with the current version, then save again."
)


def get_cycle(cycle_id: int) -> Cycle:
    return found(db.session.get(Cycle, cycle_id), "cycle")


class OfBody(Protocol):
    """What a convening body runs: a cycle, a meeting."""

    convening_body_id: Any


def can_manage(user: User | None, owned: OfBody) -> bool:
    """Admins manage every cycle and meeting; a civil servant only those of their body."""
    return bool(user and user.is_authenticated and user.can_manage_body(owned.convening_body_id))


def require_manage(user: User | None, owned: OfBody) -> None:
    if not can_manage(user, owned):
        raise PermissionDenied()


def cycles_for(user: User) -> list[Cycle]:
    """The cycles a civil servant (their body's) or an admin (all) manages, newest first."""
    stmt = sa.select(Cycle).order_by(Cycle.year.desc(), Cycle.policy_area)
    if not user.is_admin:
        stmt = stmt.where(Cycle.convening_body_id == user.convening_body_id)
    return list(db.session.scalars(stmt))


def check_version(obj: Any, expected_version: int | None) -> None:
    """Refuse a form that was loaded before the last save (the hidden ``version`` field)."""
    if expected_version is not None and int(expected_version) != obj.version_id:
        raise StaleEdit(STALE_MESSAGE)


def _validate(cycle: Cycle) -> None:
    if not (cycle.policy_area or "").strip():
        raise PlanningError("policy_area_required", _l("Enter the policy area."), "policy_area")
    if not 2000 <= int(cycle.year) <= 2100:
        raise PlanningError("year_range", _l("Enter a year between 2000 and 2100."), "year")
    opens, closes = cycle.call_opens_at, cycle.call_closes_at
    if opens and closes and closes <= opens:
        raise PlanningError(
            "call_closes_before_opens",
            _l("The call for topics must close after it opens."),
            "call_closes_at",
        )
    if cycle.sakrad_from and cycle.sakrad_to and cycle.sakrad_to < cycle.sakrad_from:
        raise PlanningError(
            "sakrad_to_before_from",
            _l("The sakråd period must end on or after the day it starts."),
            "sakrad_to",
        )
    duplicate = db.session.scalar(
        sa.select(Cycle.id).where(
            Cycle.convening_body_id == cycle.convening_body_id,
            Cycle.year == cycle.year,
            Cycle.policy_area == cycle.policy_area,
            Cycle.id != (cycle.id or 0),
        )
    )
    if duplicate:
        raise PlanningError(
            "duplicate",
            _l("Your convening body already has a cycle for this policy area and year."),
            "policy_area",
        )


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in data.items():
        if key not in EDITABLE_FIELDS:
            raise TypeError(f"not an editable cycle field: {key}")
        if isinstance(value, str):
            value = value.strip()
            if key in ("policy_area_en", "description_en"):
                value = value or None
        out[key] = value
    return out


def create_cycle(user: User, *, convening_body_id: int, **data: Any) -> Cycle:
    if not user.can_manage_body(convening_body_id):
        raise PermissionDenied()
    data = _clean(data)
    data.setdefault("description", "")
    cycle = Cycle(convening_body_id=convening_body_id, state=CycleState.DRAFT, **data)
    _validate(cycle)
    db.session.add(cycle)
    db.session.flush()
    record(
        "cycle.created",
        cycle,
        after=snapshot(cycle, CYCLE_FIELDS),
        convening_body_id=convening_body_id,
    )
    return cycle


def apply_changes(
    obj: Any, fields: tuple[str, ...], changes: dict[str, Any], validate: Callable[[Any], None]
) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """Set ``changes`` on ``obj`` and ``validate`` it (nothing is flushed meanwhile). The
    snapshots of ``fields`` before and after, or None when nothing of them changed."""
    before = snapshot(obj, fields)
    for key, value in changes.items():
        setattr(obj, key, value)
    with db.session.no_autoflush:
        validate(obj)
    after = snapshot(obj, fields)
    return (before, after) if changed_fields(before, after) else None


def update_cycle(user: User, cycle: Cycle, *, expected_version: int | None, **data: Any) -> Cycle:
    require_manage(user, cycle)
    check_version(cycle, expected_version)
    changed = apply_changes(cycle, CYCLE_FIELDS, _clean(data), _validate)
    if changed:
        before, after = changed
        record(
            "cycle.updated",
            cycle,
            before=before,
            after=after,
            convening_body_id=cycle.convening_body_id,
            public=cycle.is_public,
        )
    return cycle


def transition(user: User, cycle: Cycle, to: CycleState | str) -> Cycle:
    """Move a cycle on: draft → open → closed → archived, nothing else."""
    require_manage(user, cycle)
    to = CycleState(to)
    if to not in CYCLE_TRANSITIONS[cycle.state]:
        raise PlanningError(
            "illegal_transition",
            _l("A cycle cannot go from this state to that one."),
        )
    if to == CycleState.OPEN and not (cycle.call_opens_at and cycle.call_closes_at):
        raise PlanningError(
            "call_dates_required",
            _l("Set when the call for topics opens and closes before you open the cycle."),
            "call_opens_at",
        )
    before = snapshot(cycle, ("state",))
    cycle.state = to
    record(
        f"cycle.{to.value}",
        cycle,
        before=before,
        after=snapshot(cycle, ("state",)),
        convening_body_id=cycle.convening_body_id,
        public=True,
    )
    return cycle


def copy_cycle(user: User, cycle: Cycle) -> Cycle:
    """Next year's cycle as a draft, every date moved one year. Meetings are copied by
    ``sakrad.meetings.service.copy_cycle``, which calls this first."""
    require_manage(user, cycle)
    year = cycle.year + 1
    exists = db.session.scalar(
        sa.select(Cycle.id).where(
            Cycle.convening_body_id == cycle.convening_body_id,
            Cycle.year == year,
            Cycle.policy_area == cycle.policy_area,
        )
    )
    if exists:
        raise PlanningError(
            "copy_exists",
            _l("A cycle for %(year)s in this policy area already exists.", year=year),
        )
    new = Cycle(
        convening_body_id=cycle.convening_body_id,
        year=year,
        policy_area=cycle.policy_area,
        policy_area_en=cycle.policy_area_en,
        description=cycle.description,
        description_en=cycle.description_en,
        call_opens_at=shift_datetime_year(cycle.call_opens_at),
        call_closes_at=shift_datetime_year(cycle.call_closes_at),
        state=CycleState.DRAFT,
        copied_from_id=cycle.id,
        **{name: _shift_date(getattr(cycle, name)) for name in DATE_FIELDS},
    )
    db.session.add(new)
    db.session.flush()
    record(
        "cycle.copied",
        new,
        before={"copied_from": cycle.id},
        after=snapshot(new, CYCLE_FIELDS),
        convening_body_id=new.convening_body_id,
    )
    return new


def _shift_date(value: date | None) -> date | None:
    return None if value is None else shift_year(value)


def call_status(cycle: Cycle, now: datetime | None = None) -> str:
    """'not_set', 'upcoming', 'open' or 'closed', for labels."""
    from sakrad.db import utcnow

    now = now or utcnow()
    if not (cycle.call_opens_at and cycle.call_closes_at):
        return "not_set"
    if cycle.call_is_open(now):
        return "open"
    if now < cycle.call_opens_at or (
        cycle.state == CycleState.DRAFT and now < cycle.call_closes_at
    ):
        return "upcoming"  # a draft cycle's call has not opened, whatever its dates say
    return "closed"
