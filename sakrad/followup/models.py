"""A convening body's follow-up report of one year: a live draft until published; publishing
freezes its figures (``figures``), which the pages then show instead of live data."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sakrad.accounts.models import ConveningBody
from sakrad.db import IntPK, Now, Updated, UTCDateTime, Versioned
from sakrad.extensions import Model
from sakrad.organisations.models import Organisation

SUMMARY_MAX = 8000

# The report's registry profile reads form, county and size of every organisation in the
# registry: with this covering index that is an index-only scan instead of reading every row
# of the (wide) organisations table. Declared here, next to the query that needs it; the
# organisations package may take it over.
REGISTRY_PROFILE_INDEX = sa.Index(
    "ix_organisations_registry_profile",
    Organisation.active,
    Organisation.merged_into_id,
    Organisation.form,
    Organisation.county,
    Organisation.size,
)


class FollowupReport(Versioned, Model):
    __tablename__ = "followup_reports"
    __table_args__ = (
        sa.UniqueConstraint("convening_body_id", "year"),
        sa.CheckConstraint("year BETWEEN 2000 AND 2100", name="year_range"),
        sa.CheckConstraint(
            "(published_at IS NULL) = (figures IS NULL)", name="published_iff_frozen"
        ),
        sa.CheckConstraint(f"length(summary) <= {SUMMARY_MAX}", name="summary_length"),
    )

    id: Mapped[IntPK]
    convening_body_id: Mapped[int] = mapped_column(sa.ForeignKey("convening_bodies.id"))
    year: Mapped[int] = mapped_column()
    summary: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    summary_en: Mapped[str | None] = mapped_column(sa.Text)
    figures: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON(none_as_null=True))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    published_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[Now]
    updated_at: Mapped[Updated]

    convening_body: Mapped[ConveningBody] = relationship()

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def summary_for(self, lang: str) -> str:
        return (self.summary_en if lang == "en" and self.summary_en else None) or self.summary
