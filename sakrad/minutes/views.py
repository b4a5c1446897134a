"""Civil servants' pages for the minutes under /manage/meetings/<id>/minutes (documents in
``document_views``, the representatives' review page in ``review_views``; same blueprint)."""

from __future__ import annotations

from typing import TypeVar

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from sakrad.accounts.access import staff_required
from sakrad.errors import form_error
from sakrad.extensions import db
from sakrad.meetings.models import Meeting
from sakrad.meetings.pages import managed_meeting
from sakrad.minutes import outcome as outcomes
from sakrad.minutes import review, service
from sakrad.minutes.blueprint import bp
from sakrad.minutes.forms import AnswerForm, MinutesForm, PublishForm, ReviewRoundForm, outcome_form
from sakrad.minutes.render import render
from sakrad.shell.forms import ActionForm
from sakrad.shell.usecase import REFUSED, attempt, submitted, undo_refused

F = TypeVar("F", PublishForm, ReviewRoundForm)


@bp.app_template_filter("minutes_markdown")
def minutes_markdown(text: str | None, heading_offset: int = 2):
    return render(text, heading_offset=heading_offset)


@bp.app_template_global()
def meeting_minutes_manage(meeting: Meeting) -> dict:
    """For the civil servant's meeting page (templates/minutes/_meeting_manage.html)."""
    latest = service.latest_revision(meeting)
    published = service.latest_publication(meeting)
    return {
        "latest": latest,
        "published": published,
        "unpublished_changes": bool(
            latest and (published is None or published.revision_id != latest.id)
        ),
        "rounds": len(review.rounds(meeting)),
        "documents": len(_documents().for_meeting(meeting)),
        "outcome": outcomes.get(meeting),
    }


def _documents():
    from sakrad.minutes import documents

    return documents


def to_overview(meeting: Meeting, anchor: str = ""):
    url = url_for("minutes.overview", meeting_id=meeting.id)
    return redirect(f"{url}#{anchor}" if anchor else url, code=303)


def _with_revisions(form: F, meeting: Meeting) -> F:
    """``form`` whose ``number`` offers the meeting's revisions (newest first)."""
    form.number.choices = [
        (r.number, _("Revision %(n)s", n=r.number) + f" ({r.author.name if r.author else '-'})")
        for r in service.revisions(meeting)
    ]
    return form


@bp.get("/manage/meetings/<int:meeting_id>/minutes")
@staff_required
def overview(meeting_id: int):
    meeting = managed_meeting(meeting_id)
    publish_form = _with_revisions(PublishForm(), meeting)
    rounds = review.rounds(meeting)
    return render_template(
        "minutes/overview.html",
        meeting=meeting,
        revisions=service.revisions(meeting),
        publications=service.publications(meeting),
        rounds=rounds,
        answer_forms={
            c.id: AnswerForm(prefix=f"c{c.id}", version=c.version_id, answer=c.answer)
            for r in rounds
            for c in r.comments
        },
        publish_form=publish_form,
        action_form=ActionForm(),
        outcome=outcomes.get(meeting),
        outcome_changes=outcomes.has_unpublished_changes(meeting),
        can_write=meeting.state in service.WRITABLE_STATES,
        after_meeting=meeting.state in service.AFTER_MEETING_STATES,
        is_open=review.is_open,
    )


@bp.post("/manage/meetings/<int:meeting_id>/minutes/draft")
@staff_required
def generate(meeting_id: int):
    meeting = managed_meeting(meeting_id)
    if (
        attempt(lambda: service.generate_draft(current_user, meeting, str(_current_lang())))
        is REFUSED
    ):
        return to_overview(meeting)
    flash(_("A first draft was generated from the meeting. Fill in the content."), "success")
    return redirect(url_for("minutes.edit", meeting_id=meeting.id), code=303)


def _current_lang() -> str:
    from sakrad.shell.filters import current_lang

    return current_lang()


@bp.route("/manage/meetings/<int:meeting_id>/minutes/edit", methods=["GET", "POST"])
@staff_required
def edit(meeting_id: int):
    meeting = managed_meeting(meeting_id)
    latest = service.latest_revision(meeting)
    form = MinutesForm()
    conflict = None
    if not form.is_submitted():
        form.based_on.data = latest.number if latest else 0
        form.text.data = latest.text if latest else ""
    elif form.validate():
        try:
            revision = service.save_revision(
                current_user, meeting, form.text.data, form.based_on.data
            )
        except service.Conflict as exc:
            undo_refused()
            conflict = exc.latest
            form_error(form, exc)
            # The next save merges onto the newer revision; the editor keeps the user's text.
            form.based_on.data = conflict.number if conflict else 0
            form.based_on.raw_data = [str(form.based_on.data)]  # what the hidden input shows
        except service.MinutesError as exc:
            undo_refused()
            form_error(form, exc)
        else:
            db.session.flush()
            flash(_("Revision %(n)s was saved.", n=revision.number), "success")
            return to_overview(meeting, "revisions")
    return render_template(
        "minutes/edit.html", meeting=meeting, form=form, latest=latest, conflict=conflict
    )


