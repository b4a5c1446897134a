"""The portal's one cache (Flask-Caching), for rendered pages and listing totals.

Every change in the system writes an audit entry, so the newest audit id is the *data
version*: an entry is stored with the version it was computed at and served only while that
is still the newest one. A time limit bounds what the audit log cannot see (a meeting moving
from "upcoming" to "held" as time passes).

By default each process keeps its entries in memory (``SimpleCache``). With
``PORTAL_CACHE_REDIS_URL`` (environment ``SAKRAD_PORTAL_CACHE_REDIS_URL``) every worker and
server shares one Redis, so a page rendered by one worker is served by all of them.
"""

from __future__ import annotations

import hashlib
import os
import weakref
from typing import Any

import sqlalchemy as sa
from flask import Flask, current_app, has_app_context
from flask_caching import Cache

from sakrad.audit.models import AuditEntry
from sakrad.extensions import db

cache = Cache()
_backends: weakref.WeakSet = weakref.WeakSet()
MAX_ENTRIES = 2000


def init_app(app: Flask) -> None:
    redis_url = app.config.get("PORTAL_CACHE_REDIS_URL") or os.environ.get(
        "SAKRAD_PORTAL_CACHE_REDIS_URL"
    )
    config: dict[str, Any] = {
        "CACHE_KEY_PREFIX": app.config.get("PORTAL_CACHE_KEY_PREFIX", "sakrad-portal:"),
        "CACHE_DEFAULT_TIMEOUT": 60,
        "CACHE_THRESHOLD": MAX_ENTRIES,
    }
    if redis_url:
        config.update(CACHE_TYPE="RedisCache", CACHE_REDIS_URL=redis_url)
    else:
        config.update(CACHE_TYPE="SimpleCache")
    cache.init_app(app, config=config)
    _backends.add(app.extensions["cache"][cache])


def seconds(name: str) -> int:
    """How long entries of one kind live (``PORTAL_PAGE_CACHE_SECONDS``, ...); 0 is off,
    the default in tests."""
    default = 0 if current_app.testing else 60
    return int(current_app.config.get(name, default))


def data_version() -> int | None:
    """The newest audit id: one indexed query."""
    return db.session.scalar(sa.select(sa.func.max(AuditEntry.id)))


def _key(kind: str, parts: tuple) -> str:
    return f"{kind}:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def get(kind: str, parts: tuple, version: int | None) -> Any:
    """The value stored for ``parts`` at ``version``, or None."""
    hit = cache.get(_key(kind, parts))
    if hit is None or hit[0] != version:
        return None
    return hit[1]


def put(kind: str, parts: tuple, version: int | None, value: Any, timeout: int) -> None:
    cache.set(_key(kind, parts), (version, value), timeout=timeout)


def clear() -> None:
    """Forget every entry (of this app, or of every app when called outside one)."""
    if has_app_context() and cache in current_app.extensions.get("cache", {}):
        cache.clear()
        return
    for backend in list(_backends):
        backend.clear()
