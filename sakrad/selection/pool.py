"""The pool of a meeting: organisations that registered interest, plus those a civil servant
added from the registry with a filter. Also the pool's feature values for the engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy import orm

from sakrad.accounts.models import User
from sakrad.audit.service import record
from sakrad.db import utcnow
from sakrad.errors import Invalid
from sakrad.extensions import db
from sakrad.meetings.models import Meeting, MeetingState
from sakrad.meetings.service import require_manage
from sakrad.organisations.models import Organisation
from sakrad.organisations.service import SearchFilters, represents, search_statement
from sakrad.selection.features import features_of
from sakrad.selection.models import (
    MOTIVATION_MAX,
    AdjustmentKind,
    Interest,
    PoolAddition,
    Selection,
    SelectionState,
)

FILTER_FIELDS = ("county", "form", "focus_area", "size", "verified")


class SelectionError(Invalid):
    """A refused change of the selection; ``message`` is shown next to ``field`` (None: the
    form). An ``Invalid`` of the one error hierarchy, with the selection's stable codes."""

    def __init__(self, code: str, message: Any, field: str | None = None) -> None:
        super().__init__(message, field=field, code=code)


def interest_open(meeting: Meeting, now: datetime | None = None) -> bool:
    """Representatives may register interest while the meeting is announced and the
    interest window has not closed."""
    from sakrad.selection.guards import has_confirmed_selection

    now = now or utcnow()
    return (
        meeting.state == MeetingState.ANNOUNCED
        and meeting.interest_closes_at is not None
        and meeting.interest_closes_at > now
        and not has_confirmed_selection(meeting)  # the organisations are chosen already
    )


def _interest(meeting: Meeting, organisation_id: int) -> Interest | None:
    return db.session.scalar(
        sa.select(Interest).where(
            Interest.meeting_id == meeting.id, Interest.organisation_id == organisation_id
        )
    )


def _require_representative(user: User, organisation_id: int) -> None:
    if not represents(user, organisation_id):
        raise SelectionError(
            "not_representative",
            _l("You can only register interest for organisations you represent."),
            "organisation_id",
        )


def _require_open(meeting: Meeting, now: datetime | None) -> None:
    if not interest_open(meeting, now):
        raise SelectionError(
            "interest_closed", _l("Registration of interest for this meeting is closed.")
        )


def register_interest(
    user: User,
    meeting: Meeting,
    organisation_id: int,
    motivation: str | None = None,
    *,
    now: datetime | None = None,
) -> Interest:
    _require_open(meeting, now)
    _require_representative(user, organisation_id)
    motivation = (motivation or "").strip()[:MOTIVATION_MAX] or None
    interest = _interest(meeting, organisation_id)
    if interest is None:
        interest = Interest(meeting_id=meeting.id, organisation_id=organisation_id)
        db.session.add(interest)
    elif interest.active:
        raise SelectionError(
            "already_registered",
            _l("This organisation has already registered interest."),
            "organisation_id",
        )
    interest.motivation = motivation
    interest.registered_by_id = user.id
    interest.withdrawn_at = None
    interest.created_at = now or utcnow()
    db.session.flush()
    return _audited("selection.interest_registered", interest, meeting)


def withdraw_interest(
    user: User, meeting: Meeting, organisation_id: int, *, now: datetime | None = None
) -> Interest:
    _require_open(meeting, now)
    _require_representative(user, organisation_id)
    interest = _interest(meeting, organisation_id)
    if interest is None or not interest.active:
        raise SelectionError("no_interest", _l("This organisation has not registered interest."))
    interest.withdrawn_at = now or utcnow()
    return _audited("selection.interest_withdrawn", interest, meeting)


def _audited(action: str, interest: Interest, meeting: Meeting) -> Interest:
    record(
        action,
        interest,
        after={"meeting_id": meeting.id, "organisation_id": interest.organisation_id},
        convening_body_id=meeting.convening_body_id,
    )
    return interest


def interests_for(meeting: Meeting, organisation_ids: list[int]) -> dict[int, Interest]:
    """Active interests of the given organisations in the meeting, by organisation id."""
    if not organisation_ids:
        return {}
    rows = db.session.scalars(
        sa.select(Interest).where(
            Interest.meeting_id == meeting.id,
            Interest.organisation_id.in_(organisation_ids),
            Interest.withdrawn_at.is_(None),
        )
    )
    return {i.organisation_id: i for i in rows}


def widen_pool(user: User, meeting: Meeting, filters: dict[str, str]) -> PoolAddition:
    """Add every registry organisation matching ``filters`` to the pool (logged)."""
    require_manage(user, meeting)
    clean = {k: (filters.get(k) or "").strip() for k in FILTER_FIELDS}
    if not any(clean.values()):
        raise SelectionError(
            "empty_filter",
            _l("Choose at least one filter, so the pool does not take in the whole registry."),
        )
    filters_ = SearchFilters(
        county=clean["county"], form=clean["form"], focus_area=clean["focus_area"],
        size=clean["size"], verified=clean["verified"],
    )  # fmt: skip
    stmt = search_statement(filters_).where(Organisation.active.is_(True))
    ids = sorted(db.session.scalars(stmt.with_only_columns(Organisation.id)))
    addition = PoolAddition(
        meeting_id=meeting.id, filter=clean, organisation_ids=ids, added_by_id=user.id
    )
    db.session.add(addition)
    db.session.flush()
    record(
        "selection.pool_widened",
        addition,
        after={"meeting_id": meeting.id, "filter": clean, "organisation_ids": ids},
        convening_body_id=meeting.convening_body_id,
    )
    return addition


