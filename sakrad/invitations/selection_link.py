"""The few things invitations need from a confirmed selection.

The selection package's service provides them; while it is missing (it is built in
parallel) these fall back to reading the frozen ``Selection`` row directly, without the
quota check on reserves (the fallback then only skips organisations already invited).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.meetings.models import Meeting

try:  # pragma: no cover - depends on the selection package being present
    from sakrad.selection import service as _selection
except ModuleNotFoundError as _exc:  # pragma: no cover
    if _exc.name not in ("sakrad.selection.service", "sakrad.selection"):
        raise
    _selection = None


def _model():  # noqa: ANN202
    try:
        from sakrad.selection.models import Selection, SelectionState
    except ImportError:  # pragma: no cover
        return None, None
    return Selection, SelectionState


def confirmed_selection(meeting: Meeting) -> Any | None:
    if _selection is not None and hasattr(_selection, "confirmed_selection"):
        return _selection.confirmed_selection(meeting)
    selection, state = _model()
    if selection is None:
        return None
    return db.session.scalar(
        sa.select(selection)
        .where(selection.meeting_id == meeting.id, selection.state == state.CONFIRMED)
        .order_by(selection.id.desc())
    )


def _ids(values: Any) -> list[int]:
    return [int(v) for v in values or []]


def selected_organisation_ids(selection: Any) -> list[int]:
    if _selection is not None and hasattr(_selection, "selected_organisation_ids"):
        return list(_selection.selected_organisation_ids(selection))
    return _ids(selection.result.get("panel"))


def reserve_organisation_ids(selection: Any) -> list[int]:
    if _selection is not None and hasattr(_selection, "reserve_organisation_ids"):
        return list(_selection.reserve_organisation_ids(selection))
    return _ids(selection.result.get("reserve"))


def next_reserve(
    selection: Any, current_org_ids: list[int], leaving_org_id: int, exclude_ids: set[int]
) -> tuple[int | None, str | None]:
    """(organisation id, None), or (None, a message naming the quota that blocks)."""
    if _selection is not None and hasattr(_selection, "next_reserve"):
        org_id, message = _selection.next_reserve(
            selection, set(current_org_ids), leaving_org_id, set(exclude_ids)
        )
        return org_id, (str(message) if message else None)
    for org_id in reserve_organisation_ids(selection):
        if org_id not in exclude_ids and org_id not in current_org_ids:
            return org_id, None
    return None, None


def publish_report(selection: Any) -> None:
    if _selection is not None and hasattr(_selection, "publish_report"):
        _selection.publish_report(selection)
    elif getattr(selection, "report_published_at", None) is None:
        selection.report_published_at = utcnow()
