"""The questionnaire behind the personal link (no account), the body's meeting feedback page
with its self-assessment, and the administrator's question versions."""

from __future__ import annotations

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from sakrad.accounts.access import admin_required, staff_required
from sakrad.db import utcnow
from sakrad.errors import Forbidden, SakradError, form_error
from sakrad.extensions import limiter
from sakrad.feedback import queries, service, settings
from sakrad.feedback.blueprint import bp
from sakrad.feedback.forms import question_set_form, questionnaire_form
from sakrad.feedback.models import MEETING_CODES, FeedbackRound, Respondent
from sakrad.feedback.questions import CODE_LABELS
from sakrad.shell.filters import current_lang as current_language


def _private(response):
    response = make_response(response)
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _questionnaire(form, *, template: str, **context):
    """Review then send: the first POST shows the answers to check, the second stores them."""
    step = request.form.get("step", "review") if request.method == "POST" else None
    if step == "edit" or not (step and form.validate_on_submit()):
        return None, render_template(template, form=form, reviewing=False, **context)
    if step == "review":
        return None, render_template(template, form=form, reviewing=True, **context)
    return form.answers(), None


@bp.route("/feedback/<token>", methods=["GET", "POST"])
@limiter.limit("60 per minute")
def answer(token: str):
    found = service.find(token)
    if found is None:
        return _private((render_template("feedback/link_problem.html", reason="unknown"), 404))
    lang = current_language()
    now = utcnow()
    try:
        service.check_answerable(found, now)
    except SakradError as exc:
        return _private(render_template("feedback/link_problem.html", reason=exc.code,
                                        request_=found))  # fmt: skip
    codes = service.codes_of(found.round)
    questions = [q for q in found.question_set.questions if q.code in codes]
    Form = questionnaire_form(questions, lang, with_comment=True)
    form = Form()
    context = {
        "request_": found,
        "meeting": found.meeting,
        "action_url": request.full_path.rstrip("?"),
        "threshold": settings.min_answers(),
    }
    answers, page = _questionnaire(form, template="feedback/answer.html", **context)
    if answers is None:
        return _private(page)
    try:
        service.submit(found, answers, now=now)
    except SakradError as exc:
        form_error(form, exc)
        return _private(render_template("feedback/answer.html", form=form, reviewing=False,
                                        **context))  # fmt: skip
    return _private(render_template("feedback/thanks.html", meeting=found.meeting))


def _meeting_view(meeting) -> dict:
    groups = queries.groups([meeting.id])
    orgs = groups.get((meeting.id, FeedbackRound.MEETING, Respondent.ORGANISATION))
    body = groups.get((meeting.id, FeedbackRound.MEETING, Respondent.BODY))
    follow = groups.get((meeting.id, FeedbackRound.FOLLOWUP, Respondent.ORGANISATION))
    threshold = settings.min_answers()
    rows = []
    for code in MEETING_CODES:
        o = orgs.scores.get(code) if orgs else None
        b = body.scores.get(code) if body else None
        rows.append({"code": code, "label": CODE_LABELS[code], "orgs": o, "body": b})
    return {
        "threshold": threshold,
        "org_count": orgs.responses if orgs else 0,
        "body_count": body.responses if body else 0,
        "withheld": (orgs.responses if orgs else 0) < threshold,
        "rows": rows,
        "followup_count": follow.responses if follow else 0,
        "followup_withheld": (follow.responses if follow else 0) < threshold,
        "followup_choices": follow.choices if follow else {},
        "sent": queries.sent_count(meeting.id),
    }


@bp.route("/manage/meetings/<int:meeting_id>/feedback", methods=["GET", "POST"])
@staff_required
def meeting_feedback(meeting_id: int):
    meeting = service.get_meeting(meeting_id)
    if not service.can_assess(current_user, meeting):
        raise Forbidden()
    lang = current_language()
    qs = service.current_question_set()
    Form = questionnaire_form([q for q in qs.questions if q.code in MEETING_CODES], lang,
                              with_comment=False)  # fmt: skip
    form = Form()
    assessed = service.has_assessed(current_user, meeting)
    open_ = meeting.state in service.HELD_STATES and not assessed
    context = {
        "meeting": meeting,
        "view": _meeting_view(meeting),
        "comments": queries.comments(meeting.id),
        "assessed": assessed,
        "can_assess": open_,
        "action_url": request.path,
    }
    if request.method == "POST" and open_:
        answers, page = _questionnaire(form, template="feedback/meeting.html", **context)
        if answers is None:
            return page
        try:
            service.self_assess(current_user, meeting, answers)
        except SakradError as exc:
            form_error(form, exc)
        else:
            flash(_("Thank you. Your self-assessment has been saved."), "success")
            return redirect(url_for("feedback.meeting_feedback", meeting_id=meeting.id), code=303)
    elif request.method == "POST":
        abort(409)
    return render_template("feedback/meeting.html", form=form, reviewing=False, **context)


@bp.route("/admin/feedback-questions", methods=["GET", "POST"])
@admin_required
def question_set():
    current = service.current_question_set()
    Form = question_set_form(current.questions)
    form = Form(based_on=str(current.version))
    if form.validate_on_submit():
        texts = {
            q.code: (form[f"{q.code}_sv"].data or "", form[f"{q.code}_en"].data or "")
            for q in current.questions
        }
        try:
            based_on = int(form.based_on.data or 0)
        except ValueError:
            based_on = 0
        try:
            new = service.save_question_set(current_user, texts, based_on)
        except SakradError as exc:
            form_error(form, exc)
        else:
            flash(_("Version %(n)s of the questions has been saved.", n=new.version), "success")
            return redirect(url_for("feedback.question_set"), code=303)
    return render_template("feedback/questions.html", form=form, question_set=current,
                           labels=CODE_LABELS)  # fmt: skip
