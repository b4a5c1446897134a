"""Invitation emails against a real SMTP server (aiosmtpd): recipients, language, the link,
the calendar file; sending twice; the server down while 200 go out; calendar updates."""

from __future__ import annotations

from email import message_from_bytes, policy

import pytest
import sqlalchemy as sa
from icalendar import Calendar

from sakrad.db import STOCKHOLM
from sakrad.extensions import db
from sakrad.invitations import service, tokens
from sakrad.invitations.models import Invitation, InvitationState
from sakrad.mail.delivery import deliver_pending
from sakrad.mail.models import OutboxMessage
from sakrad.meetings import service as meetings
from tests import smtp as smtp_server
from tests.cycles_factories import move_later
from tests.invitations_factories import (
    deadline_in,
    delegate,
    invite,
    make_selection,
    org_with_rep,
    staff_meeting,
)
from tests.smtp import start_server

smtp_port, app_config = smtp_server.smtp_port, smtp_server.app_config


@pytest.fixture
def smtp(inbox):
    return inbox


inbox = smtp_server.inbox


def parsed(inbox):
    return [message_from_bytes(e.content, policy=policy.default) for e in inbox.messages]


def calendar_of(message) -> Calendar:
    part = next(p for p in message.iter_attachments() if p.get_content_type() == "text/calendar")
    return Calendar.from_ical(part.get_content())


def body_text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_sending_mails_each_representative_in_their_language_with_link_and_ics(ctx, smtp):
    meeting, user = staff_meeting(title="Sakråd om etablering", title_en="Consultation on settling")
    sv_org, sv_rep = org_with_rep("Svenska föreningen")
    en_org, en_rep = org_with_rep("Refugees Welcome", language="en")
    make_selection(meeting, [sv_org, en_org], [])
    service.invite_from_selection(user, meeting, deadline_in(10))
    assert service.send_pending(user, meeting) == 2
    db.session.commit()
    assert deliver_pending() == (2, 0)

    by_rcpt = {tuple(e.rcpt_tos): m for e, m in zip(smtp.messages, parsed(smtp), strict=True)}
    sv_mail, en_mail = by_rcpt[(sv_rep.email,)], by_rcpt[(en_rep.email,)]
    assert sv_mail["Subject"] == "Inbjudan: Sakråd om etablering"
    assert en_mail["Subject"] == "Invitation: Consultation on settling"
    assert "Svara senast" in body_text(sv_mail)
    assert "Answer by" in body_text(en_mail)
    # The expectations card and the session, in Swedish time.
    start = meeting.sessions[0].starts_at.astimezone(STOCKHOLM)
    assert start.strftime("%Y-%m-%d %H:%M") in body_text(sv_mail)
    assert meeting.purpose in body_text(sv_mail)
    # The personal link opens the right invitation.
    link = next(w for w in body_text(sv_mail).split() if "/answer/" in w)
    token = link.rsplit("/", 1)[1]
    assert link.startswith("http://localhost/answer/")
    assert tokens.find(token).organisation_id == sv_org.id
    # The calendar file: METHOD:REQUEST, the session's times in Europe/Stockholm.
    cal = calendar_of(sv_mail)
    assert str(cal["method"]) == "REQUEST"
    event = next(iter(cal.walk("VEVENT")))
    assert event.decoded("dtstart") == start
    assert event.decoded("dtstart").tzinfo is not None
    assert event.decoded("dtend") == meeting.sessions[0].ends_at.astimezone(STOCKHOLM)
    part = next(sv_mail.iter_attachments())
    assert part.get_param("method") == "REQUEST"
    assert sv_mail.get_body(preferencelist=("html",)) is not None


def test_sending_twice_sends_nothing_twice(ctx, smtp):
    meeting, user = staff_meeting()
    org, _rep = org_with_rep()
    service.invite_by_hand(user, meeting, org.id, "Expert på området", deadline_in())
    assert service.send_pending(user, meeting) == 1
    db.session.commit()
    assert service.send_pending(user, meeting) == 0
    db.session.commit()
    deliver_pending()
    deliver_pending()
    assert len(smtp.messages) == 1


