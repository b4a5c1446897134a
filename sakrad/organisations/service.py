"""Use cases of the organisation registry: profiles, representatives, search, reference lists.

Registration by email lives in ``registration``, merging in ``merge``, CSV in ``csv_io``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from sakrad.accounts.models import User
from sakrad.accounts.service import slugify
from sakrad.audit.service import record, snapshot
from sakrad.db import where_given
from sakrad.extensions import db
from sakrad.organisations import reference
from sakrad.organisations.errors import OrganisationError, ProfileInvalid
from sakrad.organisations.models import (
    DESCRIPTION_MAX,
    EMAIL_MAX,
    NAME_MAX,
    PROFILE_INPUT,
    PROFILE_LISTS,
    WEBSITE_MAX,
    FocusArea,
    Organisation,
    ReferenceModel,
    Representation,
    TargetGroup,
    organisation_focus_areas,
)
from sakrad.organisations.reference_lists import (
    REFERENCE_LISTS,
    add_item,
    ensure_reference_lists,
    list_items,
    set_item_active,
)
from sakrad.shell.input import normalised_email

# The admin-kept lists live in their own module; re-exported for callers of this one.
__all__ = [
    "REFERENCE_LISTS",
    "OrganisationError",
    "ProfileInvalid",
    "add_item",
    "ensure_reference_lists",
    "list_items",
    "set_item_active",
]

# The profile's own columns (audited, saved by ``_apply``), then the registry's two flags.
PROFILE_FIELDS = (*(f for f in PROFILE_INPUT if f not in PROFILE_LISTS), "verified", "active")
PAGE_SIZE = 25

_WEBSITE_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*\.[^\s]+$", re.IGNORECASE)


# --------------------------------------------------------------------------- validation


@dataclass
class Cleaned:
    data: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, list[tuple[str, dict]]] = field(default_factory=dict)

    def error(self, field_name: str, error_code: str, **params: Any) -> None:
        self.errors.setdefault(field_name, []).append((error_code, params))


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def clean_profile(
    raw: dict[str, Any], focus_codes: Iterable[str], target_codes: Iterable[str]
) -> Cleaned:
    """Check and normalise a profile without touching the database.

    Used by the forms and, row by row, by the CSV import (which is why uniqueness is checked
    separately, against sets loaded once).
    """
    out = Cleaned()
    d = out.data
    d["name"] = " ".join(_text(raw.get("name")).split())
    if not d["name"]:
        out.error("name", "required")
    elif len(d["name"]) > NAME_MAX:
        out.error("name", "too_long", max=NAME_MAX)

    number = _text(raw.get("org_number"))
    d["org_number"] = None
    if number:
        try:
            d["org_number"] = reference.normalise_org_number(number)
        except reference.InvalidOrgNumber as exc:
            out.error("org_number", f"org_number_{exc.reason_code}")

    d["form"] = _text(raw.get("form")) or None
    if d["form"] not in reference.ORG_FORMS:
        out.error("form", "unknown_form" if d["form"] else "required")
    d["size"] = _text(raw.get("size")) or None
    if d["size"] not in reference.ORG_SIZES:
        out.error("size", "unknown_size" if d["size"] else "required")

    county = _text(raw.get("county"))
    county = county.zfill(2) if county.isdigit() else county
    d["county"] = county
    if not reference.is_valid_county(county):
        out.error("county", "unknown_county" if county else "required")
    muni = _text(raw.get("municipality"))
    muni = muni.zfill(4) if muni.isdigit() else muni
    d["municipality"] = muni or None
    if muni:
        if muni not in reference.MUNICIPALITY_NAMES:
            out.error("municipality", "unknown_municipality")
        elif county == reference.NATIONAL:
            out.error("municipality", "municipality_national")
        elif reference.is_valid_county(county) and muni[:2] != county:
            out.error("municipality", "municipality_not_in_county")

    website = _text(raw.get("website"))
    if website and not re.match(r"^https?://", website, re.IGNORECASE):
        website = "https://" + website
    d["website"] = website or None
    if website and len(website) > WEBSITE_MAX:
        out.error("website", "too_long", max=WEBSITE_MAX)
    elif website and not _WEBSITE_RE.match(website):
        out.error("website", "bad_website")

    for name in ("description", "description_en"):
        text = _text(raw.get(name)).replace("\r\n", "\n")
        d[name] = text or None
        if len(text) > DESCRIPTION_MAX:
            out.error(name, "too_long", max=DESCRIPTION_MAX)

    email = _text(raw.get("contact_email")).lower()
    d["contact_email"] = email or None
    if email and len(email) > EMAIL_MAX:
        out.error("contact_email", "too_long", max=EMAIL_MAX)
    elif email and normalised_email(email) is None:
        out.error("contact_email", "bad_email")

    d["language"] = _text(raw.get("language")) or "sv"
    if d["language"] not in ("sv", "en"):
        out.error("language", "unknown_language")

    for name, known, code in (
        ("focus_areas", set(focus_codes), "unknown_focus_area"),
        ("target_groups", set(target_codes), "unknown_target_group"),
    ):
        values = raw.get(name) or []
        if isinstance(values, str):
            values = re.split(r"[;,|]", values)
        codes = list(dict.fromkeys(v.strip() for v in values if v and v.strip()))
        for bad in (c for c in codes if c not in known):
            out.error(name, code, code=bad)
        d[name] = [c for c in codes if c in known]
    return out


def active_codes(model: type[FocusArea] | type[TargetGroup]) -> list[str]:
    return list(db.session.scalars(sa.select(model.code).where(model.active.is_(True))))


def _check_unique_number(number: str | None, organisation_id: int | None, out: Cleaned) -> None:
    if not number:
        return
    stmt = sa.select(Organisation.id).where(Organisation.org_number == number)
    if organisation_id is not None:
        stmt = stmt.where(Organisation.id != organisation_id)
    if db.session.scalar(stmt) is not None:
        out.error("org_number", "org_number_taken")


def validate_profile(raw: dict[str, Any], organisation_id: int | None = None) -> dict[str, Any]:
    """The cleaned profile, or ProfileInvalid with every field's problems."""
    out = clean_profile(raw, active_codes(FocusArea), active_codes(TargetGroup))
    _check_unique_number(out.data.get("org_number"), organisation_id, out)
    if out.errors:
        raise ProfileInvalid(out.errors)
    return out.data


