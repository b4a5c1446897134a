"""Delivering the outbox: claim due messages, send them, record the result.

A message is claimed (state ``sending``) in one short transaction and marked ``sent`` in
another right after the server accepted it. On PostgreSQL the claim uses
``FOR UPDATE SKIP LOCKED`` so several workers never claim the same row. A failure puts the
message back in the queue with its error and a growing delay; it is never dropped. A claim
older than ``MAIL_CLAIM_TIMEOUT_SECONDS`` (a worker that died) is returned to the queue; a
live worker renews its claim on each message right before sending it, so the timeout only
needs to cover one delivery (a few SMTP timeouts), not a whole batch.
"""

from __future__ import annotations

import base64
import os
import re
import smtplib
import socket
import ssl
from datetime import timedelta
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path
from typing import Any, Protocol

import sqlalchemy as sa
from flask import current_app

from sakrad.db import affected_rows, utcnow
from sakrad.extensions import db
from sakrad.mail.models import OutboxMessage, OutboxState
from sakrad.transaction import unit_of_work


class Transport(Protocol):
    def send(self, message: EmailMessage) -> None: ...


class SMTPTransport:
    def __init__(self, config: dict) -> None:
        self.config = config

    def send(self, message: EmailMessage) -> None:
        c = self.config
        smtp_cls = smtplib.SMTP_SSL if c["SMTP_SSL"] else smtplib.SMTP
        with smtp_cls(c["SMTP_HOST"], c["SMTP_PORT"], timeout=c["SMTP_TIMEOUT"]) as smtp:
            if c["SMTP_STARTTLS"] and not c["SMTP_SSL"]:
                smtp.starttls(context=ssl.create_default_context())
            if c["SMTP_USERNAME"]:
                smtp.login(c["SMTP_USERNAME"], c["SMTP_PASSWORD"] or "")
            smtp.send_message(message)


class FileTransport:
    """Development: each message becomes an .eml file you can open in a mail program."""

    def __init__(self, directory: str) -> None:
        self.directory = Path(directory)

    def send(self, message: EmailMessage) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        stamp = utcnow().strftime("%Y%m%dT%H%M%S%f")
        name = message["Message-ID"].strip("<>").split("@")[0]
        (self.directory / f"{stamp}-{name}.eml").write_bytes(bytes(message))


def transport_from_config(config: dict) -> Transport:
    if config.get("SMTP_HOST"):
        return SMTPTransport(config)
    if config.get("MAIL_FILE_DIR"):
        return FileTransport(config["MAIL_FILE_DIR"])
    raise RuntimeError("no mail transport: set SAKRAD_SMTP_HOST or SAKRAD_MAIL_FILE_DIR")


_HEADER_UNSAFE = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")


def header_text(value: str) -> str:
    """A header value on one line: stored data with a line break never becomes a new header
    (or a refused message)."""
    return _HEADER_UNSAFE.sub(" ", value or "").strip()


def _content_type_params(content_type: str) -> tuple[str, str, dict[str, str]]:
    kind, *rest = (part.strip() for part in content_type.split(";"))
    maintype, _, subtype = kind.partition("/")
    params = {}
    for part in rest:
        name, sep, value = part.partition("=")
        if sep:
            params[name.strip().lower()] = value.strip().strip('"')
    # Text attachments (.ics) are UTF-8: without saying so, "Sakråd" arrives garbled.
    if maintype == "text":
        params.setdefault("charset", "utf-8")
    return maintype, subtype, params


def build_email(row: OutboxMessage, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = header_text(sender)
    message["To"] = ", ".join(header_text(r) for r in row.recipients)
    message["Subject"] = header_text(row.subject)
    message["Message-ID"] = row.message_id
    message["Date"] = formatdate(row.created_at.timestamp(), localtime=False)
    message.set_content(row.body_text)
    if row.body_html:
        message.add_alternative(row.body_html, subtype="html")
    for a in row.attachments or []:
        maintype, subtype, params = _content_type_params(a["content_type"])
        message.add_attachment(
            base64.b64decode(a["data"]),
            maintype=maintype,
            subtype=subtype,
            filename=a["filename"],
            params=params,
        )
    return message


def backoff(attempts: int, cap_seconds: int) -> timedelta:
    return timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), cap_seconds))


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def claim_timeout(config: dict) -> int:
    """Seconds after which another worker may take over a claim (the claimer died)."""
    return int(config.get("MAIL_CLAIM_TIMEOUT_SECONDS") or 3 * int(config["SMTP_TIMEOUT"]))


