"""The selection section of "My pages": open interest windows for representatives, meetings
waiting for a selection for civil servants."""

from __future__ import annotations

import sqlalchemy as sa

from sakrad.accounts.models import User
from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.meetings.models import Meeting, MeetingState
from sakrad.selection.models import Interest, Selection, SelectionState


def _open_for_interest() -> sa.Select:
    return sa.select(Meeting).where(
        Meeting.state == MeetingState.ANNOUNCED,
        Meeting.interest_closes_at.is_not(None),
        Meeting.interest_closes_at > utcnow(),
    )


def section(user: User) -> dict | None:
    if user.is_org_rep:
        meetings = list(
            db.session.scalars(_open_for_interest().order_by(Meeting.interest_closes_at))
        )
        if not meetings:
            return None
        return {"template": "selection/_dashboard_rep.html", "meetings": meetings}
    if user.is_civil_servant or user.is_admin:
        has_pool = sa.exists().where(
            Interest.meeting_id == Meeting.id, Interest.withdrawn_at.is_(None)
        )
        confirmed = sa.exists().where(
            Selection.meeting_id == Meeting.id, Selection.state == SelectionState.CONFIRMED
        )
        stmt = sa.select(Meeting).where(
            Meeting.state == MeetingState.ANNOUNCED, has_pool, ~confirmed
        )
        if not user.is_admin:
            stmt = stmt.where(Meeting.convening_body_id == user.convening_body_id)
        meetings = list(db.session.scalars(stmt.order_by(Meeting.id)))
        if not meetings:
            return None
        return {"template": "selection/_dashboard_staff.html", "meetings": meetings}
    return None
