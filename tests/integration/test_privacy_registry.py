"""The registry of personal data, the extract and the erasure, checked against a scan of
every text and JSON column of every table."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from sakrad.audit.models import AuditEntry, AuditPersonalValue
from sakrad.audit.service import record
from sakrad.extensions import db
from sakrad.privacy import registry
from sakrad.privacy.erasure import erase_person
from sakrad.privacy.extract import build_extract
from tests import privacy_world


def test_every_personal_looking_column_is_registered_or_marked_not_personal(app):
    with app.app_context():
        assert registry.unregistered_personal_columns(db.metadata) == []
        # Every entry names a column that exists, so the lists cannot go stale silently.
        tables = db.metadata.tables
        for table, column in registry.registered_columns() | set(registry.NOT_PERSONAL):
            assert column in tables[table].c, (table, column)


def test_a_forgotten_personal_column_is_reported(app):
    with app.app_context():
        extra = sa.MetaData()
        sa.Table("feedback_answers", extra, sa.Column("id", sa.Integer, primary_key=True),
                 sa.Column("phone", sa.String(40)), sa.Column("comment_text", sa.Text),
                 sa.Column("score", sa.Integer))  # fmt: skip
        assert registry.unregistered_personal_columns(extra) == [
            ("feedback_answers", "phone"),
            ("feedback_answers", "comment_text"),
        ]


def scan(needles: list[str]) -> set[tuple[str, str]]:
    """(table, row id) of every row where any text or JSON column contains a needle."""
    needles = [n.lower() for n in needles]
    hits: set[tuple[str, str]] = set()
    conn = db.session.connection()
    for table in db.metadata.sorted_tables:
        cols = [c for c in table.columns if isinstance(c.type, sa.String | sa.Text | sa.JSON)]
        if not cols:
            continue
        key = table.c.get("id")
        for row in conn.execute(sa.select(table)).mappings():
            for c in cols:
                value = row[c.name]
                text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                if any(n in (text or "").lower() for n in needles):
                    hits.add((table.name, str(row[key.name]) if key is not None else "?"))
    if conn.dialect.name == "sqlite":  # the FTS5 copy of the search index
        fts = (
            sa.inspect(conn).has_table("search_fts")
            or conn.execute(
                sa.text("SELECT 1 FROM sqlite_master WHERE name = 'search_fts'")
            ).first()
        )
        if fts:
            for rowid, title, body in conn.execute(
                sa.text("SELECT rowid, title, body FROM search_fts")
            ):
                if any(n in f"{title} {body}".lower() for n in needles):
                    hits.add(("search_fts", str(rowid)))
    return hits


def _extract_rows(data: dict) -> set[tuple[str, str]]:
    return {(t, str(r.get("id"))) for t, rows in data["tables"].items() for r in rows}


@pytest.fixture
def world(app):
    with app.app_context():
        w = privacy_world.build(app)
        # The audit log refers to Olle by name and email, and to Pia.
        record(
            "invitation.delegate_added",
            entity_type="Delegate",
            entity_id=w.delegates["olle"],
            after={"name": "Olle Åström", "email": "olle@example.se", "attended": True},
        )
        record("invitation.delegate_added", entity_type="Delegate", entity_id=w.delegates["pia"],
               after={"name": "Pia Publicerad", "email": "pia@example.se"})  # fmt: skip
        from sakrad.portal import search

        search.reindex()
        db.session.commit()
    return w


@pytest.mark.parametrize(
    ("email", "name", "covers"),
    [
        ("olle@example.se", "Olle Åström", False),
        ("pia@example.se", "Pia Publicerad", True),
        ("rep@example.se", "Rut Representant", False),
    ],
)
def test_extract_holds_every_row_a_scan_finds_and_erasure_leaves_none(
    app, client, world, email, name, covers
):
    with app.app_context():
        found = scan([email, name])
        assert found, "the world must hold this person somewhere"
        data = build_extract(email.upper())  # any case
        assert data["email"] == email
        missing = {hit for hit in found if hit[0] != "search_fts"} - _extract_rows(data)
        assert missing == set(), f"rows the extract misses: {missing}"
        counts = erase_person(email, "Begäran 2026-12-01, dnr 1", covers_published_names=covers)
        db.session.commit()
        assert counts
        assert scan([email, name]) == set()
        # The entries themselves are untouched; their personal values are blanked.
        erased = db.session.scalars(
            sa.select(AuditPersonalValue).where(AuditPersonalValue.erased_at.is_not(None))
        ).all()
        assert erased
        entry = db.session.scalar(
            sa.select(AuditEntry).where(AuditEntry.action == "privacy.person_erased")
        )
        assert entry.after["counts"] == counts
    if covers:
        page = client.get(f"/meetings/{world.meetings['old'].id}").text
        assert name not in page


def test_a_name_published_with_consent_stays_unless_the_request_covers_it(app, client, world):
    with app.app_context():
        erase_person("pia@example.se", "Begäran 2", covers_published_names=False)
        db.session.commit()
        assert scan(["pia@example.se"]) == set()
        kept = scan(["Pia Publicerad"])
        tables = {t for t, _ in kept}
        assert "invitation_delegates" in tables and "minutes_revisions" in tables
        assert "audit_personal_values" not in tables and "outbox_messages" not in tables
    assert "Pia Publicerad" in client.get(f"/meetings/{world.meetings['old'].id}").text


def test_admin_erasure_goes_through_a_check_page(app, client, auth, world):
    auth.login(world.admin_email)
    assert client.get("/admin/privacy/erase").status_code == 200
    bad = client.post("/admin/privacy/erase", data={"email": "inte-en-adress", "reason": ""})
    assert bad.status_code == 400 and 'id="email-error"' in bad.text
    check = client.post(
        "/admin/privacy/erase?lang=en",
        data={"email": "olle@example.se", "reason": "Request 7"},
    )
    assert check.status_code == 200
    assert "Check before erasing" in check.text and "invitation_delegates" in check.text
    assert "name was not published with consent." in check.text
    with app.app_context():
        assert scan(["olle@example.se"])  # nothing changed yet
    pia_check = client.post(
        "/admin/privacy/erase?lang=en", data={"email": "pia@example.se", "reason": "Request 8"}
    )
    assert "Kept: the person agreed to the publication" in pia_check.text
    done = client.post(
        "/admin/privacy/erase/confirm",
        data={"email": "olle@example.se", "reason": "Request 7", "covers_published_names": ""},
    )
    assert done.status_code == 303
    with app.app_context():
        assert scan(["olle@example.se", "Olle Åström"]) == set()
        entry = db.session.scalar(
            sa.select(AuditEntry).where(AuditEntry.action == "privacy.person_erased")
        )
        assert entry.actor_label.startswith("Alva Admin")


def test_extract_downloads_for_the_user_and_for_an_admin(app, client, auth, world):
    assert client.get("/privacy/my-data.json").status_code == 302  # login first
    auth.login("rep@example.se")
    assert client.get("/privacy/my-data").status_code == 200
    mine = client.get("/privacy/my-data.json")
    assert mine.status_code == 200 and mine.mimetype == "application/json"
    data = mine.get_json()
    assert data["email"] == "rep@example.se"
    user_row = data["tables"]["users"][0]
    assert user_row["name"] == "Rut Representant" and user_row["password_hash"] == "(hidden)"
    assert {"selection_interests", "representations"} <= set(data["tables"])
    auth.logout()
    auth.login(world.admin_email)
    other = client.post("/admin/privacy/extract", data={"email": "olle@example.se"})
    assert other.status_code == 200
    tables = other.get_json()["tables"]
    assert tables["invitation_delegates"][0]["needs_note"] == "Rullstol"
    assert "outbox_messages" in tables
    assert client.post("/admin/privacy/extract", data={"email": "x"}).status_code == 400
    auth.logout()
    auth.login("rep@example.se")
    assert (
        client.post("/admin/privacy/extract", data={"email": "olle@example.se"}).status_code == 403
    )
