"""Merging duplicate organisations, and reversing a merge from its audit entry.

Every table with a foreign key to ``organisations.id`` is found through the metadata, so the
tables of later packages (proposals, invitations, interest ...) are covered without this
module knowing them. A row that would break a unique constraint once moved (both
organisations invited to the same meeting, the same person representing both) is dropped:
the survivor's row wins, and the dropped row is written in full into the audit entry, which
is what ``unmerge`` reinserts.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from sakrad.audit.models import AuditEntry
from sakrad.audit.service import record
from sakrad.extensions import db
from sakrad.organisations.models import Organisation
from sakrad.organisations.service import OrganisationError, profile_snapshot

MERGE_ACTION = "organisation.merged"
UNMERGE_ACTION = "organisation.unmerged"


def referencing_columns() -> list[tuple[sa.Table, sa.Column]]:
    """(table, column) for every foreign key to organisations.id, in a stable order."""
    found = []
    for table in db.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name == "organisations" and fk.column.name == "id":
                found.append((table, fk.parent))
    return sorted(found, key=lambda tc: (tc[0].name, tc[1].name))


def _unique_sets(table: sa.Table, column: sa.Column) -> list[list[sa.Column]]:
    """The unique column sets of ``table`` that contain ``column``."""
    candidates = [list(table.primary_key.columns)]
    candidates += [list(c.columns) for c in table.constraints if isinstance(c, sa.UniqueConstraint)]
    candidates += [list(i.columns) for i in table.indexes if i.unique]
    if column.unique:
        candidates.append([column])
    return [cols for cols in candidates if any(c.name == column.name for c in cols)]


def _pk_of(table: sa.Table, row: sa.Row) -> dict[str, Any]:
    return {c.name: _json(row._mapping[c]) for c in table.primary_key.columns}


def _json(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _clashes(table: sa.Table, column: sa.Column, row: sa.Row, survivor_id: int) -> bool:
    for cols in _unique_sets(table, column):
        conditions = [column == survivor_id]
        for c in cols:
            if c.name == column.name:
                continue
            value = row._mapping[c]
            if value is None:  # NULLs never clash in a unique constraint
                break
            conditions.append(c == value)
        else:
            if db.session.execute(
                sa.select(sa.literal(1)).select_from(table).where(*conditions).limit(1)
            ).first():
                return True
    return False


def merge(duplicate: Organisation, survivor: Organisation) -> AuditEntry:
    """Move everything of ``duplicate`` to ``survivor``; the duplicate becomes a tombstone."""
    if duplicate.id == survivor.id:
        raise OrganisationError("merge_self", "survivor")
    if duplicate.is_tombstone or survivor.is_tombstone:
        raise OrganisationError("merge_tombstone", "survivor")
    db.session.flush()
    before = profile_snapshot(duplicate)
    moves: list[dict[str, Any]] = []
    for table, column in referencing_columns():
        rows = db.session.execute(sa.select(table).where(column == duplicate.id)).all()
        moved, dropped = [], []
        for row in rows:
            if table.name == "organisations" and row._mapping["id"] == survivor.id:
                continue  # never point the survivor at itself
            pk = _pk_of(table, row)
            where = [c == row._mapping[c] for c in table.primary_key.columns]
            if _clashes(table, column, row, survivor.id):
                dropped.append({c.name: _json(v) for c, v in zip(table.columns, row, strict=True)})
                db.session.execute(sa.delete(table).where(*where))
            else:
                moved.append(pk)
                db.session.execute(
                    sa.update(table).where(*where).values({column.name: survivor.id})
                )
        if moved or dropped:
            moves.append(
                {"table": table.name, "column": column.name, "moved": moved, "dropped": dropped}
            )
    db.session.expire_all()
    duplicate = db.session.get_one(Organisation, duplicate.id)
    duplicate.merged_into_id = survivor.id
    duplicate.active = False
    db.session.flush()
    return record(
        MERGE_ACTION,
        duplicate,
        before=before,
        after={"survivor_id": survivor.id, "duplicate_id": duplicate.id, "moves": moves},
    )


def _coerce(column: sa.Column, value: Any) -> Any:
    """JSON values back to what the column expects (dates were stored as ISO text)."""
    if value is None or not isinstance(value, str):
        return value
    kind = column.type
    if isinstance(kind, sa.types.TypeDecorator):
        kind = kind.impl_instance
    if isinstance(kind, sa.DateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, sa.Date):
        return date.fromisoformat(value)
    return value


def unmerge(audit_entry_id: int) -> Organisation:
    """Reverse the merge recorded in the audit entry; the duplicate comes back to life."""
    entry = db.session.get(AuditEntry, audit_entry_id)
    if entry is None or entry.action != MERGE_ACTION or not entry.after:
        raise OrganisationError("not_a_merge")
    data = entry.after
    duplicate = db.session.get_one(Organisation, data["duplicate_id"])
    if (
        duplicate is None
        or duplicate.merged_into_id != data["survivor_id"]
        or _latest_merge_id(duplicate.id) != entry.id
    ):
        raise OrganisationError("not_a_merge")
    db.session.flush()
    tables = db.metadata.tables
    for move in data["moves"]:
        table = tables.get(move["table"])
        if table is None:
            raise OrganisationError("unmerge_conflict", detail=move["table"])
        column = table.c[move["column"]]
        for pk in move["moved"]:
            # The key was recorded before the move; when it contains the moved column
            # (association tables), that part of it now holds the survivor's id.
            where = [
                table.c[k] == (data["survivor_id"] if k == column.name else _coerce(table.c[k], v))
                for k, v in pk.items()
            ]
            db.session.execute(sa.update(table).where(*where).values({column.name: duplicate.id}))
        for row in move["dropped"]:
            values = {k: _coerce(table.c[k], v) for k, v in row.items() if k in table.c}
            db.session.execute(sa.insert(table).values(values))
    db.session.expire_all()
    duplicate = db.session.get_one(Organisation, data["duplicate_id"])
    duplicate.merged_into_id = None
    duplicate.active = bool((entry.before or {}).get("active", True))
    db.session.flush()
    record(
        UNMERGE_ACTION,
        duplicate,
        before={"merged_into_id": data["survivor_id"]},
        after={"merge_entry_id": entry.id, **profile_snapshot(duplicate)},
    )
    return duplicate


def _latest_merge_id(duplicate_id: int) -> int | None:
    return db.session.scalar(
        sa.select(sa.func.max(AuditEntry.id)).where(
            AuditEntry.action == MERGE_ACTION, AuditEntry.entity_id == str(duplicate_id)
        )
    )


def merge_entries(org: Organisation) -> list[AuditEntry]:
    """Merge log entries where ``org`` was the survivor or the duplicate, newest first."""
    ids = {str(org.id)}
    entries = db.session.scalars(
        sa.select(AuditEntry)
        .where(AuditEntry.action == MERGE_ACTION)
        .order_by(AuditEntry.id.desc())
        .limit(200)
    ).all()
    return [
        e for e in entries if e.entity_id in ids or str((e.after or {}).get("survivor_id")) in ids
    ]


def is_reversed(entry: AuditEntry) -> bool:
    return (
        db.session.scalar(
            sa.select(AuditEntry.id).where(
                AuditEntry.action == UNMERGE_ACTION,
                AuditEntry.entity_id == entry.entity_id,
                AuditEntry.id > entry.id,
            )
        )
        is not None
    )
