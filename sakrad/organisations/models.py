"""Civil-society organisations: the registry, their representatives and public profiles."""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sakrad.accounts.models import User
from sakrad.db import IntPK, Now, Updated, UTCDateTime, Versioned
from sakrad.extensions import Model, db
from sakrad.organisations import reference

# Text limits, shared by the forms, the CSV import and the columns below.
NAME_MAX = 300
WEBSITE_MAX = 500
DESCRIPTION_MAX = 4000
EMAIL_MAX = 254

# The profile as a representative, the registry form and a CSV row give it (the two lists
# by their codes), in the order of the form and of the CSV columns.
PROFILE_INPUT = (
    "name", "org_number", "form", "county", "municipality", "size", "focus_areas",
    "target_groups", "website", "description", "description_en", "contact_email", "language",
)  # fmt: skip
PROFILE_LISTS = ("focus_areas", "target_groups")


def _in(column: str, codes: Any) -> str:
    return f"{column} IN ({', '.join(repr(c) for c in codes)})"


class _ReferenceItem:
    """An entry of a list the administrator keeps (focus areas, target groups)."""

    id: Mapped[IntPK]
    code: Mapped[str] = mapped_column(sa.String(40), unique=True)
    name_sv: Mapped[str] = mapped_column(sa.String(120))
    name_en: Mapped[str] = mapped_column(sa.String(120))
    position: Mapped[int] = mapped_column(default=0, server_default="0")
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())

    def name(self, lang: str = "sv") -> str:
        return self.name_en if lang == "en" and self.name_en else self.name_sv


class FocusArea(_ReferenceItem, Model):
    __tablename__ = "focus_areas"


class TargetGroup(_ReferenceItem, Model):
    __tablename__ = "target_groups"


organisation_focus_areas = sa.Table(
    "organisation_focus_areas",
    db.metadata,
    sa.Column("organisation_id", sa.ForeignKey("organisations.id"), primary_key=True),
    sa.Column("focus_area_id", sa.ForeignKey("focus_areas.id"), primary_key=True),
)

organisation_target_groups = sa.Table(
    "organisation_target_groups",
    db.metadata,
    sa.Column("organisation_id", sa.ForeignKey("organisations.id"), primary_key=True),
    sa.Column("target_group_id", sa.ForeignKey("target_groups.id"), primary_key=True),
)


