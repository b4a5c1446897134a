"""Public reads of dialogue cycles: published (open, closed, archived) cycles only
(``rules.cycle_public``)."""

from __future__ import annotations

import sqlalchemy as sa

from sakrad.cycles.models import Cycle
from sakrad.extensions import db
from sakrad.portal import rules


def public_cycle(cycle_id: int) -> Cycle | None:
    if not 1 <= cycle_id <= rules.MAX_ID:
        return None
    return db.session.scalar(sa.select(Cycle).where(Cycle.id == cycle_id, rules.cycle_public()))


def public_cycles(*, convening_body_id: int | None = None, year: int | None = None) -> list[Cycle]:
    stmt = (
        sa.select(Cycle).where(rules.cycle_public()).order_by(Cycle.year.desc(), Cycle.policy_area)
    )
    if convening_body_id:
        stmt = stmt.where(Cycle.convening_body_id == convening_body_id)
    if year:
        stmt = stmt.where(Cycle.year == year)
    return list(db.session.scalars(stmt))


def public_years() -> list[int]:
    return list(
        db.session.scalars(
            sa.select(Cycle.year).where(rules.cycle_public()).distinct().order_by(Cycle.year.desc())
        )
    )
