"""Audit entries and public history as sentences a reader understands.

"Status ändrad från utkast till öppen", not ``draft → open``; "Cykeln öppnades", not
``cycle.open``; times in Europe/Stockholm in the language's format; values through the enum
labels each domain defines once. Used by the admin audit log and the public change history.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from sakrad.accounts.models import Role
from sakrad.cycles.models import CycleState
from sakrad.enums import LabelledEnum
from sakrad.invitations.models import InvitationState
from sakrad.meetings.models import MeetingKind, MeetingState
from sakrad.proposals.models import ProposalState

ENTITY_LABELS = {
    "User": _l("User account"),
    "ConveningBody": _l("Convening body"),
    "Cycle": _l("Dialogue cycle"),
    "Meeting": _l("Meeting"),
    "MeetingSession": _l("Session"),
    "AgendaItem": _l("Agenda item"),
    "Proposal": _l("Topic proposal"),
    "ResponseBatch": _l("Responses to topic proposals"),
    "Organisation": _l("Organisation"),
    "Selection": _l("Selection"),
    "Invitation": _l("Invitation"),
    "Document": _l("Document"),
    "MinutesPublication": _l("Published minutes"),
    "MinutesRevision": _l("Minutes"),
    "Outcome": _l("Outcome"),
    "ReviewRound": _l("Review of the minutes"),
    "FollowupReport": _l("Follow-up report"),
    "FeedbackQuestionSet": _l("Feedback questions"),
    "AccessibilityStatement": _l("Accessibility statement"),
    "SelectionJob": _l("Selection run"),
    "UserSession": _l("Login session"),
}

ACTION_LABELS = {
    "user.created": _l("Account created"),
    "user.activated": _l("Account activated"),
    "user.deactivated": _l("Account deactivated"),
    "user.logged_in": _l("Logged in"),
    "user.logged_out": _l("Logged out"),
    "user.password_changed": _l("Password changed"),
    "body.created": _l("Convening body created"),
    "body.activated": _l("Convening body activated"),
    "body.deactivated": _l("Convening body deactivated"),
    "cycle.created": _l("Dialogue cycle created"),
    "cycle.updated": _l("Dialogue cycle changed"),
    "cycle.copied": _l("Dialogue cycle copied"),
    "cycle.open": _l("Dialogue cycle opened"),
    "cycle.closed": _l("Dialogue cycle closed"),
    "cycle.archived": _l("Dialogue cycle archived"),
    "meeting.created": _l("Meeting created"),
    "meeting.updated": _l("Meeting changed"),
    "meeting.copied": _l("Meeting copied"),
    "meeting.announced": _l("Meeting announced"),
    "meeting.held": _l("Meeting marked as held"),
    "meeting.documented": _l("Meeting marked as documented"),
    "meeting.cancelled": _l("Meeting cancelled"),
    "meeting.session_added": _l("Session added"),
    "meeting.session_updated": _l("Session changed"),
    "meeting.session_deleted": _l("Session removed"),
    "meeting.agenda_item_added": _l("Agenda item added"),
    "meeting.agenda_item_updated": _l("Agenda item changed"),
    "meeting.agenda_item_deleted": _l("Agenda item removed"),
    "meeting.agenda_reordered": _l("Agenda reordered"),
    "proposal.submitted": _l("Topic proposed"),
    "proposal.updated": _l("Topic proposal changed"),
    "proposal.withdrawn": _l("Topic proposal withdrawn"),
    "proposal.under_review": _l("Topic proposal taken up for review"),
    "proposal.decided": _l("Decision on a topic proposal"),
    "proposal.response_published": _l("Response to a topic proposal published"),
    "proposal.batch_published": _l("Responses to topic proposals published"),
    "proposal.agenda_linked": _l("Topic proposal put on an agenda"),
    "proposal.agenda_unlinked": _l("Topic proposal taken off an agenda"),
    "proposal.merge_target_withdrawn": _l("Proposal merged into was withdrawn"),
    "organisation.created": _l("Organisation created"),
    "organisation.updated": _l("Organisation profile changed"),
    "organisation.imported": _l("Organisation imported"),
    "organisation.merged": _l("Organisations merged"),
    "organisation.unmerged": _l("Merge of organisations undone"),
    "organisation.verified": _l("Organisation verified"),
    "organisation.unverified": _l("Verification of organisation withdrawn"),
    "organisation.registration_started": _l("Registration of organisation started"),
    "organisation.registration_confirmed": _l("Registration of organisation confirmed"),
    "organisation.representative_added": _l("Representative added"),
    "organisation.representative_invited": _l("Representative invited"),
    "organisation.representative_removed": _l("Representative removed"),
    "selection.confirmed": _l("Selection confirmed"),
    "selection.replaced": _l("Selection replaced"),
    "selection.report_published": _l("Selection report published"),
    "selection.interest_registered": _l("Interest registered"),
    "selection.interest_withdrawn": _l("Interest withdrawn"),
    "selection.pool_widened": _l("Pool of organisations widened"),
    "selection.pool_addition_removed": _l("Organisation taken out of the pool"),
    "invitation.created": _l("Invitation created"),
    "invitation.sent": _l("Invitation sent"),
    "invitation.accepted": _l("Invitation accepted"),
    "invitation.declined": _l("Invitation declined"),
    "invitation.expired": _l("Invitation expired without answer"),
    "invitation.withdrawn": _l("Invitation withdrawn"),
    "invitation.reminded": _l("Reminder sent"),
    "invitation.delegates": _l("Delegates changed"),
    "invitation.attendance": _l("Attendance recorded"),
    "invitation.calendar_updated": _l("Updated calendar sent"),
    "invitation.reserve_mode": _l("Reserve list setting changed"),
    "document.added": _l("Document added"),
    "document.updated": _l("Document changed"),
    "document.replaced": _l("Document replaced by a newer version"),
    "minutes.revision_saved": _l("Minutes saved"),
    "minutes.published": _l("Minutes published"),
    "minutes.published_despite_warnings": _l("Minutes published despite warnings"),
    "minutes.outcome_saved": _l("Outcome saved"),
    "minutes.outcome_published": _l("Outcome published"),
    "minutes.review_sent": _l("Minutes sent for review"),
    "minutes.review_answered": _l("Review of the minutes answered"),
    "minutes.review_commented": _l("Comment on the minutes"),
}

FIELD_LABELS = {
    "state": _l("Status"),
    "name": _l("Name"),
    "name_en": _l("Name in English"),
    "email": _l("Email"),
    "role": _l("Role"),
    "active": _l("Active"),
    "title": _l("Title"),
    "title_en": _l("Title in English"),
    "verified": _l("Verified by the administrator"),
    "starts_at": _l("Starts"),
    "ends_at": _l("Ends"),
    "place": _l("Place"),
    "revision": _l("Version of the minutes"),
    "reason": _l("Reason"),
    "website": _l("Website"),
    "description": _l("Description"),
    "seats": _l("Seats"),
}


# The labelled enums whose stored values appear in audit entries.
_STATE_ENUMS: dict[str, type[LabelledEnum]] = {
    "Cycle": CycleState,
    "Meeting": MeetingState,
    "Invitation": InvitationState,
    "Proposal": ProposalState,
}
_FIELD_ENUMS: dict[str, type[LabelledEnum]] = {"kind": MeetingKind, "role": Role}


def _state_labels(entity_type: str) -> dict:
    """The enum labels of the entity's ``state``, keyed by the stored value."""
    state_enum = _STATE_ENUMS.get(entity_type)
    return {} if state_enum is None else {member.value: member.label for member in state_enum}


