"""A dialogue cycle: one year of dialogue for one convening body and policy area."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sakrad.accounts.models import ConveningBody
from sakrad.db import IntPK, Now, Updated, UTCDateTime, Versioned, enum_column, utcnow
from sakrad.enums import LabelledEnum
from sakrad.extensions import Model

if TYPE_CHECKING:
    from sakrad.meetings.models import Meeting


def cycle_title(policy_area: str, policy_area_en: str | None, year: int, lang: str = "sv") -> str:
    """A cycle's title ("Kultur 2026"): ``Cycle.title`` and readers that select the columns."""
    area = (policy_area_en if lang == "en" and policy_area_en else None) or policy_area
    return f"{area} {year}"


class CycleState(LabelledEnum):
    DRAFT = "draft", _l("Draft")
    OPEN = "open", _l("Open")
    CLOSED = "closed", _l("Closed")
    ARCHIVED = "archived", _l("Archived")

    @property
    def action_label(self) -> LazyString:
        """The button that moves a cycle into this state."""
        return CYCLE_ACTION_LABELS[self]


# The button that moves a cycle into each state.
CYCLE_ACTION_LABELS = {
    CycleState.OPEN: _l("Open the cycle (publish)"),
    CycleState.CLOSED: _l("Close the cycle"),
    CycleState.ARCHIVED: _l("Archive the cycle"),
}


# Which states may follow which; the service refuses anything else.
CYCLE_TRANSITIONS: dict[CycleState, frozenset[CycleState]] = {
    CycleState.DRAFT: frozenset({CycleState.OPEN}),
    CycleState.OPEN: frozenset({CycleState.CLOSED}),
    CycleState.CLOSED: frozenset({CycleState.ARCHIVED}),
    CycleState.ARCHIVED: frozenset(),
}

PUBLIC_CYCLE_STATES = frozenset({CycleState.OPEN, CycleState.CLOSED, CycleState.ARCHIVED})

# What ``cycles.service.call_status`` says about a cycle's call for topics, for people.
CALL_STATUS_LABELS = {
    "not_set": _l("No call for topics yet"),
    "upcoming": _l("The call for topics has not opened yet"),
    "open": _l("The call for topics is open"),
    "closed": _l("The call for topics has closed"),
}


class Cycle(Versioned, Model):
    __tablename__ = "cycles"
    __table_args__ = (
        sa.UniqueConstraint("convening_body_id", "year", "policy_area"),
        sa.CheckConstraint(
            "call_opens_at IS NULL OR call_closes_at IS NULL OR call_closes_at > call_opens_at",
            name="call_closes_after_opens",
        ),
        sa.CheckConstraint("year BETWEEN 2000 AND 2100", name="year_range"),
    )

    id: Mapped[IntPK]
    convening_body_id: Mapped[int] = mapped_column(sa.ForeignKey("convening_bodies.id"), index=True)
    year: Mapped[int] = mapped_column()
    policy_area: Mapped[str] = mapped_column(sa.String(200))
    policy_area_en: Mapped[str | None] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    description_en: Mapped[str | None] = mapped_column(sa.Text)
    # The call for topics.
    call_opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    call_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The phases of the year, as planned dates for the public timeline.
    high_level_on: Mapped[date | None] = mapped_column(sa.Date)
    sakrad_from: Mapped[date | None] = mapped_column(sa.Date)
    sakrad_to: Mapped[date | None] = mapped_column(sa.Date)
    follow_up_on: Mapped[date | None] = mapped_column(sa.Date)
    state: Mapped[CycleState] = mapped_column(enum_column(CycleState), default=CycleState.DRAFT)
    # The cycle this one was copied from ("copy last year's cycle"), if any.
    copied_from_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("cycles.id", ondelete="SET NULL")
    )
    created_at: Mapped[Now]
    updated_at: Mapped[Updated]

    convening_body: Mapped[ConveningBody] = relationship()
    meetings: Mapped[list[Meeting]] = relationship(
        back_populates="cycle", order_by="Meeting.id", cascade="all, delete-orphan"
    )

    @property
    def is_public(self) -> bool:
        return self.state in PUBLIC_CYCLE_STATES

    def call_is_open(self, now: datetime | None = None) -> bool:
        """Whether organisations may propose topics at ``now`` (default: this instant)."""
        now = now or utcnow()
        return (
            self.state == CycleState.OPEN
            and self.call_opens_at is not None
            and self.call_closes_at is not None
            and self.call_opens_at <= now < self.call_closes_at
        )

    def title(self, lang: str = "sv") -> str:
        return cycle_title(self.policy_area, self.policy_area_en, self.year, lang)

    def __repr__(self) -> str:
        return f"<Cycle {self.id} {self.year} {self.policy_area!r} {self.state}>"
