"""The receipt an organisation gets after answering an invitation."""

from __future__ import annotations

from flask_babel import gettext as _

from sakrad.invitations.mail import recipients_of
from sakrad.invitations.models import InvitationState
from sakrad.mail.receipts import Receipt, send_receipt, status_url
from sakrad.shell.filters import localdt


def queue_answer_receipt(invitation) -> None:
    organisation = invitation.organisation
    meeting = invitation.meeting
    lang = organisation.language or "sv"
    accepted = invitation.state == InvitationState.ACCEPTED

    def build() -> Receipt:
        title = meeting.display_title(lang)
        facts = [(_("Meeting"), title)]
        if meeting.starts_at:
            facts.append((_("When"), localdt(meeting.starts_at, lang=lang)))
        if accepted:
            names = ", ".join(d.name for d in invitation.delegates) or "–"
            facts.append((_("Delegates"), names))
        return Receipt(
            subject=(
                _("Receipt: %(org)s has accepted the invitation", org=organisation.name)
                if accepted
                else _("Receipt: %(org)s has declined the invitation", org=organisation.name)
            ),
            lead=(
                _(
                    "Thank you. %(org)s has accepted the invitation to %(title)s.",
                    org=organisation.name,
                    title=title,
                )
                if accepted
                else _(
                    "Thank you. %(org)s has declined the invitation to %(title)s.",
                    org=organisation.name,
                    title=title,
                )
            ),
            facts=facts,
            next_step=(
                _(
                    "You can change the delegates until the answer deadline with the link in the invitation."
                )
                if accepted
                else _("Nothing more is needed from you for this meeting.")
            ),
            status_url=status_url(),
        )

    send_receipt(recipients_of(organisation), lang, build, f"invitation-receipt:{invitation.id}")