def _other_labels(field: str) -> dict:
    labelled = _FIELD_ENUMS.get(field)
    return {} if labelled is None else {member.value: member.label for member in labelled}


def entity_label(entity_type: str) -> str:
    return str(ENTITY_LABELS.get(entity_type, entity_type))


def action_label(action: str) -> str:
    if action in ACTION_LABELS:
        return str(ACTION_LABELS[action])
    entity, _dot, verb = action.partition(".")
    return _("%(thing)s: %(what)s", thing=entity.capitalize(), what=verb.replace("_", " "))


def field_label(field: str, labels: dict | None = None) -> str:
    labels = labels or {}
    if field in labels:
        return str(labels[field])
    if field in FIELD_LABELS:
        return str(FIELD_LABELS[field])
    return field.replace("_", " ").capitalize()


def value_text(entity_type: str, field: str, value: Any) -> str:
    """One stored value as words: labels for codes, yes/no, local time for instants."""
    from sakrad.shell.filters import localdt

    if value is None or value == "":
        return _("(empty)")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, str):
        labels = _state_labels(entity_type) if field == "state" else _other_labels(field)
        if value in labels:
            return str(labels[value]).lower() if field == "state" else str(labels[value])
        if len(value) >= 16 and value[4:5] == "-" and value[10:11] == "T":
            try:
                return localdt(datetime.fromisoformat(value))
            except ValueError:
                return value
        return value
    if isinstance(value, list):
        return ", ".join(value_text(entity_type, field, v) for v in value) or _("(empty)")
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def change_sentence(
    entity_type: str, field: str, before: Any, after: Any, labels: dict | None = None
) -> str:
    """ "Status changed from draft to open" in the reader's language."""
    name = field_label(field, labels)
    if before in (None, "") and not isinstance(before, bool):
        return _(
            "%(field)s set to %(after)s", field=name, after=value_text(entity_type, field, after)
        )
    if after in (None, "") and not isinstance(after, bool):
        return _(
            "%(field)s removed (was %(before)s)",
            field=name,
            before=value_text(entity_type, field, before),
        )
    return _(
        "%(field)s changed from %(before)s to %(after)s",
        field=name,
        before=value_text(entity_type, field, before),
        after=value_text(entity_type, field, after),
    )


def entry_sentences(entity_type: str, before: dict | None, after: dict | None) -> list[str]:
    """The changes of an audit entry, one sentence per field that changed or was set."""
    before, after = before or {}, after or {}
    out = []
    for field in after:
        if field in before and before[field] == after[field]:
            continue
        out.append(change_sentence(entity_type, field, before.get(field), after[field]))
    for field in before:
        if field not in after:
            out.append(
                _(
                    "%(field)s was %(before)s",
                    field=field_label(field),
                    before=value_text(entity_type, field, before[field]),
                )
            )
    return out


ACTOR_LABELS = {"system": _l("The system"), "demo": _l("Demo data")}


def actor_text(label: str) -> str:
    return str(ACTOR_LABELS.get(label, label))


def pretty_json(value: Any) -> str:
    """JSON with letters as letters (å, not \\u00e5), for the raw view of an entry."""
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)


def init_app(app) -> None:
    app.jinja_env.globals.update(
        audit_entity_label=entity_label,
        audit_action_label=action_label,
        audit_sentences=entry_sentences,
        audit_actor=actor_text,
        history_change_sentence=change_sentence,
    )
    app.jinja_env.filters["pretty_json"] = pretty_json
