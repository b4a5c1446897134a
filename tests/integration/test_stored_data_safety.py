"""Calendars and mail never fail on what is stored (a CRLF in a title from a hand-made POST),
single-line form fields refuse control characters, .ics attachments say charset=utf-8, and a
dead mail worker's claim is retried after a few SMTP timeouts."""

from __future__ import annotations

from datetime import timedelta
from email import message_from_bytes, policy

import pytest
import sqlalchemy as sa
from icalendar import Calendar

from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.mail import service as mail
from sakrad.mail.delivery import claim_timeout, deliver_pending
from sakrad.mail.models import OutboxMessage, OutboxState
from sakrad.meetings.models import Meeting, MeetingState
from tests import smtp
from tests.invitations_factories import invite, org_with_rep, staff_meeting

EVIL = "CRLF-TEST\r\nBcc: victim@example.org"


smtp_port, app_config, inbox = smtp.smtp_port, smtp.app_config, smtp.inbox


@pytest.fixture
def evil_meeting(app):
    """An announced meeting whose title got a CRLF in before the form check existed."""
    with app.app_context():
        meeting, user = staff_meeting(state=MeetingState.ANNOUNCED)
        db.session.execute(
            sa.update(Meeting).where(Meeting.id == meeting.id).values(title=EVIL, purpose="A\rB")
        )
        for session in meeting.sessions:
            session.place = "Rosenbad\r\nsal 2"
        db.session.commit()
        return {
            "meeting_id": meeting.id,
            "body_slug": meeting.convening_body.slug,
            "user": user.email,
        }


def test_calendars_with_a_crlf_title_are_valid(client, evil_meeting):
    for path in (
        "/calendar.ics",
        f"/calendar/{evil_meeting['body_slug']}.ics",
        f"/meetings/{evil_meeting['meeting_id']}.ics",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        calendar = Calendar.from_ical(response.data)
        summaries = [str(e["summary"]) for e in calendar.walk("VEVENT")]
        assert any(s.startswith("CRLF-TEST Bcc: victim@example.org") for s in summaries), path
        assert b"\r\nBcc:" not in response.data


def test_invitation_mail_with_a_crlf_title_is_sent_without_a_new_header(app, evil_meeting, inbox):
    from sakrad.invitations.mail import calendar_attachment

    with app.app_context():
        meeting = db.session.get(Meeting, evil_meeting["meeting_id"])
        org, _rep = org_with_rep()
        invitation, _token = invite(meeting, org, state=InvitationState_SENT())
        mail.queue(
            ["org@example.se"],
            f"Inbjudan: {meeting.title}",
            "Text",
            attachments=[calendar_attachment(invitation, "REQUEST")],
        )
        db.session.commit()
        assert deliver_pending() == (1, 0)
    envelope = inbox.messages[-1]
    assert envelope.rcpt_tos == ["org@example.se"]
    parsed = message_from_bytes(envelope.content, policy=policy.default)
    assert parsed["Bcc"] is None
    assert parsed["Subject"] == "Inbjudan: CRLF-TEST Bcc: victim@example.org"
    attachment = next(parsed.iter_attachments())
    # The calendar is UTF-8 and says so (issue 12, item 10).
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_param("charset") == "utf-8"
    assert attachment.get_param("method") == "REQUEST"


def InvitationState_SENT():
    from sakrad.invitations.models import InvitationState

    return InvitationState.SENT


def test_ics_attachment_declares_utf8_so_a_ring_survives(app, inbox):
    with app.app_context():
        mail.queue(
            ["a@example.se"],
            "Sakråd",
            "Text",
            attachments=[
                mail.Attachment(
                    "mote.ics",
                    "text/calendar; method=REQUEST",
                    "BEGIN:VCALENDAR\r\nX-WR-CALNAME:Sakråd\r\nEND:VCALENDAR\r\n".encode(),
                )
            ],
        )
        db.session.commit()
        assert deliver_pending() == (1, 0)
    parsed = message_from_bytes(inbox.messages[-1].content, policy=policy.default)
    attachment = next(parsed.iter_attachments())
    assert (
        'charset="utf-8"' in attachment["Content-Type"]
        or "charset=utf-8" in attachment["Content-Type"]
    )
    assert "Sakråd" in attachment.get_content()


@pytest.mark.parametrize(
    "value", ["Titel\r\nBcc: x@example.org", "Titel\nrad", "Tab\there", "NUL-fri\x07"]
)
def test_single_line_fields_refuse_control_characters(app, client, auth, value):
    with app.app_context():
        meeting, user = staff_meeting(state=MeetingState.DRAFT)
        meeting_id, email = meeting.id, user.email
    auth.login(email)
    client.set_cookie("sakrad_lang", "en")
    response = client.post(
        f"/manage/meetings/{meeting_id}/edit",
        data={
            "version": "1",
            "kind": "sakrad",
            "title": value,
            "chair_title": "statssekreterare",
            "delegates_per_org": "2",
        },
    )
    assert response.status_code == 200
    assert 'id="title-error"' in response.text
    assert "Remove line breaks and other control characters" in response.text
    with app.app_context():
        assert db.session.get(Meeting, meeting_id).title != value


def test_multi_line_fields_keep_line_breaks(app, client, auth):
    with app.app_context():
        meeting, user = staff_meeting(state=MeetingState.DRAFT)
        meeting_id, email, version = meeting.id, user.email, meeting.version_id
    auth.login(email)
    response = client.post(
        f"/manage/meetings/{meeting_id}/edit",
        data={
            "version": str(version),
            "kind": "sakrad",
            "title": "Vanlig titel",
            "chair_title": "statssekreterare",
            "delegates_per_org": "2",
            "participating_bodies": "Kulturdepartementet\r\nMigrationsverket",
        },
    )
    assert response.status_code == 303
    with app.app_context():
        assert db.session.get(Meeting, meeting_id).participating_bodies == [
            "Kulturdepartementet",
            "Migrationsverket",
        ]


def test_a_dead_workers_claim_is_retried_within_a_few_smtp_timeouts(app, inbox):
    with app.app_context():
        assert claim_timeout(app.config) == 3 * app.config["SMTP_TIMEOUT"]
        rows = [mail.queue([f"p{i}@example.se"], f"M {i}", "Text") for i in range(3)]
        db.session.flush()
        for row in rows:  # claimed by a worker killed with kill -9, two minutes ago
            row.state = OutboxState.SENDING
            row.claimed_by = "killed-worker"
            row.claimed_at = utcnow() - timedelta(minutes=2)
        db.session.commit()
        assert deliver_pending() == (3, 0)
    assert len(inbox.messages) == 3


def test_a_live_workers_claim_is_not_taken_over(app, inbox):
    with app.app_context():
        row = mail.queue(["a@example.se"], "M", "Text")
        db.session.flush()
        row.state = OutboxState.SENDING
        row.claimed_by = "busy-worker"
        row.claimed_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
        assert deliver_pending() == (0, 0)
        assert db.session.get(OutboxMessage, row.id).state == OutboxState.SENDING
