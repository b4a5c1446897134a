"""Public reads of invitations: who is invited to a published meeting, their answer and,
after the meeting, whether they attended. Delegates' names only with their consent;
never emails, needs, reasons or unsent invitations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from sakrad.extensions import db
from sakrad.invitations.models import Invitation, InvitationState
from sakrad.meetings.models import Meeting, MeetingState
from sakrad.organisations.models import Organisation
from sakrad.portal.meetings import _published

AFTER_MEETING = frozenset({MeetingState.HELD, MeetingState.DOCUMENTED})


@dataclass(frozen=True)
class PublicInvitation:
    organisation_name: str
    organisation_slug: str
    meeting_id: int
    meeting_title: str
    meeting_title_en: str | None
    starts_at: datetime | None
    state: str
    attended: bool | None  # None until attendance is recorded after the meeting
    delegate_names: tuple[str, ...]


def _public(invitation: Invitation) -> PublicInvitation:
    meeting = invitation.meeting
    after = meeting.state in AFTER_MEETING
    accepted = invitation.state == InvitationState.ACCEPTED
    return PublicInvitation(
        organisation_name=invitation.organisation.name,
        organisation_slug=invitation.organisation.slug,
        meeting_id=meeting.id,
        meeting_title=meeting.title,
        meeting_title_en=meeting.title_en,
        starts_at=meeting.starts_at,
        state=invitation.state.value,
        attended=invitation.attended if after and accepted else None,
        delegate_names=tuple(d.name for d in invitation.delegates if d.name_public)
        if accepted
        else (),
    )


def _statement() -> sa.Select:
    return (
        sa.select(Invitation)
        .join(Meeting, Meeting.id == Invitation.meeting_id)
        .join(Organisation, Organisation.id == Invitation.organisation_id)
        .where(Invitation.state != InvitationState.PENDING, _published())
        # One query each for organisations and delegates instead of one per invitation.
        .options(selectinload(Invitation.organisation), selectinload(Invitation.delegates))
    )


def for_meeting(meeting: Meeting) -> list[PublicInvitation]:
    rows = db.session.scalars(
        _statement().where(Invitation.meeting_id == meeting.id).order_by(Organisation.name)
    )
    return [_public(i) for i in rows]


def for_organisation(organisation_id: int) -> list[PublicInvitation]:
    rows = db.session.scalars(
        _statement()
        .where(Invitation.organisation_id == organisation_id)
        .order_by(Invitation.sent_at.desc(), Invitation.id.desc())
    )
    return [_public(i) for i in rows]
