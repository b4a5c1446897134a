"""Demo feedback for the 2017 meetings of Arbetsmarknadsdepartementet: who took part (the
demo organisations), their anonymous answers, the civil servants' self-assessment and, for
the documented meeting, the "did you get feedback" answers."""

from __future__ import annotations

import random
from datetime import timedelta

import sqlalchemy as sa

from sakrad.cycles.demo import find_cycle
from sakrad.extensions import db
from sakrad.feedback.models import (
    MEETING_CODES,
    FeedbackComment,
    FeedbackRating,
    FeedbackRequest,
    FeedbackResponse,
    FeedbackRound,
    Respondent,
)
from sakrad.feedback.service import current_question_set
from sakrad.invitations.models import Invitation, InvitationOrigin, InvitationState
from sakrad.invitations.tokens import hash_token, new_token
from sakrad.meetings.models import Meeting, MeetingState
from sakrad.organisations.models import Organisation

HELD = (MeetingState.HELD, MeetingState.DOCUMENTED)
COMMENTS = (
    ("Bra att förväntanskortet skickades i förväg; vi hann förankra frågorna.", None),
    ("Mer tid för dialog och mindre för presentationer, tack.", "Hela Sverige ska leva"),
)


def _answer(meeting: Meeting, qs, round_: FeedbackRound, respondent: Respondent,
            values: dict[str, int | None]) -> None:  # fmt: skip
    ids = {q.code: q.id for q in qs.questions}
    response = FeedbackResponse(meeting_id=meeting.id, question_set_id=qs.id, round=round_,
                                respondent=respondent)  # fmt: skip
    response.ratings = [FeedbackRating(question_id=ids[c], value=v) for c, v in values.items()]
    db.session.add(response)


def seed() -> bool:
    cycle = find_cycle(2017)
    if cycle is None:
        return False
    meetings = [m for m in cycle.meetings if m.state in HELD and m.starts_at is not None]
    if not meetings:
        return False
    if db.session.scalar(
        sa.select(FeedbackResponse.id).where(FeedbackResponse.meeting_id.in_([m.id for m in meetings]))
    ):  # fmt: skip
        return False
    orgs = list(db.session.scalars(sa.select(Organisation).order_by(Organisation.id).limit(12)))
    qs = current_question_set()
    rng = random.Random(2017)
    for n, meeting in enumerate(meetings):
        start = meeting.starts_at
        assert start is not None  # the list above keeps only meetings with a start
        # Eight of the twelve demo organisations per meeting; the first two every time.
        chosen = orgs[:2] + rng.sample(orgs[2:], 6)
        for org in chosen:
            if db.session.scalar(sa.select(Invitation.id).where(
                Invitation.meeting_id == meeting.id, Invitation.organisation_id == org.id
            )) is None:  # fmt: skip
                db.session.add(Invitation(
                    meeting_id=meeting.id, organisation_id=org.id,
                    state=InvitationState.ACCEPTED, origin=InvitationOrigin.MANUAL,
                    origin_reason="Demo: deltog 2017", deadline=start - timedelta(days=14),
                    sent_at=start - timedelta(days=30), answered_at=start - timedelta(days=20),
                    attended=True,
                ))  # fmt: skip
            db.session.add(FeedbackRequest(
                meeting_id=meeting.id, organisation_id=org.id, round=FeedbackRound.MEETING,
                question_set_id=qs.id, token_hash=hash_token(new_token()), sent_at=start,
                closes_at=start + timedelta(days=30), answered=True,
            ))  # fmt: skip
        # Six of the eight answered; dialogue rated well, openness less so (as MUCF found).
        for _ in range(6):
            values: dict[str, int | None] = {c: rng.choice((3, 4, 4, 5)) for c in MEETING_CODES}
            values["openness"] = rng.choice((2, 2, 3, 4, None))
            _answer(meeting, qs, FeedbackRound.MEETING, Respondent.ORGANISATION, values)
        _answer(meeting, qs, FeedbackRound.MEETING, Respondent.BODY,
                {c: 4 if c != "openness" else 4 for c in MEETING_CODES})  # fmt: skip
        if n == 0:
            for text, signature in COMMENTS:
                db.session.add(FeedbackComment(meeting_id=meeting.id, round=FeedbackRound.MEETING,
                                               text=text, signature=signature))  # fmt: skip
        if meeting.state == MeetingState.DOCUMENTED:
            for value in (2, 2, 1, 1, 0, None):
                _answer(meeting, qs, FeedbackRound.FOLLOWUP, Respondent.ORGANISATION,
                        {"feedback_received": value})  # fmt: skip
    db.session.flush()
    return True
