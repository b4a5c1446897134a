"""Meetings (high-level meetings and sakråd), their sessions and agendas."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sakrad.accounts.models import ConveningBody
from sakrad.cycles.models import Cycle
from sakrad.db import IntPK, MeetingRef, Now, Updated, UTCDateTime, Versioned, enum_column
from sakrad.enums import LabelledEnum
from sakrad.extensions import Model
from sakrad.organisations.models import Organisation


class MeetingKind(LabelledEnum):
    HIGH_LEVEL = "high_level", _l("High-level meeting")
    SAKRAD = "sakrad", _l("Sakråd")


MEETING_KIND_LABELS = MeetingKind.labels()


class MeetingState(LabelledEnum):
    DRAFT = "draft", _l("Draft")
    ANNOUNCED = "announced", _l("Announced")
    HELD = "held", _l("Held")
    DOCUMENTED = "documented", _l("Documented")
    CANCELLED = "cancelled", _l("Cancelled")

    @property
    def action_label(self) -> LazyString:
        """The button that moves a meeting into this state."""
        return MEETING_ACTION_LABELS[self]


MEETING_STATE_LABELS = MeetingState.labels()


MEETING_ACTION_LABELS = {
    MeetingState.ANNOUNCED: _l("Announce the meeting (publish)"),
    MeetingState.HELD: _l("Mark as held"),
    MeetingState.DOCUMENTED: _l("Mark as documented"),
}


MEETING_TRANSITIONS: dict[MeetingState, frozenset[MeetingState]] = {
    MeetingState.DRAFT: frozenset({MeetingState.ANNOUNCED, MeetingState.CANCELLED}),
    MeetingState.ANNOUNCED: frozenset({MeetingState.HELD, MeetingState.CANCELLED}),
    MeetingState.HELD: frozenset({MeetingState.DOCUMENTED}),
    MeetingState.DOCUMENTED: frozenset(),
    MeetingState.CANCELLED: frozenset(),
}

PUBLISHED_STATES = frozenset({MeetingState.ANNOUNCED, MeetingState.HELD, MeetingState.DOCUMENTED})

# An agenda item's own fields (what the form edits, the audit records, a copy keeps).
ITEM_FIELDS = (
    "title",
    "title_en",
    "description",
    "duration_minutes",
    "presenter_kind",
    "presenter_text",
    "presenter_organisation_id",
)

# The expectations card, in the order it is shown. Announcing needs every part.
EXPECTATION_FIELDS = (
    "purpose",
    "policy_stage",
    "questions",
    "out_of_scope",
    "use_of_input",
    "feedback_plan",
)


class PresenterKind(LabelledEnum):
    BODY = "body", _l("The convening body")
    AGENCY = "agency", _l("A government agency")
    ORGANISATION = "organisation", _l("An organisation")
    OTHER = "other", _l("Someone else")


class Meeting(Versioned, Model):
    __tablename__ = "meetings"
    __table_args__ = (
        sa.CheckConstraint("seats IS NULL OR seats > 0", name="seats_positive"),
        sa.CheckConstraint("delegates_per_org > 0", name="delegates_positive"),
        sa.CheckConstraint("ical_sequence >= 0", name="ical_sequence_nonnegative"),
        # The portal's lists and feeds filter and sort on these.
        sa.Index("ix_meetings_state", "state"),
        sa.Index("ix_meetings_announced_at", "announced_at"),
        sa.Index("ix_meetings_cancelled_at", "cancelled_at"),
    )

    id: Mapped[IntPK]
    cycle_id: Mapped[int] = mapped_column(sa.ForeignKey("cycles.id"), index=True)
    # The responsible convening body (normally the cycle's).
    convening_body_id: Mapped[int] = mapped_column(sa.ForeignKey("convening_bodies.id"), index=True)
    kind: Mapped[MeetingKind] = mapped_column(enum_column(MeetingKind))
    title: Mapped[str] = mapped_column(sa.String(300))
    title_en: Mapped[str | None] = mapped_column(sa.String(300))
    diary_number: Mapped[str | None] = mapped_column(sa.String(60))
    chair_title: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    chair_name: Mapped[str | None] = mapped_column(sa.String(200))
    # The chair's name is shown publicly only with their consent.
    chair_name_public: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    participating_bodies: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    seats: Mapped[int | None] = mapped_column()
    delegates_per_org: Mapped[int] = mapped_column(default=2, server_default="2")
    easy_read: Mapped[str | None] = mapped_column(sa.Text)
    # The expectations card.
    purpose: Mapped[str | None] = mapped_column(sa.Text)
    policy_stage: Mapped[str | None] = mapped_column(sa.Text)
    questions: Mapped[str | None] = mapped_column(sa.Text)
    out_of_scope: Mapped[str | None] = mapped_column(sa.Text)
    use_of_input: Mapped[str | None] = mapped_column(sa.Text)
    feedback_plan: Mapped[str | None] = mapped_column(sa.Text)

    state: Mapped[MeetingState] = mapped_column(
        enum_column(MeetingState), default=MeetingState.DRAFT
    )
    cancel_reason: Mapped[str | None] = mapped_column(sa.Text)  # public
    internal_notes: Mapped[str | None] = mapped_column(sa.Text)  # never public
    # Until when organisations may register interest (used by the selection package).
    interest_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    announced_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    held_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    documented_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Raised on every change of time, place or cancellation after announcement, so calendar
    # clients replace the event they already hold (RFC 5545 SEQUENCE).
    ical_sequence: Mapped[int] = mapped_column(default=0, server_default="0")
    copied_from_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("meetings.id", ondelete="SET NULL")
    )
    created_at: Mapped[Now]
    updated_at: Mapped[Updated]

    cycle: Mapped[Cycle] = relationship(back_populates="meetings")
    convening_body: Mapped[ConveningBody] = relationship()
    sessions: Mapped[list[MeetingSession]] = relationship(
        back_populates="meeting",
        order_by="(MeetingSession.starts_at, MeetingSession.id)",
        cascade="all, delete-orphan",
    )

    @property
    def is_public(self) -> bool:
        if self.state in PUBLISHED_STATES:
            return True
        # A cancelled meeting that had been announced stays public with its reason;
        # one cancelled while still a draft was never public and never becomes so.
        return self.state == MeetingState.CANCELLED and self.announced_at is not None

    @property
    def is_cancelled(self) -> bool:
        return self.state == MeetingState.CANCELLED

    @property
    def starts_at(self) -> datetime | None:
        return self.sessions[0].starts_at if self.sessions else None

    @property
    def ends_at(self) -> datetime | None:
        return max((s.ends_at for s in self.sessions), default=None)

    @property
    def missing_expectations(self) -> list[str]:
        """The parts of the expectations card that are still empty."""
        return [f for f in EXPECTATION_FIELDS if not (getattr(self, f) or "").strip()]

    def display_title(self, lang: str = "sv") -> str:
        return (self.title_en if lang == "en" and self.title_en else None) or self.title

    @property
    def public_chair_name(self) -> str | None:
        return self.chair_name if self.chair_name_public else None

    def __repr__(self) -> str:
        return f"<Meeting {self.id} {self.kind} {self.state}>"


class MeetingSession(Versioned, Model):
    __tablename__ = "meeting_sessions"
    __table_args__ = (
        sa.CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        sa.Index("ix_meeting_sessions_ends_at", "ends_at", "meeting_id"),  # upcoming meetings
    )

    id: Mapped[IntPK]
    meeting_id: Mapped[MeetingRef]
    position: Mapped[int] = mapped_column(default=0, server_default="0")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    place: Mapped[str | None] = mapped_column(sa.Text)
    # Shown to invited organisations only: never on public pages, feeds or open data.
    online_url: Mapped[str | None] = mapped_column(sa.String(500))
    created_at: Mapped[Now]

    meeting: Mapped[Meeting] = relationship(back_populates="sessions")
    agenda_items: Mapped[list[AgendaItem]] = relationship(
        back_populates="session",
        order_by="(AgendaItem.position, AgendaItem.id)",
        cascade="all, delete-orphan",
    )

    @property
    def number(self) -> int:
        """1-based place of this session among the meeting's sessions, by time."""
        return self.meeting.sessions.index(self) + 1

    @property
    def is_online(self) -> bool:
        return bool(self.online_url)

    def __repr__(self) -> str:
        return f"<MeetingSession {self.id} of meeting {self.meeting_id}>"


