"""Translated labels of the invitation states, needs and reserve settings."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from sakrad.invitations.models import InvitationOrigin, InvitationState, ReserveMode

STATE_LABELS = {
    InvitationState.PENDING: _l("Not yet sent"),
    InvitationState.SENT: _l("Awaiting answer"),
    InvitationState.ACCEPTED: _l("Has accepted"),
    InvitationState.DECLINED: _l("Has declined"),
    InvitationState.EXPIRED: _l("No answer (expired)"),
    InvitationState.WITHDRAWN: _l("Invitation withdrawn"),
}

ORIGIN_LABELS = {
    InvitationOrigin.SELECTION: _l("Selection"),
    InvitationOrigin.RESERVE: _l("Reserve list"),
    InvitationOrigin.MANUAL: _l("By hand"),
}

NEED_LABELS = {
    "interpretation": _l("Interpretation"),
    "sign_language": _l("Sign language interpretation"),
    "easy_read": _l("Easy-to-read material"),
    "accessibility": _l("Physical accessibility"),
    "diet": _l("Special diet"),
    "other": _l("Other"),
}

RESERVE_MODE_LABELS = {
    ReserveMode.AUTOMATIC: _l("Invite the next fitting reserve automatically"),
    ReserveMode.CONFIRM: _l("Ask me to confirm before a reserve is invited"),
}
