"""Use cases of feedback: links after the meeting and after the outcome, answering, the
self-assessment, question versions and the reminder. Never commits."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from sakrad.accounts.models import User
from sakrad.db import affected_rows, utcnow
from sakrad.errors import Conflict, Forbidden, Invalid, NotFound
from sakrad.extensions import db
from sakrad.feedback.models import (
    COMMENT_MAX,
    FEEDBACK_CHOICES,
    FEEDBACK_RECEIVED,
    MEETING_CODES,
    SCALE,
    FeedbackComment,
    FeedbackRating,
    FeedbackRequest,
    FeedbackResponse,
    FeedbackRound,
    Question,
    QuestionSet,
    Respondent,
    SelfAssessor,
)
from sakrad.feedback.questions import DEFAULT_QUESTIONS
from sakrad.invitations.models import Invitation, InvitationState
from sakrad.invitations.tokens import hash_token, new_token
from sakrad.meetings.models import Meeting, MeetingState

HELD_STATES = frozenset({MeetingState.HELD, MeetingState.DOCUMENTED})


def window() -> timedelta:
    return timedelta(days=int(current_app.config.get("FEEDBACK_WINDOW_DAYS", 30)))


def codes_of(round_: FeedbackRound) -> tuple[str, ...]:
    return MEETING_CODES if round_ == FeedbackRound.MEETING else (FEEDBACK_RECEIVED,)


def allowed_values(code: str) -> tuple[int, ...]:
    return FEEDBACK_CHOICES if code == FEEDBACK_RECEIVED else SCALE


# -- question sets -------------------------------------------------------------------------


def current_question_set() -> QuestionSet:
    """The newest version; the shipped default becomes version 1 the first time it is needed."""
    found = db.session.scalar(sa.select(QuestionSet).order_by(QuestionSet.version.desc()).limit(1))
    if found is not None:
        return found
    qs = QuestionSet(version=1)
    qs.questions = [
        Question(position=i, code=code, text_sv=sv, text_en=en)
        for i, (code, sv, en) in enumerate(DEFAULT_QUESTIONS)
    ]
    db.session.add(qs)
    db.session.flush()
    return qs


def save_question_set(user: User, texts: dict[str, tuple[str, str]], based_on: int) -> QuestionSet:
    """A new version with the given (Swedish, English) texts per code. ``based_on`` is the
    version the form showed: a newer one saved meanwhile is a conflict."""
    if not user.is_admin:
        raise Forbidden()
    current = current_question_set()
    if based_on != current.version:
        raise Conflict(_l("Someone else saved a newer version of the questions meanwhile."))
    errors: dict[str, list] = {}
    for q in current.questions:
        sv, en = (s.strip() for s in texts.get(q.code, ("", "")))
        if not sv:
            errors.setdefault(f"{q.code}_sv", []).append(_l("Enter the Swedish text."))
        if not en:
            errors.setdefault(f"{q.code}_en", []).append(_l("Enter the English text."))
    if errors:
        raise Invalid(_l("Every question needs a text in both languages."), errors=errors)
    if all(texts[q.code] == (q.text_sv, q.text_en) for q in current.questions):
        raise Invalid(_l("Nothing has changed since the current version."))
    new = QuestionSet(version=current.version + 1, created_by_id=user.id)
    new.questions = [
        Question(
            position=q.position,
            code=q.code,
            text_sv=texts[q.code][0].strip(),
            text_en=texts[q.code][1].strip(),
        )
        for q in current.questions
    ]
    db.session.add(new)
    db.session.flush()
    return new


# -- links ---------------------------------------------------------------------------------


def _attending_org_ids(meeting: Meeting) -> list[int]:
    # Attendance is often recorded after the meeting is marked held: everyone who accepted
    # and has not been recorded as absent gets the questionnaire.
    return list(
        db.session.scalars(
            sa.select(Invitation.organisation_id)
            .where(
                Invitation.meeting_id == meeting.id,
                Invitation.state == InvitationState.ACCEPTED,
                sa.or_(Invitation.attended.is_(None), Invitation.attended.is_(True)),
            )
            .distinct()
            .order_by(Invitation.organisation_id)
        )
    )


def _open_requests(meeting: Meeting, round_: FeedbackRound, org_ids: list[int], now: datetime,
                   closes_at: datetime) -> int:  # fmt: skip
    from sakrad.feedback import mail

    if not org_ids:
        return 0
    have = set(
        db.session.scalars(
            sa.select(FeedbackRequest.organisation_id).where(
                FeedbackRequest.meeting_id == meeting.id, FeedbackRequest.round == round_
            )
        )
    )
    qs = current_question_set()
    made = 0
    for org_id in org_ids:
        if org_id in have:
            continue
        token = new_token()
        request = FeedbackRequest(
            meeting_id=meeting.id,
            organisation_id=org_id,
            round=round_,
            question_set_id=qs.id,
            token_hash=hash_token(token),
            sent_at=now,
            closes_at=closes_at,
        )
        db.session.add(request)
        db.session.flush()
        mail.queue_request(request, token)
        made += 1
    return made


def meeting_held(meeting: Meeting, *, now: datetime | None = None) -> int:
    """Send every attending organisation its personal feedback link (once)."""
    now = now or utcnow()
    closes_at = (meeting.ends_at or now) + window()
    if closes_at <= now:  # marked held long after the meeting: still give a full window
        closes_at = now + window()
    return _open_requests(meeting, FeedbackRound.MEETING, _attending_org_ids(meeting), now,
                          closes_at)  # fmt: skip


def outcome_published(meeting: Meeting, *, now: datetime | None = None) -> int:
    """The second short question, to the organisations that got the first one."""
    now = now or utcnow()
    org_ids = list(
        db.session.scalars(
            sa.select(FeedbackRequest.organisation_id)
            .where(
                FeedbackRequest.meeting_id == meeting.id,
                FeedbackRequest.round == FeedbackRound.MEETING,
            )
            .order_by(FeedbackRequest.organisation_id)
        )
    )
    return _open_requests(meeting, FeedbackRound.FOLLOWUP, org_ids, now, now + window())


def find(token: str) -> FeedbackRequest | None:
    digest = hash_token(token or "")
    request = db.session.scalar(
        sa.select(FeedbackRequest).where(
            sa.or_(
                FeedbackRequest.token_hash == digest,
                FeedbackRequest.previous_token_hash == digest,
            )
        )
    )
    if request is None:
        hmac.compare_digest(digest, "0" * 64)
        return None
    stored = (
        request.token_hash if request.token_hash == digest else (request.previous_token_hash or "")
    )
    return request if hmac.compare_digest(stored, digest) else None


# -- answering -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Answers:
    """What a questionnaire carries: value per question code (None: don't know)."""

    values: dict[str, int | None]
    comment: str = ""
    signed: bool = False


def _clean(answers: Answers, codes: tuple[str, ...]) -> dict[str, int | None]:
    errors: dict[str, list] = {}
    out: dict[str, int | None] = {}
    for code in codes:
        if code not in answers.values:
            errors[code] = [_l("Choose an answer (or “don't know”).")]
            continue
        value = answers.values[code]
        if value is not None and value not in allowed_values(code):
            errors[code] = [_l("Choose one of the answers shown.")]
            continue
        out[code] = value
    if len(answers.comment or "") > COMMENT_MAX:
        errors["comment"] = [_l("The comment is too long (at most 4 000 characters).")]
    if errors:
        raise Invalid(_l("Some questions are not answered."), errors=errors)
    return out


def _store(meeting_id: int, qs: QuestionSet, round_: FeedbackRound, respondent: Respondent,
           values: dict[str, int | None]) -> FeedbackResponse:  # fmt: skip
    response = FeedbackResponse(
        meeting_id=meeting_id, question_set_id=qs.id, round=round_, respondent=respondent
    )
    by_code = {q.code: q for q in qs.questions}
    response.ratings = [
        FeedbackRating(question_id=by_code[code].id, value=value) for code, value in values.items()
    ]
    db.session.add(response)
    return response


def check_answerable(request: FeedbackRequest, now: datetime) -> None:
    if request.answered:
        raise Conflict(
            _l("This link has already been used: your organisation's answer has been received."),
            code="used",
        )
    if now >= request.closes_at:
        raise Invalid(_l("The questionnaire closed on this date; answers are no longer taken."),
                      code="closed")  # fmt: skip


def submit(request: FeedbackRequest, answers: Answers, *, now: datetime | None = None) -> None:
    """Store the answer without any reference to the organisation or the link, and spend the
    link. Two submissions racing with the same link: only the first one marks it used."""
    now = now or utcnow()
    check_answerable(request, now)
    values = _clean(answers, codes_of(request.round))
    spent = db.session.execute(
        sa.update(FeedbackRequest)
        .where(FeedbackRequest.id == request.id, FeedbackRequest.answered.is_(False))
        .values(answered=True, version_id=FeedbackRequest.version_id + 1)
        .execution_options(synchronize_session=False)
    )
    if affected_rows(spent) != 1:
        raise Conflict(_l("This link has already been used."), code="used")
    _store(request.meeting_id, request.question_set, request.round, Respondent.ORGANISATION,
           values)  # fmt: skip
    comment = (answers.comment or "").strip()
    if comment:
        db.session.add(
            FeedbackComment(
                meeting_id=request.meeting_id,
                round=request.round,
                text=comment,
                signature=request.organisation.name if answers.signed else None,
            )
        )
    db.session.expire(request)


def can_assess(user: User | None, meeting: Meeting) -> bool:
    return bool(user and user.is_authenticated and user.can_manage_body(meeting.convening_body_id))


def has_assessed(user: User, meeting: Meeting) -> bool:
    return (
        db.session.scalar(
            sa.select(SelfAssessor.id).where(
                SelfAssessor.meeting_id == meeting.id, SelfAssessor.user_id == user.id
            )
        )
        is not None
    )


def self_assess(user: User, meeting: Meeting, answers: Answers) -> None:
    """A civil servant of the convening body answers the six statements (and the card's)."""
    if not can_assess(user, meeting):
        raise Forbidden()
    if meeting.state not in HELD_STATES:
        raise Invalid(_l("The self-assessment opens once the meeting has been held."))
    if has_assessed(user, meeting):
        raise Conflict(_l("You have already given your self-assessment of this meeting."),
                       code="used")  # fmt: skip
    values = _clean(answers, MEETING_CODES)
    db.session.add(SelfAssessor(meeting_id=meeting.id, user_id=user.id))
    _store(meeting.id, current_question_set(), FeedbackRound.MEETING, Respondent.BODY, values)


def get_meeting(meeting_id: int) -> Meeting:
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound()
    return meeting
