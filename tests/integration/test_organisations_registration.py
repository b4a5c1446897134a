"""Self-registration with email confirmation through a real SMTP server (aiosmtpd), link
expiry, and invitations of further representatives."""

from __future__ import annotations

import re
from datetime import timedelta
from email import message_from_bytes, policy

import pytest
import sqlalchemy as sa

from sakrad.accounts.models import Role, User
from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.mail.delivery import deliver_pending
from sakrad.organisations import service
from sakrad.organisations.models import (
    EmailConfirmation,
    Organisation,
    Representation,
    RepresentativeInvite,
)
from tests import smtp
from tests.helpers import PASSWORD, make_user
from tests.organisations_factories import form_data, make_profiled_organisation

smtp_port, app_config, inbox = smtp.smtp_port, smtp.app_config, smtp.inbox


@pytest.fixture
def lists(app):
    with app.app_context():
        service.ensure_reference_lists()
        db.session.commit()


def deliver_and_read_link(app, inbox, recipient: str) -> str:
    """Send the outbox to the SMTP server and return the path of the link in the mail."""
    with app.app_context():
        assert deliver_pending()[0] >= 1
    envelope = inbox.messages[-1]
    assert envelope.rcpt_tos == [recipient]
    parsed = message_from_bytes(envelope.content, policy=policy.default)
    body = parsed.get_body(("plain",)).get_content()
    url = re.search(r"https?://\S+", body).group(0)
    return re.sub(r"^https?://[^/]+", "", url)


def register(client, **overrides):
    data = form_data(name="Språkcafé Henån", **overrides)
    data.update(
        person_name="Amina Andersson", email="amina@example.se", password=PASSWORD, confirm=PASSWORD
    )
    return client.post("/register", data=data)


def test_registration_is_confirmed_through_the_emailed_link(client, app, inbox, lists):
    response = register(client)
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/register/sent")
    with app.app_context():
        # Nothing in the registry yet, and the account cannot log in.
        assert (
            db.session.scalar(sa.select(Organisation).where(Organisation.name == "Språkcafé Henån"))
            is None
        )
        user = db.session.scalar(sa.select(User).where(User.email == "amina@example.se"))
        assert user.role == Role.ORG_REP and not user.active
        stored = db.session.scalar(sa.select(EmailConfirmation))
        assert len(stored.token_hash) == 64  # only the SHA-256 of the token is kept
    assert (
        client.post("/login", data={"email": "amina@example.se", "password": PASSWORD}).status_code
        == 200
    )

    path = deliver_and_read_link(app, inbox, "amina@example.se")
    assert path.startswith("/register/confirm/")
    assert stored.token_hash not in path
    page = client.get(path)
    assert page.status_code == 200 and "Språkcafé Henån".encode() in page.data
    confirmed = client.post(path)
    assert confirmed.status_code == 303
    with app.app_context():
        org = db.session.scalar(
            sa.select(Organisation).where(Organisation.name == "Språkcafé Henån")
        )
        user = db.session.scalar(sa.select(User).where(User.email == "amina@example.se"))
        assert user.active
        assert service.represents(user, org.id)
        assert org.municipality == "1421" and [f.code for f in org.focus_areas] == ["landsbygd"]
    # Logged in now: the profile is theirs to edit.
    assert client.get(f"/my/organisations/{org.id}/profile").status_code == 200
    # The link works once.
    assert client.get(path).status_code == 410


def test_link_expires_after_48_hours(client, app, inbox, lists):
    register(client)
    path = deliver_and_read_link(app, inbox, "amina@example.se")
    with app.app_context():
        row = db.session.scalar(sa.select(EmailConfirmation))
        assert (
            timedelta(hours=47, minutes=59) < row.expires_at - row.created_at <= timedelta(hours=48)
        )
        row.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    response = client.post(path)
    assert response.status_code == 410
    assert b"48" in client.get(path).data
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Organisation.id))) == 0
        assert not db.session.scalar(sa.select(User).where(User.email == "amina@example.se")).active


def test_an_unconfirmed_person_may_register_again_and_only_the_new_link_works(
    client, app, inbox, lists
):
    register(client)
    old = deliver_and_read_link(app, inbox, "amina@example.se")
    assert register(client).status_code == 303
    new = deliver_and_read_link(app, inbox, "amina@example.se")
    assert old != new
    assert client.post(old).status_code == 410
    assert client.post(new).status_code == 303


def test_existing_account_is_told_to_log_in(client, app, lists, inbox):
    # Issue 12, item 8: the page no longer tells a stranger that the account exists; the
    # owner is told to log in, by email, instead.
    with app.app_context():
        make_user(Role.ORG_REP, email="amina@example.se").language = "en"
        db.session.commit()
    client.set_cookie("sakrad_lang", "en")
    response = register(client)
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/register/sent")
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(EmailConfirmation.id))) == 0
        assert deliver_pending()[0] == 1
    envelope = inbox.messages[-1]
    assert envelope.rcpt_tos == ["amina@example.se"]
    body = message_from_bytes(envelope.content, policy=policy.default).get_body(("plain",))
    assert "Log in and register the organisation" in body.get_content()
    assert "/login" in body.get_content()


def _register_as(client, email: str, name: str = "Språkcafé Henån"):
    data = form_data(name=name)
    data.update(person_name="Amina Andersson", email=email, password=PASSWORD, confirm=PASSWORD)
    return client.post("/register", data=data)


