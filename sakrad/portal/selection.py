"""Public reads of selections: only a meeting's confirmed selection whose report has been
published (when the invitations were sent; ``rules.selection_report_public``). Motivations
and who confirmed are never shown."""

from __future__ import annotations

import functools
from typing import Any

import sqlalchemy as sa
from flask import url_for
from sqlalchemy.orm import joinedload

from sakrad.extensions import db
from sakrad.meetings.models import Meeting
from sakrad.portal import rules
from sakrad.selection.features import Labeller
from sakrad.selection.models import Selection, SelectionState
from sakrad.selection.report import report_view


@functools.cache
def _of_meetings() -> sa.Select:
    """Built once per process (building a statement costs more CPU than running it); the
    meetings' ids are bound at execution."""
    return (
        sa.select(Selection)
        .where(
            Selection.meeting_id.in_(sa.bindparam("ids", expanding=True)),
            sa.or_(rules.selection_report_public(), Selection.state == SelectionState.REPLACED),
        )
        .options(joinedload(Selection.adjustments))
        .order_by(Selection.id)
    )


def _selections(meeting_ids: list[int]) -> dict[int, tuple[Selection, list[Selection]]]:
    """The newest published selection of each meeting with the ones it replaced, and the
    manual changes loaded (one query)."""
    out: dict[int, tuple[Selection, list[Selection]]] = {}
    if not meeting_ids:
        return out
    replaced: dict[int, list[Selection]] = {}
    for selection in db.session.scalars(_of_meetings(), {"ids": meeting_ids}).unique():
        if selection.state == SelectionState.REPLACED:
            replaced.setdefault(selection.meeting_id, []).append(selection)
        else:
            before = [r for r in replaced.get(selection.meeting_id, []) if r.id < selection.id]
            out[selection.meeting_id] = (selection, before)
    return out


def _published(meeting_ids: list[int]) -> dict[int, Selection]:
    return {mid: pair[0] for mid, pair in _selections(meeting_ids).items()}


def published_selection(meeting: Meeting) -> Selection | None:
    return _published([meeting.id]).get(meeting.id)


def reports_for(meeting_ids: list[int]) -> dict[int, dict]:
    """The published selection report of each meeting for the API: method, seats, quotas,
    seed and its page."""
    return {
        mid: {
            "algorithm": s.algorithm,
            "seed": s.seed,
            "seats": s.seats,
            "quotas": s.quotas or [],
            # Set on every published report (rules.selection_report_public).
            "published_at": s.report_published_at and s.report_published_at.isoformat(),
            "url": url_for("portal.meeting", meeting_id=mid, _anchor="selection-report-title"),
        }
        for mid, s in _published(meeting_ids).items()
    }


def public_report(meeting: Meeting, lang: str) -> dict[str, Any] | None:
    found = _selections([meeting.id]).get(meeting.id)
    if found is None:
        return None
    selection, replaced = found
    view = report_view(selection, Labeller(lang))
    view["selection"] = selection
    view["replaced"] = [{"at": s.confirmed_at, "reason": s.replace_reason} for s in replaced]
    return view


def frozen_input(meeting: Meeting) -> dict[str, Any] | None:
    """The exact engine input with the published seed: ``flask sakrad selection run`` reads
    it as is (the extra keys are ignored by the engine)."""
    selection = published_selection(meeting)
    if selection is None:
        return None
    report = selection.result.get("report", {})
    return {
        **selection.pool,
        "meeting_id": meeting.id,
        "seed": selection.seed,
        "algorithm": selection.algorithm,
        "engine_version": report.get("engine_version"),
        "published_panel": selection.result.get("panel", []),
        "published_reserve": selection.result.get("reserve", []),
    }
