"""Human labels for proposal states, shared by pages, emails and the portal."""

from flask_babel import lazy_gettext as _l

from sakrad.proposals.models import ProposalState

STATE_LABELS = {
    ProposalState.SUBMITTED: _l("Submitted"),
    ProposalState.UNDER_REVIEW: _l("Under review"),
    ProposalState.ACCEPTED: _l("Accepted"),
    ProposalState.MERGED: _l("Merged into another proposal"),
    ProposalState.DEFERRED: _l("Deferred to a later cycle"),
    ProposalState.DECLINED: _l("Declined"),
    ProposalState.WITHDRAWN: _l("Withdrawn"),
}
