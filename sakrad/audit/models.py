from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from sakrad.db import UTCDateTime, utcnow
from sakrad.extensions import db


class AuditEntry(db.Model):
    """One change. Rows are never updated or deleted (database triggers refuse it)."""

    __tablename__ = "audit_entries"
    __table_args__ = (
        sa.Index("ix_audit_entries_entity", "entity_type", "entity_id"),
        sa.Index("ix_audit_entries_public_entity", "entity_type", "entity_id", "public"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    # No ON DELETE: users are deactivated, never deleted, so the log keeps who acted.
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    # A snapshot of who acted ("system", a name, "invitation link"), readable without joins.
    actor_label: Mapped[str] = mapped_column(sa.String(200))
    action: Mapped[str] = mapped_column(sa.String(80), index=True)
    entity_type: Mapped[str] = mapped_column(sa.String(60))
    entity_id: Mapped[str] = mapped_column(sa.String(60))
    # The convening body the change belongs to, so a civil servant's view can be scoped.
    convening_body_id: Mapped[int | None] = mapped_column(index=True)
    before: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    # Whether the change concerns public fields of a published page (the portal's history).
    public: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
