"""Public reads of dialogue cycles: published (open, closed, archived) cycles only."""

from __future__ import annotations

import sqlalchemy as sa

from sakrad.cycles.models import PUBLIC_CYCLE_STATES, Cycle
from sakrad.extensions import db


def public_cycle(cycle_id: int) -> Cycle | None:
    cycle = db.session.get(Cycle, cycle_id)
    return cycle if cycle is not None and cycle.is_public else None


def public_cycles(*, convening_body_id: int | None = None, year: int | None = None) -> list[Cycle]:
    stmt = (
        sa.select(Cycle)
        .where(Cycle.state.in_(PUBLIC_CYCLE_STATES))
        .order_by(Cycle.year.desc(), Cycle.policy_area)
    )
    if convening_body_id:
        stmt = stmt.where(Cycle.convening_body_id == convening_body_id)
    if year:
        stmt = stmt.where(Cycle.year == year)
    return list(db.session.scalars(stmt))


def public_years() -> list[int]:
    return list(
        db.session.scalars(
            sa.select(Cycle.year)
            .where(Cycle.state.in_(PUBLIC_CYCLE_STATES))
            .distinct()
            .order_by(Cycle.year.desc())
        )
    )
