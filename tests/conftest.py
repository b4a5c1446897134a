"""Shared fixtures: an app on a fresh database, a client, and a logged-in helper.

The same suite runs on SQLite (default, in memory) and on PostgreSQL when
``SAKRAD_TEST_DATABASE_URL`` names one (CI does both).
"""

from __future__ import annotations

import os

import pytest
import sqlalchemy as sa

from sakrad import create_app
from sakrad.extensions import db
from tests import scheduling
from tests.catalogs import compile_catalogs

TEST_DATABASE_URL = os.environ.get("SAKRAD_TEST_DATABASE_URL", "sqlite://")
IS_POSTGRES = TEST_DATABASE_URL.startswith("postgresql")
# On PostgreSQL each test run gets a scratch database of its own, created from the server
# named by SAKRAD_TEST_DATABASE_URL, so two runs at once never drop each other's tables.
_SERVER_URL = TEST_DATABASE_URL
if IS_POSTGRES:
    TEST_DATABASE_URL = TEST_DATABASE_URL.rsplit("/", 1)[0] + f"/sakrad_test_{os.getpid()}"


def pytest_configure(config) -> None:
    scheduling.configure(config)


@pytest.hookimpl(optionalhook=True, tryfirst=True)
def pytest_xdist_make_scheduler(config, log):
    """``--dist loadfile`` hands out the longest files first (tests/scheduling.py)."""
    if config.getvalue("dist") == "loadfile":
        return scheduling.LongestFirstScheduling(config, log)
    return None


def _admin_engine():
    return sa.create_engine(_SERVER_URL, isolation_level="AUTOCOMMIT")


def pytest_sessionstart(session) -> None:
    # Tests read the compiled catalogs; compile them so a plain `pytest` works too.
    compile_catalogs()
    if IS_POSTGRES:
        engine = _admin_engine()
        name = TEST_DATABASE_URL.rsplit("/", 1)[1]
        with engine.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
            # A scratch database: losing the last commits in a crash costs nothing, and not
            # waiting for each commit to reach the disk makes the suite several times faster.
            conn.execute(sa.text(f'ALTER DATABASE "{name}" SET synchronous_commit TO off'))
        engine.dispose()


def pytest_sessionfinish(session, exitstatus) -> None:
    if IS_POSTGRES:
        engine = _admin_engine()
        with engine.connect() as conn:
            name = TEST_DATABASE_URL.rsplit("/", 1)[1]
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


def _empty_tables(app) -> None:
    """Remove every row a test left, keeping the schema (much cheaper than rebuilding it)."""
    with app.app_context():
        db.session.remove()
        sqlite = db.engine.dialect.name == "sqlite"
        with db.engine.connect() as conn:
            if sqlite:
                # Outside a transaction (SQLite ignores the pragma inside one): rows of
                # self-referencing tables (merged organisations) may point either way.
                conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
                conn.commit()
                if conn.exec_driver_sql(
                    "SELECT 1 FROM sqlite_master WHERE name = 'search_fts'"
                ).first():
                    conn.exec_driver_sql("DELETE FROM search_fts")
            for table in reversed(db.metadata.sorted_tables):
                conn.execute(table.delete())
            conn.commit()
            if sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()


# One application per distinct configuration for the whole run (Indico's testing fixtures do
# the same): building an app compiles ~130 URL rules and costs far more than most tests. Each
# test gets the app with its configuration restored and every table emptied afterwards.
_apps: dict[str, object] = {}
_pg_schema_ready = False


def _shared_app(config: dict, *, own: bool = False):
    global _pg_schema_ready
    key = repr(sorted((k, repr(v)) for k, v in config.items() if k != "UPLOAD_DIR"))
    app = None if own else _apps.get(key)
    if app is None:
        app = create_app(config)
        with app.app_context():
            if IS_POSTGRES:
                if not _pg_schema_ready:
                    db.drop_all()
                    db.create_all()
                    _pg_schema_ready = True
            else:
                db.create_all()
        if not own:
            _apps[key] = app
    return app


@pytest.fixture
def app_config() -> dict:
    """Override in a test module to change configuration."""
    return {}


@pytest.fixture
def app(app_config, tmp_path, request):
    config = {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": TEST_DATABASE_URL,
        "WTF_CSRF_ENABLED": False,
        "MAIL_FILE_DIR": None,
        "UPLOAD_DIR": str(tmp_path / "uploads"),
        "RATELIMIT_STORAGE_URI": "memory://",
        **app_config,
    }
    # A test that changes the application itself (adds a route) asks for one of its own.
    app = _shared_app(config, own=request.node.get_closest_marker("own_app") is not None)
    saved_config = dict(app.config)
    app.config["UPLOAD_DIR"] = config["UPLOAD_DIR"]
    from sakrad.extensions import limiter

    limiter.reset()
    try:
        yield app
    finally:
        app.config.clear()
        app.config.update(saved_config)
        _empty_tables(app)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def ctx(app):
    """An application context for tests that call services directly."""
    with app.app_context():
        yield


class AuthActions:
    def __init__(self, client) -> None:
        self.client = client

    def login(self, email: str, password: str = "correct-horse-battery"):
        return self.client.post("/login", data={"email": email, "password": password})

    def logout(self):
        return self.client.post("/logout")


@pytest.fixture
def auth(client) -> AuthActions:
    return AuthActions(client)
