"""The follow-up section of "My pages": the body's yearly reports, drafts and published."""

from __future__ import annotations

import sqlalchemy as sa

from sakrad.accounts.models import ConveningBody, User
from sakrad.cycles.models import Cycle
from sakrad.extensions import db
from sakrad.followup.models import FollowupReport


def section(user: User) -> dict | None:
    if not user.is_civil_servant:
        return None
    # A civil servant always belongs to a convening body.
    body = db.session.get_one(ConveningBody, user.convening_body_id)
    years = list(db.session.scalars(
        sa.select(Cycle.year).where(Cycle.convening_body_id == body.id).distinct()
        .order_by(Cycle.year.desc()).limit(10)
    ))  # fmt: skip
    if not years:
        return None
    published = set(db.session.scalars(
        sa.select(FollowupReport.year).where(
            FollowupReport.convening_body_id == body.id, FollowupReport.published_at.is_not(None)
        )
    ))  # fmt: skip
    return {"template": "followup/_dashboard.html", "body": body, "years": years,
            "published": published}  # fmt: skip
