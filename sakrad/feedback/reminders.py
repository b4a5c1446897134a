"""One reminder per unanswered feedback link, a week (configurable) before it closes. Run by
``flask sakrad send-reminders`` together with the invitations' reminders."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.feedback import mail
from sakrad.feedback.models import FeedbackRequest
from sakrad.invitations.tokens import hash_token, new_token


def send_due_reminders(now: datetime | None = None) -> int:
    now = now or utcnow()
    days = int(current_app.config.get("FEEDBACK_REMINDER_DAYS", 7))
    due = db.session.scalars(
        sa.select(FeedbackRequest)
        .where(
            FeedbackRequest.answered.is_(False),
            FeedbackRequest.reminded_at.is_(None),
            FeedbackRequest.closes_at > now,
            FeedbackRequest.closes_at <= now + timedelta(days=days),
        )
        .order_by(FeedbackRequest.id)
    ).all()
    for request in due:
        token = new_token()
        request.previous_token_hash = request.token_hash
        request.token_hash = hash_token(token)
        request.reminded_at = now
        mail.queue_request(request, token, reminder=True)
    return len(due)
