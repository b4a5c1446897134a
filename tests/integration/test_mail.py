"""The outbox against a real SMTP server (aiosmtpd)."""

from __future__ import annotations

from email import message_from_bytes, policy

import pytest
import sqlalchemy as sa

from sakrad.extensions import db
from sakrad.mail import service as mail
from sakrad.mail.delivery import deliver_pending
from sakrad.mail.models import OutboxMessage, OutboxState
from tests import smtp
from tests.smtp import start_server

smtp_port, app_config = smtp.smtp_port, smtp.app_config


def test_message_waits_for_commit_and_is_delivered_once(app, smtp_port):
    controller, inbox = start_server(smtp_port)
    try:
        with app.app_context():
            mail.queue(["a@example.se"], "Hej", "Text", "<p>Text</p>")
            db.session.rollback()  # the change that caused it failed: nothing is sent
            assert deliver_pending() == (0, 0)
            mail.queue(
                ["a@example.se", "b@example.se"],
                "Inbjudan",
                "Välkommen",
                attachments=[
                    mail.Attachment(
                        "mote.ics",
                        "text/calendar; method=REQUEST",
                        b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
                    )
                ],
            )
            db.session.commit()
            assert deliver_pending() == (1, 0)
            assert deliver_pending() == (0, 0)
        assert len(inbox.messages) == 1
        envelope = inbox.messages[0]
        assert sorted(envelope.rcpt_tos) == ["a@example.se", "b@example.se"]
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        assert parsed["Subject"] == "Inbjudan"
        attachment = next(parsed.iter_attachments())
        assert attachment.get_filename() == "mote.ics"
        assert attachment.get_content_type() == "text/calendar"
        assert attachment.get_param("method") == "REQUEST"
    finally:
        controller.stop()


def test_server_down_keeps_message_with_error_then_delivers_exactly_once(app, smtp_port):
    with app.app_context():
        for i in range(3):
            mail.queue([f"p{i}@example.se"], f"Meddelande {i}", "Text")
        db.session.commit()
        assert deliver_pending() == (0, 3)
        rows = db.session.scalars(sa.select(OutboxMessage)).all()
        assert all(r.state == OutboxState.QUEUED and r.attempts == 1 for r in rows)
        assert all("Connection" in r.last_error or "refused" in r.last_error.lower() for r in rows)
        # Backoff: not due again right away.
        assert deliver_pending() == (0, 0)
        db.session.execute(
            sa.update(OutboxMessage).values(next_attempt_at=OutboxMessage.created_at)
        )
        db.session.commit()
    controller, inbox = start_server(smtp_port)
    try:
        with app.app_context():
            assert deliver_pending() == (3, 0)
            assert deliver_pending() == (0, 0)
            rows = db.session.scalars(sa.select(OutboxMessage)).all()
            assert all(r.state == OutboxState.SENT and r.last_error is None for r in rows)
        subjects = sorted(message_from_bytes(e.content)["Subject"] for e in inbox.messages)
        assert subjects == ["Meddelande 0", "Meddelande 1", "Meddelande 2"]
    finally:
        controller.stop()


def test_stale_claim_of_a_dead_worker_is_retried(app, smtp_port):
    from datetime import timedelta

    from sakrad.db import utcnow

    controller, inbox = start_server(smtp_port)
    try:
        with app.app_context():
            row = mail.queue(["a@example.se"], "Hej", "Text")
            row.state = OutboxState.SENDING
            row.claimed_by = "dead-worker"
            row.claimed_at = utcnow() - timedelta(hours=1)
            db.session.commit()
            assert deliver_pending() == (1, 0)
        assert len(inbox.messages) == 1
    finally:
        controller.stop()


def test_send_mail_command(app, runner, smtp_port):
    controller, inbox = start_server(smtp_port)
    try:
        with app.app_context():
            mail.queue(["a@example.se"], "Hej", "Text")
            db.session.commit()
        result = runner.invoke(args=["sakrad", "send-mail"])
        assert "sent 1, failed 0" in result.output
        result = runner.invoke(args=["sakrad", "mail-worker", "--passes", "1", "--interval", "0"])
        assert result.exit_code == 0
        assert len(inbox.messages) == 1
    finally:
        controller.stop()


@pytest.mark.parametrize("app_config", [{"SMTP_HOST": None}])
def test_file_transport_writes_eml(app, tmp_path):
    app.config["MAIL_FILE_DIR"] = str(tmp_path / "mail")
    with app.app_context():
        mail.queue(["a@example.se"], "Fil", "Innehåll")
        db.session.commit()
        assert deliver_pending() == (1, 0)
    files = list((tmp_path / "mail").glob("*.eml"))
    assert len(files) == 1
    assert message_from_bytes(files[0].read_bytes())["Subject"] == "Fil"


def test_queue_requires_a_recipient(app):
    with app.app_context(), pytest.raises(ValueError):
        mail.queue(["  "], "x", "y")
