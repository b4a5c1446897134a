"""The append-only audit log: who changed what, with before and after.

Personal values an entry refers to (who acted, a delegate's name, an email) are not stored in
the entry itself but in ``audit_personal_values``; the entry holds a placeholder
``{"$personal": n}`` in their place. Erasure blanks the value row and never touches the entry,
so the hash chain over the entries (``hash``/``prev_hash``, see ``audit.chain``) still holds.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sakrad.db import IntPK, UTCDateTime, utcnow
from sakrad.extensions import Model

PLACEHOLDER_KEY = "$personal"
ERASED = "raderad person"


class AuditEntry(Model):
    """One change. Rows are never updated or deleted (database triggers refuse it)."""

    __tablename__ = "audit_entries"
    __table_args__ = (
        sa.Index("ix_audit_entries_entity", "entity_type", "entity_id"),
        sa.Index("ix_audit_entries_public_entity", "entity_type", "entity_id", "public"),
    )

    id: Mapped[IntPK]
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    # No ON DELETE: users are deactivated, never deleted, so the log keeps who acted.
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    # Who acted, readable without joins; a person's name and email are a placeholder here
    # and live in audit_personal_values (``actor_label`` below resolves it).
    stored_actor_label: Mapped[str] = mapped_column("actor_label", sa.String(200))
    action: Mapped[str] = mapped_column(sa.String(80), index=True)
    entity_type: Mapped[str] = mapped_column(sa.String(60))
    entity_id: Mapped[str] = mapped_column(sa.String(60))
    # The convening body the change belongs to, so a civil servant's view can be scoped.
    convening_body_id: Mapped[int | None] = mapped_column(index=True)
    stored_before: Mapped[dict[str, Any] | None] = mapped_column("before", sa.JSON)
    stored_after: Mapped[dict[str, Any] | None] = mapped_column("after", sa.JSON)
    # Whether the change concerns public fields of a published page (the portal's history).
    public: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # The tamper-evident chain: SHA-256 of this entry's content and of the previous hash.
    prev_hash: Mapped[str | None] = mapped_column(sa.String(64))
    hash: Mapped[str | None] = mapped_column(sa.String(64), unique=True)

    personal_values: Mapped[list[AuditPersonalValue]] = relationship(
        back_populates="entry", order_by="AuditPersonalValue.slot", lazy="selectin"
    )

    def _resolve(self, value: Any) -> Any:
        if isinstance(value, dict):
            if set(value) == {PLACEHOLDER_KEY}:
                slot = value[PLACEHOLDER_KEY]
                for pv in self.personal_values:
                    if pv.slot == slot:
                        return ERASED if pv.erased_at is not None else pv.value
                return ERASED
            return {k: self._resolve(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self._resolve(v) for v in value]
        return value

    @hybrid_property
    def before(self) -> dict[str, Any] | None:
        return self._resolve(self.stored_before)

    @before.inplace.expression
    @classmethod
    def _before_expression(cls):
        return cls.stored_before

    @hybrid_property
    def after(self) -> dict[str, Any] | None:
        return self._resolve(self.stored_after)

    @after.inplace.expression
    @classmethod
    def _after_expression(cls):
        return cls.stored_after

    @hybrid_property
    def actor_label(self) -> str:
        label = self.stored_actor_label
        if label.startswith("{"):
            import json

            try:
                parsed = json.loads(label)
            except ValueError:
                return label
            return str(self._resolve(parsed))
        return label

    @actor_label.inplace.expression
    @classmethod
    def _actor_label_expression(cls):
        return cls.stored_actor_label


class AuditPersonalValue(Model):
    """A personal value an audit entry refers to. Erasure blanks ``value``; the entry stays."""

    __tablename__ = "audit_personal_values"
    __table_args__ = (sa.UniqueConstraint("entry_id", "slot"),)

    id: Mapped[IntPK]
    entry_id: Mapped[int] = mapped_column(sa.ForeignKey("audit_entries.id"), index=True)
    slot: Mapped[int] = mapped_column()
    value: Mapped[Any | None] = mapped_column(sa.JSON)
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    entry: Mapped[AuditEntry] = relationship(back_populates="personal_values")
