"""Public reads of invitations: who is invited to a public meeting, their answer and, after
the meeting, whether they attended (``rules.invitation_public`` and
``rules.public_attendance``). Delegates' names only with their consent; never emails,
needs, reasons, pending or withdrawn invitations.

One reader serves the meeting and organisation pages, the API, the CSV file and the search
index, in two queries for any number of meetings.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from sakrad.db import columns, copied
from sakrad.extensions import db
from sakrad.invitations.models import Delegate, Invitation, InvitationState
from sakrad.meetings.models import Meeting, MeetingSession
from sakrad.organisations.models import Organisation
from sakrad.portal import rules


@dataclass(frozen=True)
class PublicInvitation:
    id: int
    meeting_id: int
    organisation_id: int
    organisation_name: str
    organisation_slug: str
    county: str
    meeting_title: str
    meeting_title_en: str | None
    starts_at: datetime | None
    state: str
    attended: bool | None  # None until attendance is recorded after the meeting
    sent_at: datetime | None
    answered_at: datetime | None
    delegate_names: tuple[str, ...]


def _select(where: sa.ColumnElement[bool], order: tuple) -> sa.Select:
    """The invitations with their organisation, meeting and the names of the delegates who
    consented (one row per such delegate, folded by ``_read``)."""
    first_start = (
        sa.select(sa.func.min(MeetingSession.starts_at))
        .where(MeetingSession.meeting_id == Invitation.meeting_id)
        .scalar_subquery()
    )
    return (
        sa.select(
            *columns(Invitation, "id", "meeting_id", "organisation_id"),
            Organisation.name.label("organisation_name"),
            Organisation.slug.label("organisation_slug"),
            Organisation.county,
            Meeting.title.label("meeting_title"),
            Meeting.title_en.label("meeting_title_en"),
            first_start.label("starts_at"),
            Meeting.state.label("meeting_state"),
            *columns(Invitation, "state", "attended", "sent_at", "answered_at"),
            Delegate.name.label("delegate_name"),
        )
        .join(Organisation, Organisation.id == Invitation.organisation_id)
        .join(Meeting, Meeting.id == Invitation.meeting_id)
        .outerjoin(
            Delegate,
            sa.and_(
                Delegate.invitation_id == Invitation.id,
                Delegate.name_public.is_(True),
                Invitation.state == InvitationState.ACCEPTED,
            ),
        )
        .where(rules.invitation_public(), where)
        .order_by(*order, Delegate.id)
    )


# Built once per process (building a statement costs more CPU than running it); the ids are
# bound at execution.
@functools.cache
def _of_meetings(every: bool) -> sa.Select:
    where = sa.true() if every else Invitation.meeting_id.in_(sa.bindparam("ids", expanding=True))
    return _select(where, (Invitation.meeting_id, Organisation.name, Invitation.id))


@functools.cache
def _of_organisation() -> sa.Select:
    return _select(
        Invitation.organisation_id == sa.bindparam("organisation_id"),
        (Invitation.sent_at.desc(), Invitation.id.desc()),
    )


def _read(stmt: sa.Select, params: dict) -> list[PublicInvitation]:
    """One query (``stmt`` from ``_select``), the delegates' names folded per invitation."""
    rows = db.session.execute(stmt, params).all()
    names: dict[int, list[str]] = defaultdict(list)
    firsts: dict[int, sa.Row] = {}
    for r in rows:
        firsts.setdefault(r.id, r)
        if r.delegate_name is not None:
            names[r.id].append(r.delegate_name)
    return [
        copied(
            PublicInvitation,
            r,
            state=str(r.state),
            attended=rules.public_attendance(r.meeting_state, r.state, r.attended),
            delegate_names=tuple(names.get(r.id, ())),
        )
        for r in firsts.values()
    ]


def for_meetings(meeting_ids: list[int] | None) -> dict[int, list[PublicInvitation]]:
    """The public invitations of each meeting (None: of every meeting), by organisation."""
    if meeting_ids is not None and not meeting_ids:
        return {}
    stmt = _of_meetings(meeting_ids is None)
    out: dict[int, list[PublicInvitation]] = defaultdict(list)
    for inv in _read(stmt, {} if meeting_ids is None else {"ids": meeting_ids}):
        out[inv.meeting_id].append(inv)
    return out


def for_meeting(meeting: Meeting) -> list[PublicInvitation]:
    return for_meetings([meeting.id]).get(meeting.id, [])


def for_organisation(organisation_id: int) -> list[PublicInvitation]:
    return _read(_of_organisation(), {"organisation_id": organisation_id})


def invited_counties(meeting_ids: list[int] | None) -> dict[int, set[str]]:
    return {mid: {inv.county for inv in invs} for mid, invs in for_meetings(meeting_ids).items()}
