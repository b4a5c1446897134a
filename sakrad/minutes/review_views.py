"""The review page of a draft sent for factual review: representatives of the organisations
it went to comment; the convening body's staff see it too (routes on the minutes blueprint)."""

from __future__ import annotations

from flask import redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from sakrad.accounts.access import login_required
from sakrad.minutes import review
from sakrad.minutes.blueprint import bp
from sakrad.minutes.forms import CommentForm
from sakrad.shell.usecase import REFUSED, submitted


@bp.route("/minutes/review/<int:round_id>", methods=["GET", "POST"])
@login_required
def review_page(round_id: int):
    review_round = review.get_round(round_id)
    review.require_view(current_user, review_round)
    meeting = review.meeting_of(review_round)
    organisations = review.organisations_for(current_user, review_round)
    form = None
    if organisations and review.is_open(review_round):
        form = CommentForm()
        form.organisation_id.choices = [(o.id, o.name) for o in organisations]
        if len(organisations) == 1 and not form.organisation_id.data:
            form.organisation_id.data = organisations[0].id
        done = submitted(
            form,
            lambda: review.add_comment(
                current_user, review_round, form.organisation_id.data, form.text.data
            ),
            done=_("Thank you. Your comment was sent to the convening body."),
        )
        if done is not REFUSED:
            return redirect(url_for("minutes.review_page", round_id=round_id), code=303)
    return render_template(
        "minutes/review.html",
        meeting=meeting,
        review_round=review_round,
        revision=review_round.revision,
        comments=review.visible_comments(current_user, review_round),
        form=form,
        is_open=review.is_open(review_round),
        is_staff=review.can_manage_round(current_user, review_round),
    )
