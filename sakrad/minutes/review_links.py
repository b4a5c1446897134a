"""Personal review links: an organisation invited to review draft minutes comments through
the link in its email, with or without an account (the token design of the answer link)."""

from __future__ import annotations

import hmac
from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from sakrad.extensions import db
from sakrad.invitations.tokens import hash_token, new_token
from sakrad.minutes.models import ReviewComment, ReviewLink, ReviewRound
from sakrad.minutes.rules import new_comment
from sakrad.minutes.service import MinutesError

LINK_ACTOR = "review link"


def issue(review_round: ReviewRound, organisation_id: int) -> str:
    """A fresh token for the organisation's link to this round (an older link stops working)."""
    token = new_token()
    link = db.session.scalar(
        sa.select(ReviewLink).where(
            ReviewLink.round_id == review_round.id, ReviewLink.organisation_id == organisation_id
        )
    )
    if link is None:
        link = ReviewLink(round_id=review_round.id, organisation_id=organisation_id)
        db.session.add(link)
    link.token_hash = hash_token(token)
    db.session.flush()
    return token


def find(token: str) -> ReviewLink | None:
    digest = hash_token(token or "")
    link = db.session.scalar(sa.select(ReviewLink).where(ReviewLink.token_hash == digest))
    if link is None:
        hmac.compare_digest(digest, "0" * 64)  # same work for a miss as for a hit
        return None
    return link if hmac.compare_digest(link.token_hash, digest) else None


def comments_of(link: ReviewLink) -> list[ReviewComment]:
    """Only the organisation's own comments and the answers to them."""
    return list(
        db.session.scalars(
            sa.select(ReviewComment)
            .where(
                ReviewComment.round_id == link.round_id,
                ReviewComment.organisation_id == link.organisation_id,
            )
            .order_by(ReviewComment.created_at, ReviewComment.id)
        )
    )


def add_comment(link: ReviewLink, text: str, *, on: date | None = None) -> ReviewComment:
    review_round = link.round
    if link.organisation_id not in (review_round.organisation_ids or []):
        raise MinutesError("not_invited", _l("This link is not valid for this review."))
    return new_comment(review_round, link.organisation_id, text, on, actor_label=LINK_ACTOR)
