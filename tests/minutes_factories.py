"""Factories for minutes tests: a held meeting with two attending organisations, each with a
representative, and civil servants of this and another convening body."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sakrad.accounts.models import Role, User
from sakrad.cycles.models import CycleState
from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.invitations.models import Invitation, InvitationOrigin, InvitationState
from sakrad.meetings.models import Meeting, MeetingState
from sakrad.organisations.models import Organisation
from tests.cycles_factories import make_cycle, make_meeting
from tests.helpers import make_body, make_organisation, make_user

# A minimal valid PDF and an ELF executable header, for the upload tests.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
)
ELF_BYTES = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64
MZ_BYTES = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


@dataclass
class Setup:
    meeting_id: int
    staff: User
    other_staff: User
    admin: User
    rep: User  # represents an attending organisation
    other_rep: User  # represents the other attending organisation
    outsider_rep: User  # represents an organisation that did not attend
    org: Organisation
    other_org: Organisation

    @property
    def meeting(self) -> Meeting:
        return db.session.get(Meeting, self.meeting_id)

    def email(self, role: str) -> str:
        return getattr(self, role).email


def attend(meeting: Meeting, org: Organisation) -> Invitation:
    invitation = Invitation(
        meeting_id=meeting.id,
        organisation_id=org.id,
        state=InvitationState.ACCEPTED,
        origin=InvitationOrigin.SELECTION,
        deadline=utcnow() - timedelta(days=1),
        sent_at=utcnow() - timedelta(days=10),
        answered_at=utcnow() - timedelta(days=5),
    )
    db.session.add(invitation)
    db.session.commit()
    return invitation


def make_setup(state: MeetingState = MeetingState.HELD) -> Setup:
    body = make_body()
    staff = make_user(Role.CIVIL_SERVANT, body=body)
    other_staff = make_user(Role.CIVIL_SERVANT, body=make_body())
    admin = make_user(Role.ADMIN)
    rep, other_rep, outsider_rep = (make_user(Role.ORG_REP) for _ in range(3))
    org = make_organisation("Förening Alfa", reps=(rep,))
    other_org = make_organisation("Förening Beta", reps=(other_rep,))
    make_organisation("Förening Gamma", reps=(outsider_rep,))
    cycle = make_cycle(body, user=staff, state=CycleState.OPEN)
    meeting = make_meeting(cycle, user=staff, state=state, title="Sakråd om etablering")
    attend(meeting, org)
    attend(meeting, other_org)
    return Setup(
        meeting.id, staff, other_staff, admin, rep, other_rep, outsider_rep, org, other_org
    )
