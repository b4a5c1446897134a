"""The review page reached through an organisation's personal link (no login needed)."""

from __future__ import annotations

from flask import flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from sakrad.errors import form_error
from sakrad.minutes import review, review_links
from sakrad.minutes.blueprint import bp
from sakrad.minutes.models import COMMENT_MAX
from sakrad.minutes.service import MinutesError


class LinkCommentForm(FlaskForm):
    text = TextAreaField(
        _l("Your comment"),
        validators=[DataRequired(), Length(max=COMMENT_MAX)],
        description=_l("Point out factual errors or omissions. Quote the passage you mean."),
    )


def _private(page, status: int = 200):
    # The page is reached by a secret link: never cached, never sent on as a referrer.
    response = make_response(page, status)
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@bp.route("/minutes/review/link/<token>", methods=["GET", "POST"])
def review_by_link(token: str):
    link = review_links.find(token)
    if link is None:
        return _private(render_template("minutes/review_link_problem.html"), 404)
    review_round = link.round
    meeting = review.meeting_of(review_round)
    is_open = review.is_open(review_round)
    form = LinkCommentForm() if is_open else None
    status = 200
    if form is not None and form.validate_on_submit():
        try:
            review_links.add_comment(link, form.text.data)
        except MinutesError as exc:
            form_error(form, exc)  # rolls the refused comment back
            status = 400
        else:
            flash(_("Thank you. Your comment was sent to the convening body."), "success")
            return _private(redirect(url_for("minutes.review_by_link", token=token)), 303)
    elif form is not None and form.is_submitted():
        status = 400
    page = render_template(
        "minutes/review_link.html",
        meeting=meeting,
        review_round=review_round,
        revision=review_round.revision,
        organisation=link.organisation,
        comments=review_links.comments_of(link),
        form=form,
        is_open=is_open,
    )
    return _private(page, status)
