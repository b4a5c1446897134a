"""The pool of a meeting (interest, widening from the registry) and confirmed selections.

A confirmed ``Selection`` is frozen: its pool snapshot (the exact engine input), quotas, seed
and result never change. It can only be replaced by a new selection, with a reason, or have
organisations added or removed by hand, each with a reason (``SelectionAdjustment``).
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sakrad.accounts.models import User
from sakrad.db import IntPK, MeetingRef, Now, UTCDateTime, Versioned, enum_column
from sakrad.extensions import Model
from sakrad.meetings.models import Meeting
from sakrad.organisations.models import Organisation

MOTIVATION_MAX = 2000
REASON_MAX = 2000


class Interest(Model):
    """An organisation's registered interest in taking part in a meeting."""

    __tablename__ = "selection_interests"
    __table_args__ = (sa.UniqueConstraint("meeting_id", "organisation_id"),)

    id: Mapped[IntPK]
    meeting_id: Mapped[MeetingRef]
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    motivation: Mapped[str | None] = mapped_column(sa.Text)  # never public
    registered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[Now]
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    meeting: Mapped[Meeting] = relationship()
    organisation: Mapped[Organisation] = relationship()
    registered_by: Mapped[User | None] = relationship()

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


class PoolAddition(Model):
    """A civil servant widened the pool with a registry filter; the filter and the
    organisations it matched at that moment are both kept."""

    __tablename__ = "selection_pool_additions"

    id: Mapped[IntPK]
    meeting_id: Mapped[MeetingRef]
    filter: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    organisation_ids: Mapped[list[int]] = mapped_column(sa.JSON, default=list)
    added_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[Now]
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    added_by: Mapped[User | None] = relationship()


class SelectionState(enum.StrEnum):
    CONFIRMED = "confirmed"
    REPLACED = "replaced"


class Selection(Versioned, Model):
    __tablename__ = "selections"
    __table_args__ = (
        sa.CheckConstraint("seats > 0", name="seats_positive"),
        sa.CheckConstraint(
            "(state = 'replaced') = (replaced_by_id IS NOT NULL)", name="replaced_has_successor"
        ),
    )

    id: Mapped[IntPK]
    meeting_id: Mapped[MeetingRef]
    state: Mapped[SelectionState] = mapped_column(
        enum_column(SelectionState), default=SelectionState.CONFIRMED
    )
    algorithm: Mapped[str] = mapped_column(sa.String(16))
    seed: Mapped[int] = mapped_column(sa.BigInteger)
    seats: Mapped[int] = mapped_column()
    quotas: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON, default=list)
    # The exact engine input (``instance_to_dict``), organisation ids as strings, plus
    # "names": {id: name} so the frozen record reads without the registry.
    pool: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    # {"panel": [...], "reserve": [...], "marginals": {...}, "report": {...}}
    result: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    time_budget: Mapped[float | None] = mapped_column(sa.Float)
    # At most this many selected organisations under one umbrella organisation (None: off).
    max_per_umbrella: Mapped[int | None] = mapped_column()
    # Leximin iterations the run made when its budget cut it short (None: it finished):
    # re-running for exactly this many reproduces the result on any machine.
    iteration_bound: Mapped[int | None] = mapped_column()
    confirmed_at: Mapped[Now]
    confirmed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    replaced_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("selections.id"))
    replace_reason: Mapped[str | None] = mapped_column(sa.Text)
    report_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    meeting: Mapped[Meeting] = relationship()
    confirmed_by: Mapped[User | None] = relationship()
    replaced_by: Mapped[Selection | None] = relationship(remote_side="Selection.id")
    adjustments: Mapped[list[SelectionAdjustment]] = relationship(
        back_populates="selection",
        order_by="(SelectionAdjustment.at, SelectionAdjustment.id)",
        cascade="all, delete-orphan",
    )

    @property
    def is_confirmed(self) -> bool:
        return self.state == SelectionState.CONFIRMED

    @property
    def names(self) -> dict[str, str]:
        return self.pool.get("names", {})

    def name_of(self, org_id: int | str) -> str:
        return self.names.get(str(org_id), f"#{org_id}")

    def __repr__(self) -> str:
        return f"<Selection {self.id} meeting {self.meeting_id} {self.state}>"


class JobKind(enum.StrEnum):
    PREVIEW = "preview"
    CONFIRM = "confirm"

    @property
    def label(self) -> str:
        return str(_JOB_KIND_LABELS[self])


_JOB_KIND_LABELS = {JobKind.PREVIEW: _l("Preview"), JobKind.CONFIRM: _l("Confirmation")}


class JobState(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return str(_JOB_STATE_LABELS[self])

    @property
    def finished(self) -> bool:
        return self in (JobState.DONE, JobState.FAILED, JobState.CANCELLED)


_JOB_STATE_LABELS = {
    JobState.QUEUED: _l("Waiting for a worker"),
    JobState.RUNNING: _l("Running"),
    JobState.DONE: _l("Finished"),
    JobState.FAILED: _l("Failed"),
    JobState.CANCELLED: _l("Cancelled"),
}


class SelectionJob(Model):
    """A preview or confirmation running in the background (an RQ worker or a thread).

    Any app server shows its progress from this row. The worker writes it with guarded
    single-row UPDATEs (``WHERE state = 'running'``) rather than the ORM's optimistic lock: a
    job that was cancelled or given up as lost never comes back to life by a late write.
    """

    __tablename__ = "selection_jobs"
    __table_args__ = (
        sa.CheckConstraint(
            "kind <> 'confirm' OR state <> 'done' OR selection_id IS NOT NULL",
            name="confirm_done_has_selection",
        ),
    )

    id: Mapped[IntPK]
    meeting_id: Mapped[MeetingRef]
    kind: Mapped[JobKind] = mapped_column(enum_column(JobKind, 16))
    state: Mapped[JobState] = mapped_column(enum_column(JobState, 16), default=JobState.QUEUED)
    # Everything the run needs: settings, the frozen engine input, seed, budget, reason.
    params: Mapped[dict[str, Any]] = mapped_column(sa.JSON, deferred=True)
    # Small and read on every poll: pool size and budget from the start, then the engine's.
    progress: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    cancel_requested: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # A preview's result (panel, reserve, marginals, report); a confirmation's is the selection.
    result: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON, deferred=True)
    selection_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("selections.id", ondelete="SET NULL")
    )
    # {"code": ..., "message": ..., "infeasible": {...}} when it failed.
    error: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    retry_of_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("selection_jobs.id", ondelete="SET NULL")
    )
    worker: Mapped[str | None] = mapped_column(sa.String(200))
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[Now]
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    meeting: Mapped[Meeting] = relationship()
    selection: Mapped[Selection | None] = relationship()
    created_by: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<SelectionJob {self.id} {self.kind} {self.state}>"


class AdjustmentKind(enum.StrEnum):
    ADDED = "added"
    REMOVED = "removed"


class SelectionAdjustment(Model):
    """A manual change to a confirmed panel; the reason is required and published."""

    __tablename__ = "selection_adjustments"
    __table_args__ = (sa.CheckConstraint("length(reason) > 0", name="reason_given"),)

    id: Mapped[IntPK]
    selection_id: Mapped[int] = mapped_column(
        sa.ForeignKey("selections.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"))
    kind: Mapped[AdjustmentKind] = mapped_column(enum_column(AdjustmentKind))
    reason: Mapped[str] = mapped_column(sa.Text)
    by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    at: Mapped[Now]

    selection: Mapped[Selection] = relationship(back_populates="adjustments")
    organisation: Mapped[Organisation] = relationship()
    by: Mapped[User | None] = relationship()
