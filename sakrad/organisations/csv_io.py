"""CSV import (dry run, then all rows in one transaction) and CSV export of the registry.

The import is all or nothing: while any row has a problem, nothing is written, and the
preview lists every problem of every row so the file can be fixed and sent again. Checking
a file costs three queries however long it is (existing organisation numbers, existing
names per county, the focus areas and target groups); the import is two bulk inserts plus
one per association table.
"""

from __future__ import annotations

import csv
import io
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import sqlalchemy as sa

from sakrad.audit.service import record
from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.organisations.models import (
    PROFILE_INPUT,
    FocusArea,
    Organisation,
    TargetGroup,
    organisation_focus_areas,
    organisation_target_groups,
)
from sakrad.organisations.service import SearchFilters, clean_profile, search_statement, unique_slug
from sakrad.shell.csv import write_csv

COLUMNS = PROFILE_INPUT
REQUIRED_COLUMNS = ("name", "form", "county", "size")
EXPORT_COLUMNS = ("slug", *COLUMNS, "verified")
LIST_SEPARATOR = ";"


@dataclass
class RowResult:
    line: int
    data: dict[str, Any]
    errors: list[tuple[str, str, dict]] = field(default_factory=list)  # (column, code, params)


@dataclass
class Preview:
    rows: list[RowResult] = field(default_factory=list)
    file_errors: list[tuple[str, dict]] = field(default_factory=list)

    @property
    def error_rows(self) -> list[RowResult]:
        return [r for r in self.rows if r.errors]

    @property
    def ok(self) -> bool:
        return not self.file_errors and bool(self.rows) and not self.error_rows


def _decode(content: bytes) -> str:
    return content.decode("utf-8-sig")


def read_rows(content: bytes) -> tuple[list[tuple[int, dict[str, str]]], list[tuple[str, dict]]]:
    """(line number, row) pairs, or file-level errors. Comma or semicolon separated."""
    try:
        text = _decode(content)
    except UnicodeDecodeError:
        return [], [("csv_unreadable", {})]
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        return [], [("csv_columns", {"columns": ", ".join(missing)})]
    reader.fieldnames = header
    rows = []
    try:
        for row in reader:
            if not any((v or "").strip() for k, v in row.items() if k):
                continue  # spreadsheet programs leave empty lines at the end
            rows.append((reader.line_num, {k: (v or "") for k, v in row.items() if k}))
    except csv.Error:
        return [], [("csv_unreadable", {})]
    return rows, []


def _name_key(name: str, county: str) -> tuple[str, str]:
    return (name.casefold(), county)


def preview(content: bytes) -> Preview:
    """Check every row; write nothing."""
    rows, file_errors = read_rows(content)
    result = Preview(file_errors=file_errors)
    if file_errors:
        return result
    focus = set(db.session.scalars(sa.select(FocusArea.code).where(FocusArea.active.is_(True))))
    target = set(
        db.session.scalars(sa.select(TargetGroup.code).where(TargetGroup.active.is_(True)))
    )
    numbers = set(
        db.session.scalars(
            sa.select(Organisation.org_number).where(Organisation.org_number.is_not(None))
        )
    )
    names = {
        _name_key(n, c)
        for n, c in db.session.execute(
            sa.select(Organisation.name, Organisation.county).where(
                Organisation.merged_into_id.is_(None)
            )
        )
    }
    seen_numbers: dict[str, int] = {}
    seen_names: dict[tuple[str, str], int] = {}
    for line, raw in rows:
        cleaned = clean_profile(raw, focus, target)
        row = RowResult(line=line, data=cleaned.data)
        for column, problems in cleaned.errors.items():
            row.errors.extend((column, code, params) for code, params in problems)
        number = cleaned.data.get("org_number")
        if number:
            if number in numbers:
                row.errors.append(("org_number", "org_number_taken", {}))
            elif number in seen_numbers:
                row.errors.append(
                    ("org_number", "duplicate_in_file", {"line": seen_numbers[number]})
                )
            else:
                seen_numbers[number] = line
        key = _name_key(cleaned.data["name"], cleaned.data["county"])
        if cleaned.data["name"]:
            if key in names:
                row.errors.append(("name", "duplicate_name", {}))
            elif key in seen_names:
                row.errors.append(("name", "duplicate_in_file", {"line": seen_names[key]}))
            else:
                seen_names[key] = line
        result.rows.append(row)
    return result


