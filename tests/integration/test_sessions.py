"""Server-side sessions: a copied cookie dies with logout, password change ends the others,
idle and absolute limits, a user lists and ends sessions, an admin ends all of a user's."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from sakrad.accounts.models import Role
from sakrad.accounts.sessions import UserSession
from sakrad.db import utcnow
from sakrad.extensions import db
from tests.helpers import PASSWORD, make_body, make_user

NEW_PASSWORD = "another-long-secret-2026"


@pytest.fixture
def servant(app):
    with app.app_context():
        return make_user(Role.CIVIL_SERVANT, email="hand@example.se", body=make_body()).email


@pytest.fixture
def admin(app):
    with app.app_context():
        return make_user(Role.ADMIN, email="admin@example.se").email


def _login(client, email: str, password: str = PASSWORD) -> None:
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 303, response.text


def _copy_cookie(source, target) -> None:
    target.set_cookie("session", source.get_cookie("session").value)


def _logged_in(client) -> bool:
    return client.get("/dashboard/").status_code == 200


def test_a_copied_cookie_is_useless_after_logout(app, client, servant):
    _login(client, servant)
    thief = app.test_client()
    _copy_cookie(client, thief)
    assert thief.get("/dashboard/").status_code == 200
    assert thief.get("/manage/cycles/").status_code == 200
    assert client.post("/logout").status_code == 303
    # The replayed cookie names a revoked session: anonymous, sent to log in.
    assert thief.get("/dashboard/").status_code == 302
    assert thief.get("/manage/cycles/").status_code == 302


def test_the_cookie_carries_a_random_session_id_not_the_user_id(app, client, servant):
    _login(client, servant)
    serializer = app.session_interface.get_signing_serializer(app)
    data = serializer.loads(client.get_cookie("session").value)
    with app.app_context():
        record = db.session.scalar(sa.select(UserSession))
        user_id = record.user_id
        # Only the hash of the id is stored.
        assert record.token_hash != data["_user_id"]
    assert data["_user_id"] != str(user_id)
    assert len(data["_user_id"]) >= 40


def test_a_forged_cookie_with_a_user_id_is_anonymous(app, client, servant):
    with app.app_context():
        user_id = db.session.scalar(sa.text("SELECT id FROM users"))
    with client.session_transaction() as sess:
        sess["_user_id"] = str(user_id)
        sess["_fresh"] = True
    assert client.get("/dashboard/").status_code == 302


def test_password_change_ends_every_other_session(app, client, servant):
    _login(client, servant)
    laptop = app.test_client()
    _login(laptop, servant)
    thief = app.test_client()
    _copy_cookie(laptop, thief)
    response = client.post(
        "/account/password",
        data={"current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert response.status_code == 303
    assert _logged_in(client)
    assert not _logged_in(laptop)
    assert not _logged_in(thief)


def test_deactivation_ends_every_session(app, client, servant, admin):
    user_client = app.test_client()
    _login(user_client, servant)
    _login(client, admin)
    with app.app_context():
        user_id = db.session.scalar(sa.text("SELECT id FROM users WHERE email = 'hand@example.se'"))
    assert client.post(f"/admin/users/{user_id}/active/0").status_code == 303
    assert not _logged_in(user_client)
    with app.app_context():
        live = db.session.scalars(
            sa.select(UserSession).where(
                UserSession.user_id == user_id, UserSession.revoked_at.is_(None)
            )
        ).all()
    assert live == []


@pytest.mark.parametrize(
    "column,age,ends",
    [
        ("last_seen_at", timedelta(minutes=31), True),
        ("last_seen_at", timedelta(minutes=20), False),
        ("created_at", timedelta(hours=8, minutes=1), True),
        ("created_at", timedelta(hours=7), False),
    ],
)
def test_idle_and_absolute_limits(app, client, servant, column, age, ends):
    _login(client, servant)
    with app.app_context():
        db.session.execute(sa.update(UserSession).values({column: utcnow() - age}))
        db.session.commit()
    assert _logged_in(client) is not ends


def test_idle_limit_is_configurable(app, client, servant):
    app.config["SESSION_IDLE_MINUTES"] = 5
    _login(client, servant)
    with app.app_context():
        db.session.execute(
            sa.update(UserSession).values(last_seen_at=utcnow() - timedelta(minutes=6))
        )
        db.session.commit()
    assert not _logged_in(client)


def test_a_request_keeps_the_session_alive(app, client, servant):
    _login(client, servant)
    with app.app_context():
        db.session.execute(
            sa.update(UserSession).values(last_seen_at=utcnow() - timedelta(minutes=29))
        )
        db.session.commit()
    assert _logged_in(client)
    with app.app_context():
        seen = db.session.scalar(sa.select(UserSession.last_seen_at))
    assert utcnow() - seen < timedelta(minutes=1)


def _session_ids(page_text: str) -> list[int]:
    return [int(n) for n in re.findall(r"/account/sessions/(\d+)/end", page_text)]


def test_a_user_lists_and_ends_their_sessions(app, client, servant):
    _login(client, servant)
    phone = app.test_client()
    _login(phone, servant)
    page = client.get("/account/sessions")
    assert page.status_code == 200
    ids = _session_ids(page.text)
    assert len(ids) == 2
    with app.app_context():
        phone_id = db.session.scalar(sa.select(sa.func.max(UserSession.id)))
    assert client.post(f"/account/sessions/{phone_id}/end").status_code == 303
    assert not _logged_in(phone)
    assert _logged_in(client)
    assert _session_ids(client.get("/account/sessions").text) == [min(ids)]


def test_end_all_other_sessions(app, client, servant):
    _login(client, servant)
    others = [app.test_client() for _ in range(2)]
    for other in others:
        _login(other, servant)
    assert client.post("/account/sessions/end-others").status_code == 303
    assert _logged_in(client)
    assert not any(_logged_in(o) for o in others)


def test_nobody_ends_someone_elses_session(app, client, servant):
    with app.app_context():
        make_user(Role.ORG_REP, email="other@example.se")
    other = app.test_client()
    _login(other, "other@example.se")
    with app.app_context():
        other_id = db.session.scalar(sa.select(sa.func.max(UserSession.id)))
    _login(client, servant)
    assert client.post(f"/account/sessions/{other_id}/end").status_code == 404
    assert _logged_in(other)


def test_an_admin_ends_all_sessions_of_a_user(app, client, servant, admin):
    user_clients = [app.test_client() for _ in range(2)]
    for c in user_clients:
        _login(c, servant)
    _login(client, admin)
    with app.app_context():
        user_id = db.session.scalar(sa.text("SELECT id FROM users WHERE email = 'hand@example.se'"))
    assert f"/admin/users/{user_id}/sessions/end" in client.get("/admin/users").text
    assert client.post(f"/admin/users/{user_id}/sessions/end").status_code == 303
    assert not any(_logged_in(c) for c in user_clients)
    assert _logged_in(client)
    # Only administrators may.
    _login(user_clients[0], servant)
    assert user_clients[0].post(f"/admin/users/{user_id}/sessions/end").status_code == 403


def test_sessions_page_in_both_languages(client, servant):
    _login(client, servant)
    assert "Dina sessioner" in client.get("/account/sessions").text
    client.get("/language/en")
    assert "Your sessions" in client.get("/account/sessions").text
