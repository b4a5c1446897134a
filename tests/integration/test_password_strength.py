"""Guessable passwords are refused (zxcvbn score below 3), with the reason at the field in
the user's language."""

from __future__ import annotations

import pytest

from sakrad.accounts.models import Role
from sakrad.accounts.strength import weakness
from tests.helpers import PASSWORD, make_user


@pytest.mark.parametrize(
    "password,reason",
    [
        ("aaaaaaaaaaaa", "password_repeat"),
        ("password1234", "password_common"),
        ("abcdefghijklmn", "password_sequence"),
        (PASSWORD, None),
        ("sakrad-demo-2026", None),
    ],
)
def test_weakness_names_the_reason(password, reason):
    assert weakness(password) == reason


def test_a_password_made_of_the_users_email_is_refused():
    assert weakness("kalle.karlsson1", ("kalle.karlsson1@example.se",)) == "password_personal"


@pytest.fixture
def rep(app):
    with app.app_context():
        return make_user(Role.ORG_REP, email="rep@example.se").email


@pytest.mark.parametrize(
    "lang,text",
    [("sv", "Upprepade tecken eller ord är lätta att gissa"), ("en", "Repeated characters")],
)
def test_change_password_refuses_twelve_as_at_the_field(client, auth, rep, lang, text):
    auth.login(rep)
    client.set_cookie("sakrad_lang", lang)
    response = client.post(
        "/account/password",
        data={"current_password": PASSWORD, "new_password": "a" * 12, "confirm": "a" * 12},
    )
    assert response.status_code == 200
    assert 'id="new_password-error"' in response.text
    assert text in response.text
    # The old password still works.
    auth.logout()
    assert auth.login(rep).status_code == 303


def test_admin_cannot_create_an_account_with_a_common_password(app, client, auth):
    with app.app_context():
        admin = make_user(Role.ADMIN).email
    auth.login(admin)
    client.set_cookie("sakrad_lang", "en")
    response = client.post(
        "/admin/users/new",
        data={
            "name": "Ny Person",
            "email": "ny@example.se",
            "role": "org_rep",
            "convening_body_id": "0",
            "language": "sv",
            "password": "password1234",
        },
    )
    assert response.status_code == 200
    assert 'id="password-error"' in response.text
    assert "among the most common" in response.text
