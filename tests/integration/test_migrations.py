"""Migrations: one head, they build the schema from nothing, and agree with the models."""

from __future__ import annotations

import uuid

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade

from sakrad import create_app
from sakrad.db import migration_include_object
from sakrad.extensions import db
from tests.conftest import IS_POSTGRES, TEST_DATABASE_URL


def test_one_head():
    from sakrad import BASE_DIR

    config = Config()
    config.set_main_option("script_location", str(BASE_DIR / "migrations"))
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1


@pytest.fixture
def empty_database_url(tmp_path):
    """A brand-new database: a file on SQLite, a scratch database on PostgreSQL."""
    if not IS_POSTGRES:
        yield f"sqlite:///{tmp_path / 'migrations.sqlite'}"
        return
    name = f"sakrad_migr_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(TEST_DATABASE_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield TEST_DATABASE_URL.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


def test_migrations_build_the_models_schema(empty_database_url):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        upgrade()
        with db.engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"compare_type": True, "include_object": migration_include_object}
            )
            diff = compare_metadata(context, db.metadata)
        assert diff == [], f"models and migrations disagree: {diff}"
        # The audit log refuses updates and deletes at the database level.
        with db.engine.begin() as conn:
            conn.execute(
                sa.text(
                    "INSERT INTO audit_entries (at, actor_label, action, entity_type, entity_id, public) "
                    "VALUES (CURRENT_TIMESTAMP, 'system', 'test', 'Thing', '1', false)"
                )
            )
        for statement in (
            "UPDATE audit_entries SET action = 'forged'",
            "DELETE FROM audit_entries",
        ):
            with (
                pytest.raises(sa.exc.DatabaseError, match="append-only"),
                db.engine.begin() as conn,
            ):
                conn.execute(sa.text(statement))
        downgrade(revision="base")
        with db.engine.connect() as conn:
            assert set(sa.inspect(conn).get_table_names()) <= {"alembic_version"}
        db.engine.dispose()
