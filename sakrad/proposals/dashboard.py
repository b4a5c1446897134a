"""The proposals section of "My pages"."""

from __future__ import annotations

import sqlalchemy as sa

from sakrad.accounts.models import User
from sakrad.cycles.models import Cycle
from sakrad.extensions import db
from sakrad.proposals import queries
from sakrad.proposals.models import OPEN_STATES, TopicProposal


def section(user: User) -> dict | None:
    if user.is_org_rep:
        return {
            "template": "proposals/_dashboard_rep.html",
            "proposals": queries.proposals_of(user),
            "open_cycles": queries.cycles_with_open_call(),
        }
    if user.is_civil_servant or user.is_admin:
        return _staff(user)
    return None


def _staff(user: User) -> dict | None:
    """Cycles with proposals that still need a decision or a published response."""
    stmt = (
        sa.select(Cycle)
        .where(
            Cycle.id.in_(
                sa.select(TopicProposal.cycle_id).where(
                    sa.or_(
                        TopicProposal.state.in_(OPEN_STATES),
                        sa.and_(
                            TopicProposal.decided_at.is_not(None),
                            TopicProposal.response_published_at.is_(None),
                            TopicProposal.withdrawn_at.is_(None),
                        ),
                    )
                )
            )
        )
        .order_by(Cycle.year.desc(), Cycle.policy_area)
    )
    if not user.is_admin:
        stmt = stmt.where(Cycle.convening_body_id == user.convening_body_id)
    cycles = [
        (c, queries.undecided_count(c), queries.unpublished_count(c))
        for c in db.session.scalars(stmt)
    ]
    if not cycles:
        return None
    return {"template": "proposals/_dashboard_staff.html", "cycles": cycles}