@bp.get("/manage/meetings/<int:meeting_id>/minutes/revisions/<int:number>")
@staff_required
def revision(meeting_id: int, number: int):
    meeting = managed_meeting(meeting_id)
    return render_template(
        "minutes/revision.html", meeting=meeting, revision=service.get_revision(meeting, number)
    )


@bp.post("/manage/meetings/<int:meeting_id>/minutes/publish")
@staff_required
def publish(meeting_id: int):
    meeting = managed_meeting(meeting_id)
    form = _with_revisions(PublishForm(), meeting)
    if not form.validate():
        flash(_("Choose a revision to publish."), "error")
        return to_overview(meeting, "publish")
    if attempt(lambda: service.publish(current_user, meeting, form.number.data)) is not REFUSED:
        flash(
            _("Revision %(n)s is now the published minutes.", n=form.number.data),
            "success",
        )
    return to_overview(meeting, "publish")


@bp.route("/manage/meetings/<int:meeting_id>/minutes/review", methods=["GET", "POST"])
@staff_required
def new_round(meeting_id: int):
    meeting = managed_meeting(meeting_id)
    form = _with_revisions(ReviewRoundForm(), meeting)
    if form.validate_on_submit():
        sent = attempt(
            lambda: review.send_round(current_user, meeting, form.number.data, form.until.data),
            form=form,
        )
        if sent is not REFUSED:
            flash(
                _(
                    "The draft was sent for review to %(n)s organisations.",
                    n=len(sent.organisation_ids),
                ),
                "success",
            )
            return to_overview(meeting, "review")
    from sakrad.invitations.service import attending_organisations

    return render_template(
        "minutes/new_round.html",
        meeting=meeting,
        form=form,
        organisations=attending_organisations(meeting),
    )


@bp.post("/manage/meetings/<int:meeting_id>/minutes/comments/<int:comment_id>/answer")
@staff_required
def answer(meeting_id: int, comment_id: int):
    meeting = managed_meeting(meeting_id)
    comment = review.get_comment(comment_id)
    if comment.round.meeting_id != meeting.id:
        raise service.NotFound("comment")
    form = AnswerForm(prefix=f"c{comment.id}")
    if not form.validate():
        flash(_("Write an answer."), "error")
        return to_overview(meeting, f"comment-{comment.id}")
    saved = attempt(
        lambda: review.answer_comment(
            current_user, comment, form.answer.data, form.version.data or None
        ),
        stale=review.StaleAnswer().message,
    )
    if saved is not REFUSED:
        flash(_("Your answer was saved."), "success")
    return to_overview(meeting, f"comment-{comment.id}")


@bp.route("/manage/meetings/<int:meeting_id>/minutes/outcome", methods=["GET", "POST"])
@staff_required
def outcome(meeting_id: int):
    meeting = managed_meeting(meeting_id)
    proposals = outcomes.linked_proposals(meeting)
    current = outcomes.get(meeting)
    form = outcome_form(proposals)
    if not form.is_submitted() and current is not None:
        form.statement.data = current.statement
        form.feedback_when.data = current.feedback_when
        form.version.data = current.version_id
        for proposal_id, note in outcomes.notes_by_proposal(current).items():
            field = getattr(form, f"note_{proposal_id}", None)
            if field is not None:
                field.data = note.note
    saved = submitted(
        form,
        lambda: outcomes.save(
            current_user,
            meeting,
            statement=form.statement.data,
            feedback_when=form.feedback_when.data,
            notes={p.id: getattr(form, f"note_{p.id}").data or "" for p in proposals},
            version=form.version.data or None,
        ),
        stale=outcomes.StaleOutcome().message,
        done=_("The outcome was saved. It is published with the minutes."),
    )
    if saved is not REFUSED:
        return to_overview(meeting, "outcome")
    return render_template(
        "minutes/outcome.html",
        meeting=meeting,
        form=form,
        note_fields=[getattr(form, f"note_{p.id}") for p in proposals],
    )
