"""Human labels of cycle states (lazy, so they follow the visitor's language)."""

from flask_babel import lazy_gettext as _l

from sakrad.cycles.models import CycleState

CYCLE_STATE_LABELS = {
    CycleState.DRAFT: _l("Draft"),
    CycleState.OPEN: _l("Open"),
    CycleState.CLOSED: _l("Closed"),
    CycleState.ARCHIVED: _l("Archived"),
}

# The button that moves a cycle into each state.
CYCLE_ACTION_LABELS = {
    CycleState.OPEN: _l("Open the cycle (publish)"),
    CycleState.CLOSED: _l("Close the cycle"),
    CycleState.ARCHIVED: _l("Archive the cycle"),
}

CALL_STATUS_LABELS = {
    "not_set": _l("No call for topics yet"),
    "upcoming": _l("The call for topics has not opened yet"),
    "open": _l("The call for topics is open"),
    "closed": _l("The call for topics has closed"),
}