def _claim(limit: int, worker: str) -> list[int]:
    """Mark up to ``limit`` due messages as ours and commit, returning their ids."""
    now = utcnow()
    stale = now - timedelta(seconds=claim_timeout(current_app.config))
    due = sa.or_(
        sa.and_(OutboxMessage.state == OutboxState.QUEUED, OutboxMessage.next_attempt_at <= now),
        sa.and_(OutboxMessage.state == OutboxState.SENDING, OutboxMessage.claimed_at < stale),
    )
    stmt = sa.select(OutboxMessage).where(due).order_by(OutboxMessage.id).limit(limit)
    if db.engine.dialect.name == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True)
    with unit_of_work():
        rows = db.session.scalars(stmt).all()
        for row in rows:
            row.state = OutboxState.SENDING
            row.claimed_at = now
            row.claimed_by = worker
    return [row.id for row in rows]


def _heartbeat(message_id: int, worker: str) -> bool:
    """Renew our claim on one message right before sending it (and commit), so a claim is
    only ever as old as one delivery; False if the claim is no longer ours."""
    renewed = affected_rows(
        db.session.execute(
            sa.update(OutboxMessage)
            .where(
                OutboxMessage.id == message_id,
                OutboxMessage.claimed_by == worker,
                OutboxMessage.state == OutboxState.SENDING,
            )
            .values(claimed_at=utcnow())
            .execution_options(synchronize_session=False)
        )
    )
    return bool(renewed)


def deliver_pending(limit: int = 100, transport: Transport | None = None) -> tuple[int, int]:
    """One pass over the due messages. Returns (sent, failed)."""
    config = current_app.config
    transport = transport or transport_from_config(config)
    worker = worker_name()
    sent = failed = 0
    for message_id in _claim(limit, worker):
        with unit_of_work():  # renewing the claim is its own short transaction
            still_ours = _heartbeat(message_id, worker)
        if not still_ours:
            continue  # another worker took it over meanwhile
        with unit_of_work():  # each message is its own transaction
            outcome = _deliver_one(message_id, worker, transport, config)
        sent += outcome == "sent"
        failed += outcome == "failed"
    return sent, failed


def _deliver_one(message_id: int, worker: str, transport: Transport, config: Any) -> str | None:
    """Send one claimed message: "sent", "failed" (queued again with a backoff) or None."""
    row = db.session.get(OutboxMessage, message_id, populate_existing=True)
    if row is None or row.claimed_by != worker or row.state != OutboxState.SENDING:
        return None
    row.attempts += 1
    try:
        transport.send(build_email(row, config["MAIL_SENDER"]))
    except (OSError, smtplib.SMTPException) as exc:
        row.state = OutboxState.QUEUED
        row.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        row.next_attempt_at = utcnow() + backoff(row.attempts, config["MAIL_MAX_BACKOFF_SECONDS"])
        row.claimed_at = row.claimed_by = None
        return "failed"
    row.state = OutboxState.SENT
    row.sent_at = utcnow()
    row.last_error = None
    return "sent"


def retry_now(message_ids: list[int] | None = None) -> int:
    """Make failed messages due immediately (the admin's "retry now")."""
    stmt = (
        sa.update(OutboxMessage)
        .where(OutboxMessage.state == OutboxState.QUEUED)
        .values(next_attempt_at=utcnow())
    )
    if message_ids:
        stmt = stmt.where(OutboxMessage.id.in_(message_ids))
    return affected_rows(db.session.execute(stmt))
