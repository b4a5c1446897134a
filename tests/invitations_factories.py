"""Factories for invitation tests: an announced meeting with organisations, a confirmed
selection written as a row (panel, reserve, quotas), and invitations in any state."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

from sakrad.accounts.models import Role, User
from sakrad.cycles.models import CycleState
from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.invitations import service
from sakrad.invitations.models import Invitation, InvitationOrigin, InvitationState
from sakrad.meetings.models import Meeting, MeetingState
from sakrad.organisations.models import Organisation
from sakrad.selection.models import Selection, SelectionState
from tests.cycles_factories import make_cycle, make_meeting
from tests.helpers import make_body, make_organisation, make_user

_seq = itertools.count(1)


def staff_meeting(
    *, state: MeetingState = MeetingState.ANNOUNCED, **data: object
) -> tuple[Meeting, User]:
    """An announced sakråd of a new body and a civil servant of that body."""
    body = make_body()
    user = make_user(Role.CIVIL_SERVANT, body=body)
    cycle = make_cycle(body, user=user, state=CycleState.OPEN)
    meeting = make_meeting(cycle, user=user, state=state, **data)
    return meeting, user


def org_with_rep(
    name: str | None = None, *, language: str = "sv", county: str = "00"
) -> tuple[Organisation, User]:
    rep = make_user(Role.ORG_REP)
    org = make_organisation(name, reps=(rep,))
    org.language = language
    org.county = county
    db.session.commit()
    return org, rep


def make_selection(
    meeting: Meeting,
    panel: list[Organisation],
    reserve: list[Organisation],
    *,
    features: dict[int, dict[str, str]] | None = None,
    quotas: list[dict] | None = None,
) -> Selection:
    """A confirmed selection row as the selection package freezes it."""
    features = features or {}
    everyone = [*panel, *reserve]
    selection = Selection(
        meeting_id=meeting.id,
        state=SelectionState.CONFIRMED,
        algorithm="legacy",
        seed=next(_seq),
        seats=len(panel),
        quotas=quotas or [],
        pool={
            "seats": len(panel),
            "multi_valued": [],
            "candidates": [
                {"id": str(o.id), "features": features.get(o.id, {"county": o.county})}
                for o in everyone
            ],
            "quotas": quotas or [],
            "names": {str(o.id): o.name for o in everyone},
        },
        result={
            "panel": [str(o.id) for o in panel],
            "reserve": [str(o.id) for o in reserve],
            "marginals": {},
            "report": {},
        },
    )
    db.session.add(selection)
    db.session.commit()
    return selection


def deadline_in(days: float = 10) -> datetime:
    return utcnow() + timedelta(days=days)


def invite(
    meeting: Meeting,
    org: Organisation,
    *,
    state: InvitationState = InvitationState.PENDING,
    origin: InvitationOrigin = InvitationOrigin.MANUAL,
    deadline: datetime | None = None,
) -> tuple[Invitation, str | None]:
    """An invitation (and, once sent, its raw token) without going through the mail."""
    from sakrad.invitations import tokens

    invitation = Invitation(
        meeting_id=meeting.id,
        organisation_id=org.id,
        state=state,
        origin=origin,
        origin_reason="Sakkunnig" if origin == InvitationOrigin.MANUAL else None,
        deadline=deadline or deadline_in(),
    )
    token = None
    if state != InvitationState.PENDING:
        token = tokens.issue(invitation)
        invitation.sent_at = utcnow()
    db.session.add(invitation)
    db.session.commit()
    return invitation, token


def delegate(name: str, email: str, **kw: object) -> service.DelegateInput:
    return service.DelegateInput(
        name=name,
        email=email,
        needs=list(kw.get("needs", [])),
        needs_note=str(kw.get("needs_note", "")),
        name_public=bool(kw.get("name_public", False)),
    )
