"""The accessibility statement's text, editable by an administrator."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from sakrad.db import IntPK, Updated, Versioned
from sakrad.extensions import Model


class AccessibilityStatement(Versioned, Model):
    """One row: the statement in Swedish and English (Markdown). No row: the shipped default."""

    __tablename__ = "accessibility_statements"

    id: Mapped[IntPK]
    text_sv: Mapped[str] = mapped_column(sa.Text)
    text_en: Mapped[str] = mapped_column(sa.Text)
    updated_at: Mapped[Updated]
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
