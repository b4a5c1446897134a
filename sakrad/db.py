"""The declarative base, column types and time helpers every model uses."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any, TypeVar, cast, overload
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

# Stable constraint names, so migrations read the same on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

STOCKHOLM = ZoneInfo("Europe/Stockholm")
T = TypeVar("T")


class Base(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


def affected_rows(result: sa.Result[Any]) -> int:
    """The number of rows an UPDATE or DELETE statement changed (its result is a cursor's)."""
    return cast(sa.CursorResult[Any], result).rowcount or 0


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(sa.types.TypeDecorator):
    """Stores UTC and always returns an aware datetime, SQLite included.

    SQLite has no time zones; without this the same column would come back naive there and
    aware on PostgreSQL, and comparisons would fail on one of them only.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous; pass an aware datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


# Columns many models share, declared once: ``id: Mapped[IntPK]``, ``meeting_id:
# Mapped[MeetingRef]`` (rows that belong to a meeting go with it), a time that defaults to
# the row's creation (``created_at: Mapped[Now]``) and ``updated_at: Mapped[Updated]``.
IntPK = Annotated[int, mapped_column(primary_key=True)]
MeetingRef = Annotated[
    int, mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
]
Now = Annotated[datetime, mapped_column(UTCDateTime(), default=utcnow)]
Updated = Annotated[datetime, mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)]


class Versioned:
    """Optimistic locking for an editable model: ``version_id`` counts its saves, and a save
    from a copy loaded before another save fails (``StaleDataError``)."""

    version_id: Mapped[int] = mapped_column(default=1, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version_id}  # type: ignore[attr-defined]


@overload
def to_local(value: datetime) -> datetime: ...
@overload
def to_local(value: None) -> None: ...
def to_local(value: datetime | None) -> datetime | None:
    """The same instant in Europe/Stockholm, for display."""
    return None if value is None else value.astimezone(STOCKHOLM)


def columns(model: Any, *names: str) -> list[Any]:
    """The columns ``names`` of ``model``, for a select of plain rows."""
    return [getattr(model, name) for name in names]


@functools.cache
def _field_names(cls: Callable[..., Any]) -> tuple[str, ...]:
    # Asked once per class: ``dataclasses.fields`` walks every field each time, and a page
    # copies a row per invitation.
    return tuple(f.name for f in dataclasses.fields(cls))  # type: ignore[arg-type]


def copied(cls: Callable[..., T], obj: Any, **given: Any) -> T:
    """A ``cls`` (a dataclass: a read-only view of a row) whose fields not ``given`` are
    ``obj``'s attributes of the same names."""
    values = {name: getattr(obj, name) for name in _field_names(cls) if name not in given}
    return cls(**values, **given)


def where_given(stmt: sa.Select, *filters: tuple[object, Any]) -> sa.Select:
    """``stmt`` narrowed to ``column == value`` for each ``(value, column)`` whose value is
    given (a listing's optional filters; an empty value filters nothing)."""
    for value, column in filters:
        if value:
            stmt = stmt.where(column == value)
    return stmt


def enum_column(enum_cls, length: int = 32) -> sa.Enum:
    """Enums stored as plain strings, so migrations are identical on both databases."""
    return sa.Enum(
        enum_cls,
        native_enum=False,
        length=length,
        validate_strings=True,
        values_callable=lambda e: [m.value for m in e],
        create_constraint=False,
    )


# Schema objects kept outside the ORM on purpose: the full-text index (an FTS5 virtual table
# with its shadow tables on SQLite; a generated tsvector column and its GIN index on
# PostgreSQL). Alembic's comparison must not report them as strays.
_OUTSIDE_ORM_PREFIXES = ("search_fts",)
_OUTSIDE_ORM_COLUMNS = {("search_documents", "tsv")}
_OUTSIDE_ORM_INDEXES = {"ix_search_documents_tsv"}


def migration_include_object(obj, name, type_, reflected, compare_to) -> bool:
    if type_ == "table" and name and name.startswith(_OUTSIDE_ORM_PREFIXES):
        return False
    if type_ == "column" and (obj.table.name, name) in _OUTSIDE_ORM_COLUMNS:
        return False
    return not (type_ == "index" and name in _OUTSIDE_ORM_INDEXES)
