"""Invitations of organisations to meetings, their delegates and the per-meeting settings.

An invitation lives: pending (created, not yet sent) → sent → accepted or declined, or
expired (the answer deadline passed) or withdrawn (by the convening body). The personal
answer link carries a random token; only its SHA-256 hash is stored here.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sakrad.db import IntPK, MeetingRef, Now, Updated, UTCDateTime, Versioned, enum_column
from sakrad.enums import LabelledEnum
from sakrad.extensions import Model
from sakrad.meetings.models import Meeting
from sakrad.organisations.models import Organisation


class InvitationState(LabelledEnum):
    PENDING = "pending", _l("Not yet sent")
    SENT = "sent", _l("Awaiting answer")
    ACCEPTED = "accepted", _l("Has accepted")
    DECLINED = "declined", _l("Has declined")
    EXPIRED = "expired", _l("No answer (expired)")
    WITHDRAWN = "withdrawn", _l("Invitation withdrawn")


class InvitationOrigin(LabelledEnum):
    SELECTION = "selection", _l("Selection")
    RESERVE = "reserve", _l("Reserve list")
    MANUAL = "manual", _l("By hand")


class ReserveMode(LabelledEnum):
    AUTOMATIC = "automatic", _l("Invite the next fitting reserve automatically")
    CONFIRM = "confirm", _l("Ask me to confirm before a reserve is invited")


# An organisation holds a seat while its invitation is in one of these states.
LIVE_STATES = frozenset({InvitationState.PENDING, InvitationState.SENT, InvitationState.ACCEPTED})
# States in which the invitation has been sent and can still be answered (before the deadline).
ANSWERABLE_STATES = frozenset(
    {InvitationState.SENT, InvitationState.ACCEPTED, InvitationState.DECLINED}
)
# Leaving these frees a seat that the reserve list may fill.
LEAVING_STATES = frozenset(
    {InvitationState.DECLINED, InvitationState.EXPIRED, InvitationState.WITHDRAWN}
)
NEED_CODES = ("interpretation", "sign_language", "easy_read", "accessibility", "diet", "other")

NEED_LABELS = {
    "interpretation": _l("Interpretation"),
    "sign_language": _l("Sign language interpretation"),
    "easy_read": _l("Easy-to-read material"),
    "accessibility": _l("Physical accessibility"),
    "diet": _l("Special diet"),
    "other": _l("Other"),
}

_LIVE_SQL = "state IN ('pending', 'sent', 'accepted')"


class Invitation(Versioned, Model):
    __tablename__ = "invitations"
    __table_args__ = (
        # One live invitation per organisation and meeting; old declined/expired/withdrawn
        # ones stay as history beside a new one.
        sa.Index(
            "uq_invitations_live_org",
            "meeting_id",
            "organisation_id",
            unique=True,
            sqlite_where=sa.text(_LIVE_SQL),
            postgresql_where=sa.text(_LIVE_SQL),
        ),
        sa.CheckConstraint(
            "origin <> 'manual' OR (origin_reason IS NOT NULL AND origin_reason <> '')",
            name="manual_needs_reason",
        ),
    )

    id: Mapped[IntPK]
    meeting_id: Mapped[MeetingRef]
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    state: Mapped[InvitationState] = mapped_column(
        enum_column(InvitationState), default=InvitationState.PENDING
    )
    origin: Mapped[InvitationOrigin] = mapped_column(enum_column(InvitationOrigin))
    origin_reason: Mapped[str | None] = mapped_column(sa.Text)
    deadline: Mapped[datetime] = mapped_column(UTCDateTime())
    # SHA-256 of the current link's token, and of the one before it: a reminder carries a
    # fresh link while the first email's link keeps working.
    token_hash: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    previous_token_hash: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decline_reason: Mapped[str | None] = mapped_column(sa.Text)
    withdraw_reason: Mapped[str | None] = mapped_column(sa.Text)
    attended: Mapped[bool | None] = mapped_column()
    # The reserve invitation that took this seat after it was left.
    replaced_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("invitations.id", ondelete="SET NULL")
    )
    created_at: Mapped[Now]
    updated_at: Mapped[Updated]

    meeting: Mapped[Meeting] = relationship()
    organisation: Mapped[Organisation] = relationship()
    delegates: Mapped[list[Delegate]] = relationship(
        back_populates="invitation", order_by="Delegate.id", cascade="all, delete-orphan"
    )
    replaced_by: Mapped[Invitation | None] = relationship(remote_side="Invitation.id")

    @property
    def is_live(self) -> bool:
        return self.state in LIVE_STATES

    @property
    def holds_panel_seat(self) -> bool:
        return self.origin in (InvitationOrigin.SELECTION, InvitationOrigin.RESERVE)

    def __repr__(self) -> str:
        return f"<Invitation {self.id} meeting {self.meeting_id} org {self.organisation_id}>"


class Delegate(Model):
    """A person an organisation sends. Email and needs are for the convening body only."""

    __tablename__ = "invitation_delegates"

    id: Mapped[IntPK]
    invitation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("invitations.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(200))
    email: Mapped[str] = mapped_column(sa.String(254))
    needs: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    needs_note: Mapped[str | None] = mapped_column(sa.Text)
    # Consent to publish the name on the meeting's public page.
    name_public: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    attended: Mapped[bool | None] = mapped_column()
    created_at: Mapped[Now]

    invitation: Mapped[Invitation] = relationship(back_populates="delegates")


class InvitationSettings(Model):
    """Per meeting: how the reserve list fills a left seat, and what last blocked it."""

    __tablename__ = "invitation_settings"

    id: Mapped[IntPK]
    meeting_id: Mapped[int] = mapped_column(
        sa.ForeignKey("meetings.id", ondelete="CASCADE"), unique=True
    )
    reserve_mode: Mapped[ReserveMode] = mapped_column(
        enum_column(ReserveMode), default=ReserveMode.AUTOMATIC
    )
    # Why the last free seat could not be given to a reserve (which quota), for the overview.
    reserve_blocked: Mapped[str | None] = mapped_column(sa.Text)
    reserve_blocked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    updated_at: Mapped[Updated]
