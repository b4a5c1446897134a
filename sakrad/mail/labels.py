"""Human labels of outbox states (lazy, so they follow the reader's language)."""

from flask_babel import lazy_gettext as _l

from sakrad.mail.models import OutboxState

OUTBOX_STATE_LABELS = {
    OutboxState.QUEUED: _l("Waiting to be sent"),
    OutboxState.SENDING: _l("Being sent"),
    OutboxState.SENT: _l("Sent"),
}