# --------------------------------------------------------------------------- profiles


def unique_slug(name: str, taken: set[str] | None = None) -> str:
    """A free slug for ``name``; with ``taken`` no query is made (bulk import)."""
    base = slugify(name)[:100] or "organisation"
    slug, n = base, 2
    while (slug in taken) if taken is not None else _slug_exists(slug):
        slug, n = f"{base}-{n}", n + 1
    if taken is not None:
        taken.add(slug)
    return slug


def _slug_exists(slug: str) -> bool:
    return (
        db.session.scalar(sa.select(Organisation.id).where(Organisation.slug == slug)) is not None
    )


def _by_codes(model: type[ReferenceModel], codes: list[str]) -> list[Any]:
    if not codes:
        return []
    found = {r.code: r for r in db.session.scalars(sa.select(model).where(model.code.in_(codes)))}
    return [found[c] for c in codes if c in found]


def profile_snapshot(org: Organisation) -> dict[str, Any]:
    data = snapshot(org, PROFILE_FIELDS)
    data["focus_areas"] = [f.code for f in org.focus_areas]
    data["target_groups"] = [t.code for t in org.target_groups]
    return data


def _apply(org: Organisation, data: dict[str, Any]) -> None:
    for name in PROFILE_FIELDS:
        if name in data and name not in ("verified", "active"):
            setattr(org, name, data[name])
    org.focus_areas = _by_codes(FocusArea, data.get("focus_areas", []))
    org.target_groups = _by_codes(TargetGroup, data.get("target_groups", []))


def create_organisation(raw: dict[str, Any], *, representative: User | None = None) -> Organisation:
    data = validate_profile(raw)
    org = Organisation(slug=unique_slug(data["name"]))
    _apply(org, data)
    db.session.add(org)
    if representative is not None:
        org.representatives.append(Representation(user_id=representative.id))
    db.session.flush()
    # public=True: the portal's change history shows the public fields of these entries.
    record("organisation.created", org, after=profile_snapshot(org), public=True)
    return org


def update_profile(org: Organisation, raw: dict[str, Any], *, version: int | None = None) -> None:
    """Save a new profile; a stale ``version`` (the form's hidden field) is refused."""
    if version is not None and version != org.version_id:
        raise OrganisationError("stale")
    data = validate_profile(raw, organisation_id=org.id)
    before = profile_snapshot(org)
    _apply(org, data)
    db.session.flush()  # StaleDataError here if another transaction won the race
    record("organisation.updated", org, before=before, after=profile_snapshot(org), public=True)


def set_verified(org: Organisation, verified: bool) -> None:
    before = profile_snapshot(org)
    org.verified = verified
    db.session.flush()
    record(
        "organisation.verified" if verified else "organisation.unverified",
        org,
        before=before,
        after=profile_snapshot(org),
        public=True,
    )


