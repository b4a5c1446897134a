"""Exact totals for paged listings, computed once per data version.

Counting every published meeting that matches a filter costs more than fetching one page of
them at national scale, and the total is the same for every page of the same listing. Every
change in the system writes an audit entry, so the newest audit id is the data version (the
page cache uses the same rule): a total is reused only while that id is unchanged, and never
longer than ``PORTAL_COUNT_CACHE_SECONDS`` (default 60; 0 turns it off, as in tests).
"""

from __future__ import annotations

import time
from collections import OrderedDict

import sqlalchemy as sa
from flask import current_app

from sakrad.audit.models import AuditEntry
from sakrad.extensions import db

MAX_ENTRIES = 1000
_cache: OrderedDict[tuple, tuple[object, float, int]] = OrderedDict()


def _seconds() -> int:
    default = 0 if current_app.testing else 60
    return int(current_app.config.get("PORTAL_COUNT_CACHE_SECONDS", default))


def _count(stmt: sa.Select) -> int:
    counted = stmt.with_only_columns(sa.func.count(), maintain_column_froms=True).order_by(None)
    return db.session.scalar(counted) or 0


def total(stmt: sa.Select) -> int:
    seconds = _seconds()
    if seconds <= 0:
        return _count(stmt)
    compiled = stmt.compile(db.engine)
    key = (db.engine.url.render_as_string(), str(compiled), repr(sorted(compiled.params.items())))
    version = db.session.scalar(sa.select(sa.func.max(AuditEntry.id)))
    hit = _cache.get(key)
    if hit is not None and hit[0] == version and hit[1] > time.monotonic():
        _cache.move_to_end(key)
        return hit[2]
    value = _count(stmt)
    _cache[key] = (version, time.monotonic() + seconds, value)
    while len(_cache) > MAX_ENTRIES:
        _cache.popitem(last=False)
    return value


def clear() -> None:
    _cache.clear()
