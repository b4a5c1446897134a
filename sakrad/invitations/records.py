"""The invitation records: the package's error, the reads the pages and other packages use,
and the writes every use case shares (creating and sending one invitation, the audit entry).

The lowest module of the package: ``answers``, ``attendance``, ``reserve``, ``reminders`` and
``service`` build on it; it imports none of them.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from sakrad.audit.service import record
from sakrad.cycles.errors import found
from sakrad.errors import Invalid
from sakrad.extensions import db
from sakrad.invitations import mail, tokens
from sakrad.invitations.models import (
    LIVE_STATES,
    Invitation,
    InvitationOrigin,
    InvitationSettings,
    InvitationState,
    ReserveMode,
)
from sakrad.meetings.models import Meeting
from sakrad.organisations.models import Organisation

NAME_MAX = 200
EMAIL_MAX = 254
REASON_MAX = 2000


class InvitationError(Invalid):
    """A refused change: ``code`` for tests, ``message`` for people, ``field`` for forms."""

    def __init__(self, code: str, message: Any, field: str | None = None) -> None:
        super().__init__(message, field=field, code=code)


# ------------------------------------------------------------------------------ reads


def get_invitation(invitation_id: int) -> Invitation:
    return found(db.session.get(Invitation, invitation_id), "invitation")


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


def send_invitation(invitation: Invitation, *, now: datetime, actor_label: str | None = None):
    """Send one PENDING invitation: a fresh link, SENT, the email in the outbox."""
    token = tokens.issue(invitation)
    invitation.state = InvitationState.SENT
    invitation.sent_at = now
    mail.queue_invitation(invitation, token)
    audit("invitation.sent", invitation, InvitationState.PENDING, actor_label=actor_label)
