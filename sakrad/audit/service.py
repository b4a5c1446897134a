"""The one helper every change calls: ``record``."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from sakrad.audit import chain
from sakrad.audit.models import AuditEntry, AuditPersonalValue
from sakrad.audit.personal import Splitter
from sakrad.db import utcnow
from sakrad.extensions import db

SYSTEM = "system"


def _jsonable(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        items = [_jsonable(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def snapshot(obj: Any, fields: Iterable[str]) -> dict[str, Any]:
    """The named attributes of ``obj`` as JSON-ready values, for ``before``/``after``."""
    return {name: _jsonable(getattr(obj, name)) for name in fields}


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    return {k: (before.get(k), after.get(k)) for k in after if before.get(k) != after.get(k)}


def record(
    action: str,
    entity: Any | None = None,
    *,
    entity_type: str | None = None,
    entity_id: Any = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    actor: Any = None,
    actor_label: str | None = None,
    convening_body_id: int | None = None,
    public: bool = False,
) -> AuditEntry:
    """Add an audit entry to the current transaction.

    It commits with the change it describes or not at all, so the log never claims a
    change that was rolled back. ``actor`` defaults to the logged-in user, if any.
    """
    if actor is None and actor_label is None:
        actor = _current_user_or_none()
    if entity is not None:
        entity_type = entity_type or type(entity).__name__
        if entity in db.session.new and not db.session()._flushing:
            db.session.flush()  # the id is needed now
        entity_id = entity_id if entity_id is not None else getattr(entity, "id", None)
    if entity_type is None:
        raise ValueError("an audit entry needs an entity or an entity_type")
    entity_type_str = str(entity_type)
    splitter = Splitter(entity_type_str)
    label = actor_label or _label(actor)
    fields = {
        "at": utcnow(),
        "actor_id": getattr(actor, "id", None),
        "actor_label": splitter.split_label(label, is_person=actor is not None),
        "action": action,
        "entity_type": entity_type_str,
        "entity_id": str(entity_id if entity_id is not None else "-"),
        "convening_body_id": convening_body_id,
        "before": splitter.split(_jsonable(before)) if before is not None else None,
        "after": splitter.split(_jsonable(after)) if after is not None else None,
        "public": public,
    }
    prev_hash = chain.lock_and_last_hash()
    entry_hash = chain.content_hash(fields, prev_hash)
    entry = AuditEntry(
        at=fields["at"],
        action=action,
        entity_type=entity_type_str,
        entity_id=fields["entity_id"],
        actor_id=fields["actor_id"],
        stored_actor_label=fields["actor_label"],
        stored_before=fields["before"],
        stored_after=fields["after"],
        convening_body_id=convening_body_id,
        public=public,
        prev_hash=prev_hash,
        hash=entry_hash,
    )
    for slot, value in enumerate(splitter.values, start=1):
        entry.personal_values.append(AuditPersonalValue(slot=slot, value=value))
    db.session.add(entry)
    chain.remember_tail(entry_hash)
    return entry


def _label(actor: Any) -> str:
    if actor is None:
        return SYSTEM
    return f"{getattr(actor, 'name', '')} <{getattr(actor, 'email', '')}>".strip()


def _current_user_or_none() -> Any:
    from flask import has_request_context
    from flask_login import current_user

    if has_request_context() and current_user and current_user.is_authenticated:
        return current_user._get_current_object()
    return None


def entries(
    *,
    action: str | None = None,
    entity_type: str | None = None,
    entity_id: str | None = None,
    actor_id: int | None = None,
    convening_body_id: int | None = None,
    public_only: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[AuditEntry], int]:
    """Entries newest first, filtered, with the total count for paging."""
    stmt = sa.select(AuditEntry)
    if action:
        stmt = stmt.where(AuditEntry.action == action)
    if entity_type:
        stmt = stmt.where(AuditEntry.entity_type == entity_type)
    if entity_id:
        stmt = stmt.where(AuditEntry.entity_id == str(entity_id))
    if actor_id:
        stmt = stmt.where(AuditEntry.actor_id == actor_id)
    if convening_body_id:
        stmt = stmt.where(AuditEntry.convening_body_id == convening_body_id)
    if public_only:
        stmt = stmt.where(AuditEntry.public.is_(True))
    total = db.session.scalar(sa.select(sa.func.count()).select_from(stmt.subquery())) or 0
    rows = db.session.scalars(
        stmt.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit).offset(offset)
    ).all()
    return list(rows), total


def distinct_values(column: str) -> list[str]:
    col = getattr(AuditEntry, column)
    return list(db.session.scalars(sa.select(col).distinct().order_by(col)))
