"""Public reads of the organisation registry: profiles only, never contact details."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from sakrad.extensions import db
from sakrad.organisations.models import Organisation

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
    return PublicOrganisation(
        id=org.id,
        slug=org.slug,
        name=org.name,
        org_number=org.org_number,
        form=org.form,
        county=org.county,
        municipality=org.municipality,
        size=org.size,
        website=org.website,
        description=org.description,
        description_en=org.description_en,
        verified=org.verified,
        focus_areas=tuple((f.code, f.name_sv, f.name_en) for f in org.focus_areas),
        target_groups=tuple((t.code, t.name_sv, t.name_en) for t in org.target_groups),
    )


def by_slug(slug: str) -> tuple[PublicOrganisation | None, str | None]:
    """(profile, None) for an active organisation; (None, survivor slug) for a merged one."""
    org = db.session.scalar(sa.select(Organisation).where(Organisation.slug == slug))
    if org is None:
        return None, None
    if org.merged_into_id is not None:
        survivor = org.merged_into
        assert survivor is not None  # merged_into_id is set: the survivor row exists (FK)
        while survivor.merged_into is not None:
            survivor = survivor.merged_into
        return None, survivor.slug
    if not org.active:
        return None, None
    return _public(org), None


def listing(q: str = "", page: int = 1) -> tuple[list[tuple[str, str, str]], int]:
    """(slug, name, county) of active organisations by name, with the total for paging."""
    stmt = sa.select(Organisation.slug, Organisation.name, Organisation.county).where(
        Organisation.active.is_(True), Organisation.merged_into_id.is_(None)
    )
    if q.strip():
        stmt = stmt.where(Organisation.name.ilike(f"%{q.strip()}%"))
    total = db.session.scalar(sa.select(sa.func.count()).select_from(stmt.subquery())) or 0
    rows = db.session.execute(
        stmt.order_by(Organisation.name).limit(PAGE_SIZE).offset((max(1, page) - 1) * PAGE_SIZE)
    ).all()
    return [(slug, name, county) for slug, name, county in rows], total