def get_by_slug(slug: str) -> Organisation | None:
    return db.session.scalar(sa.select(Organisation).where(Organisation.slug == slug))


# --------------------------------------------------------------------------- representatives


def organisations_of(user: User) -> list[Organisation]:
    """The organisations a person represents, by name."""
    return list(
        db.session.scalars(
            sa.select(Organisation)
            .join(Representation)
            .where(Representation.user_id == user.id, Organisation.active.is_(True))
            .order_by(Organisation.name)
        )
    )


def represents(user: User, organisation_id: int) -> bool:
    return (
        db.session.scalar(
            sa.select(Representation.id).where(
                Representation.user_id == user.id,
                Representation.organisation_id == organisation_id,
            )
        )
        is not None
    )


def representatives(org: Organisation) -> list[Representation]:
    return sorted(org.representatives, key=lambda r: (r.user.name or "").lower())


def add_representative(org: Organisation, user: User, *, invited_by: User | None = None) -> None:
    if represents(user, org.id):
        raise OrganisationError("already_representative", "email")
    rep = Representation(user_id=user.id, organisation_id=org.id)
    rep.invited_by_id = invited_by.id if invited_by else None
    db.session.add(rep)
    db.session.flush()
    record(
        "organisation.representative_added",
        org,
        after={"user_id": user.id, "invited_by_id": rep.invited_by_id},
    )


def remove_representative(org: Organisation, user: User) -> None:
    """Remove (or let leave) a representative; the last one always stays.

    The last representative is kept whether or not the organisation has open business: an
    organisation nobody can act for cannot even be asked to find a new representative.
    """
    rep = next((r for r in org.representatives if r.user_id == user.id), None)
    if rep is None:
        raise OrganisationError("not_a_representative")
    if len(org.representatives) <= 1:
        raise OrganisationError("last_representative")
    org.representatives.remove(rep)
    db.session.flush()
    record("organisation.representative_removed", org, before={"user_id": user.id})


# --------------------------------------------------------------------------- search


@dataclass
class SearchFilters:
    q: str = ""
    form: str = ""
    county: str = ""
    focus_area: str = ""
    size: str = ""
    verified: str = ""  # "", "yes", "no"
    include_merged: bool = False


def umbrella_choices(org: Organisation) -> list[tuple[int, str]]:
    """Organisations that can be ``org``'s umbrella: national ones and networks, plus the
    current umbrella; never ``org`` itself."""
    stmt = (
        sa.select(Organisation.id, Organisation.name)
        .where(
            Organisation.id != org.id,
            Organisation.active.is_(True),
            Organisation.merged_into_id.is_(None),
            sa.or_(
                Organisation.county == reference.NATIONAL,
                Organisation.form == "natverk",
                Organisation.id == org.umbrella_id,
            ),
        )
        .order_by(sa.func.lower(Organisation.name), Organisation.id)
    )
    return [(row.id, row.name) for row in db.session.execute(stmt)]


def search_statement(f: SearchFilters) -> sa.Select:
    stmt = sa.select(Organisation)
    if not f.include_merged:
        stmt = stmt.where(Organisation.merged_into_id.is_(None))
    q = f.q.strip()
    if q:
        try:
            number = reference.normalise_org_number(q)
        except reference.InvalidOrgNumber:
            number = None
        digits = re.sub(r"\D", "", q)
        conditions: list[sa.ColumnElement[bool]] = [Organisation.name.ilike(f"%{q}%")]
        if number:
            conditions.append(Organisation.org_number == number)
        elif len(digits) >= 4 and len(digits) == len(q.replace("-", "").replace(" ", "")):
            conditions.append(Organisation.org_number.like(f"%{digits[:6]}%"))
        stmt = stmt.where(sa.or_(*conditions))
    stmt = where_given(
        stmt,
        (f.form, Organisation.form),
        (f.county, Organisation.county),
        (f.size, Organisation.size),
    )
    if f.verified in ("yes", "no"):
        stmt = stmt.where(Organisation.verified.is_(f.verified == "yes"))
    if f.focus_area:
        stmt = stmt.where(
            Organisation.id.in_(
                sa.select(organisation_focus_areas.c.organisation_id)
                .join(FocusArea)
                .where(FocusArea.code == f.focus_area)
            )
        )
    return stmt


def search(
    f: SearchFilters, page: int = 1, per_page: int = PAGE_SIZE
) -> tuple[list[Organisation], int]:
    stmt = search_statement(f)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(stmt.subquery())) or 0
    page = max(1, page)
    rows = db.session.scalars(
        stmt.order_by(Organisation.name, Organisation.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    return list(rows), total
