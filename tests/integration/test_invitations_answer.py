"""Answering through the personal link, the reserve list, expiry and reminders."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from sakrad.audit.models import AuditEntry
from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.invitations import reminders, service, tokens
from sakrad.invitations.models import (
    Invitation,
    InvitationOrigin,
    InvitationState,
    ReserveMode,
)
from sakrad.mail.models import OutboxMessage
from tests.invitations_factories import (
    deadline_in,
    delegate,
    invite,
    make_selection,
    org_with_rep,
    staff_meeting,
)

STOCKHOLM_COUNTY, SKANE = "01", "12"


def accept_data(*people: tuple[str, str], public: tuple[bool, ...] = ()) -> dict:
    data = {"action": "accept"}
    for n, (name, email) in enumerate(people):
        data[f"accept-delegates-{n}-name"] = name
        data[f"accept-delegates-{n}-email"] = email
        if n < len(public) and public[n]:
            data[f"accept-delegates-{n}-name_public"] = "y"
    return data


def outbox(topic_prefix: str) -> list[OutboxMessage]:
    return [
        m
        for m in db.session.scalars(sa.select(OutboxMessage))
        if (m.topic or "").startswith(topic_prefix)
    ]


@pytest.fixture
def sent(app):
    """A sent invitation to an announced meeting (two delegates allowed) and its token."""
    with app.app_context():
        meeting, user = staff_meeting(delegates_per_org=2)
        org, rep = org_with_rep("Föreningen Gemenskap")
        invitation, token = invite(meeting, org, state=InvitationState.SENT)
        return {"id": invitation.id, "token": token, "meeting_id": meeting.id, "org_id": org.id}


def test_accept_then_change_of_mind_then_decline(client, app, sent):
    page = client.get(f"/answer/{sent['token']}")
    assert page.status_code == 200
    assert "Föreningen Gemenskap" in page.text
    assert page.headers["Cache-Control"] == "no-store"
    assert page.headers["Referrer-Policy"] == "no-referrer"
    response = client.post(
        f"/answer/{sent['token']}",
        data=accept_data(("Anna Andersson", "anna@example.se"), ("Bo Berg", "bo@example.se")),
    )
    assert response.status_code == 303
    with app.app_context():
        invitation = db.session.get(Invitation, sent["id"])
        assert invitation.state == InvitationState.ACCEPTED
        assert [d.name for d in invitation.delegates] == ["Anna Andersson", "Bo Berg"]
    # Change of mind: one delegate only, then decline.
    client.post(f"/answer/{sent['token']}", data=accept_data(("Cecilia", "c@example.se")))
    with app.app_context():
        assert [d.name for d in db.session.get(Invitation, sent["id"]).delegates] == ["Cecilia"]
    client.post(
        f"/answer/{sent['token']}",
        data={"action": "decline", "decline-decline_reason": "Krockar med årsmötet"},
    )
    with app.app_context():
        invitation = db.session.get(Invitation, sent["id"])
        assert invitation.state == InvitationState.DECLINED
        assert invitation.decline_reason == "Krockar med årsmötet"
        assert invitation.delegates == []
        actions = db.session.scalars(
            sa.select(AuditEntry.action).where(AuditEntry.entity_id == str(sent["id"]))
        ).all()
        assert {"invitation.accepted", "invitation.delegates", "invitation.declined"} <= set(
            actions
        )


def test_accept_refuses_too_many_or_no_delegates(client, app, sent):
    none = client.post(f"/answer/{sent['token']}", data=accept_data())
    assert "Ange minst ett ombud" in none.text
    with app.app_context():
        assert db.session.get(Invitation, sent["id"]).state == InvitationState.SENT
        invitation = db.session.get(Invitation, sent["id"])
        with pytest.raises(service.InvitationError) as exc:
            service.accept(invitation, [delegate(f"P{n}", f"p{n}@example.se") for n in range(3)])
        assert exc.value.code == "too_many_delegates"
        with pytest.raises(service.InvitationError) as exc:
            service.accept(invitation, [delegate("P", "inte-en-adress")])
        assert exc.value.code == "email_invalid"


@pytest.mark.parametrize("token", ["", "x", "a" * 43, "a" * 5000, "%00", "../../etc"])
def test_wrong_tokens_get_a_friendly_page(client, sent, token):
    response = client.get(f"/answer/{token}")
    assert response.status_code == 404
    assert "<h1>" in response.text and "Traceback" not in response.text


def test_wrong_token_takes_the_same_path_as_a_real_one(app, sent, monkeypatch):
    """One hashed, indexed lookup and one constant-time comparison, hit or miss."""
    import hmac

    calls = []
    real = hmac.compare_digest
    monkeypatch.setattr(hmac, "compare_digest", lambda a, b: calls.append(1) or real(a, b))
    statements = []
    with app.app_context():
        sa.event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        assert tokens.find(sent["token"]).id == sent["id"]
        assert tokens.find("x" * 43) is None
    assert calls == [1, 1]
    assert len(statements) == 2


def test_expired_token_shows_the_state_and_refuses_answers(client, app, sent):
    with app.app_context():
        invitation = db.session.get(Invitation, sent["id"])
        invitation.deadline = utcnow() - timedelta(minutes=1)
        db.session.commit()
    page = client.get(f"/answer/{sent['token']}")
    assert page.status_code == 200
    assert "Väntar på svar" in page.text
    assert 'name="action" value="accept"' not in page.text
    client.post(f"/answer/{sent['token']}", data=accept_data(("Anna", "anna@example.se")))
    with app.app_context():
        assert db.session.get(Invitation, sent["id"]).state == InvitationState.SENT


def test_a_token_opens_only_its_own_meetings_invitation(client, app, sent):
    with app.app_context():
        other_meeting, _u = staff_meeting()
        org, _rep = org_with_rep("Annan förening")
        other, other_token = invite(other_meeting, org, state=InvitationState.SENT)
        other_id = other.id
    page = client.get(f"/answer/{other_token}")
    assert "Annan förening" in page.text and "Föreningen Gemenskap" not in page.text
    client.post(f"/answer/{other_token}", data=accept_data(("Anna", "anna@example.se")))
    with app.app_context():
        assert db.session.get(Invitation, other_id).state == InvitationState.ACCEPTED
        assert db.session.get(Invitation, sent["id"]).state == InvitationState.SENT


def test_withdrawn_invitation_link_shows_state_only(client, app, sent):
    with app.app_context():
        invitation = db.session.get(Invitation, sent["id"])
        meeting = invitation.meeting
        from sakrad.accounts.models import Role
        from tests.helpers import make_user

        admin = make_user(Role.ADMIN)
        service.withdraw(admin, invitation, "Fel organisation")
        db.session.commit()
        assert meeting.id == sent["meeting_id"]
    page = client.get(f"/answer/{sent['token']}")
    assert page.status_code == 200
    assert 'value="accept"' not in page.text


def _panel(quota_max_stockholm: int = 2):
    """Three seats, one reserve from Stockholm county and one from Skåne; a quota of at
    most ``quota_max_stockholm`` organisations from Stockholm county."""
    meeting, user = staff_meeting()
    counties = [STOCKHOLM_COUNTY, STOCKHOLM_COUNTY, SKANE]
    panel = [org_with_rep(f"Panel {n}", county=c)[0] for n, c in enumerate(counties)]
    reserve_sthlm = org_with_rep("Reserv Stockholm", county=STOCKHOLM_COUNTY)[0]
    reserve_skane = org_with_rep("Reserv Skåne", county=SKANE)[0]
    make_selection(
        meeting,
        panel,
        [reserve_sthlm, reserve_skane],
        quotas=[
            {"feature": "county", "value": STOCKHOLM_COUNTY, "min": 0, "max": quota_max_stockholm}
        ],
    )
    service.invite_from_selection(user, meeting, deadline_in())
    service.send_pending(user, meeting)
    db.session.commit()
    return meeting, user, panel, reserve_sthlm, reserve_skane


def test_decline_fills_the_seat_with_the_first_reserve_that_keeps_quotas(ctx):
    meeting, _user, panel, reserve_sthlm, reserve_skane = _panel()
    skane_inv = service.live_invitation(meeting, panel[2].id)
    # Skåne's seat: the first reserve (Stockholm) would make three from Stockholm > max 2.
    service.decline(skane_inv, None)
    db.session.commit()
    replacement = skane_inv.replaced_by
    assert replacement.organisation_id == reserve_skane.id
    assert replacement.origin == InvitationOrigin.RESERVE
    assert replacement.state == InvitationState.SENT  # sent at once: the others were sent
    assert outbox(f"invitation-invitation:{replacement.id}")
    # A Stockholm seat now: the Stockholm reserve fits.
    sthlm_inv = service.live_invitation(meeting, panel[0].id)
    service.decline(sthlm_inv, "Inte vår fråga")
    db.session.commit()
    assert sthlm_inv.replaced_by.organisation_id == reserve_sthlm.id
    # The declined organisation cannot take the seat back.
    assert not service.can_answer(sthlm_inv)


def test_no_fitting_reserve_tells_the_civil_servant_which_quota(client, auth, app):
    with app.app_context():
        meeting, user, panel, reserve_sthlm, _skane = _panel()
        # Use up the Skåne reserve: it is invited by hand elsewhere in the list.
        service.invite_by_hand(user, meeting, _skane.id, "Redan tillfrågad", deadline_in())
        db.session.commit()
        skane_inv = service.live_invitation(meeting, panel[2].id)
        service.decline(skane_inv, None)
        db.session.commit()
        settings = service.settings_for(meeting)
        assert skane_inv.replaced_by_id is None
        assert "County" in settings.reserve_blocked or "Län" in settings.reserve_blocked
        email, meeting_id = user.email, meeting.id
    auth.login(email)
    page = client.get(f"/manage/meetings/{meeting_id}/invitations")
    assert page.status_code == 200
    assert "No reserve could take the seat" in page.text or "Ingen reserv" in page.text


def test_on_confirmation_mode_waits_for_the_civil_servant(ctx):
    from sakrad.invitations import reserve

    meeting, user, panel, _sthlm, reserve_skane = _panel()
    service.set_reserve_mode(user, meeting, ReserveMode.CONFIRM)
    skane_inv = service.live_invitation(meeting, panel[2].id)
    service.decline(skane_inv, None)
    db.session.commit()
    assert skane_inv.replaced_by_id is None
    assert reserve.open_seats(meeting) == [skane_inv]
    new, why = reserve.confirm_reserve(user, skane_inv)
    db.session.commit()
    assert why is None and new.organisation_id == reserve_skane.id
    assert reserve.open_seats(meeting) == []


def test_expiry_by_deadline_marks_expired_and_calls_the_reserve(ctx):
    meeting, _user, panel, _sthlm, reserve_skane = _panel()
    skane_inv = service.live_invitation(meeting, panel[2].id)
    skane_inv.deadline = utcnow() - timedelta(seconds=1)
    db.session.commit()
    expired, _reminded = reminders.run()
    db.session.commit()
    assert expired == 1
    assert skane_inv.state == InvitationState.EXPIRED
    assert skane_inv.replaced_by.organisation_id == reserve_skane.id
    assert reminders.run() == (0, 0) or reminders.run()[0] == 0


def test_reminders_go_once_and_the_first_link_keeps_working(ctx, app):
    meeting, _user = staff_meeting()
    org, _rep = org_with_rep()
    invitation, token = invite(meeting, org, state=InvitationState.SENT, deadline=deadline_in(2))
    far, _far_token = invite(
        meeting, org_with_rep()[0], state=InvitationState.SENT, deadline=deadline_in(20)
    )
    assert reminders.send_due_reminders() == 1
    db.session.commit()
    assert reminders.send_due_reminders() == 0
    assert len(outbox(f"invitation-reminder:{invitation.id}")) == 1
    assert not outbox(f"invitation-reminder:{far.id}")
    assert invitation.reminded_at is not None
    # The reminder carries a fresh link; the invitation's first link still works.
    assert tokens.find(token).id == invitation.id
    assert invitation.token_hash != tokens.hash_token(token)


def test_send_reminders_command(app, runner):
    with app.app_context():
        meeting, _user = staff_meeting()
        invite(meeting, org_with_rep()[0], state=InvitationState.SENT, deadline=deadline_in(1))
    result = runner.invoke(args=["sakrad", "send-reminders"])
    assert result.exit_code == 0, result.output
    assert "reminded 1" in result.output
    assert "reminded 0" in runner.invoke(args=["sakrad", "send-reminders"]).output


def test_reminder_by_hand(ctx):
    meeting, user = staff_meeting()
    a, _t = invite(meeting, org_with_rep()[0], state=InvitationState.SENT)
    b, _t = invite(meeting, org_with_rep()[0], state=InvitationState.SENT)
    assert reminders.remind_by_hand(user, meeting, [a.id]) == 1
    db.session.commit()
    assert a.reminded_at is not None and b.reminded_at is None
    with pytest.raises(service.InvitationError):
        reminders.remind_by_hand(user, meeting, [])


def test_database_refuses_two_live_invitations(ctx):
    meeting, _user = staff_meeting()
    org, _rep = org_with_rep()
    invite(meeting, org)
    with pytest.raises(sa.exc.IntegrityError):
        invite(meeting, org)
    db.session.rollback()
    old = db.session.scalar(sa.select(Invitation).where(Invitation.organisation_id == org.id))
    old.state = InvitationState.DECLINED
    old.sent_at = utcnow()
    db.session.commit()
    invite(meeting, org)  # history beside a new live one is fine


def test_manual_invitation_needs_a_reason(ctx):
    meeting, user = staff_meeting()
    org, _rep = org_with_rep()
    with pytest.raises(service.InvitationError) as exc:
        service.invite_by_hand(user, meeting, org.id, "  ", deadline_in())
    assert exc.value.field == "reason"
    with pytest.raises(service.InvitationError) as exc:
        service.invite_by_hand(user, meeting, org.id, "Skäl", utcnow() - timedelta(days=1))
    assert exc.value.code == "deadline_past"


def test_minutes_api(ctx):
    meeting, user = staff_meeting()
    yes_org, _ = org_with_rep("Ja-föreningen")
    no_org, _ = org_with_rep("Nej-föreningen")
    yes, _t = invite(meeting, yes_org, state=InvitationState.SENT)
    no, _t = invite(meeting, no_org, state=InvitationState.SENT)
    service.accept(
        yes,
        [
            delegate("Publik Person", "p@example.se", name_public=True),
            delegate("Hemlig Person", "h@example.se"),
        ],
    )
    service.decline(no, None)
    db.session.commit()
    assert [o.name for o in service.attending_organisations(meeting)] == ["Ja-föreningen"]
    assert service.public_delegate_names(meeting) == {yes_org.id: ["Publik Person"]}
    assert len(service.invitations_for_meeting(meeting)) == 2
