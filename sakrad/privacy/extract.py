"""The register extract (registerutdrag): everything the system holds about one email."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from flask import Response

from sakrad.audit.service import _jsonable
from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.privacy import registry
from sakrad.privacy.person import Person, find_person

HIDDEN = "(hidden)"


def rows_of(person: Person, entry: registry.PersonalData) -> list[Any]:
    where = entry.find(person, entry.model)
    if where is None:
        return []
    return list(db.session.scalars(sa.select(entry.model).where(where)))


def _row_dict(entry: registry.PersonalData, row: Any) -> dict[str, Any]:
    out = {}
    for column in entry.model.__table__.columns:
        key = column.key
        attr = next(
            (p.key for p in sa.inspect(entry.model).column_attrs if p.columns[0] is column), key
        )
        value = getattr(row, attr)
        out[column.name] = HIDDEN if column.name in entry.hidden and value else _jsonable(value)
    return out


def build_extract(email: str) -> dict[str, Any]:
    person = find_person(email)
    tables: dict[str, list[dict[str, Any]]] = {}
    for entry in registry.entries():
        rows = rows_of(person, entry)
        if rows:
            tables.setdefault(entry.table, []).extend(_row_dict(entry, r) for r in rows)
    return {
        "email": person.email,
        "generated_at": utcnow().isoformat(),
        "names": person.names,
        "tables": tables,
    }


def preview_counts(person: Person) -> list[tuple[registry.PersonalData, int]]:
    """For the erasure's check-your-answers page: how many rows each entry would touch."""
    return [(e, len(rows_of(person, e))) for e in registry.entries()]


def json_download(data: dict, filename: str) -> Response:
    """The extract as a JSON file to save."""
    body = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    return Response(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
