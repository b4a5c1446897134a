"""The lists the administrator keeps: focus areas and target groups."""

from __future__ import annotations

import re
from typing import Any, overload

import sqlalchemy as sa

from sakrad.audit.service import record, snapshot
from sakrad.extensions import db
from sakrad.organisations import reference
from sakrad.organisations.errors import OrganisationError
from sakrad.organisations.models import FocusArea, ReferenceModel, TargetGroup

# --------------------------------------------------------------------------- reference lists

REFERENCE_LISTS: dict[str, tuple[type[FocusArea] | type[TargetGroup], reference.Labels]] = {
    "focus-areas": (FocusArea, reference.FOCUS_AREAS),
    "target-groups": (TargetGroup, reference.TARGET_GROUPS),
}


def ensure_reference_lists() -> bool:
    """Create the seeded focus areas and target groups that are missing; True if any."""
    created = False
    for model, seed in REFERENCE_LISTS.values():
        existing = set(db.session.scalars(sa.select(model.code)))
        for position, (code, labels) in enumerate(seed.items()):
            if code not in existing:
                db.session.add(
                    model(code=code, name_sv=labels["sv"], name_en=labels["en"], position=position)
                )
                created = True
    if created:
        db.session.flush()
    return created


def list_items(kind: str, active_only: bool = False) -> list[Any]:
    model = REFERENCE_LISTS[kind][0]
    stmt = sa.select(model).order_by(model.position, model.name_sv)
    if active_only:
        stmt = stmt.where(model.active.is_(True))
    return list(db.session.scalars(stmt))


def add_item(kind: str, code: str, name_sv: str, name_en: str) -> Any:
    model = REFERENCE_LISTS[kind][0]
    code = code.strip().lower()
    if not re.fullmatch(r"[a-z0-9_]{2,40}", code):
        raise _organisation_error("bad_code", "code")
    if db.session.scalar(sa.select(model.id).where(model.code == code)) is not None:
        raise _organisation_error("code_taken", "code")
    position = (db.session.scalar(sa.select(sa.func.max(model.position))) or 0) + 1
    item = model(code=code, name_sv=name_sv.strip(), name_en=name_en.strip(), position=position)
    db.session.add(item)
    db.session.flush()
    record(
        f"{model.__tablename__}.created", item, after=snapshot(item, ("code", "name_sv", "name_en"))
    )
    return item


# Overloads, so a caller holding either list's model (a union) gets either item back:
# mypy cannot solve the constrained ReferenceModel from a union, but maps unions over these.
@overload
def _item(model: type[FocusArea], item_id: int) -> FocusArea | None: ...
@overload
def _item(model: type[TargetGroup], item_id: int) -> TargetGroup | None: ...
def _item(model: type[ReferenceModel], item_id: int) -> ReferenceModel | None:
    return db.session.get(model, item_id)


def set_item_active(kind: str, item_id: int, active: bool) -> Any | None:
    model = REFERENCE_LISTS[kind][0]
    item = _item(model, item_id)
    if item is None:
        return None
    item.active = active
    record(f"{model.__tablename__}.{'activated' if active else 'deactivated'}", item)
    return item


def _organisation_error(code: str, field: str):
    return OrganisationError(code, field)
