"""Demo: the announced sakråd of the current cycle has two invitations prepared by hand
(not yet sent), one of them to an organisation the demo representative acts for, so a civil
servant can send them and the representative can answer from the email or from My pages."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.invitations.models import Invitation, InvitationOrigin
from sakrad.invitations.records import create_invitation
from sakrad.meetings.demo import demo_meeting
from sakrad.organisations.models import Organisation

INVITED = (
    ("studieforbundet-vuxenskolan", "Studieförbund med språkcaféer i hela landet."),
    ("folkbildningsradet", "Fördelar statsbidraget och följer upp språkinsatserna."),
)


def seed() -> bool:
    meeting = demo_meeting()
    if meeting is None or meeting.starts_at is None:
        return False
    deadline = meeting.starts_at - timedelta(days=10)
    if deadline <= utcnow():
        return False
    created = False
    for slug, reason in INVITED:
        org = db.session.scalar(sa.select(Organisation).where(Organisation.slug == slug))
        if org is None:
            continue
        exists = db.session.scalar(
            sa.select(Invitation.id).where(
                Invitation.meeting_id == meeting.id, Invitation.organisation_id == org.id
            )
        )
        if exists is None:
            create_invitation(
                meeting,
                org.id,
                origin=InvitationOrigin.MANUAL,
                deadline=deadline,
                reason=reason,
                actor_label="demo",
            )
            created = True
    return created
