"""The audit log helper and the administrator's page."""

from __future__ import annotations

import sqlalchemy as sa

from sakrad.accounts.models import Role
from sakrad.audit.models import AuditEntry
from sakrad.audit.service import record, snapshot
from sakrad.extensions import db
from tests.helpers import make_body, make_user


def test_record_keeps_before_and_after_and_rolls_back_with_the_change(app):
    with app.app_context():
        body = make_body("Region Skåne")
        before = snapshot(body, ["name", "active"])
        body.active = False
        record("body.deactivated", body, before=before, after=snapshot(body, ["name", "active"]))
        db.session.rollback()
        assert (
            db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "body.deactivated"))
            is None
        )
        body.active = False
        record("body.deactivated", body, before=before, after=snapshot(body, ["name", "active"]))
        db.session.commit()
        entry = db.session.scalar(
            sa.select(AuditEntry).where(AuditEntry.action == "body.deactivated")
        )
        assert entry.before == {"name": "Region Skåne", "active": True}
        assert entry.after == {"name": "Region Skåne", "active": False}
        assert entry.entity_type == "ConveningBody" and entry.entity_id == str(body.id)
        assert entry.actor_label == "system"


def test_admin_actions_are_logged_with_the_actor_and_page_filters(app, client, auth):
    with app.app_context():
        admin = make_user(Role.ADMIN, email="admin@example.se", name="Alva Admin")
        target = make_user(Role.ORG_REP, email="target@example.se")
    auth.login(admin.email)
    assert client.post(f"/admin/users/{target.id}/active/0").status_code == 303
    with app.app_context():
        entry = db.session.scalar(
            sa.select(AuditEntry).where(AuditEntry.action == "user.deactivated")
        )
        assert entry.actor_id == admin.id
        assert "Alva Admin" in entry.actor_label
        assert entry.before["active"] is True and entry.after["active"] is False
    page = client.get("/admin/audit/?action=user.deactivated")
    assert page.status_code == 200
    assert "user.deactivated" in page.text
    assert "user.logged_in</code>" not in page.text
    assert "user.logged_in</code>" in client.get("/admin/audit/").text


def test_admin_creates_users_and_bodies_with_errors_at_the_field(app, client, auth):
    with app.app_context():
        admin = make_user(Role.ADMIN)
    auth.login(admin.email)
    response = client.post("/admin/bodies/new", data={"name": "Region Gotland", "kind": "region"})
    assert response.status_code == 303
    dup = client.post("/admin/bodies/new", data={"name": "Region Gotland", "kind": "region"})
    assert "Det finns redan en sammankallande part med det namnet." in dup.text
    missing_body = client.post(
        "/admin/users/new",
        data={
            "name": "Ny Handläggare",
            "email": "ny@example.se",
            "role": "civil_servant",
            "convening_body_id": "0",
            "language": "sv",
            "password": "a-long-password-1",
        },
    )
    assert missing_body.status_code == 200
    assert 'id="convening_body_id-error"' in missing_body.text
    with app.app_context():
        body_id = db.session.scalar(
            sa.select(sa.text("id")).select_from(sa.text("convening_bodies"))
        )
        assert db.session.scalar(sa.select(sa.func.count()).select_from(sa.text("users"))) == 1
    ok = client.post(
        "/admin/users/new",
        data={
            "name": "Ny Handläggare",
            "email": "ny@example.se",
            "role": "civil_servant",
            "convening_body_id": str(body_id),
            "language": "sv",
            "password": "a-long-password-1",
        },
    )
    assert ok.status_code == 303
    assert "ny@example.se" in client.get("/admin/users").text


def test_create_user_command(app, runner):
    with app.app_context():
        make_body("Kulturdepartementet")
    result = runner.invoke(
        args=[
            "sakrad",
            "create-user",
            "--email",
            "cli@example.se",
            "--name",
            "Cli",
            "--role",
            "civil_servant",
            "--body",
            "kulturdepartementet",
            "--password",
            "a-long-password-1",
        ]
    )
    assert result.exit_code == 0, result.output
    bad = runner.invoke(
        args=[
            "sakrad",
            "create-user",
            "--email",
            "x@example.se",
            "--name",
            "X",
            "--role",
            "civil_servant",
            "--body",
            "nope",
            "--password",
            "a-long-password-1",
        ]
    )
    assert bad.exit_code != 0


def test_seed_demo_is_idempotent_and_refused_in_production(app, runner):
    first = runner.invoke(args=["sakrad", "seed-demo"])
    assert "demo data loaded" in first.output
    with app.app_context():
        users = db.session.scalar(sa.select(sa.func.count()).select_from(sa.text("users")))
    second = runner.invoke(args=["sakrad", "seed-demo"])
    assert "already present" in second.output
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(sa.text("users"))) == users
    app.config["ENV_NAME"] = "production"
    refused = runner.invoke(args=["sakrad", "seed-demo"])
    assert refused.exit_code != 0
    assert "production" in refused.output


def test_audit_log_and_history_read_as_sentences_in_local_time(app, client, auth):
    """Labels instead of codes, Europe/Stockholm time, letters instead of \\u escapes."""
    from datetime import UTC, datetime

    from sakrad.audit.service import record

    with app.app_context():
        admin = make_user(Role.ADMIN, email="admin@example.se", name="Åsa Öberg")
        entry = record(
            "cycle.open",
            entity_type="Cycle",
            entity_id=7,
            before={"state": "draft"},
            after={"state": "open", "title": "Integration på Åland"},
            actor=admin,
        )
        entry.at = datetime(2017, 5, 16, 11, 0, tzinfo=UTC)  # 13:00 in Stockholm (summer)
        db.session.commit()
    auth.login(admin.email)
    client.get("/language/sv?next=/")
    page = client.get("/admin/audit/?action=cycle.open").text
    assert "Dialogcykeln öppnades" in page
    assert "Status ändrad från utkast till öppen" in page
    assert "2017-05-16 13:00" in page
    assert "Integration på Åland" in page and "\\u00e5" not in page
    client.get("/language/en?next=/")
    page = client.get("/admin/audit/?action=cycle.open").text
    assert "Dialogue cycle opened" in page
    assert "Status changed from draft to open" in page
    assert "16/05/2017, 13:00" in page
