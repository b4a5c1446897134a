"""Personal data and retention categories of the packages added after the privacy registry:
login sessions and feedback. Imported once, after all models (``sakrad.models``)."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from sakrad.accounts.sessions import UserSession
from sakrad.feedback.models import FeedbackComment, FeedbackRequest
from sakrad.privacy import registry, retention

registry.NOT_PERSONAL.update({
    ("feedback_questions", "text_sv"): "the text of a feedback question",
    ("feedback_questions", "text_en"): "the text of a feedback question",
})  # fmt: skip

registry.register(
    registry.PersonalData(
        UserSession,
        ("user_agent",),
        lambda p, m: registry._in(m.user_id, p.user_ids),
        registry.delete_rows,
        "accounts",
        "delete",
        hidden=("token_hash",),
    )
)
# Comments are unsigned free text: a person is found by their name or email in the text.
registry.register(registry.PersonalData(
    FeedbackComment, ("text",),
    lambda p, m: registry._contains_any(p, m.text), registry._scrubber("text"),
    "representatives", "scrub"))  # fmt: skip


def _ended_sessions_due(cutoff, now):
    """Sessions ended (revoked) before the cutoff; a session that merely expired ended at
    whichever of its idle and absolute limits came first — counted here from its last use."""
    return sa.select(UserSession.id).where(
        sa.or_(
            UserSession.revoked_at < cutoff,
            sa.and_(UserSession.revoked_at.is_(None), UserSession.last_seen_at < cutoff),
        )
    )


def _feedback_tokens_due(cutoff, now):
    return sa.select(FeedbackRequest.id).where(
        FeedbackRequest.answered.is_(False), FeedbackRequest.closes_at < cutoff
    )


retention.register(
    retention.Category(
        "login_sessions",
        "RETENTION_LOGIN_SESSION_DAYS",
        "days",
        _l("Ended login sessions"),
        _l("after the session ended"),
        UserSession,
        _ended_sessions_due,
        retention.delete_due_rows,
    )
)
retention.register(retention.Category(
    "feedback_tokens", "RETENTION_FEEDBACK_TOKEN_DAYS", "days",
    _l("Unused personal feedback links"), _l("after the feedback window closed"),
    FeedbackRequest, _feedback_tokens_due, retention.delete_due_rows))  # fmt: skip