def import_rows(content: bytes) -> tuple[Preview, list[int]]:
    """Check again, then insert every row in the current transaction (the caller commits).

    Returns the preview and the new ids; no ids (and nothing written) if any row is bad.
    """
    result = preview(content)
    if not result.ok:
        return result, []
    now = utcnow()
    taken = set(db.session.scalars(sa.select(Organisation.slug)))
    table = cast(sa.Table, Organisation.__table__)
    values = []
    for row in result.rows:
        d = row.data
        values.append(
            {
                "name": d["name"],
                "slug": unique_slug(d["name"], taken),
                "org_number": d["org_number"],
                "form": d["form"],
                "county": d["county"],
                "municipality": d["municipality"],
                "size": d["size"],
                "website": d["website"],
                "description": d["description"],
                "description_en": d["description_en"],
                "contact_email": d["contact_email"],
                "language": d["language"],
                "verified": False,
                "active": True,
                "created_at": now,
                "updated_at": now,
                "version_id": 1,
            }
        )
    ids = list(
        db.session.scalars(
            sa.insert(table).returning(table.c.id, sort_by_parameter_order=True), values
        )
    )
    for model, assoc, key, column in (
        (FocusArea, organisation_focus_areas, "focus_areas", "focus_area_id"),
        (TargetGroup, organisation_target_groups, "target_groups", "target_group_id"),
    ):
        by_code = {c: i for c, i in db.session.execute(sa.select(model.code, model.id))}
        links = [
            {"organisation_id": org_id, column: by_code[code]}
            for org_id, row in zip(ids, result.rows, strict=True)
            for code in row.data[key]
        ]
        if links:
            db.session.execute(sa.insert(assoc), links)
    record(
        "organisation.imported",
        entity_type="Organisation",
        entity_id="-",
        after={"count": len(ids), "ids": ids},
    )
    return result, ids


# --------------------------------------------------------------------------- export


def _codes_by_org(assoc: sa.Table, model: Any, column: str) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    stmt = (
        sa.select(assoc.c.organisation_id, model.code)
        .join(model, model.id == assoc.c[column])
        .order_by(model.position)
    )
    for org_id, code in db.session.execute(stmt):
        out.setdefault(org_id, []).append(code)
    return out


def export_rows(filters: SearchFilters | None = None) -> Iterable[list[str]]:
    """The header, then one row per organisation (tombstones left out)."""
    yield list(EXPORT_COLUMNS)
    focus = _codes_by_org(organisation_focus_areas, FocusArea, "focus_area_id")
    target = _codes_by_org(organisation_target_groups, TargetGroup, "target_group_id")
    stmt = search_statement(filters or SearchFilters()).order_by(Organisation.name, Organisation.id)
    for org in db.session.scalars(stmt):
        yield [
            org.slug,
            org.name,
            org.org_number or "",
            org.form,
            org.county,
            org.municipality or "",
            org.size,
            LIST_SEPARATOR.join(focus.get(org.id, [])),
            LIST_SEPARATOR.join(target.get(org.id, [])),
            org.website or "",
            org.description or "",
            org.description_en or "",
            org.contact_email or "",
            org.language,
            "yes" if org.verified else "no",
        ]


def export_csv(filters: SearchFilters | None = None) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheet programs read å, ä and ö right."""
    rows = iter(export_rows(filters))
    return write_csv(next(rows), rows)


# --------------------------------------------------------------------------- between preview and import


def stash(directory: str, content: bytes) -> str:
    """Keep an uploaded file until the import is confirmed; returns its key."""
    key = secrets.token_hex(16)
    path = Path(directory) / "registry-imports"
    path.mkdir(parents=True, exist_ok=True)
    (path / f"{key}.csv").write_bytes(content)
    return key


def unstash(directory: str, key: str) -> bytes | None:
    if not (len(key) == 32 and all(c in "0123456789abcdef" for c in key)):
        return None
    path = Path(directory) / "registry-imports" / f"{key}.csv"
    return path.read_bytes() if path.exists() else None


def discard(directory: str, key: str) -> None:
    path = Path(directory) / "registry-imports" / f"{key}.csv"
    path.unlink(missing_ok=True)
