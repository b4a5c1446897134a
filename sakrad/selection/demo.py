"""Demo: about 30 organisations register interest in the announced sakråd of the current
cycle, so a civil servant can set quotas, preview and confirm a selection right away.

The demo representative's own organisations are left out: they can register interest
themselves from the public meeting page.
"""

from __future__ import annotations

import sqlalchemy as sa

from sakrad.extensions import db
from sakrad.meetings.demo import demo_meeting
from sakrad.organisations.models import Organisation
from sakrad.selection.models import Interest

LEFT_TO_THE_DEMO_REPRESENTATIVE = ("studieforbundet-vuxenskolan", "hela-sverige-ska-leva")
POOL_SIZE = 30
MOTIVATIONS = (
    "Vi driver språkcaféer varje vecka och ser vilka som inte når fram till SFI.",
    "Vi når nyanlända kvinnor på landsbygden som sällan deltar i andra insatser.",
    "Våra deltagare har erfarenhet av studiecirklar i svenska och vill bidra.",
    None,
)


def seed() -> bool:
    meeting = demo_meeting()
    if meeting is None:
        return False
    organisations = db.session.scalars(
        sa.select(Organisation)
        .where(
            Organisation.active.is_(True),
            Organisation.merged_into_id.is_(None),
            Organisation.slug.not_in(LEFT_TO_THE_DEMO_REPRESENTATIVE),
        )
        .order_by(Organisation.id)
    ).all()
    # Every other organisation, so the pool spans the generated counties and forms.
    chosen = list(organisations)[::2][:POOL_SIZE]
    existing = set(
        db.session.scalars(
            sa.select(Interest.organisation_id).where(Interest.meeting_id == meeting.id)
        )
    )
    created = False
    for n, org in enumerate(chosen):
        if org.id in existing:
            continue
        db.session.add(
            Interest(
                meeting_id=meeting.id,
                organisation_id=org.id,
                motivation=MOTIVATIONS[n % len(MOTIVATIONS)],
            )
        )
        created = True
    db.session.flush()
    return created
