"""Retention of the packages' categories: ended login sessions and unused feedback links.
The dry run lists exactly what is due, the run removes exactly that, a second run nothing."""

from __future__ import annotations

import secrets
from datetime import timedelta

import sqlalchemy as sa

from sakrad.accounts.models import Role
from sakrad.accounts.sessions import UserSession
from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.feedback.models import FeedbackRequest
from sakrad.privacy import retention
from tests.feedback_factories import held_meeting
from tests.helpers import make_user


def _session(user, *, created, seen, revoked=None):
    s = UserSession(token_hash=secrets.token_hex(32),
                    user_id=user.id, created_at=created, last_seen_at=seen, revoked_at=revoked,
                    user_agent="Firefox")  # fmt: skip
    db.session.add(s)
    db.session.flush()
    return s.id


def test_ended_sessions_and_closed_feedback_links(app):
    with app.app_context():
        now = utcnow()
        user = make_user(Role.ORG_REP)
        old = now - timedelta(days=31)
        young = now - timedelta(days=29)
        due_sessions = {
            _session(user, created=old, seen=old, revoked=old),  # ended 31 days ago
            _session(user, created=old, seen=old),  # expired 31 days ago, never revoked
        }
        kept_sessions = {
            _session(user, created=old, seen=young, revoked=young),
            _session(user, created=now, seen=now),  # live
        }
        held = held_meeting(2)
        requests = list(db.session.scalars(
            sa.select(FeedbackRequest).where(FeedbackRequest.meeting_id == held.meeting_id)
            .order_by(FeedbackRequest.id)))  # fmt: skip
        assert len(requests) >= 2
        closed, answered = requests[0], requests[1]
        closed.closes_at = now - timedelta(hours=1)
        answered.closes_at = now - timedelta(hours=1)
        answered.answered = True
        others = {r.id for r in requests[2:]}
        for r in requests[2:]:
            r.closes_at = now + timedelta(days=1)
        db.session.commit()

        due = retention.preview(now)
        assert set(due["login_sessions"]) == due_sessions
        assert set(due["feedback_tokens"]) == {closed.id}
        dry = retention.run(dry_run=True, now=now)
        assert dry["login_sessions"] == 2 and dry["feedback_tokens"] == 1
        assert set(db.session.scalars(sa.select(UserSession.id))) == due_sessions | kept_sessions

        real = retention.run(now=now)
        db.session.commit()
        assert real["login_sessions"] == 2 and real["feedback_tokens"] == 1
        assert set(db.session.scalars(sa.select(UserSession.id))) == kept_sessions
        assert set(db.session.scalars(sa.select(FeedbackRequest.id))) == ({answered.id} | others)

        again = retention.run(now=now)
        assert again["login_sessions"] == 0 and again["feedback_tokens"] == 0


def test_notice_lists_the_new_categories(client):
    text = client.get("/privacy?lang=en").text
    assert "Ended login sessions" in text
    assert "Unused personal feedback links" in text
