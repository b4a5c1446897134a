"""The personal answer page shows the online meeting link only while the invitation is live
(sent, not yet answered) or accepted; never after a withdrawal or a decline."""

from __future__ import annotations

import pytest

from sakrad.extensions import db
from sakrad.invitations import service
from sakrad.invitations.models import InvitationState
from tests.invitations_factories import delegate, invite, org_with_rep, staff_meeting

ONLINE = "https://meet.example/hemlig-lank-123"


@pytest.fixture
def sent(app):
    with app.app_context():
        meeting, user = staff_meeting()
        for session in meeting.sessions:
            session.online_url = ONLINE
        org, _ = org_with_rep()
        invitation, token = invite(meeting, org, state=InvitationState.SENT)
        db.session.commit()
        return {"invitation_id": invitation.id, "user_id": user.id, "token": token}


def _page(client, sent) -> str:
    response = client.get(f"/answer/{sent['token']}")
    assert response.status_code == 200
    return response.text


def _change(app, sent, what: str) -> None:
    from sakrad.accounts.models import User
    from sakrad.invitations.models import Invitation

    with app.app_context():
        invitation = db.session.get(Invitation, sent["invitation_id"])
        if what == "withdraw":
            service.withdraw(db.session.get(User, sent["user_id"]), invitation, "Fel mottagare")
        elif what == "decline":
            service.decline(invitation, "Vi kan inte")
        else:
            service.accept(invitation, [delegate("Anna Ombud", "anna@example.se")])
        db.session.commit()


def test_a_live_invitation_shows_the_online_link(client, sent):
    assert ONLINE in _page(client, sent)


def test_an_accepted_invitation_shows_the_online_link(app, client, sent):
    _change(app, sent, "accept")
    assert ONLINE in _page(client, sent)


@pytest.mark.parametrize("what", ["withdraw", "decline"])
def test_a_withdrawn_or_declined_invitation_hides_the_online_link(app, client, sent, what):
    _change(app, sent, what)
    page = _page(client, sent)
    assert ONLINE not in page
    assert "meet.example" not in page
