"""Demo cycles: the 2017 integration cycle of the seed report and a current one whose call
for topics is open now, so a representative can propose a topic in the demo."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from sakrad.accounts.models import ConveningBody
from sakrad.cycles.models import Cycle, CycleState
from sakrad.db import utcnow
from sakrad.extensions import db

BODY = "Arbetsmarknadsdepartementet"
AREA = "Integration"


def find_cycle(year: int, policy_area: str = AREA, body_name: str = BODY) -> Cycle | None:
    return db.session.scalar(
        sa.select(Cycle)
        .join(ConveningBody, Cycle.convening_body_id == ConveningBody.id)
        .where(
            ConveningBody.name == body_name, Cycle.year == year, Cycle.policy_area == policy_area
        )
    )


def current_year() -> int:
    return utcnow().year


def seed() -> bool:
    body = db.session.scalar(sa.select(ConveningBody).where(ConveningBody.name == BODY))
    if body is None:
        return False
    created = False
    if find_cycle(2017) is None:
        db.session.add(
            Cycle(
                convening_body_id=body.id,
                year=2017,
                policy_area=AREA,
                policy_area_en="Integration",
                description=(
                    "Den nya modellen för dialog mellan Regeringskansliet och civilsamhället "
                    "inom integrationsområdet: ett årligt högnivåmöte med ministern och två "
                    "sakråd. Organisationerna föreslår vilka frågor de vill ta upp med "
                    "ministern och får återkoppling på sina förslag."
                ),
                description_en=(
                    "The new model of dialogue between the Government Offices and civil society "
                    "in the integration area: a yearly high-level meeting with the minister and "
                    "two sakråd."
                ),
                call_opens_at=datetime(2017, 1, 9, 8, tzinfo=UTC),
                call_closes_at=datetime(2017, 2, 15, 16, tzinfo=UTC),
                high_level_on=date(2017, 5, 16),
                sakrad_from=date(2017, 2, 8),
                sakrad_to=date(2017, 11, 15),
                follow_up_on=date(2017, 12, 15),
                state=CycleState.CLOSED,
            )
        )
        created = True
    year = current_year()
    if find_cycle(year) is None:
        now = utcnow().replace(minute=0, second=0, microsecond=0)
        db.session.add(
            Cycle(
                convening_body_id=body.id,
                year=year,
                policy_area=AREA,
                policy_area_en="Integration",
                description=(
                    "Årets dialogcykel inom integrationsområdet. Föreslå vilka frågor ni vill "
                    "ta upp med arbetsmarknadsministern på högnivåmötet."
                ),
                description_en=(
                    "This year's dialogue cycle in the integration area. Propose the questions "
                    "you want to raise with the Minister for Employment."
                ),
                call_opens_at=now - timedelta(days=14),
                call_closes_at=now + timedelta(days=30),
                high_level_on=(now + timedelta(days=75)).date(),
                sakrad_from=(now + timedelta(days=40)).date(),
                sakrad_to=(now + timedelta(days=150)).date(),
                follow_up_on=(now + timedelta(days=200)).date(),
                state=CycleState.OPEN,
            )
        )
        created = True
    db.session.flush()
    return created
