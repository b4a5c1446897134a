"""Factories for proposal tests: cycles, meetings and agenda items made directly as rows,
plus proposals in any state."""

from __future__ import annotations

import itertools
from datetime import timedelta

from sakrad.accounts.models import ConveningBody, User
from sakrad.cycles.models import Cycle, CycleState
from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.meetings.models import AgendaItem, Meeting, MeetingKind, MeetingSession
from sakrad.organisations.models import Organisation
from sakrad.proposals.models import ProposalState, TopicProposal

_seq = itertools.count(1)

VALID = {
    "title": "Arbetsmarknadsintegration på landsbygden",
    "focus": "Hur nyanlända på landsbygden kan få jobb genom lokala föreningar.",
    "questions": "Vilka medel finns för lokala insatser? Hur kan kommunerna samverka?",
    "background": "Vi driver projekt i tolv kommuner.",
}


def make_cycle(
    body: ConveningBody, *, call: str = "open", year: int | None = None, **fields: object
) -> Cycle:
    """A cycle whose call is ``open``, ``future`` (not yet open) or ``closed``."""
    now = utcnow()
    window = {
        "open": (now - timedelta(days=5), now + timedelta(days=5)),
        "future": (now + timedelta(days=5), now + timedelta(days=15)),
        "closed": (now - timedelta(days=15), now - timedelta(days=5)),
    }[call]
    cycle = Cycle(
        convening_body_id=body.id,
        year=year or 2000 + next(_seq) % 100,
        policy_area=f"Integration {next(_seq)}",
        call_opens_at=window[0],
        call_closes_at=window[1],
        state=CycleState.OPEN,
        **fields,
    )
    db.session.add(cycle)
    db.session.commit()
    return cycle


def make_agenda_item(cycle: Cycle, title: str = "Arbetsmarknaden") -> AgendaItem:
    start = utcnow() + timedelta(days=30)
    meeting = Meeting(
        cycle_id=cycle.id,
        convening_body_id=cycle.convening_body_id,
        kind=MeetingKind.HIGH_LEVEL,
        title=f"Högnivåmöte {next(_seq)}",
    )
    session = MeetingSession(meeting=meeting, starts_at=start, ends_at=start + timedelta(hours=2))
    item = AgendaItem(session=session, position=1, title=title)
    db.session.add_all([meeting, session, item])
    db.session.commit()
    return item


def make_proposal(
    cycle: Cycle,
    org: Organisation,
    *,
    by: User | None = None,
    state: ProposalState = ProposalState.SUBMITTED,
    response_text: str | None = None,
    published: bool = False,
    **fields: object,
) -> TopicProposal:
    data = {**VALID, "title": f"{VALID['title']} {next(_seq)}", **fields}
    proposal = TopicProposal(
        cycle_id=cycle.id,
        organisation_id=org.id,
        submitted_by_id=by.id if by else None,
        state=state,
        **data,
    )
    if state in (
        ProposalState.ACCEPTED,
        ProposalState.DEFERRED,
        ProposalState.DECLINED,
        ProposalState.MERGED,
    ):
        proposal.response_text = response_text or "Motiverad återkoppling."
        proposal.decided_at = utcnow()
        if published:
            proposal.response_published_at = utcnow()
    if state == ProposalState.WITHDRAWN:
        proposal.withdrawn_at = utcnow()
    db.session.add(proposal)
    db.session.commit()
    return proposal
