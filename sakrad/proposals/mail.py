"""The email that tells an organisation its proposals have been answered."""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _

from sakrad.cycles.models import Cycle
from sakrad.mail.compose import in_language, parts
from sakrad.mail.service import queue
from sakrad.organisations.models import Organisation
from sakrad.proposals.models import TopicProposal


def public_url(endpoint: str, **values: object) -> str:
    """An absolute public address, built without a request (the batch may run anywhere).
    An endpoint that does not exist raises ``BuildError``."""
    base = current_app.config["PUBLIC_BASE_URL"].rstrip("/")
    return base + current_app.url_map.bind("localhost").build(endpoint, values)


def public_cycle_url(cycle: Cycle) -> str:
    return public_url("portal.cycle", cycle_id=cycle.id)


def recipients_of(organisation: Organisation) -> list[str]:
    """The organisation's active representatives and its contact address."""
    emails = [r.user.email for r in organisation.representatives if r.user.active]
    if organisation.contact_email:
        emails.append(organisation.contact_email)
    return emails


def queue_batch_mail(
    cycle: Cycle, organisation: Organisation, proposals: list[TopicProposal]
) -> None:
    recipients = recipients_of(organisation)
    if not recipients:
        current_app.logger.warning("organisation %s has no address for responses", organisation.id)
        return
    with in_language(organisation.language) as lang:
        subject = _("Response to your topic proposals: %(cycle)s", cycle=cycle.title(lang))
        text, html = parts(
            "proposals/mail/responses",
            subject=subject,
            cycle=cycle,
            organisation=organisation,
            proposals=proposals,
            lang=lang,
            cycle_url=public_cycle_url(cycle),
        )
    topic = f"proposal-responses:{cycle.id}:{organisation.id}"
    queue(recipients, subject, text, html, topic=topic)
