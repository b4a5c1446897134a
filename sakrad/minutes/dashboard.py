"""The minutes section of "My pages": review requests for representatives, meetings waiting
for published minutes for civil servants."""

from __future__ import annotations

import sqlalchemy as sa

from sakrad.accounts.models import User
from sakrad.extensions import db
from sakrad.meetings.models import Meeting, MeetingState
from sakrad.minutes import review


def section(user: User) -> dict | None:
    if user.is_org_rep:
        rounds = [r for r in review.rounds_for_representative(user) if review.is_open(r)]
        if not rounds:
            return None
        return {
            "template": "minutes/_dashboard.html",
            "reviews": [(r, review.meeting_of(r)) for r in rounds],
            "to_document": [],
        }
    if user.is_civil_servant or user.is_admin:
        stmt = sa.select(Meeting).where(Meeting.state == MeetingState.HELD).order_by(Meeting.id)
        if not user.is_admin:
            stmt = stmt.where(Meeting.convening_body_id == user.convening_body_id)
        meetings = list(db.session.scalars(stmt.limit(50)))
        if not meetings:
            return None
        return {"template": "minutes/_dashboard.html", "reviews": [], "to_document": meetings}
    return None
