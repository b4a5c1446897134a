"""The email asking an attending organisation to review draft minutes."""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _

from sakrad.mail.compose import in_language, parts
from sakrad.mail.service import queue
from sakrad.meetings.models import Meeting
from sakrad.minutes.models import ReviewRound
from sakrad.organisations.models import Organisation
from sakrad.shell.filters import localdate


def review_url(review_round: ReviewRound) -> str:
    base = current_app.config["PUBLIC_BASE_URL"].rstrip("/")
    return f"{base}/minutes/review/{review_round.id}"


def review_link_url(token: str) -> str:
    base = current_app.config["PUBLIC_BASE_URL"].rstrip("/")
    return f"{base}/minutes/review/link/{token}"


def recipients_of(organisation: Organisation) -> list[str]:
    """Active representatives; the contact address when the organisation has none. The
    personal link in the email works without an account, so either can comment."""
    emails = [r.user.email for r in organisation.representatives if r.user.active]
    if not emails and organisation.contact_email:
        emails = [organisation.contact_email]
    return emails


def queue_review_request(review_round: ReviewRound, meeting: Meeting, org: Organisation) -> None:
    recipients = recipients_of(org)
    if not recipients:
        current_app.logger.warning("organisation %s has no address for review requests", org.id)
        return
    from sakrad.minutes import review_links

    token = review_links.issue(review_round, org.id)
    with in_language(org.language) as lang:
        subject = _("Draft minutes for review: %(meeting)s", meeting=meeting.display_title(lang))
        # Straight from the Jinja environment: a round may be sent outside a request too.
        text, html = parts(
            "minutes/mail/review_request",
            subject=subject,
            meeting=meeting,
            organisation=org,
            lang=lang,
            until=localdate(review_round.until),
            url=review_url(review_round),
            link_url=review_link_url(token),
            has_reps=any(r.user.active for r in org.representatives),
        )
    queue(recipients, subject, text, html, topic=f"minutes-review:{review_round.id}:{org.id}")
