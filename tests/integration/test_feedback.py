"""Feedback after a meeting: the emailed link without an account, one use, structural
anonymity, the threshold, reminders, the follow-up question, self-assessment and versions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from sakrad.accounts.models import Role
from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.feedback import reminders, service, settings
from sakrad.feedback.models import (
    MEETING_CODES,
    FeedbackComment,
    FeedbackRequest,
    FeedbackResponse,
    FeedbackRound,
    QuestionSet,
)
from sakrad.feedback.service import Answers
from tests.feedback_factories import feedback_mail, held_meeting, links
from tests.helpers import make_user


def _form(value: str = "4", **over: str) -> dict[str, str]:
    data = {f"q_{c}": value for c in MEETING_CODES}
    data.update(over)
    return data


def _submit(request: FeedbackRequest, dialogue: int | None, **kw) -> None:
    values = {c: 4 for c in MEETING_CODES}
    values["dialogue"] = dialogue
    service.submit(request, Answers(values, **kw))
    db.session.commit()


def _requests(meeting_id: int, round_=FeedbackRound.MEETING) -> list[FeedbackRequest]:
    return list(db.session.scalars(
        sa.select(FeedbackRequest)
        .where(FeedbackRequest.meeting_id == meeting_id, FeedbackRequest.round == round_)
        .order_by(FeedbackRequest.organisation_id)
    ))  # fmt: skip


def test_attending_organisations_get_a_personal_link_in_their_language(ctx) -> None:
    held = held_meeting(3, languages={1: "en"}, absent=(2,))
    messages = feedback_mail()
    assert len(messages) == 2  # the organisation recorded as absent gets none
    by_rcpt = {m.recipients[0]: m for m in messages}
    assert by_rcpt[held.reps[0].email].subject.startswith("Er återkoppling")
    assert by_rcpt[held.reps[1].email].subject == "Your feedback on Sakråd om etablering"
    assert "?lang=en" in by_rcpt[held.reps[1].email].body_text
    tokens = links(messages)
    assert len(set(tokens.values())) == 2 and all(len(t) >= 43 for t in tokens.values())
    stored = {r.token_hash for r in _requests(held.meeting_id)}
    assert not stored & set(tokens.values())  # only hashes are stored
    # Marking held twice cannot happen, but the reaction is idempotent anyway.
    assert service.meeting_held(held.meeting) == 0


def test_answer_through_the_emailed_link_without_an_account(ctx, client) -> None:
    held = held_meeting(1)
    token = links(feedback_mail())[held.reps[0].email]
    url = f"/feedback/{token}"
    page = client.get(url)
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    assert "Vi fick utrymme att framföra våra synpunkter." in page.get_data(as_text=True)
    review = client.post(url, data={**_form(), "step": "review", "comment": "Bra möte."})
    text = review.get_data(as_text=True)
    assert "Kontrollera dina svar" in text or "Check your answers" in text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FeedbackResponse)) == 0
    done = client.post(url, data={**_form(), "step": "send", "comment": "Bra möte."})
    assert done.status_code == 200
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FeedbackResponse)) == 1
    comment = db.session.scalar(sa.select(FeedbackComment))
    assert comment.text == "Bra möte." and comment.signature is None
    assert _requests(held.meeting_id)[0].answered is True


def test_a_second_use_of_the_link_is_refused(ctx, client) -> None:
    held = held_meeting(1)
    url = f"/feedback/{links(feedback_mail())[held.reps[0].email]}"
    client.post(url, data={**_form(), "step": "send"})
    again = client.get(url)
    assert again.status_code == 200
    text = again.get_data(as_text=True)
    assert "redan använts" in text or "already been used" in text
    client.post(url, data={**_form("1"), "step": "send"})
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FeedbackResponse)) == 1
    with pytest.raises(Exception) as refused:
        service.submit(_requests(held.meeting_id)[0], Answers({c: 1 for c in MEETING_CODES}))
    assert getattr(refused.value, "code", None) == "used"


def test_unknown_link_and_bad_answers(ctx, client) -> None:
    held = held_meeting(1)
    assert client.get("/feedback/not-a-real-token").status_code == 404
    assert client.get("/feedback/" + "x" * 5000).status_code == 404
    url = f"/feedback/{links(feedback_mail())[held.reps[0].email]}"
    r = client.post(url, data={**_form(q_dialogue="9"), "step": "send"})
    assert r.status_code == 200
    r = client.post(url, data={"step": "send"})
    assert r.status_code == 200
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FeedbackResponse)) == 0
    assert _requests(held.meeting_id)[0].answered is False


def test_the_stored_answer_has_no_column_leading_to_the_organisation_or_the_link(ctx) -> None:
    inspector = sa.inspect(db.engine)
    for table in ("feedback_responses", "feedback_ratings", "feedback_comments"):
        columns = {c["name"] for c in inspector.get_columns(table)}
        for word in ("organisation", "org", "token", "request", "invitation", "user", "_at"):
            assert not any(word in c for c in columns), (table, columns)
        targets = {fk["referred_table"] for fk in inspector.get_foreign_keys(table)}
        assert targets <= {"meetings", "feedback_question_sets", "feedback_questions",
                           "feedback_responses"}, (table, targets)  # fmt: skip
    assert {c["name"] for c in inspector.get_columns("feedback_responses")} == {
        "id", "meeting_id", "question_set_id", "round", "respondent"
    }  # fmt: skip
    # The link keeps only whether it was used: no time, no reference to the answer.
    link_columns = {c["name"] for c in inspector.get_columns("feedback_requests")}
    assert "answered" in link_columns
    assert not {"answered_at", "response_id", "used_at"} & link_columns


def test_four_answers_are_withheld_five_show_the_aggregate(ctx, client, auth) -> None:
    held = held_meeting(5)
    requests = _requests(held.meeting_id)
    for r in requests[:4]:
        _submit(r, 5)
    _submit_comment = Answers({c: 4 for c in MEETING_CODES}, comment="Signerat.", signed=True)
    auth.login(held.staff.email)
    page = client.get(f"/manage/meetings/{held.meeting_id}/feedback").get_data(as_text=True)
    assert 'id="withheld"' in page
    assert "4 organisationer har svarat" in page or "4 organisations have answered" in page
    assert "5.0" not in page
    service.submit(requests[4], Answers({**_submit_comment.values, "dialogue": 1},
                                        comment="Signerat.", signed=True))  # fmt: skip
    db.session.commit()
    page = client.get(f"/manage/meetings/{held.meeting_id}/feedback").get_data(as_text=True)
    assert 'id="withheld"' not in page
    assert "4.2" in page  # dialogue: (5 + 5 + 5 + 5 + 1) / 5
    assert "Signerat." in page and held.orgs[4].name in page


def test_threshold_is_configurable_but_never_below_three(app, ctx) -> None:
    app.config["FEEDBACK_MIN_ANSWERS"] = 1
    assert settings.min_answers() == 3
    app.config["FEEDBACK_MIN_ANSWERS"] = 8
    assert settings.min_answers() == 8


def test_the_reminder_goes_once_and_only_to_those_who_have_not_answered(ctx, client) -> None:
    held = held_meeting(3)
    first_links = links(feedback_mail())
    requests = _requests(held.meeting_id)
    _submit(requests[0], 4)
    closes = requests[1].closes_at
    assert reminders.send_due_reminders(now=closes - timedelta(days=8)) == 0
    assert reminders.send_due_reminders(now=closes - timedelta(days=6)) == 2
    db.session.commit()
    sent = feedback_mail("feedback-reminder")
    assert sorted(m.recipients[0] for m in sent) == sorted(r.email for r in held.reps[1:])
    assert reminders.send_due_reminders(now=closes - timedelta(days=5)) == 0
    assert reminders.send_due_reminders(now=closes - timedelta(days=1)) == 0
    # Both the first link and the reminder's link work (once).
    new_links = links(sent)
    assert client.get(f"/feedback/{first_links[held.reps[1].email]}").status_code == 200
    assert client.get(f"/feedback/{new_links[held.reps[2].email]}").status_code == 200


def test_send_reminders_command_includes_feedback(ctx, runner) -> None:
    result = runner.invoke(args=["sakrad", "send-reminders"])
    assert result.exit_code == 0, result.output
    assert "feedback reminders 0" in result.output


def test_a_closed_questionnaire_takes_no_answers(ctx, client) -> None:
    held = held_meeting(1)
    url = f"/feedback/{links(feedback_mail())[held.reps[0].email]}"
    request = _requests(held.meeting_id)[0]
    request.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    text = client.get(url).get_data(as_text=True)
    assert "stängde" in text or "closed" in text
    client.post(url, data={**_form(), "step": "send"})
    assert db.session.scalar(sa.select(sa.func.count()).select_from(FeedbackResponse)) == 0


def test_published_outcome_asks_whether_feedback_came(ctx, client) -> None:
    from sakrad.minutes import outcome
    from sakrad.minutes import service as minutes

    held = held_meeting(2)
    meeting = held.meeting
    minutes.save_revision(held.staff, meeting, "Protokoll.", 0)
    outcome.save(held.staff, meeting, statement="Vi tar med inspelen.",
                 feedback_when=date(2031, 1, 1), notes={})  # fmt: skip
    minutes.publish(held.staff, meeting, 1)
    db.session.commit()
    follow = _requests(held.meeting_id, FeedbackRound.FOLLOWUP)
    assert len(follow) == 2
    messages = feedback_mail("feedback-followup")
    assert len(messages) == 2
    url = f"/feedback/{links(messages)[held.reps[0].email]}"
    page = client.get(url).get_data(as_text=True)
    assert "Har ni fått återkoppling på hur era synpunkter togs om hand?" in page
    client.post(url, data={"q_feedback_received": "2", "step": "send"})
    assert _requests(held.meeting_id, FeedbackRound.FOLLOWUP)[0].answered is True


def test_self_assessment_beside_the_organisations(ctx, client, auth) -> None:
    held = held_meeting(1)
    auth.login(held.staff.email)
    url = f"/manage/meetings/{held.meeting_id}/feedback"
    review = client.post(url, data={**_form("2"), "step": "review"})
    assert review.status_code == 200
    r = client.post(url, data={**_form("2"), "step": "send"})
    assert r.status_code == 303
    page = client.get(url).get_data(as_text=True)
    assert "2.0" in page  # the self-assessment column
    assert client.post(url, data={**_form("5"), "step": "send"}).status_code == 409
    other = make_user(Role.CIVIL_SERVANT)
    auth.logout()
    auth.login(other.email)
    assert client.get(url).status_code == 403


def test_question_sets_are_versioned(ctx, client, auth) -> None:
    held = held_meeting(2)
    v1 = service.current_question_set()
    _submit(_requests(held.meeting_id)[0], 4)
    admin = make_user(Role.ADMIN)
    auth.login(admin.email)
    data = {"based_on": str(v1.version)}
    for q in v1.questions:
        data[f"{q.code}_sv"] = q.text_sv
        data[f"{q.code}_en"] = q.text_en
    data["dialogue_sv"] = "Vi kunde säga det vi ville."
    assert client.post("/admin/feedback-questions", data=data).status_code == 303
    assert client.post("/admin/feedback-questions", data=data).status_code == 200  # stale
    versions = db.session.scalars(sa.select(QuestionSet.version).order_by(QuestionSet.version))
    assert list(versions) == [1, 2]
    # The answer given refers to version 1; the open link still shows version 1's text.
    assert db.session.scalar(sa.select(FeedbackResponse.question_set_id)) == v1.id
    auth.logout()
    token = links(feedback_mail())[held.reps[1].email]
    assert "Vi fick utrymme" in client.get(f"/feedback/{token}").get_data(as_text=True)
    assert client.get("/admin/feedback-questions").status_code in (302, 401, 403)
