"""The portal's filters, parsed once for the search page, the API and the CSV downloads.

A value that is not one of the known ones is an error (400), not silently ignored: a
researcher who mistypes ``kind=sakråd`` must not get every meeting back and believe it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import sqlalchemy as sa
from werkzeug.datastructures import MultiDict

from sakrad.accounts.models import ConveningBody
from sakrad.extensions import db
from sakrad.meetings.models import MeetingKind, MeetingState
from sakrad.organisations import reference
from sakrad.portal.search import DOC_TYPES, Filters
from sakrad.proposals.models import ProposalState

MEETING_STATUSES = tuple(s.value for s in MeetingState if s != MeetingState.DRAFT)
PROPOSAL_STATUSES = tuple(
    s.value for s in ProposalState if s.value in ("accepted", "merged", "deferred", "declined")
)
KINDS = tuple(k.value for k in MeetingKind)
COUNTIES = (reference.NATIONAL, *reference.COUNTY_CODES)
MAX_PER_PAGE = 100
MAX_PAGE = 1_000_000
# Parameters whose values are codes or numbers (not free text).
CODED = ("year", "body", "kind", "status", "county", "type", "page", "per_page")


class FilterError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Query:
    q: str
    filters: Filters
    body_slug: str | None
    page: int
    per_page: int


def _int(args: Mapping[str, str], name: str, low: int, high: int) -> int | None:
    raw = (args.get(name) or "").strip()
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        raise FilterError(name, f"{name} must be a whole number") from None
    if not low <= value <= high:
        raise FilterError(name, f"{name} must be between {low} and {high}")
    return value


def _choice(args: Mapping[str, str], name: str, allowed: tuple[str, ...]) -> str | None:
    raw = (args.get(name) or "").strip()
    if not raw:
        return None
    if raw not in allowed:
        raise FilterError(name, f"{name} must be one of: {', '.join(allowed)}")
    return raw


def refuse_nul(args: Mapping[str, str]) -> None:
    """A NUL byte is no text anyone typed, and PostgreSQL cannot store or compare it."""
    pairs = args.items(multi=True) if isinstance(args, MultiDict) else args.items()
    for name, value in pairs:
        if "\x00" in name or "\x00" in value:
            raise FilterError(name.replace("\x00", ""), f"{name!r} must not contain a NUL byte")


def body_slugs() -> list[str]:
    """Every value ``body`` takes."""
    return list(db.session.scalars(sa.select(ConveningBody.slug).order_by(ConveningBody.slug)))


def body_id_for(slug: str) -> int | None:
    return db.session.scalar(sa.select(ConveningBody.id).where(ConveningBody.slug == slug))


def parse(
    args: Mapping[str, str],
    *,
    statuses: tuple[str, ...] = MEETING_STATUSES + PROPOSAL_STATUSES,
    per_page: int = 20,
    strict: bool = False,
) -> Query:
    """The filters of ``args``. A form sends empty fields for filters not chosen, which mean
    "any"; ``strict`` (the API) refuses an empty or space-padded value as the description
    says, so a client never gets everything back for a filter it meant to set."""
    refuse_nul(args)
    if strict:
        for name in CODED:
            raw = args.get(name)
            if raw is not None and (not raw or raw != raw.strip()):
                raise FilterError(name, f"{name} must not be empty or padded with spaces")
    body_slug = (args.get("body") or "").strip() or None
    body_id = None
    if body_slug:
        body_id = body_id_for(body_slug)
        if body_id is None:
            raise FilterError("body", "body must be the slug of a convening body")
    policy_area = (args.get("policy_area") or "").strip() or None
    filters = Filters(
        year=_int(args, "year", 2000, 2100),
        convening_body_id=body_id,
        policy_area=policy_area,
        kind=_choice(args, "kind", KINDS),
        status=_choice(args, "status", tuple(dict.fromkeys(statuses))),
        county=_choice(args, "county", COUNTIES),
        doc_type=_choice(args, "type", DOC_TYPES),
    )
    return Query(
        q=(args.get("q") or "").strip()[:200],
        filters=filters,
        body_slug=body_slug,
        page=_int(args, "page", 1, MAX_PAGE) or 1,
        per_page=_int(args, "per_page", 1, MAX_PER_PAGE) or per_page,
    )


def facet_values() -> dict[str, list]:
    """The values the filters offer, from the (small) table of public cycles."""
    from sakrad.cycles.models import Cycle
    from sakrad.portal.rules import cycle_public

    public = cycle_public()
    return {
        "years": list(
            db.session.scalars(
                sa.select(Cycle.year).where(public).distinct().order_by(Cycle.year.desc())
            )
        ),
        "policy_areas": list(
            db.session.scalars(
                sa.select(Cycle.policy_area).where(public).distinct().order_by(Cycle.policy_area)
            )
        ),
        "statuses": list(dict.fromkeys(MEETING_STATUSES + PROPOSAL_STATUSES)),
    }
