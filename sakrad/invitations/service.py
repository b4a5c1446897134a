"""Use cases of invitations: invite, send, answer, withdraw, attendance, and the reads that
the minutes package and the pages need.

The reserve list lives in ``reserve``, reminders and expiry in ``reminders``, emails in
``mail``. Every state change is written to the audit log; public entries carry only the
state, never reasons, delegates or their needs.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from sakrad.accounts.models import User
from sakrad.audit.service import record
from sakrad.cycles.errors import NotFound
from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.invitations import selection_link, tokens
from sakrad.invitations.models import (
    LIVE_STATES,
    Invitation,
    InvitationOrigin,
    InvitationSettings,
    InvitationState,
    ReserveMode,
)
from sakrad.meetings.models import Meeting, MeetingState
from sakrad.meetings.service import require_manage
from sakrad.organisations.models import Organisation

NAME_MAX = 200
EMAIL_MAX = 254
REASON_MAX = 2000


class InvitationError(ValueError):
    """A refused change: ``code`` for tests, ``message`` for people, ``field`` for forms."""

    def __init__(self, code: str, message: Any, field: str | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.message = message
        self.field = field


# ------------------------------------------------------------------------------ reads


def get_invitation(invitation_id: int) -> Invitation:
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None:
        raise NotFound("invitation")
    return invitation


def invitations_for_meeting(meeting: Meeting) -> list[Invitation]:
    """Every invitation of the meeting, organisations by name, history included."""
    return list(
        db.session.scalars(
            sa.select(Invitation)
            .join(Organisation, Organisation.id == Invitation.organisation_id)
            .where(Invitation.meeting_id == meeting.id)
            .options(selectinload(Invitation.delegates), selectinload(Invitation.organisation))
            .order_by(Organisation.name, Invitation.id)
        )
    )


def counts_by_state(meeting: Meeting) -> dict[InvitationState, int]:
    rows = db.session.execute(
        sa.select(Invitation.state, sa.func.count())
        .where(Invitation.meeting_id == meeting.id)
        .group_by(Invitation.state)
    ).all()
    counts = Counter({state: 0 for state in InvitationState})
    counts.update({InvitationState(state): n for state, n in rows})
    return dict(counts)


def attending_organisations(meeting: Meeting) -> list[Organisation]:
    """Organisations recorded as attending; before attendance is recorded, the accepted ones."""
    invitations = [i for i in invitations_for_meeting(meeting)]
    if any(i.attended is not None for i in invitations):
        chosen = [i for i in invitations if i.attended]
    else:
        chosen = [i for i in invitations if i.state == InvitationState.ACCEPTED]
    return [i.organisation for i in chosen]


def public_delegate_names(meeting: Meeting) -> dict[int, list[str]]:
    """Organisation id → names of its delegates who agreed to have their name published."""
    out: dict[int, list[str]] = {}
    for invitation in invitations_for_meeting(meeting):
        if invitation.state != InvitationState.ACCEPTED:
            continue
        names = [d.name for d in invitation.delegates if d.name_public]
        if names:
            out[invitation.organisation_id] = names
    return out


def invitations_of_organisations(org_ids: list[int]) -> list[Invitation]:
    """Sent invitations of these organisations (a representative's dashboard), newest first."""
    if not org_ids:
        return []
    return list(
        db.session.scalars(
            sa.select(Invitation)
            .where(
                Invitation.organisation_id.in_(org_ids),
                Invitation.state != InvitationState.PENDING,
            )
            .order_by(Invitation.deadline.desc(), Invitation.id.desc())
        )
    )


def settings_for(meeting: Meeting, *, create: bool = False) -> InvitationSettings:
    """The meeting's settings; the defaults (unsaved) until ``create`` or a change saves them."""
    settings = db.session.scalar(
        sa.select(InvitationSettings).where(InvitationSettings.meeting_id == meeting.id)
    )
    if settings is None:
        settings = InvitationSettings(meeting_id=meeting.id, reserve_mode=ReserveMode.AUTOMATIC)
        if create:
            db.session.add(settings)
    return settings


# ------------------------------------------------------------------------------ audit


def audit(
    action: str,
    invitation: Invitation,
    before: InvitationState | None,
    *,
    actor_label: str | None = None,
    extra: dict[str, Any] | None = None,
    public: bool = True,
) -> None:
    """One entry per change. Public entries hold the state only; ``extra`` is private."""
    after = {"state": invitation.state, "organisation_id": invitation.organisation_id}
    record(
        action,
        invitation,
        before={"state": before} if before is not None else None,
        after={**after, **(extra or {})} if not public else after,
        actor_label=actor_label,
        convening_body_id=invitation.meeting.convening_body_id,
        public=public and invitation.meeting.is_public and invitation.state is not None,
    )
    if public and extra:
        record(
            action + "_details",
            invitation,
            after=extra,
            actor_label=actor_label,
            convening_body_id=invitation.meeting.convening_body_id,
        )


def link_actor(invitation: Invitation) -> str:
    return f"{invitation.organisation.name} (personal link)"


# ------------------------------------------------------------------------------ inviting


def check_deadline(meeting: Meeting, deadline: datetime | None, now: datetime) -> datetime:
    if deadline is None:
        raise InvitationError("deadline_required", _l("Enter the answer deadline."), "deadline")
    if deadline <= now:
        raise InvitationError(
            "deadline_past", _l("The answer deadline must be in the future."), "deadline"
        )
    if meeting.starts_at is not None and deadline >= meeting.starts_at:
        raise InvitationError(
            "deadline_after_start",
            _l("The answer deadline must be before the meeting starts."),
            "deadline",
        )
    return deadline


def _require_open(meeting: Meeting) -> None:
    if meeting.state not in (MeetingState.DRAFT, MeetingState.ANNOUNCED):
        raise InvitationError(
            "meeting_closed", _l("Invitations can no longer be changed for this meeting.")
        )


def live_invitation(meeting: Meeting, organisation_id: int) -> Invitation | None:
    return db.session.scalar(
        sa.select(Invitation).where(
            Invitation.meeting_id == meeting.id,
            Invitation.organisation_id == organisation_id,
            Invitation.state.in_(LIVE_STATES),
        )
    )


def create_invitation(
    meeting: Meeting,
    organisation_id: int,
    *,
    origin: InvitationOrigin,
    deadline: datetime,
    reason: str | None = None,
    actor_label: str | None = None,
) -> Invitation:
    invitation = Invitation(
        meeting=meeting,
        organisation_id=organisation_id,
        state=InvitationState.PENDING,
        origin=origin,
        origin_reason=reason,
        deadline=deadline,
    )
    db.session.add(invitation)
    db.session.flush()
    audit(
        "invitation.created",
        invitation,
        None,
        actor_label=actor_label,
        extra={"origin": origin, "reason": reason} if reason else {"origin": origin},
        public=False,  # who is about to be invited is public only once it is sent
    )
    return invitation


def invite_from_selection(
    user: User, meeting: Meeting, deadline: datetime | None, *, now: datetime | None = None
) -> list[Invitation]:
    """PENDING invitations for the confirmed selection's panel (skipping those invited)."""
    require_manage(user, meeting)
    _require_open(meeting)
    deadline = check_deadline(meeting, deadline, now or utcnow())
    selection = selection_link.confirmed_selection(meeting)
    if selection is None:
        raise InvitationError(
            "no_selection", _l("The meeting has no confirmed selection to invite from.")
        )
    invited_before = {
        i.organisation_id for i in invitations_for_meeting(meeting) if i.origin != "manual"
    }
    created = []
    for org_id in selection_link.selected_organisation_ids(selection):
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


def send_invitation(invitation: Invitation, *, now: datetime, actor_label: str | None = None):
    """Send one PENDING invitation: a fresh link, SENT, the email in the outbox."""
    from sakrad.invitations import mail

    token = tokens.issue(invitation)
    invitation.state = InvitationState.SENT
    invitation.sent_at = now
    mail.queue_invitation(invitation, token)
    audit("invitation.sent", invitation, InvitationState.PENDING, actor_label=actor_label)


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
        selection = selection_link.confirmed_selection(meeting)
        if selection is not None:
            selection_link.publish_report(selection)
    return len(pending)


def withdraw(
    user: User, invitation: Invitation, reason: str, *, now: datetime | None = None
) -> Invitation:
    from sakrad.invitations import mail, reserve

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


# Answering lives in its own module; re-exported here, the one service API of invitations.
from sakrad.invitations.answers import (  # noqa: E402
    DelegateInput,
    accept,
    can_answer,
    decline,
)
from sakrad.invitations.attendance import record_attendance  # noqa: E402

__all__ = [
    "DelegateInput",
    "InvitationError",
    "accept",
    "attending_organisations",
    "can_answer",
    "decline",
    "invitations_for_meeting",
    "public_delegate_names",
    "record_attendance",
]