def test_contact_email_when_there_is_no_representative(ctx, smtp):
    from tests.helpers import make_organisation

    meeting, user = staff_meeting()
    org = make_organisation()
    service.invite_by_hand(user, meeting, org.id, "Lokal förankring", deadline_in())
    service.send_pending(user, meeting)
    db.session.commit()
    deliver_pending()
    assert smtp.messages[0].rcpt_tos == [org.contact_email]


def test_smtp_down_while_200_invitations_go_out_none_lost_none_twice(ctx, smtp_port):
    meeting, user = staff_meeting()
    orgs = [org_with_rep(f"Förening {n:03}")[0] for n in range(200)]
    make_selection(meeting, orgs, [])
    service.invite_from_selection(user, meeting, deadline_in())
    assert service.send_pending(user, meeting) == 200
    db.session.commit()
    assert deliver_pending(limit=500) == (0, 200)  # nobody listening
    db.session.execute(sa.update(OutboxMessage).values(next_attempt_at=OutboxMessage.created_at))
    db.session.commit()
    controller, inbox = start_server(smtp_port)
    try:
        assert deliver_pending(limit=500) == (200, 0)
        assert deliver_pending(limit=500) == (0, 0)
        assert service.send_pending(user, meeting) == 0
        db.session.commit()
        assert deliver_pending(limit=500) == (0, 0)
    finally:
        controller.stop()
    recipients = sorted(r for e in inbox.messages for r in e.rcpt_tos)
    assert len(recipients) == 200 == len(set(recipients))


def test_time_change_sends_updated_ics_to_accepted_only(ctx, smtp):
    meeting, user = staff_meeting()
    yes_org, _ = org_with_rep()
    no_org, _ = org_with_rep()
    yes, _t = invite(meeting, yes_org, state=InvitationState.SENT)
    no, _t = invite(meeting, no_org, state=InvitationState.SENT)
    service.accept(yes, [delegate("Anna", "anna@example.se")])
    service.decline(no, "Vi har inte tid")
    db.session.commit()
    deliver_pending()
    smtp.messages.clear()
    session = meeting.sessions[0]
    uid_before = session.id
    move_later(user, session, online_url=None)
    db.session.commit()
    deliver_pending()
    assert len(smtp.messages) == 1
    message = parsed(smtp)[0]
    assert smtp.messages[0].rcpt_tos == [r.user.email for r in yes_org.representatives]
    event = next(iter(calendar_of(message).walk("VEVENT")))
    assert str(event["uid"]).startswith(f"session-{uid_before}@")
    assert int(event["sequence"]) == meeting.ical_sequence >= 1
    assert event.decoded("dtstart") == session.starts_at.astimezone(STOCKHOLM)


def test_cancelled_meeting_sends_cancel_ics(ctx, smtp):
    meeting, user = staff_meeting()
    org, _ = org_with_rep()
    invitation, _t = invite(meeting, org, state=InvitationState.SENT)
    service.accept(invitation, [delegate("Anna", "anna@example.se")])
    db.session.commit()
    sequence = meeting.ical_sequence
    meetings.cancel(user, meeting, "Ministern är sjuk.")
    db.session.commit()
    deliver_pending()
    message = parsed(smtp)[-1]
    assert "Inställt" in message["Subject"]
    cal = calendar_of(message)
    assert str(cal["method"]) == "CANCEL"
    event = next(iter(cal.walk("VEVENT")))
    assert str(event["status"]) == "CANCELLED"
    assert int(event["sequence"]) == sequence + 1
    rows = db.session.scalars(sa.select(OutboxMessage)).all()
    assert len([r for r in rows if r.topic.startswith("invitation-cancelled")]) == 1


def test_rolled_back_cancellation_sends_nothing(ctx, smtp):
    meeting, user = staff_meeting()
    org, _ = org_with_rep()
    invitation, _t = invite(meeting, org, state=InvitationState.SENT)
    service.accept(invitation, [delegate("Anna", "anna@example.se")])
    db.session.commit()
    meetings.cancel(user, meeting, "Ministern är sjuk.")
    db.session.flush()
    db.session.rollback()
    assert deliver_pending() == (0, 0)
    assert db.session.get(Invitation, invitation.id).state == InvitationState.ACCEPTED
