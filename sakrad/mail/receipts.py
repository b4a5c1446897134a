"""Receipts: a short email that confirms what an organisation just did and where to follow it.

Rendered in the organisation's language, with a plain-text part and an HTML part in the
site's calm look. Queued in the same transaction as the action, so a refused action sends
no receipt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import current_app

from sakrad.mail.compose import in_language, parts
from sakrad.mail.service import queue


@dataclass
class Receipt:
    subject: str
    lead: str
    next_step: str
    status_url: str
    facts: list[tuple[str, str]] = field(default_factory=list)


def status_url() -> str:
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/") + "/dashboard/"


def send_receipt(recipients: list[str], lang: str, build: Any, topic: str) -> None:
    """``build()`` returns the Receipt; it runs in the recipient's language."""
    if not recipients:
        return
    with in_language(lang or "sv"):
        receipt: Receipt = build()
        text, html = parts("mail/receipt", subject=receipt.subject, receipt=receipt, lang=lang)
    queue(recipients, receipt.subject, text, html, topic=topic)
