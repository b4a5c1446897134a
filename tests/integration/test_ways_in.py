"""Ways in for organisations: calls to action where a newcomer looks, log in or register and
back to what they came for, receipts by email, and no "Anmäl intresse" once the panel is
chosen."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import sqlalchemy as sa

from sakrad.accounts.models import Role
from sakrad.extensions import db
from sakrad.invitations.models import InvitationState
from sakrad.mail.models import OutboxMessage
from sakrad.meetings.models import MeetingState
from sakrad.organisations import service as org_service
from sakrad.organisations.models import EmailConfirmation
from tests.helpers import PASSWORD, make_body, make_organisation, make_user
from tests.invitations_factories import invite, org_with_rep, staff_meeting
from tests.invitations_factories import make_selection as selection_row
from tests.organisations_factories import form_data
from tests.proposals_factories import VALID, make_cycle
from tests.selection_factories import open_meeting


def _links(html: str) -> list[str]:
    return [m.replace("&amp;", "&") for m in re.findall(r'href="([^"]+)"', html)]


def _next_of(html: str, path_prefix: str) -> list[str]:
    return [
        parse_qs(urlsplit(h).query).get("next", [""])[0]
        for h in _links(html)
        if h.startswith(path_prefix)
    ]


def _outbox(prefix: str) -> list[OutboxMessage]:
    return [
        m
        for m in db.session.scalars(sa.select(OutboxMessage))
        if (m.topic or "").startswith(prefix)
    ]


def test_home_and_login_page_lead_a_stranger_to_registration(client):
    home = client.get("/").text
    assert "/register" in _links(home)
    login = client.get("/login?next=/proposals/cycle/3/new").text
    assert "Ny organisation?" in login
    assert "/proposals/cycle/3/new" in _next_of(login, "/register")


def test_open_call_offers_suggest_a_topic_then_back_after_login(app, client, auth):
    with app.app_context():
        body = make_body()
        rep = make_user(Role.ORG_REP)
        make_organisation("Hela Sverige ska leva", reps=(rep,))
        cycle = make_cycle(body, call="open")
        future = make_cycle(body, call="future")
        cycle_id, future_id, email = cycle.id, future.id, rep.email
    page = client.get(f"/cycles/{cycle_id}").text
    assert "Föreslå ett ämne" in page
    target = f"/proposals/cycle/{cycle_id}/new"
    assert target in _next_of(page, "/login")
    assert target in _next_of(page, "/register")
    assert "Föreslå ett ämne" not in client.get(f"/cycles/{future_id}").text
    # Logging in through that link comes back to the proposal form.
    response = client.post(
        f"/login?next={target}", data={"email": email, "password": "correct-horse-battery"}
    )
    assert response.headers["Location"].endswith(target)
    # A logged-in representative gets the button straight to the form.
    assert target in _links(client.get(f"/cycles/{cycle_id}").text)


def test_registering_from_a_call_to_action_comes_back_after_confirming(app, client):
    with app.app_context():
        org_service.ensure_reference_lists()
        db.session.commit()
    data = form_data(name="Språkcafé Henån")
    data.update(
        person_name="Amina Andersson", email="amina@example.se", password=PASSWORD, confirm=PASSWORD
    )
    target = "/meetings/7/interest"
    assert client.post(f"/register?next={target}", data=data).status_code == 303
    with app.app_context():
        body = db.session.scalars(sa.select(OutboxMessage.body_text)).one()
        assert db.session.scalar(sa.select(EmailConfirmation)) is not None
    path = urlsplit(re.search(r"https?://\S+", body).group(0)).path
    confirmed = client.post(path)
    assert confirmed.status_code == 303 and confirmed.headers["Location"].endswith(target)


def test_registration_never_returns_to_another_site(app, client):
    with app.app_context():
        org_service.ensure_reference_lists()
        db.session.commit()
    data = form_data(name="Föreningen Ute")
    data.update(person_name="Bo", email="bo@example.se", password=PASSWORD, confirm=PASSWORD)
    client.post("/register?next=//evil.example/x", data=data)
    with app.app_context():
        body = db.session.scalars(sa.select(OutboxMessage.body_text)).one()
    path = urlsplit(re.search(r"https?://\S+", body).group(0)).path
    location = client.post(path).headers["Location"]
    assert "evil" not in location and "/my/organisations/" in location


def test_announced_meeting_offers_interest_until_the_selection_is_confirmed(app, client):
    with app.app_context():
        meeting = open_meeting()
        meeting_id = meeting.id
    page = client.get(f"/meetings/{meeting_id}").text
    assert "Anmäl intresse" in page
    assert f"/meetings/{meeting_id}/interest" in _next_of(page, "/login")
    with app.app_context():
        org, _rep = org_with_rep()
        selection_row(db.session.get(type(meeting), meeting_id), [org], [])
    page = client.get(f"/meetings/{meeting_id}").text
    assert "Anmäl intresse" not in page


def test_interest_is_refused_after_the_selection(app, client, auth):
    """Guard: a representative cannot register interest once the panel is chosen."""
    with app.app_context():
        meeting = open_meeting()
        org, rep = org_with_rep()
        other, _ = org_with_rep()
        selection_row(meeting, [other], [])
        meeting_id, org_id, email = meeting.id, org.id, rep.email
    auth.login(email)
    page = client.get(f"/meetings/{meeting_id}").text
    assert f'action="/meetings/{meeting_id}/interest"' not in page
    response = client.post(
        f"/meetings/{meeting_id}/interest",
        data={"organisation_id": org_id, "motivation": "Vi vill vara med."},
    )
    assert response.status_code == 400
    assert "stängd" in response.text


def test_documented_meeting_offers_no_interest(app, client):
    with app.app_context():
        meeting, _user = staff_meeting(state=MeetingState.DOCUMENTED)
        meeting_id = meeting.id
    assert "Anmäl intresse" not in client.get(f"/meetings/{meeting_id}").text


def test_receipt_after_proposing_a_topic(app, client, auth):
    with app.app_context():
        body = make_body()
        rep = make_user(Role.ORG_REP)
        org = make_organisation("Hela Sverige ska leva", reps=(rep,))
        org.contact_email = "kansli@hsl.example.se"
        db.session.commit()
        cycle = make_cycle(body, call="open")
        cycle_id, org_id, email = cycle.id, org.id, rep.email
    auth.login(email)
    response = client.post(
        f"/proposals/cycle/{cycle_id}/new", data={**VALID, "organisation_id": org_id}
    )
    assert response.status_code == 303
    with app.app_context():
        (receipt,) = _outbox("proposal-receipt:")
        assert set(receipt.recipients) == {email, "kansli@hsl.example.se"}
        assert "Hela Sverige ska leva" in receipt.body_text
        assert VALID["title"] in receipt.body_text
        assert "/dashboard/" in receipt.body_text
        assert receipt.body_html and "<table" in receipt.body_html


def test_receipt_after_answering_the_invitation_through_the_link(app, client):
    with app.app_context():
        meeting, _user = staff_meeting()
        org, rep = org_with_rep("Skyddsvärnet")
        invitation, token = invite(meeting, org, state=InvitationState.SENT)
        rep_email = rep.email
    data = {
        "action": "accept",
        "accept-delegates-0-name": "Karin Berg",
        "accept-delegates-0-email": "karin@skyddsvarnet.example.se",
    }
    assert client.post(f"/answer/{token}", data=data).status_code == 303
    with app.app_context():
        (receipt,) = _outbox("invitation-receipt:")
        assert rep_email in receipt.recipients
        assert "Skyddsvärnet" in receipt.subject and "tackat ja" in receipt.subject
        assert "Karin Berg" in receipt.body_text