def test_registration_answers_the_same_for_existing_and_new_emails(client, app, lists):
    with app.app_context():
        make_user(Role.ORG_REP, email="admin-like@example.se")
    known = _register_as(client, "admin-like@example.se")
    unknown = _register_as(client, "brand-new@example.se", "Annan förening")
    assert known.status_code == unknown.status_code == 303
    assert known.headers["Location"] == unknown.headers["Location"]
    assert (
        client.get(known.headers["Location"]).text == client.get(unknown.headers["Location"]).text
    )


@pytest.mark.parametrize("app_config", [{"REGISTER_LIMIT_PER_IP": "3 per hour"}])
def test_registration_is_throttled_per_address(client, app, lists):
    for n in range(3):
        assert _register_as(client, f"probe{n}@example.se", f"Förening {n}").status_code == 303
    assert _register_as(client, "probe9@example.se", "Förening 9").status_code == 429


def test_logged_in_representative_registers_a_second_organisation_at_once(client, auth, app, lists):
    with app.app_context():
        rep = make_user(Role.ORG_REP)
        make_profiled_organisation(reps=(rep,))
        email = rep.email
    auth.login(email)
    response = client.post("/register", data=form_data(name="Andra föreningen"))
    assert response.status_code == 303
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == email))
        assert sorted(o.name for o in service.organisations_of(user))[0] == "Andra föreningen"
        assert len(service.organisations_of(user)) == 2


def test_invited_person_without_account_becomes_representative(client, auth, app, inbox, lists):
    with app.app_context():
        rep = make_user(Role.ORG_REP)
        org = make_profiled_organisation(reps=(rep,))
        email, org_id = rep.email, org.id
    auth.login(email)
    sent = client.post(
        f"/my/organisations/{org_id}/representatives", data={"email": "Ny@Example.se"}
    )
    assert sent.status_code == 303
    auth.logout()
    path = deliver_and_read_link(app, inbox, "ny@example.se")
    assert path.startswith("/register/invite/")
    response = client.post(
        path, data={"name": "Nils Ny", "password": PASSWORD, "confirm": PASSWORD, "language": "en"}
    )
    assert response.status_code == 303
    with app.app_context():
        new = db.session.scalar(sa.select(User).where(User.email == "ny@example.se"))
        assert new.active and service.represents(new, org_id)
        invite = db.session.scalar(sa.select(RepresentativeInvite))
        assert invite.accepted_by_id == new.id
        rep_row = db.session.scalar(
            sa.select(Representation).where(Representation.user_id == new.id)
        )
        assert rep_row.invited_by_id is not None
    assert client.post(path).status_code == 410


def test_existing_representative_accepts_after_logging_in_and_invite_expires(
    client, auth, app, inbox, lists
):
    with app.app_context():
        rep = make_user(Role.ORG_REP)
        other = make_user(Role.ORG_REP, email="redan@example.se")
        org = make_profiled_organisation(reps=(rep,))
        ids = (org.id, other.id)
        rep_email = rep.email
    auth.login(rep_email)
    client.post(f"/my/organisations/{ids[0]}/representatives", data={"email": "redan@example.se"})
    auth.logout()
    path = deliver_and_read_link(app, inbox, "redan@example.se")
    # Not logged in: asked to log in first, nothing happens.
    assert client.post(path).status_code == 200
    # The wrong person cannot use it.
    auth.login(rep_email)
    client.set_cookie("sakrad_lang", "en")
    assert b"sent to another email address" in client.post(path).data
    auth.logout()
    with app.app_context():
        row = db.session.scalar(sa.select(RepresentativeInvite))
        row.expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    auth.login("redan@example.se")
    assert client.post(path).status_code == 410
    with app.app_context():
        assert not service.represents(db.session.get(User, ids[1]), ids[0])


def test_the_last_representative_cannot_leave_but_one_of_two_can(client, auth, app, lists):
    with app.app_context():
        first, second = make_user(Role.ORG_REP), make_user(Role.ORG_REP)
        org = make_profiled_organisation(reps=(first, second))
        ids = (org.id, first.id, second.id)
        emails = (first.email, second.email)
    client.set_cookie("sakrad_lang", "en")
    auth.login(emails[0])
    assert (
        client.post(f"/my/organisations/{ids[0]}/representatives/{ids[2]}/remove").status_code
        == 303
    )
    response = client.post(
        f"/my/organisations/{ids[0]}/representatives/{ids[1]}/remove", follow_redirects=True
    )
    assert b"must keep at least one representative" in response.data
    with app.app_context():
        org = db.session.get(Organisation, ids[0])
        assert [r.user_id for r in org.representatives] == [ids[1]]


def test_the_language_for_emails_follows_the_page_of_a_new_registration(client, app, lists):
    """Someone registering in English gets English emails unless they choose otherwise; an
    existing organisation's profile keeps the language it has."""
    page = client.get("/register").get_data(as_text=True)
    assert re.search(r'<option selected value="sv">|<option value="sv" selected', page)
    client.get("/language/en?next=/")
    page = client.get("/register").get_data(as_text=True)
    assert re.search(r'<option selected value="en">|<option value="en" selected', page)
    with app.app_context():
        rep = make_user(Role.ORG_REP)
        org = make_profiled_organisation(reps=(rep,))
        org.language = "sv"
        db.session.commit()
        email, org_id = rep.email, org.id
    client.post("/login", data={"email": email, "password": PASSWORD})
    profile = client.get(f"/my/organisations/{org_id}/profile").get_data(as_text=True)
    assert re.search(r'<option selected value="sv">|<option value="sv" selected', profile)
