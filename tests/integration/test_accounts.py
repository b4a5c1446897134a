"""Logging in and out, the throttle, deactivation, password change."""

from __future__ import annotations

import pytest

from sakrad.accounts.models import Role
from sakrad.audit.models import AuditEntry
from sakrad.extensions import db
from tests.helpers import PASSWORD, make_user


@pytest.fixture
def rep(app):
    with app.app_context():
        return make_user(Role.ORG_REP, email="rep@example.se").email


def test_login_success_redirects_to_dashboard_and_logs(client, auth, rep, app):
    response = auth.login(rep)
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/dashboard/")
    page = client.get("/dashboard/")
    assert page.status_code == 200
    assert "Mina sidor" in page.text
    with app.app_context():
        actions = db.session.scalars(db.select(AuditEntry.action)).all()
    assert "user.logged_in" in actions


def test_login_is_case_insensitive_on_email(auth, rep):
    assert auth.login(rep.upper()).status_code == 303


@pytest.mark.parametrize(
    "email,password", [("rep@example.se", "wrong-password!"), ("nobody@example.se", PASSWORD)]
)
def test_failed_login_gives_same_message_for_unknown_email(auth, rep, email, password):
    response = auth.login(email, password)
    assert response.status_code == 200
    assert "E-postadressen eller lösenordet är fel" in response.text


def test_login_respects_next_but_not_other_hosts(client, auth, rep):
    assert (
        client.post(
            "/login?next=/account/password", data={"email": rep, "password": PASSWORD}
        ).headers["Location"]
        == "/account/password"
    )
    auth.logout()
    location = client.post(
        "/login?next=https://evil.example/x", data={"email": rep, "password": PASSWORD}
    ).headers["Location"]
    assert location.endswith("/dashboard/")


def test_deactivated_user_cannot_log_in(app, auth):
    with app.app_context():
        user = make_user(Role.CIVIL_SERVANT, email="gone@example.se", active=False)
    response = auth.login(user.email)
    assert response.status_code == 200
    assert "inte aktivt" in response.text


def test_deactivation_ends_an_open_session(app, client, auth, rep):
    from sakrad.accounts.service import find_user_by_email

    auth.login(rep)
    assert client.get("/dashboard/").status_code == 200
    with app.app_context():
        find_user_by_email(rep).active = False
        db.session.commit()
    assert client.get("/dashboard/").status_code == 302


def test_throttle_per_account_applies_to_unknown_emails_too(client, auth, rep):
    for _ in range(5):
        assert auth.login("nobody@example.se", "wrong-password!").status_code == 200
    throttled = auth.login("nobody@example.se", "wrong-password!")
    assert throttled.status_code == 429
    assert "För många misslyckade inloggningsförsök" in throttled.text
    # Another account from the same address is not locked out by the account limit.
    assert auth.login(rep).status_code == 303


def test_throttle_locks_out_even_the_right_password(auth, rep):
    for _ in range(5):
        auth.login(rep, "wrong-password!")
    response = auth.login(rep)
    assert response.status_code == 429


@pytest.mark.parametrize("app_config", [{"LOGIN_LIMIT_PER_IP": "3 per minute"}])
def test_throttle_per_ip_across_accounts(auth):
    for i in range(3):
        assert auth.login(f"person{i}@example.se", "wrong-password!").status_code == 200
    response = auth.login("person9@example.se", "wrong-password!")
    assert response.status_code == 429


def test_throttle_message_in_english(client, auth):
    client.get("/language/en")
    for _ in range(5):
        auth.login("x@example.se", "wrong-password!")
    assert "Too many failed login attempts" in auth.login("x@example.se", "bad").text


def test_successful_logins_do_not_count_towards_the_throttle(client, auth, rep):
    for _ in range(7):
        assert auth.login(rep).status_code == 303
        auth.logout()


def test_logout_requires_post_and_ends_session(client, auth, rep):
    auth.login(rep)
    assert client.get("/logout").status_code == 405
    response = auth.logout()
    assert response.status_code == 303
    assert client.get("/dashboard/").status_code == 302


def test_change_password(client, auth, rep):
    auth.login(rep)
    bad = client.post(
        "/account/password",
        data={
            "current_password": "nope-nope-nope",
            "new_password": "another-long-secret",
            "confirm": "another-long-secret",
        },
    )
    assert bad.status_code == 200
    assert "Det nuvarande lösenordet är inte rätt." in bad.text
    assert 'aria-describedby="current_password-error"' in bad.text
    short = client.post(
        "/account/password",
        data={"current_password": PASSWORD, "new_password": "short", "confirm": "short"},
    )
    assert "minst 12" in short.text.lower() or "at least 12" in short.text.lower()
    ok = client.post(
        "/account/password",
        data={
            "current_password": PASSWORD,
            "new_password": "another-long-secret",
            "confirm": "another-long-secret",
        },
    )
    assert ok.status_code == 303
    auth.logout()
    assert auth.login(rep).status_code == 200
    assert auth.login(rep, "another-long-secret").status_code == 303


def test_password_is_stored_with_argon2(app, rep):
    from sakrad.accounts.service import find_user_by_email

    with app.app_context():
        assert find_user_by_email(rep).password_hash.startswith("$argon2id$")


def test_session_cookie_flags(client, auth, rep):
    response = auth.login(rep)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_production_cookie_is_secure_and_secret_required(monkeypatch):
    from sakrad import create_app

    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("SAKRAD_SECRET_KEY", raising=False)
    import config

    monkeypatch.setattr(config.ProdConfig, "SECRET_KEY", None)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(config_name="production")
    monkeypatch.setattr(config.ProdConfig, "SECRET_KEY", "x" * 32)
    monkeypatch.setattr(config.ProdConfig, "SQLALCHEMY_DATABASE_URI", "sqlite://")
    monkeypatch.setattr(config.ProdConfig, "PUBLIC_BASE_URL", "https://sakrad.example.se")
    app = create_app(config_name="production")
    assert app.config["SESSION_COOKIE_SECURE"] is True
