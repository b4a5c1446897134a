from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sakrad.accounts.models import User
from sakrad.db import UTCDateTime, utcnow
from sakrad.extensions import db


class Organisation(db.Model):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(300), index=True)
    slug: Mapped[str] = mapped_column(sa.String(120), unique=True)
    # Canonical NNNNNN-NNNN; optional because informal groups have none.
    org_number: Mapped[str | None] = mapped_column(sa.String(11), unique=True)
    contact_email: Mapped[str | None] = mapped_column(sa.String(254))  # never public
    language: Mapped[str] = mapped_column(sa.String(2), default="sv", server_default="sv")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    representatives: Mapped[list[Representation]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<Organisation {self.slug}>"


class Representation(db.Model):
    """A person acting for an organisation. One person may represent several."""

    __tablename__ = "representations"
    __table_args__ = (sa.UniqueConstraint("user_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user: Mapped[User] = relationship()
    organisation: Mapped[Organisation] = relationship(back_populates="representatives")
