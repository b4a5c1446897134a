"""Queueing mail. Nothing here talks to a mail server; see ``delivery``."""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass

from flask import current_app, g, has_app_context, has_request_context

from sakrad.extensions import db
from sakrad.mail.models import OutboxMessage


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    data: bytes


def _domain() -> str:
    sender = current_app.config["MAIL_SENDER"] if has_app_context() else "sakrad.example"
    return sender.rsplit("@", 1)[-1].strip(">") or "sakrad.example"


def queue(
    recipients: list[str] | str,
    subject: str,
    body_text: str,
    body_html: str | None = None,
    attachments: tuple[Attachment, ...] | list[Attachment] = (),
    topic: str | None = None,
) -> OutboxMessage:
    """Add a message to the outbox in the current transaction.

    It leaves only after the transaction commits: a rolled-back change sends nothing.
    """
    if isinstance(recipients, str):
        recipients = [recipients]
    recipients = sorted({r.strip() for r in recipients if r and r.strip()})
    if not recipients:
        raise ValueError("a message needs at least one recipient")
    message = OutboxMessage(
        message_id=f"<{secrets.token_hex(16)}@{_domain()}>",
        recipients=recipients,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        attachments=[
            {
                "filename": a.filename,
                "content_type": a.content_type,
                "data": base64.b64encode(a.data).decode("ascii"),
            }
            for a in attachments
        ],
        topic=topic,
    )
    db.session.add(message)
    if has_request_context():
        g.mail_queued = True
    return message
