from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sakrad.db import IntPK, Now, UTCDateTime, enum_column
from sakrad.enums import LabelledEnum
from sakrad.extensions import Model


class Role(LabelledEnum):
    ADMIN = "admin", _l("Administrator")
    CIVIL_SERVANT = "civil_servant", _l("Civil servant")
    ORG_REP = "org_rep", _l("Organisation representative")


class BodyKind(LabelledEnum):
    MINISTRY = "ministry", _l("Ministry")
    AGENCY = "agency", _l("Government agency")
    REGION = "region", _l("Region")
    MUNICIPALITY = "municipality", _l("Municipality")


class ConveningBody(Model):
    """A ministry, agency, region or municipality that runs its own dialogue cycles."""

    __tablename__ = "convening_bodies"

    id: Mapped[IntPK]
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    name_en: Mapped[str | None] = mapped_column(sa.String(200))
    slug: Mapped[str] = mapped_column(sa.String(80), unique=True)
    kind: Mapped[BodyKind] = mapped_column(enum_column(BodyKind))
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    created_at: Mapped[Now]

    def display_name(self, lang: str) -> str:
        return (self.name_en if lang == "en" and self.name_en else None) or self.name

    def __repr__(self) -> str:
        return f"<ConveningBody {self.slug}>"


class User(UserMixin, Model):
    __tablename__ = "users"
    __table_args__ = (
        # A civil servant always works for a convening body; nobody else belongs to one.
        sa.CheckConstraint(
            "(role = 'civil_servant') = (convening_body_id IS NOT NULL)",
            name="body_iff_civil_servant",
        ),
    )

    id: Mapped[IntPK]
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[Role] = mapped_column(enum_column(Role))
    convening_body_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("convening_bodies.id"), index=True
    )
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    language: Mapped[str] = mapped_column(sa.String(2), default="sv", server_default="sv")
    created_at: Mapped[Now]
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    convening_body: Mapped[ConveningBody | None] = relationship()

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users.
        return self.active

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def is_civil_servant(self) -> bool:
        return self.role == Role.CIVIL_SERVANT

    @property
    def is_org_rep(self) -> bool:
        return self.role == Role.ORG_REP

    def can_manage_body(self, body_id: int | None) -> bool:
        """Admins manage every convening body, civil servants only their own."""
        return self.is_admin or (self.is_civil_servant and self.convening_body_id == body_id)

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"