def remove_pool_addition(user: User, meeting: Meeting, addition: PoolAddition) -> None:
    require_manage(user, meeting)
    if addition.meeting_id != meeting.id or addition.removed_at is not None:
        raise SelectionError("not_found", _l("That addition is not part of the pool."))
    addition.removed_at = utcnow()
    record(
        "selection.pool_addition_removed",
        addition,
        before={"filter": addition.filter, "organisation_ids": addition.organisation_ids},
        convening_body_id=meeting.convening_body_id,
    )


def pool_additions(meeting: Meeting) -> list[PoolAddition]:
    return list(
        db.session.scalars(
            sa.select(PoolAddition)
            .where(PoolAddition.meeting_id == meeting.id, PoolAddition.removed_at.is_(None))
            .order_by(PoolAddition.created_at, PoolAddition.id)
        )
    )


@dataclass
class PoolEntry:
    organisation: Organisation
    interest: Interest | None = None
    additions: list[PoolAddition] = field(default_factory=list)


def _surviving(org: Organisation | None) -> Organisation | None:
    """Follow merges to the organisation that survived; None if it is no longer active."""
    seen = set()
    while org is not None and org.merged_into_id is not None and org.id not in seen:
        seen.add(org.id)
        org = org.merged_into
    return org if org is not None and org.active else None


def pool(meeting: Meeting) -> list[PoolEntry]:
    """The current pool, by organisation name."""
    entries: dict[int, PoolEntry] = {}
    # A national call for interest pools thousands: load them and their features in a few
    # queries, not three per organisation.
    with_features = (
        orm.selectinload(Organisation.focus_areas),
        orm.selectinload(Organisation.target_groups),
    )
    interests = db.session.scalars(
        sa.select(Interest)
        .where(Interest.meeting_id == meeting.id, Interest.withdrawn_at.is_(None))
        .options(orm.joinedload(Interest.organisation).options(*with_features))
    )
    for interest in interests:
        org = _surviving(interest.organisation)
        if org is not None:
            entries.setdefault(org.id, PoolEntry(org)).interest = interest
    additions = pool_additions(meeting)
    wanted = {i for a in additions for i in a.organisation_ids} - set(entries)
    if wanted:
        list(
            db.session.scalars(
                sa.select(Organisation)
                .where(Organisation.id.in_(sorted(wanted)))
                .options(*with_features)
            )
        )
    for addition in additions:
        for org_id in addition.organisation_ids:
            org = _surviving(db.session.get(Organisation, org_id))
            if org is not None:
                entries.setdefault(org.id, PoolEntry(org)).additions.append(addition)
    return sorted(entries.values(), key=lambda e: (e.organisation.name.lower(), e.organisation.id))


def earlier_participants(meeting: Meeting) -> set[int]:
    """Organisations in a confirmed selection of another meeting of the same convening body
    (the panel after manual changes): they are not taking part for the first time."""
    rows = db.session.scalars(
        sa.select(Selection)
        .join(Meeting, Meeting.id == Selection.meeting_id)
        .where(
            Meeting.convening_body_id == meeting.convening_body_id,
            Meeting.id != meeting.id,
            Selection.state == SelectionState.CONFIRMED,
        )
    )
    out: set[int] = set()
    for selection in rows:
        out.update(panel_ids(selection))
    return out


def panel_ids(selection: Selection) -> list[int]:
    """The panel after the manual changes, in the order of the engine's panel then additions."""
    panel = [int(i) for i in selection.result.get("panel", [])]
    for adj in selection.adjustments:
        if adj.kind == AdjustmentKind.REMOVED and adj.organisation_id in panel:
            panel.remove(adj.organisation_id)
        elif adj.kind == AdjustmentKind.ADDED and adj.organisation_id not in panel:
            panel.append(adj.organisation_id)
    return panel


def pool_candidates(meeting: Meeting) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The pool as engine candidates (JSON form) and their names, keyed by id string."""
    earlier = earlier_participants(meeting)
    candidates, names = [], {}
    for entry in pool(meeting):
        org = entry.organisation
        candidate = {"id": str(org.id), "features": features_of(org, earlier)}
        if org.umbrella_id is not None:
            candidate["umbrella"] = str(org.umbrella_id)
        candidates.append(candidate)
        names[str(org.id)] = org.name
    return candidates, names


def profile(candidates: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Counts per feature value (multi-valued features count each value)."""
    out: dict[str, dict[str, int]] = {}
    for c in candidates:
        for feature, value in c["features"].items():
            bucket = out.setdefault(feature, {})
            for v in value if isinstance(value, list) else [value]:
                bucket[v] = bucket.get(v, 0) + 1
    return out