class AgendaItem(Versioned, Model):
    __tablename__ = "agenda_items"
    __table_args__ = (sa.CheckConstraint("duration_minutes > 0", name="duration_positive"),)

    id: Mapped[IntPK]
    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("meeting_sessions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(sa.String(300))
    title_en: Mapped[str | None] = mapped_column(sa.String(300))
    description: Mapped[str | None] = mapped_column(sa.Text)
    duration_minutes: Mapped[int] = mapped_column(default=30)
    presenter_kind: Mapped[PresenterKind] = mapped_column(
        enum_column(PresenterKind), default=PresenterKind.OTHER
    )
    presenter_text: Mapped[str | None] = mapped_column(sa.String(300))
    presenter_organisation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[Now]

    session: Mapped[MeetingSession] = relationship(back_populates="agenda_items")
    presenter_organisation: Mapped[Organisation | None] = relationship()

    def display_title(self, lang: str = "sv") -> str:
        return (self.title_en if lang == "en" and self.title_en else None) or self.title

    @property
    def presenter_label(self) -> str | None:
        if self.presenter_kind == PresenterKind.ORGANISATION and self.presenter_organisation:
            return self.presenter_organisation.name
        return self.presenter_text

    def __repr__(self) -> str:
        return f"<AgendaItem {self.id} session {self.session_id} #{self.position}>"
