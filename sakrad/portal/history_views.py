"""The public change history on meeting, cycle and organisation pages (template globals
for ``templates/portal/_history.html``)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from sakrad.portal import history
from sakrad.portal.blueprint import bp


@bp.app_template_global()
def public_history(subject: object) -> list[history.HistoryEntry]:
    return history.for_subject(subject)


ACTION_LABELS = {
    "created": _l("created"),
    "updated": _l("changed"),
    "announced": _l("announced"),
    "cancelled": _l("cancelled"),
    "held": _l("held"),
    "documented": _l("documented"),
    "published": _l("published"),
    "replaced": _l("replaced"),
    "deleted": _l("removed"),
    "removed": _l("removed"),
    "added": _l("added"),
    "open": _l("opened"),
    "closed": _l("closed"),
    "archived": _l("archived"),
    "batch_published": _l("published"),
    "outcome_published": _l("published"),
    "report_published": _l("published"),
    "sent": _l("sent"),
    "accepted": _l("accepted"),
    "declined": _l("declined"),
    "expired": _l("expired"),
}


@bp.app_template_global()
def history_action_label(action: str) -> str:
    verb = action.rsplit(".", 1)[-1]
    for key, label in ACTION_LABELS.items():
        if verb == key or verb.endswith("_" + key):
            return str(label)
    return str(_l("changed"))
