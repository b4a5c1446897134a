"""The feedback emails, in the organisation's language (plain text and HTML)."""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _

from sakrad.feedback.models import FeedbackRequest, FeedbackRound
from sakrad.feedback.settings import min_answers
from sakrad.invitations.mail import base_url, recipients_of
from sakrad.mail.compose import in_language, parts
from sakrad.mail.service import queue


def feedback_url(token: str, lang: str) -> str:
    return f"{base_url()}/feedback/{token}?lang={lang}"


def queue_request(request: FeedbackRequest, token: str, *, reminder: bool = False) -> None:
    organisation = request.organisation
    recipients = recipients_of(organisation)
    if not recipients:
        current_app.logger.warning("organisation %s has no address for feedback", organisation.id)
        return
    meeting = request.meeting
    with in_language(organisation.language) as lang:
        title = meeting.display_title(lang)
        if reminder:
            subject = _("Reminder: your feedback on %(title)s", title=title)
        elif request.round == FeedbackRound.FOLLOWUP:
            subject = _("Did you get feedback? %(title)s", title=title)
        else:
            subject = _("Your feedback on %(title)s", title=title)
        context = {
            "subject": subject,
            "request": request,
            "organisation": organisation,
            "title": title,
            "body_name": meeting.convening_body.display_name(lang),
            "link": feedback_url(token, lang),
            "reminder": reminder,
            "followup": request.round == FeedbackRound.FOLLOWUP,
            "lang": lang,
            "threshold": min_answers(),
        }
        text, html = parts("feedback/mail/request", **context)
    kind = "reminder" if reminder else request.round.value
    queue(recipients, subject, text, html, topic=f"feedback-{kind}:{request.id}")