class Organisation(Versioned, Model):
    __tablename__ = "organisations"
    __table_args__ = (
        sa.CheckConstraint(_in("form", reference.ORG_FORMS), name="form_known"),
        sa.CheckConstraint(_in("size", reference.ORG_SIZES), name="size_known"),
        sa.CheckConstraint(
            _in("county", (reference.NATIONAL, *reference.COUNTY_CODES)), name="county_known"
        ),
        # A municipality code starts with the code of its county; national has none.
        sa.CheckConstraint(
            "municipality IS NULL OR substr(municipality, 1, 2) = county",
            name="municipality_in_county",
        ),
        sa.CheckConstraint("language IN ('sv', 'en')", name="language_known"),
        sa.CheckConstraint(
            "merged_into_id IS NULL OR merged_into_id <> id", name="not_self_merged"
        ),
        sa.CheckConstraint("merged_into_id IS NULL OR NOT active", name="tombstone_inactive"),
    )

    id: Mapped[IntPK]
    name: Mapped[str] = mapped_column(sa.String(NAME_MAX), index=True)
    slug: Mapped[str] = mapped_column(sa.String(120), unique=True)
    # Canonical NNNNNN-NNNN; optional because informal groups have none.
    org_number: Mapped[str | None] = mapped_column(sa.String(11), unique=True)
    form: Mapped[str] = mapped_column(sa.String(32), default="annan", server_default="annan")
    # "01".."25" or "00" for national organisations.
    county: Mapped[str] = mapped_column(
        sa.String(2), default=reference.NATIONAL, server_default=reference.NATIONAL, index=True
    )
    municipality: Mapped[str | None] = mapped_column(sa.String(4))
    size: Mapped[str] = mapped_column(sa.String(16), default="1-20", server_default="1-20")
    website: Mapped[str | None] = mapped_column(sa.String(WEBSITE_MAX))
    description: Mapped[str | None] = mapped_column(sa.Text)
    description_en: Mapped[str | None] = mapped_column(sa.Text)
    contact_email: Mapped[str | None] = mapped_column(sa.String(EMAIL_MAX))  # never public
    language: Mapped[str] = mapped_column(sa.String(2), default="sv", server_default="sv")
    verified: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    # A merged duplicate stays as a tombstone pointing at the organisation that survived.
    merged_into_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisations.id"), index=True
    )
    # The national organisation (or network) this one is a local branch or member of; a
    # selection can limit how many of one umbrella's organisations it seats.
    umbrella_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[Now]
    updated_at: Mapped[Updated]

    representatives: Mapped[list[Representation]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan"
    )
    focus_areas: Mapped[list[FocusArea]] = relationship(
        secondary=organisation_focus_areas, order_by=FocusArea.position
    )
    target_groups: Mapped[list[TargetGroup]] = relationship(
        secondary=organisation_target_groups, order_by=TargetGroup.position
    )
    merged_into: Mapped[Organisation | None] = relationship(
        remote_side="Organisation.id", foreign_keys=[merged_into_id]
    )
    umbrella: Mapped[Organisation | None] = relationship(
        remote_side="Organisation.id", foreign_keys=[umbrella_id]
    )

    @property
    def is_tombstone(self) -> bool:
        return self.merged_into_id is not None

    def form_label(self, lang: str = "sv") -> str:
        return reference.label(reference.ORG_FORMS, self.form, lang)

    def size_label(self, lang: str = "sv") -> str:
        return reference.label(reference.ORG_SIZES, self.size, lang)

    def county_label(self, lang: str = "sv") -> str:
        return reference.county_name(self.county, lang)

    def municipality_label(self) -> str | None:
        return reference.MUNICIPALITY_NAMES.get(self.municipality) if self.municipality else None

    def description_for(self, lang: str = "sv") -> str | None:
        return (self.description_en if lang == "en" and self.description_en else None) or (
            self.description
        )

    def __repr__(self) -> str:
        return f"<Organisation {self.slug}>"


class Representation(Model):
    """A person acting for an organisation. One person may represent several."""

    __tablename__ = "representations"
    __table_args__ = (sa.UniqueConstraint("user_id", "organisation_id"),)

    id: Mapped[IntPK]
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    created_at: Mapped[Now]
    # Who invited this person (None: they registered the organisation or an admin added them).
    invited_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    organisation: Mapped[Organisation] = relationship(back_populates="representatives")


class EmailConfirmation(Model):
    """A pending self-registration: the account waits, inactive, until its email is confirmed.

    The organisation's profile waits in ``payload`` and is created only on confirmation, so
    an unconfirmed registration never shows up in the registry. Only a SHA-256 hash of the
    token is stored: a database leak does not hand out working links.
    """

    __tablename__ = "organisation_email_confirmations"

    id: Mapped[IntPK]
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    payload: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    created_at: Mapped[Now]
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    organisation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organisations.id"))

    user: Mapped[User] = relationship()


class RepresentativeInvite(Model):
    """An invitation, by email, to become a further representative of an organisation."""

    __tablename__ = "representative_invites"

    id: Mapped[IntPK]
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    email: Mapped[str] = mapped_column(sa.String(EMAIL_MAX))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[Now]
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    accepted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    organisation: Mapped[Organisation] = relationship()
    invited_by: Mapped[User | None] = relationship(foreign_keys=[invited_by_id])


#: One of the administrator's reference lists (functions that work on either take this).
ReferenceModel = TypeVar("ReferenceModel", FocusArea, TargetGroup)
