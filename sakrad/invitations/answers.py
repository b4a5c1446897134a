"""Answering an invitation: accept with delegates, change them, decline; until the deadline.

The same functions serve the personal link (no account) and a representative's dashboard.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l

from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.invitations import reserve
from sakrad.invitations.models import (
    ANSWERABLE_STATES,
    NEED_CODES,
    Delegate,
    Invitation,
    InvitationState,
)
from sakrad.invitations.records import (
    NAME_MAX,
    REASON_MAX,
    InvitationError,
    audit,
    live_invitation,
)
from sakrad.meetings.models import Meeting, MeetingState
from sakrad.shell.input import normalised_email


@dataclass
class DelegateInput:
    name: str
    email: str
    needs: list[str]
    needs_note: str = ""
    name_public: bool = False


def can_answer(invitation: Invitation, now: datetime | None = None) -> bool:
    now = now or utcnow()
    return (
        invitation.state in ANSWERABLE_STATES
        and now < invitation.deadline
        and invitation.meeting.state == MeetingState.ANNOUNCED
        and invitation.replaced_by_id is None
    )


def _require_answerable(invitation: Invitation, now: datetime) -> None:
    if not can_answer(invitation, now):
        raise InvitationError("not_answerable", _l("This invitation can no longer be answered."))
    if invitation.state == InvitationState.DECLINED:
        other = live_invitation(invitation.meeting, invitation.organisation_id)
        if other is not None and other.id != invitation.id:
            raise InvitationError(
                "not_answerable", _l("This invitation can no longer be answered.")
            )


def _clean_delegates(meeting: Meeting, delegates: list[DelegateInput]) -> list[DelegateInput]:
    # The row number stays that of the form, so an error names the delegate it is about.
    filled = [
        (n, d) for n, d in enumerate(delegates) if (d.name or "").strip() or (d.email or "").strip()
    ]
    if not filled:
        raise InvitationError(
            "delegate_required", _l("Name at least one delegate."), "delegates-0-name"
        )
    if len(filled) > meeting.delegates_per_org:
        raise InvitationError(
            "too_many_delegates",
            _l("Too many delegates for this meeting."),
            "delegates-0-name",
        )
    out = []
    for n, d in filled:
        name, email = (d.name or "").strip(), (d.email or "").strip()
        if not name or len(name) > NAME_MAX:
            raise InvitationError(
                "name_required", _l("Enter the delegate's name."), f"delegates-{n}-name"
            )
        valid = normalised_email(email)
        if valid is None:
            raise InvitationError(
                "email_invalid", _l("Enter a valid email address."), f"delegates-{n}-email"
            )
        email = valid
        needs = [c for c in d.needs or [] if c in NEED_CODES]
        note = (d.needs_note or "").strip()[:REASON_MAX] or None
        out.append(DelegateInput(name, email, needs, note or "", bool(d.name_public)))
    return out


def accept(
    invitation: Invitation,
    delegates: list[DelegateInput],
    *,
    now: datetime | None = None,
    actor_label: str | None = None,
) -> Invitation:
    """Accept, or change the delegates of an accepted invitation, until the deadline."""
    now = now or utcnow()
    _require_answerable(invitation, now)
    cleaned = _clean_delegates(invitation.meeting, delegates)
    before = invitation.state
    invitation.delegates.clear()
    db.session.flush()
    for d in cleaned:
        invitation.delegates.append(
            Delegate(
                name=d.name,
                email=d.email,
                needs=d.needs,
                needs_note=d.needs_note or None,
                name_public=d.name_public,
            )
        )
    invitation.state = InvitationState.ACCEPTED
    invitation.answered_at = now
    invitation.decline_reason = None
    action = "invitation.accepted" if before != InvitationState.ACCEPTED else "invitation.delegates"
    audit(action, invitation, before, actor_label=actor_label, extra={"delegates": len(cleaned)})
    return invitation


def decline(
    invitation: Invitation,
    reason: str | None,
    *,
    now: datetime | None = None,
    actor_label: str | None = None,
) -> Invitation:
    now = now or utcnow()
    _require_answerable(invitation, now)
    before = invitation.state
    invitation.state = InvitationState.DECLINED
    invitation.answered_at = now
    invitation.decline_reason = (reason or "").strip()[:REASON_MAX] or None
    invitation.delegates.clear()
    audit("invitation.declined", invitation, before, actor_label=actor_label)
    if before != InvitationState.DECLINED:
        reserve.seat_left(invitation, now=now)
    return invitation
