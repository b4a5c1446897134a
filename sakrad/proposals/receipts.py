"""The receipt an organisation gets after proposing a topic."""

from __future__ import annotations

from flask_babel import gettext as _

from sakrad.mail.receipts import Receipt, send_receipt, status_url
from sakrad.proposals.mail import recipients_of
from sakrad.shell.filters import localdate


def queue_proposal_receipt(proposal) -> None:
    organisation = proposal.organisation
    cycle = proposal.cycle
    lang = organisation.language or "sv"

    def build() -> Receipt:
        return Receipt(
            subject=_("Receipt: your topic proposal to %(cycle)s", cycle=cycle.title(lang)),
            lead=_(
                "%(org)s has proposed a topic in the dialogue cycle %(cycle)s.",
                org=organisation.name,
                cycle=cycle.title(lang),
            ),
            facts=[
                (_("Topic"), proposal.title),
                (_("Convening body"), cycle.convening_body.display_name(lang)),
                (_("Call for topics closes"), localdate(cycle.call_closes_at, lang=lang)),
            ],
            next_step=_(
                "The convening body reads every proposal after the call has closed and "
                "publishes its responses to all proposals together. You get an email then."
            ),
            status_url=status_url(),
        )

    send_receipt(recipients_of(organisation), lang, build, f"proposal-receipt:{proposal.id}")
