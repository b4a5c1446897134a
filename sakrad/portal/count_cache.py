"""Exact totals for paged listings, computed once per data version (``portal.cache``).

Counting every published meeting that matches a filter costs more than fetching one page of
them at national scale, and the total is the same for every page of the same listing. A
total is reused only while the data version is unchanged, and never longer than
``PORTAL_COUNT_CACHE_SECONDS`` (default 60; 0 turns it off, as in tests).
"""

from __future__ import annotations

import sqlalchemy as sa

from sakrad.extensions import db
from sakrad.portal import cache

KIND = "count"


def _count(stmt: sa.Select) -> int:
    counted = stmt.with_only_columns(sa.func.count(), maintain_column_froms=True).order_by(None)
    return db.session.scalar(counted) or 0


def total(stmt: sa.Select) -> int:
    seconds = cache.seconds("PORTAL_COUNT_CACHE_SECONDS")
    if seconds <= 0:
        return _count(stmt)
    compiled = stmt.compile(db.engine)
    key = (db.engine.url.render_as_string(), str(compiled), repr(sorted(compiled.params.items())))
    version = cache.data_version()
    value = cache.get(KIND, key, version)
    if value is None:
        value = _count(stmt)
        cache.put(KIND, key, version, value, seconds)
    return value


def clear() -> None:
    cache.clear()
