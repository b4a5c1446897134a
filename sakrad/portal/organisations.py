"""Public reads of the organisation registry: profiles only, never contact details."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy.orm import load_only

from sakrad.db import copied
from sakrad.extensions import db
from sakrad.organisations.models import Organisation
from sakrad.portal import rules
from sakrad.portal.query_filters import MAX_PAGE

PAGE_SIZE = 50


@dataclass(frozen=True)
class PublicOrganisation:
    """What the public may see of an organisation (no contact email, no representatives)."""

    id: int
    slug: str
    name: str
    org_number: str | None
    form: str
    county: str
    municipality: str | None
    size: str
    website: str | None
    description: str | None
    description_en: str | None
    verified: bool
    focus_areas: tuple[tuple[str, str, str], ...]  # (code, name_sv, name_en)
    target_groups: tuple[tuple[str, str, str], ...]


def _public(org: Organisation) -> PublicOrganisation:
    return copied(
        PublicOrganisation,
        org,
        focus_areas=tuple((f.code, f.name_sv, f.name_en) for f in org.focus_areas),
        target_groups=tuple((t.code, t.name_sv, t.name_en) for t in org.target_groups),
    )


def by_slug(slug: str) -> tuple[PublicOrganisation | None, str | None]:
    """(profile, None) for an active organisation; (None, survivor slug) for a merged one."""
    found = db.session.execute(
        sa.select(Organisation, rules.organisation_public().label("public")).where(
            Organisation.slug == slug
        )
    ).first()
    if found is None:
        return None, None
    org, public = found
    if org.merged_into_id is not None:
        survivor = org.merged_into
        assert survivor is not None  # merged_into_id is set: the survivor row exists (FK)
        while survivor.merged_into is not None:
            survivor = survivor.merged_into
        return None, survivor.slug
    if not public:
        return None, None
    return _public(org), None


def listing(q: str = "", page: int = 1) -> Pagination:
    """Public organisations by name, one page (``db.paginate``; past the last page: empty)."""
    stmt = (
        sa.select(Organisation)
        .where(rules.organisation_public())
        .options(load_only(Organisation.slug, Organisation.name, Organisation.county))
    )
    if q.strip():
        stmt = stmt.where(Organisation.name.ilike(f"%{q.strip()}%"))
    return db.paginate(
        stmt.order_by(Organisation.name, Organisation.id),
        page=max(1, min(page, MAX_PAGE)),
        per_page=PAGE_SIZE,
        error_out=False,
    )
