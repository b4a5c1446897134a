"""Expensive test worlds built once per worker and restored from a snapshot for each test.

A route × role table runs one test per row and role (several hundred per module), and each
of them used to build the same world of bodies, users, meetings and documents through the
factories. ``@built_once`` builds it the first time into the in-memory SQLite database, takes
a copy of the whole database with sqlite3's backup API (and of the files the world wrote to
``UPLOAD_DIR``), and for every later test restores that copy instead of running the
factories again: the test sees exactly the rows, ids and files a fresh build gives.

On PostgreSQL (CI's integration stage), or when the database was not empty before the build
(another fixture added rows first), the world is simply built each time.
"""

from __future__ import annotations

import atexit
import copy
import functools
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from flask import Flask

from sakrad.extensions import db

T = TypeVar("T")
_STORE = "sakrad_test_snapshots"


def _memory_sqlite() -> sqlite3.Connection | None:
    """The one connection of the app's in-memory SQLite database (None on any other)."""
    engine = db.engine
    if engine.dialect.name != "sqlite" or engine.url.database not in (None, "", ":memory:"):
        return None
    proxy = engine.raw_connection()
    try:
        raw = proxy.driver_connection
    finally:
        proxy.close()
    return raw if isinstance(raw, sqlite3.Connection) else None


def _schema(raw: sqlite3.Connection) -> list[tuple]:
    """The database's schema: a snapshot is only restored into the schema it was taken of
    (the search index's FTS table, for one, is created when first needed)."""
    return raw.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()


def _is_empty() -> bool:
    with db.engine.connect() as conn:
        return not any(
            conn.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first()
            for table in db.metadata.sorted_tables
        )


def _copy_tree(source: Path, target: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=True)


def built_once(build: Callable[[Flask], T]) -> Callable[[Flask], T]:
    """Decorate a fixture ``build(app)`` (under ``@pytest.fixture``) whose world is the same
    for every test of its module: built once per worker, restored from a snapshot after."""

    @functools.wraps(build)
    def fixture(app: Flask) -> T:
        key = f"{build.__module__}.{build.__qualname__}"
        store: dict[str, Any] = app.extensions.setdefault(_STORE, {})
        uploads = Path(app.config["UPLOAD_DIR"])
        with app.app_context():
            db.session.remove()
            raw = _memory_sqlite()
            saved = store.get(key) if raw is not None else None
            if saved is not None and raw is not None and saved[3] == _schema(raw):
                snapshot, result, files, _ = saved
                snapshot.backup(raw)
                _copy_tree(Path(files), uploads)
                return copy.deepcopy(result) if isinstance(result, dict) else result
            empty = raw is not None and _is_empty()
        result = build(app)
        if not empty:
            return result
        with app.app_context():
            db.session.remove()
            raw = _memory_sqlite()
            assert raw is not None
            snapshot = sqlite3.connect(":memory:", check_same_thread=False)
            raw.backup(snapshot)
        files = tempfile.mkdtemp(prefix="sakrad-snapshot-")
        atexit.register(shutil.rmtree, files, ignore_errors=True)
        _copy_tree(uploads, Path(files))
        kept = copy.deepcopy(result) if isinstance(result, dict) else result
        store[key] = (snapshot, kept, files, _schema(snapshot))
        return result

    return fixture
