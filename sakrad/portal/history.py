"""The public change history of a page, from audit entries marked ``public``.

Only fields named in ``PUBLIC_FIELDS`` are ever shown, whatever an entry holds: the history
is a second way out for data, so it gets its own allowlist instead of trusting every
package's ``record(public=True)`` call to have stripped private fields.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from sakrad.audit.models import AuditEntry
from sakrad.cycles.models import Cycle
from sakrad.extensions import db
from sakrad.meetings.models import AgendaItem, Meeting, MeetingSession

LIMIT = 100

PUBLIC_FIELDS: dict[str, tuple[str, ...]] = {
    "Meeting": (
        "state", "title", "title_en", "kind", "diary_number", "chair_title",
        "participating_bodies", "seats", "delegates_per_org", "easy_read", "purpose",
        "policy_stage", "questions", "out_of_scope", "use_of_input", "feedback_plan",
        "cancel_reason", "interest_closes_at",
    ),
    "MeetingSession": ("starts_at", "ends_at", "place"),
    "AgendaItem": ("title", "title_en", "description", "duration_minutes", "presenter_text"),
    "Document": ("title", "language", "public", "replaced_by_id"),
    "MinutesPublication": ("revision",),
    "Outcome": ("published_statement", "published_feedback_when"),
    "Invitation": ("state",),
    "Selection": ("report_published_at",),
    "Cycle": ("state", "policy_area", "year", "call_opens_at", "call_closes_at"),
    "ResponseBatch": ("undecided",),
    # The public profile only: never the contact email or who represents the organisation.
    "Organisation": ("name", "website", "description", "description_en", "verified"),
}  # fmt: skip

FIELD_LABELS = {
    "state": _l("Status"),
    "title": _l("Title"),
    "title_en": _l("Title in English"),
    "kind": _l("Kind"),
    "diary_number": _l("Diary number"),
    "chair_title": _l("Chair"),
    "participating_bodies": _l("Participating ministries and agencies"),
    "seats": _l("Seats"),
    "delegates_per_org": _l("Delegates per organisation"),
    "easy_read": _l("Easy-to-read summary"),
    "purpose": _l("Purpose"),
    "policy_stage": _l("Stage in the policy process"),
    "questions": _l("Questions"),
    "out_of_scope": _l("Out of scope"),
    "use_of_input": _l("How the input will be used"),
    "feedback_plan": _l("When feedback comes"),
    "cancel_reason": _l("Reason for cancellation"),
    "interest_closes_at": _l("Registration of interest closes"),
    "starts_at": _l("Starts"),
    "ends_at": _l("Ends"),
    "place": _l("Place"),
    "description": _l("Description"),
    "duration_minutes": _l("Duration (minutes)"),
    "presenter_text": _l("Presenter"),
    "language": _l("Language"),
    "public": _l("Public"),
    "replaced_by_id": _l("Replaced by a newer version"),
    "revision": _l("Version of the minutes"),
    "published_statement": _l("Outcome"),
    "published_feedback_when": _l("Feedback expected"),
    "report_published_at": _l("Selection report published"),
    "policy_area": _l("Policy area"),
    "year": _l("Year"),
    "call_opens_at": _l("Call for topics opens"),
    "call_closes_at": _l("Call for topics closes"),
    "undecided": _l("Proposals still without a decision"),
    "name": _l("Name"),
    "website": _l("Website"),
    "description_en": _l("Description in English"),
    "verified": _l("Verified by the administrator"),
}

ENTITY_LABELS = {
    "Meeting": _l("The meeting"),
    "MeetingSession": _l("A session"),
    "AgendaItem": _l("The agenda"),
    "Document": _l("A document"),
    "MinutesPublication": _l("The minutes"),
    "Outcome": _l("The outcome"),
    "Invitation": _l("An invitation"),
    "Selection": _l("The selection"),
    "Cycle": _l("The dialogue cycle"),
    "ResponseBatch": _l("Responses to topic proposals"),
    "Organisation": _l("The organisation's profile"),
}


@dataclass(frozen=True)
class Change:
    field: str
    before: Any
    after: Any

    @property
    def label(self) -> str:
        return str(FIELD_LABELS.get(self.field, self.field))


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    action: str
    entity_type: str
    changes: tuple[Change, ...]

    @property
    def label(self) -> str:
        return str(ENTITY_LABELS.get(self.entity_type, self.entity_type))

    @property
    def verb(self) -> str:
        return self.action.rsplit(".", 1)[-1].replace("_", " ")


def _visible(entry: AuditEntry) -> HistoryEntry | None:
    allowed = PUBLIC_FIELDS.get(entry.entity_type)
    if allowed is None:
        return None
    before, after = entry.before or {}, entry.after or {}
    if entry.entity_type == "Invitation" and after.get("state") in (None, "pending"):
        return None  # an invitation becomes public when it is sent
    changes = tuple(
        Change(f, before.get(f), after.get(f))
        for f in allowed
        if f in after and (f not in before or before.get(f) != after.get(f))
    )
    return HistoryEntry(entry.at, entry.action, entry.entity_type, changes)


def _select_of(keys: Sequence[tuple[str, sa.Select | list]]) -> sa.Select:
    """The public entries of the given entities, newest first: one query for the whole
    history (the ids as lists or as subqueries)."""
    conditions = [
        sa.and_(AuditEntry.entity_type == t, AuditEntry.entity_id.in_(ids)) for t, ids in keys
    ]
    return (
        sa.select(AuditEntry)
        .where(AuditEntry.public.is_(True), sa.or_(*conditions))
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(LIMIT)
    )


def _shown(stmt: sa.Select, params: dict | None = None) -> list[HistoryEntry]:
    return [h for h in map(_visible, db.session.scalars(stmt, params)) if h is not None]


def _entries(keys: list[tuple[str, list[int]]]) -> list[HistoryEntry]:
    texts = [(t, [str(i) for i in ids]) for t, ids in keys if ids]
    return _shown(_select_of(texts)) if texts else []


def _ids(stmt: sa.Select) -> list[int]:
    return list(db.session.scalars(stmt))


def _id_text(column: sa.orm.InstrumentedAttribute, *where: sa.ColumnElement) -> sa.Select:
    return sa.select(sa.cast(column, sa.String)).where(*where)


@functools.cache
def _of_meeting() -> sa.Select:
    """Built once per process (building it costs more CPU than running it); the meeting's id
    is bound at execution."""
    from sakrad.invitations.models import Invitation
    from sakrad.minutes.models import Document, MinutesPublication, Outcome
    from sakrad.selection.models import Selection

    mid = sa.bindparam("meeting_id", type_=sa.Integer)
    sessions = sa.select(MeetingSession.id).where(MeetingSession.meeting_id == mid)
    return _select_of(
        [
            ("Meeting", [sa.bindparam("meeting_key", type_=sa.String)]),
            ("MeetingSession", _id_text(MeetingSession.id, MeetingSession.meeting_id == mid)),
            ("AgendaItem", _id_text(AgendaItem.id, AgendaItem.session_id.in_(sessions))),
            ("Document", _id_text(Document.id, Document.meeting_id == mid)),
            (
                "MinutesPublication",
                _id_text(MinutesPublication.id, MinutesPublication.meeting_id == mid),
            ),
            ("Outcome", _id_text(Outcome.id, Outcome.meeting_id == mid)),
            ("Invitation", _id_text(Invitation.id, Invitation.meeting_id == mid)),
            ("Selection", _id_text(Selection.id, Selection.meeting_id == mid)),
        ]
    )


def for_meeting(meeting: Meeting) -> list[HistoryEntry]:
    return _shown(_of_meeting(), {"meeting_id": meeting.id, "meeting_key": str(meeting.id)})


def for_cycle(cycle: Cycle) -> list[HistoryEntry]:
    from sakrad.proposals.models import ResponseBatch

    batches = _ids(sa.select(ResponseBatch.id).where(ResponseBatch.cycle_id == cycle.id))
    return _entries([("Cycle", [cycle.id]), ("ResponseBatch", batches)])


def for_organisation(organisation_id: int) -> list[HistoryEntry]:
    return _entries([("Organisation", [organisation_id])])


def for_subject(subject: object) -> list[HistoryEntry]:
    """The history of whatever a public page shows: a meeting, a cycle or an organisation."""
    from sakrad.portal.organisations import PublicOrganisation

    if isinstance(subject, Meeting):
        return for_meeting(subject) if subject.is_public else []
    if isinstance(subject, Cycle):
        return for_cycle(subject) if subject.is_public else []
    if isinstance(subject, PublicOrganisation):  # only what the portal already published
        return for_organisation(subject.id)
    return []


def published_at(entries: list[HistoryEntry]) -> datetime | None:
    """When the page was first published: the oldest entry of the history shown."""
    return entries[-1].at if entries else None
