"""The accessibility statement's text, editable by an administrator."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from sakrad.db import UTCDateTime, utcnow
from sakrad.extensions import Model


class AccessibilityStatement(Model):
    """One row: the statement in Swedish and English (Markdown). No row: the shipped default."""

    __tablename__ = "accessibility_statements"

    id: Mapped[int] = mapped_column(primary_key=True)
    text_sv: Mapped[str] = mapped_column(sa.Text)
    text_en: Mapped[str] = mapped_column(sa.Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    version_id: Mapped[int] = mapped_column(default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version_id}
