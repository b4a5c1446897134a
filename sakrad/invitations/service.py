"""Use cases of invitations: invite, send, answer, withdraw, attendance, and the reads that
the minutes package and the pages need (the one service API of the package).

The shared records live in ``records``, answering in ``answers``, attendance in ``attendance``,
the reserve list in ``reserve``, reminders and expiry in ``reminders``, emails in ``mail``.
Every state change is written to the audit log; public entries carry only the state, never
reasons, delegates or their needs.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l

from sakrad.accounts.models import User
from sakrad.audit.service import record
from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.invitations import mail, reserve
from sakrad.invitations.answers import DelegateInput, accept, can_answer, decline
from sakrad.invitations.attendance import record_attendance
from sakrad.invitations.models import (
    LIVE_STATES,
    Invitation,
    InvitationOrigin,
    InvitationSettings,
    InvitationState,
    ReserveMode,
)
from sakrad.invitations.records import (
    REASON_MAX,
    InvitationError,
    attending_organisations,
    audit,
    check_deadline,
    counts_by_state,
    create_invitation,
    get_invitation,
    invitations_for_meeting,
    invitations_of_organisations,
    link_actor,
    live_invitation,
    public_delegate_names,
    send_invitation,
    settings_for,
)
from sakrad.meetings.models import Meeting, MeetingState
from sakrad.meetings.service import require_manage
from sakrad.organisations.models import Organisation
from sakrad.selection import service as selections

__all__ = [
    "DelegateInput",
    "InvitationError",
    "accept",
    "attending_organisations",
    "can_answer",
    "counts_by_state",
    "create_invitation",
    "decline",
    "get_invitation",
    "invitations_for_meeting",
    "invitations_of_organisations",
    "link_actor",
    "public_delegate_names",
    "record_attendance",
    "send_invitation",
    "settings_for",
]


def _require_open(meeting: Meeting) -> None:
    if meeting.state not in (MeetingState.DRAFT, MeetingState.ANNOUNCED):
        raise InvitationError(
            "meeting_closed", _l("Invitations can no longer be changed for this meeting.")
        )


def invite_from_selection(
    user: User, meeting: Meeting, deadline: datetime | None, *, now: datetime | None = None
) -> list[Invitation]:
    """PENDING invitations for the confirmed selection's panel (skipping those invited)."""
    require_manage(user, meeting)
    _require_open(meeting)
    deadline = check_deadline(meeting, deadline, now or utcnow())
    selection = selections.confirmed_selection(meeting)
    if selection is None:
        raise InvitationError(
            "no_selection", _l("The meeting has no confirmed selection to invite from.")
        )
    invited_before = {
        i.organisation_id for i in invitations_for_meeting(meeting) if i.origin != "manual"
    }
    created = []
    for org_id in selections.selected_organisation_ids(selection):
        if org_id in invited_before or live_invitation(meeting, org_id) is not None:
            continue
        created.append(
            create_invitation(meeting, org_id, origin=InvitationOrigin.SELECTION, deadline=deadline)
        )
    return created


def invite_by_hand(
    user: User,
    meeting: Meeting,
    organisation_id: int | None,
    reason: str,
    deadline: datetime | None,
    *,
    now: datetime | None = None,
) -> Invitation:
    require_manage(user, meeting)
    _require_open(meeting)
    org = db.session.get(Organisation, organisation_id) if organisation_id else None
    if org is None or not org.active:
        raise InvitationError(
            "organisation_required", _l("Choose an organisation."), "organisation_id"
        )
    reason = (reason or "").strip()
    if not reason:
        raise InvitationError(
            "reason_required", _l("Give a reason for inviting this organisation."), "reason"
        )
    if len(reason) > REASON_MAX:
        raise InvitationError("reason_too_long", _l("The reason is too long."), "reason")
    deadline = check_deadline(meeting, deadline, now or utcnow())
    if live_invitation(meeting, org.id) is not None:
        raise InvitationError(
            "already_invited",
            _l("This organisation already has an invitation to the meeting."),
            "organisation_id",
        )
    return create_invitation(
        meeting, org.id, origin=InvitationOrigin.MANUAL, deadline=deadline, reason=reason
    )


def send_pending(user: User, meeting: Meeting, *, now: datetime | None = None) -> int:
    """Send every PENDING invitation of the meeting. A second call finds none: nothing twice."""
    require_manage(user, meeting)
    if meeting.state != MeetingState.ANNOUNCED:
        raise InvitationError(
            "not_announced", _l("Announce the meeting before you send its invitations.")
        )
    now = now or utcnow()
    pending = [i for i in invitations_for_meeting(meeting) if i.state == InvitationState.PENDING]
    for invitation in pending:
        if invitation.deadline <= now:
            raise InvitationError(
                "deadline_past",
                _l("An invitation's answer deadline has passed; withdraw it or invite again."),
            )
    for invitation in pending:
        send_invitation(invitation, now=now)
    if any(i.origin == InvitationOrigin.SELECTION for i in pending):
        selection = selections.confirmed_selection(meeting)
        if selection is not None:
            selections.publish_report(selection)
    return len(pending)


def withdraw(
    user: User, invitation: Invitation, reason: str, *, now: datetime | None = None
) -> Invitation:
    require_manage(user, invitation.meeting)
    reason = (reason or "").strip()
    if not reason:
        raise InvitationError(
            "reason_required", _l("Give a reason for withdrawing the invitation."), "reason"
        )
    if invitation.state not in LIVE_STATES:
        raise InvitationError(
            "not_live", _l("Only a pending, sent or accepted invitation can be withdrawn.")
        )
    now = now or utcnow()
    before = invitation.state
    invitation.state = InvitationState.WITHDRAWN
    invitation.withdraw_reason = reason[:REASON_MAX]
    audit("invitation.withdrawn", invitation, before, extra={"reason": reason})
    if before != InvitationState.PENDING:
        mail.queue_withdrawn(invitation)
    reserve.seat_left(invitation, now=now)
    return invitation


def set_reserve_mode(user: User, meeting: Meeting, mode: ReserveMode | str) -> InvitationSettings:
    require_manage(user, meeting)
    settings = settings_for(meeting, create=True)
    before = settings.reserve_mode
    settings.reserve_mode = ReserveMode(mode)
    if before != settings.reserve_mode:
        record(
            "invitation.reserve_mode",
            entity_type="Meeting",
            entity_id=meeting.id,
            before={"reserve_mode": before},
            after={"reserve_mode": settings.reserve_mode},
            convening_body_id=meeting.convening_body_id,
        )
    return settings
