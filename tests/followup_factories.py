"""A small world of one convening body whose every follow-up figure is counted by hand in
tests/integration/test_followup_report.py (the counts are written next to each row here)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sakrad.accounts.models import ConveningBody
from sakrad.cycles.models import Cycle, CycleState
from sakrad.extensions import db
from sakrad.feedback import service as feedback
from sakrad.feedback.models import FeedbackRating, FeedbackResponse, FeedbackRound, Respondent
from sakrad.invitations.models import Invitation, InvitationOrigin, InvitationState
from sakrad.meetings.models import AgendaItem, Meeting, MeetingKind, MeetingSession, MeetingState
from sakrad.minutes.models import MinutesPublication, MinutesRevision
from sakrad.organisations.models import FocusArea, Organisation
from sakrad.proposals.models import ProposalState, ResponseBatch, TopicProposal
from sakrad.selection.models import Selection, SelectionState
from tests.cycles_factories import CARD
from tests.helpers import make_body

_seq = itertools.count(1)


def at(y: int, m: int, d: int, h: int = 9) -> datetime:
    return datetime(y, m, d, h, tzinfo=UTC)


def org(name: str, *, form: str = "annan", active: bool = True) -> Organisation:
    n = next(_seq)
    o = Organisation(name=name, slug=f"fu-org-{n}", form=form, active=active,
                     contact_email=f"fu{n}@example.se")  # fmt: skip
    db.session.add(o)
    db.session.flush()
    return o


def cycle(body: ConveningBody, year: int) -> Cycle:
    c = Cycle(convening_body_id=body.id, year=year, policy_area=f"Område {next(_seq)}",
              state=CycleState.CLOSED, call_opens_at=at(year, 1, 10),
              call_closes_at=at(year, 2, 1, 12))  # fmt: skip
    db.session.add(c)
    db.session.flush()
    return c


def meeting(c: Cycle, title: str, state: MeetingState, start: datetime,
            kind: MeetingKind = MeetingKind.SAKRAD, *, card: bool = True) -> Meeting:  # fmt: skip
    m = Meeting(cycle_id=c.id, convening_body_id=c.convening_body_id, kind=kind, title=title,
                state=state, **(CARD if card else {}),
                announced_at=None if state == MeetingState.DRAFT else start - timedelta(days=30),
                held_at=start if state in (MeetingState.HELD, MeetingState.DOCUMENTED) else None)  # fmt: skip
    m.sessions.append(MeetingSession(starts_at=start, ends_at=start + timedelta(hours=2)))
    db.session.add(m)
    db.session.flush()
    return m


def invite(m: Meeting, o: Organisation, state: InvitationState, attended: bool | None = None,
           *, sent: bool = True) -> Invitation:  # fmt: skip
    start = m.sessions[0].starts_at
    inv = Invitation(meeting_id=m.id, organisation_id=o.id, state=state,
                     origin=InvitationOrigin.SELECTION, deadline=start - timedelta(days=5),
                     sent_at=start - timedelta(days=20) if sent else None, attended=attended)  # fmt: skip
    db.session.add(inv)
    return inv


def minutes(m: Meeting, published_at: datetime) -> None:
    rev = MinutesRevision(meeting_id=m.id, number=1, text="Protokoll.")
    db.session.add(rev)
    db.session.flush()
    db.session.add(
        MinutesPublication(meeting_id=m.id, revision_id=rev.id, published_at=published_at)
    )


def answers(m: Meeting, values: list[dict[str, int | None]], *,
            round_: FeedbackRound = FeedbackRound.MEETING,
            respondent: Respondent = Respondent.ORGANISATION) -> None:  # fmt: skip
    qs = feedback.current_question_set()
    ids = {q.code: q.id for q in qs.questions}
    for v in values:
        r = FeedbackResponse(meeting_id=m.id, question_set_id=qs.id, round=round_,
                             respondent=respondent)  # fmt: skip
        r.ratings = [FeedbackRating(question_id=ids[c], value=x) for c, x in v.items()]
        db.session.add(r)


def all_codes(value: int, **over: int | None) -> dict[str, int | None]:
    from sakrad.feedback.models import MEETING_CODES

    return {c: over.get(c, value) for c in MEETING_CODES}


@dataclass
class World:
    body: ConveningBody
    year: int
    orgs: dict[str, Organisation]
    meetings: dict[str, Meeting]


def make_world() -> World:
    body = make_body()
    y = 2030
    A = {f"O{i}": org(f"Förening {i:02d}") for i in range(1, 19) if i != 7}
    A["O1"].form = A["O2"].form = "ideell_forening"
    A["O3"].form = "stiftelse"
    A["O7"] = org("Vilande förening", active=False)  # not in the registry
    db.session.flush()
    focus = FocusArea(code="fu-integration", name_sv="Integration", name_en="Integration")
    db.session.add(focus)
    A["O1"].focus_areas.append(focus)
    A["O3"].focus_areas.append(focus)

    c28, c29, c30 = cycle(body, y - 2), cycle(body, y - 1), cycle(body, y)
    M = {
        "M0a": meeting(c28, "Sakråd 2028", MeetingState.DOCUMENTED, at(y - 2, 4, 1)),
        "M0": meeting(c29, "Sakråd 2029", MeetingState.DOCUMENTED, at(y - 1, 4, 1)),
        "M1": meeting(c30, "Sakråd ett", MeetingState.DOCUMENTED, at(y, 3, 10)),
        "M2": meeting(c30, "Högnivåmöte", MeetingState.HELD, at(y, 4, 10),
                      MeetingKind.HIGH_LEVEL, card=False),
        "M3": meeting(c30, "Sakråd tre", MeetingState.ANNOUNCED, at(y, 11, 1)),
        "M4": meeting(c30, "Utkast", MeetingState.DRAFT, at(y, 11, 20)),
        "M5": meeting(c30, "Sakråd fem", MeetingState.DOCUMENTED, at(y, 5, 5)),
    }  # fmt: skip
    S = InvitationState
    invite(M["M0a"], A["O1"], S.ACCEPTED)  # 2028: O1 invited (attendance not recorded)
    invite(M["M0"], A["O1"], S.ACCEPTED, True)  # 2029: O1 took part: not first time in 2030
    invite(M["M0"], A["O2"], S.DECLINED)
    invite(M["M1"], A["O1"], S.ACCEPTED, True)
    invite(M["M1"], A["O2"], S.ACCEPTED, True)
    invite(M["M1"], A["O3"], S.DECLINED)
    invite(M["M2"], A["O1"], S.ACCEPTED, True)
    invite(M["M2"], A["O4"], S.ACCEPTED, False)
    invite(M["M3"], A["O1"], S.SENT)
    for i in range(8, 19):
        invite(M["M3"], A[f"O{i}"], S.SENT)
    invite(M["M4"], A["O6"], S.PENDING, sent=False)  # never sent: not counted
    invite(M["M5"], A["O1"], S.ACCEPTED, True)
    invite(M["M5"], A["O2"], S.ACCEPTED, True)
    invite(M["M5"], A["O5"], S.EXPIRED)
    minutes(M["M1"], at(y, 3, 20, 10))  # 10 days after the meeting
    minutes(M["M5"], at(y, 6, 4, 10))  # 30 days
    db.session.add(Selection(
        meeting_id=M["M1"].id, state=SelectionState.CONFIRMED, algorithm="leximin", seed=1,
        seats=2, quotas=[], time_budget=1.0, report_published_at=at(y, 2, 20),
        pool={"candidates": [
            {"id": str(A["O1"].id), "features": {"form": "ideell_forening", "first_time": "no"}},
            {"id": str(A["O2"].id), "features": {"form": "ideell_forening", "first_time": "yes"}},
            {"id": str(A["O3"].id), "features": {"form": "stiftelse", "first_time": "yes"}},
        ]},
        result={"panel": [str(A["O1"].id), str(A["O2"].id)], "reserve": [], "marginals": {},
                "report": {"min_probability": 0.25}},
    ))  # fmt: skip

    # Topic proposals: accepted (published, on M1's agenda), declined (published),
    # submitted, withdrawn. Responses published 14 days after the call closed.
    item = AgendaItem(session_id=M["M1"].sessions[0].id, title="Punkt")
    batch = ResponseBatch(cycle_id=c30.id, published_at=at(y, 2, 15, 10), proposal_count=2)
    db.session.add_all([item, batch])
    db.session.flush()
    common = {"cycle_id": c30.id, "organisation_id": A["O1"].id, "focus": "F", "questions": "Q"}
    db.session.add_all([
        TopicProposal(title="P1", state=ProposalState.ACCEPTED, response_text="Ja",
                      decided_at=at(y, 2, 10), response_published_at=batch.published_at,
                      batch_id=batch.id, agenda_item_id=item.id, **common),
        TopicProposal(title="P2", state=ProposalState.DECLINED, response_text="Nej",
                      decided_at=at(y, 2, 10), response_published_at=batch.published_at,
                      batch_id=batch.id, **common),
        TopicProposal(title="P3", state=ProposalState.SUBMITTED, **common),
        TopicProposal(title="P4", state=ProposalState.WITHDRAWN, withdrawn_at=at(y, 1, 20),
                      **common),
    ])  # fmt: skip

    # Feedback. M1: five organisations (dialogue 5, 5, 4, 3, don't know; the rest 4), one
    # self-assessment (dialogue 3, the rest 2), five follow-up answers (yes, yes, partly, no,
    # don't know). M2: two organisations (withheld). 2029: five organisations, dialogue 3.
    answers(M["M1"], [all_codes(4, dialogue=5), all_codes(4, dialogue=5), all_codes(4),
                      all_codes(4, dialogue=3), all_codes(4, dialogue=None)])  # fmt: skip
    answers(M["M1"], [all_codes(2, dialogue=3)], respondent=Respondent.BODY)
    answers(M["M1"], [{"feedback_received": v} for v in (2, 2, 1, 0, None)],
            round_=FeedbackRound.FOLLOWUP)  # fmt: skip
    answers(M["M2"], [all_codes(1), all_codes(1)])
    answers(M["M0"], [{"dialogue": 3}] * 5)
    db.session.commit()
    return World(body, y, A, M)
