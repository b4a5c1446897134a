"""The audit log's hash chain: verify passes on a normal history and after an erasure, and
names the entry a test alters."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from sakrad.audit.chain import GENESIS, verify
from sakrad.audit.models import AuditEntry, AuditPersonalValue
from sakrad.audit.service import record
from sakrad.extensions import db
from sakrad.privacy.erasure import erase_person
from tests import privacy_world
from tests.conftest import IS_POSTGRES


def _history(app, runner):
    assert runner.invoke(args=["sakrad", "seed-demo"]).exit_code == 0
    with app.app_context():
        world = privacy_world.build(app)
        record("invitation.delegate_added", entity_type="Delegate",
               entity_id=world.delegates["olle"],
               after={"name": "Olle Åström", "email": "olle@example.se"})  # fmt: skip
        db.session.commit()
    return world


def test_verify_passes_on_a_normal_history_and_after_an_erasure(app, runner):
    _history(app, runner)
    ok = runner.invoke(args=["sakrad", "audit", "verify"])
    assert ok.exit_code == 0, ok.output
    with app.app_context():
        n = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry))
        assert f"audit log intact: {n} entries" in ok.output
        first = db.session.scalar(sa.select(AuditEntry).order_by(AuditEntry.id).limit(1))
        assert first.prev_hash == GENESIS
        stored_before = {
            e.id: (e.hash, e.stored_after) for e in db.session.scalars(sa.select(AuditEntry))
        }
        erase_person("olle@example.se", "Begäran 3")
        db.session.commit()
        # Entries are untouched: only their personal values were blanked.
        for e in db.session.scalars(sa.select(AuditEntry)):
            if e.id in stored_before:
                assert (e.hash, e.stored_after) == stored_before[e.id]
        assert db.session.scalar(
            sa.select(sa.func.count()).select_from(AuditPersonalValue)
            .where(AuditPersonalValue.erased_at.is_not(None)))  # fmt: skip
        entry = db.session.scalar(
            sa.select(AuditEntry).where(AuditEntry.action == "invitation.delegate_added")
        )
        assert entry.after == {"name": "raderad person", "email": "raderad person"}
        assert verify().ok
    after = runner.invoke(args=["sakrad", "audit", "verify"])
    assert after.exit_code == 0, after.output
    assert runner.invoke(args=["sakrad", "retention", "run"]).exit_code == 0
    with app.app_context():
        actions = list(db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)))
        assert actions[-2:] == ["privacy.person_erased", "privacy.retention_run"]
        assert verify().ok


@pytest.mark.parametrize(
    "change",
    [
        "UPDATE audit_entries SET action = 'forged' WHERE id = :id",
        "UPDATE audit_entries SET after = '{\"active\": true}' WHERE id = :id",
        "UPDATE audit_entries SET prev_hash = '" + "1" * 64 + "' WHERE id = :id",
        "DELETE FROM audit_entries WHERE id = :id",
    ],
)
def test_verify_names_the_first_entry_that_was_altered(app, runner, change):
    _history(app, runner)
    with app.app_context():
        ids = list(db.session.scalars(sa.select(AuditEntry.id).order_by(AuditEntry.id)))
        target = ids[len(ids) // 2]
        # The tests' schema comes from create_all, without the migration's append-only
        # triggers: that stands for an attacker who dropped them.
        conn = db.session.connection()
        if "DELETE" in change:
            conn.execute(sa.delete(AuditPersonalValue).where(AuditPersonalValue.entry_id == target))
        conn.execute(sa.text(change), {"id": target})
        db.session.commit()
        expected = ids[ids.index(target) + 1] if "DELETE" in change else target
        result = verify()
        assert result.first_bad_id == expected
    bad = runner.invoke(args=["sakrad", "audit", "verify"])
    assert bad.exit_code != 0
    assert f"audit entry {expected}:" in bad.output


@pytest.mark.skipif(not IS_POSTGRES, reason="concurrent writers need PostgreSQL")
def test_concurrent_writers_keep_one_chain(app):
    with app.app_context():
        record("test.start", entity_type="Thing", entity_id=0)
        db.session.commit()
    barrier = threading.Barrier(4)
    errors = []

    def writer(n: int) -> None:
        try:
            with app.app_context():
                barrier.wait()
                for i in range(10):
                    record("test.write", entity_type="Thing", entity_id=f"{n}-{i}")
                    db.session.commit()
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with app.app_context():
        result = verify()
        assert result.ok, result
        assert result.checked == 41


from tests.integration.test_migrations import empty_database_url  # noqa: E402, F401


def test_migration_chains_and_splits_existing_entries(empty_database_url):  # noqa: F811
    from flask_migrate import upgrade

    from sakrad import create_app

    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        upgrade(revision="0002")
        with db.engine.begin() as conn:
            conn.execute(
                sa.text(
                    "INSERT INTO users (email, name, password_hash, role, active, language, "
                    "created_at) VALUES ('alva@example.se', 'Alva', 'x', 'admin', true, 'sv', "
                    "CURRENT_TIMESTAMP)"
                )
            )
            for n in range(3):
                conn.execute(
                    sa.text(
                        "INSERT INTO audit_entries (at, actor_id, actor_label, action, "
                        "entity_type, entity_id, before, after, public) VALUES "
                        "(CURRENT_TIMESTAMP, 1, 'Alva <alva@example.se>', 'user.updated', "
                        "'User', :n, :before, :after, false)"
                    ),
                    {
                        "n": str(n),
                        "before": '{"name": "Alva", "active": true}',
                        "after": '{"name": "Alva", "active": false}',
                    },  # fmt: skip
                )
        upgrade()
        result = verify()
        assert result.ok and result.checked == 3
        entries = list(db.session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id)))
        assert "alva@" not in entries[0].stored_actor_label
        assert "Alva" not in str(entries[0].stored_after)
        assert entries[0].actor_label == "Alva <alva@example.se>"
        assert entries[0].after == {"name": "Alva", "active": False}
        record("user.updated", entity_type="User", entity_id="9", after={"active": True})
        db.session.commit()
        assert verify().ok
        target = entries[1].id
        db.session.remove()
        # The migration put the append-only triggers back.
        with pytest.raises(sa.exc.DatabaseError, match="append-only"), db.engine.begin() as conn:
            conn.execute(sa.text("UPDATE audit_entries SET action = 'x' WHERE id = :id"),
                         {"id": target})  # fmt: skip
        with db.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(sa.text("DROP TRIGGER audit_entries_append_only ON audit_entries"))
            else:
                conn.execute(sa.text("DROP TRIGGER audit_entries_no_update"))
            conn.execute(sa.text("UPDATE audit_entries SET action = 'x' WHERE id = :id"),
                         {"id": target})  # fmt: skip
        bad = verify()
        assert bad.first_bad_id == target and bad.checked == 1
        db.session.remove()
        db.engine.dispose()


def test_entries_from_flush_events_and_savepoints_keep_one_chain(app):
    from sqlalchemy.orm import Session

    from sakrad.accounts.models import ConveningBody

    def before_flush(session, _ctx, _objs):
        for obj in list(session.new):
            if isinstance(obj, ConveningBody):
                record("test.in_flush_a", entity_type="Thing", entity_id=obj.name)
                record("test.in_flush_b", entity_type="Thing", entity_id=obj.name)

    with app.app_context():
        record("test.first", entity_type="Thing", entity_id=1)
        sa.event.listen(Session, "before_flush", before_flush)
        try:
            db.session.add(ConveningBody(name="Flushverket", slug="flushverket", kind="agency"))
            record("test.after_add", entity_type="Thing", entity_id=2)  # its query flushes
            db.session.flush()
        finally:
            sa.event.remove(Session, "before_flush", before_flush)
        with pytest.raises(RuntimeError), db.session.begin_nested():
            record("test.in_savepoint", entity_type="Thing", entity_id=3)
            db.session.flush()
            raise RuntimeError("roll the savepoint back")
        record("test.last", entity_type="Thing", entity_id=4)
        db.session.commit()
        actions = list(db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)))
        assert "test.in_savepoint" not in actions
        assert {"test.in_flush_a", "test.in_flush_b", "test.last"} <= set(actions)
        result = verify()
        assert result.ok, result
        assert result.checked == len(actions)
