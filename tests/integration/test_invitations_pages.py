"""The pages around invitations: a representative answers from My pages, the civil servant
invites by hand, sends, sets the reserve mode and records attendance."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.invitations.models import (
    Invitation,
    InvitationSettings,
    InvitationState,
    ReserveMode,
)
from sakrad.mail.models import OutboxMessage
from tests.invitations_factories import invite, org_with_rep, staff_meeting


def test_representative_answers_from_the_dashboard(client, auth, app):
    with app.app_context():
        meeting, _user = staff_meeting()
        org, rep = org_with_rep("Bygdegården")
        invitation, _t = invite(meeting, org, state=InvitationState.SENT)
        email, inv_id = rep.email, invitation.id
    auth.login(email)
    dashboard = client.get("/dashboard/").text
    assert "Bygdegården" in dashboard and f"/invitations/{inv_id}/answer" in dashboard
    response = client.post(
        f"/invitations/{inv_id}/answer",
        data={
            "action": "accept",
            "accept-delegates-0-name": "Greta Gren",
            "accept-delegates-0-email": "greta@example.se",
            "accept-delegates-0-needs": ["diet", "sign_language"],
        },
    )
    assert response.status_code == 303
    with app.app_context():
        invitation = db.session.get(Invitation, inv_id)
        assert invitation.state == InvitationState.ACCEPTED
        assert invitation.delegates[0].needs == ["diet", "sign_language"]
        assert invitation.delegates[0].name_public is False


def test_civil_servant_invites_by_hand_sends_and_sets_the_mode(client, auth, app):
    with app.app_context():
        meeting, user = staff_meeting()
        org, _rep = org_with_rep("Handplockade föreningen")
        email, meeting_id, org_id = user.email, meeting.id, org.id
        deadline = (meeting.starts_at - timedelta(days=3)).astimezone()
    auth.login(email)
    base = f"/manage/meetings/{meeting_id}/invitations"
    form = client.get(base + "/new").text
    assert "Handplockade föreningen" in form
    missing_reason = client.post(
        base + "/new",
        data={"organisation_id": org_id, "reason": "", "deadline": "2020-01-01T10:00"},
    )
    assert missing_reason.status_code == 200 and "error-summary" in missing_reason.text
    local = deadline.strftime("%Y-%m-%dT%H:%M")
    ok = client.post(
        base + "/new",
        data={"organisation_id": org_id, "reason": "Unik kunskap", "deadline": local},
    )
    assert ok.status_code == 303
    assert client.post(base + "/send").status_code == 303
    assert client.post(base + "/send").status_code == 303  # nothing twice
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)) == 1
    client.post(base + "/settings", data={"reserve_mode": "confirm"})
    with app.app_context():
        settings = db.session.scalar(
            sa.select(InvitationSettings).where(InvitationSettings.meeting_id == meeting_id)
        )
        assert settings.reserve_mode == ReserveMode.CONFIRM
    overview = client.get(base).text
    assert "Handplockade föreningen" in overview and "Unik kunskap" in overview


def test_attendance_after_the_meeting(client, auth, app):
    from sakrad.invitations import service
    from tests.invitations_factories import delegate

    with app.app_context():
        meeting, user = staff_meeting()
        org, _rep = org_with_rep()
        invitation, _t = invite(meeting, org, state=InvitationState.SENT)
        service.accept(invitation, [delegate("Dora", "dora@example.se")])
        db.session.commit()
        email, meeting_id = user.email, meeting.id
        inv_id, delegate_id = invitation.id, invitation.delegates[0].id
    auth.login(email)
    url = f"/manage/meetings/{meeting_id}/invitations/attendance"
    page = client.get(url)
    assert page.status_code == 200 and "Dora" in page.text
    # Before the meeting has started, attendance is refused.
    client.post(url, data={f"org-{inv_id}": "yes"})
    with app.app_context():
        assert db.session.get(Invitation, inv_id).attended is None
        invitation = db.session.get(Invitation, inv_id)
        for session in invitation.meeting.sessions:
            session.starts_at = utcnow() - timedelta(hours=3)
            session.ends_at = utcnow() - timedelta(hours=1)
        db.session.commit()
    response = client.post(url, data={f"org-{inv_id}": "yes", f"delegate-{delegate_id}": "no"})
    assert response.status_code == 303
    with app.app_context():
        invitation = db.session.get(Invitation, inv_id)
        assert invitation.attended is True
        assert invitation.delegates[0].attended is False
