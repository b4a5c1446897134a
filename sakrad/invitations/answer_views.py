"""Answering an invitation: through the personal link (no account) or, for a logged-in
representative, from the dashboard. Both show the same page and call the same service."""

from __future__ import annotations

from typing import Any

from flask import abort, redirect, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from sakrad.accounts.access import role_required
from sakrad.accounts.models import Role
from sakrad.db import utcnow
from sakrad.extensions import limiter
from sakrad.invitations import receipts, service, tokens
from sakrad.invitations.blueprint import bp
from sakrad.invitations.forms import AcceptForm, DeclineForm
from sakrad.invitations.models import Invitation, InvitationState
from sakrad.meetings.service import EXPECTATION_LABELS
from sakrad.organisations.service import represents
from sakrad.shell.usecase import REFUSED, attempt

rep_required = role_required(Role.ORG_REP)

ANSWER_CHANGED = _l("The answer changed meanwhile. Please try again.")


def _private(response):
    # The token is in the address: keep it out of caches and other sites' Referer headers.
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _with_receipt(invitation: Invitation, answer, *args, **kwargs) -> None:
    """Record the answer and queue its receipt to the organisation, in one use case."""
    answer(*args, **kwargs)
    receipts.queue_answer_receipt(invitation)


def _answer_page(invitation: Invitation, action_url: str, actor_label: str | None):
    accept_form = AcceptForm(prefix="accept")
    decline_form = DeclineForm(prefix="decline")
    size = invitation.meeting.delegates_per_org
    action = request.form.get("action") if request.method == "POST" else None
    # The form of each answer, its use case, what the form gives it, and the thanks.
    answers: dict[str, tuple[Any, Any, Any, str]] = {
        "accept": (
            accept_form,
            service.accept,
            accept_form.delegate_inputs,
            _("Thank you. Your organisation has accepted the invitation."),
        ),
        "decline": (
            decline_form,
            service.decline,
            lambda: decline_form.decline_reason.data,
            _("Thank you. Your organisation has declined the invitation."),
        ),
    }
    if request.method == "POST" and action not in answers:
        abort(400)
    if action in answers:
        form, answer, given, thanks = answers[action]
        if form.validate_on_submit() and REFUSED is not attempt(
            lambda: _with_receipt(invitation, answer, invitation, given(), actor_label=actor_label),
            form=form,
            stale=ANSWER_CHANGED,
            done=thanks,
        ):
            return redirect(action_url, code=303)
    if request.method == "GET":
        existing = list(invitation.delegates)
        for n, entry in enumerate(_fill(accept_form, size)):
            if n < len(existing):
                d = existing[n]
                entry.form.name.data = d.name
                entry.form.email.data = d.email
                entry.form.needs.data = list(d.needs or [])
                entry.form.needs_note.data = d.needs_note
                entry.form.name_public.data = d.name_public
        decline_form.decline_reason.data = invitation.decline_reason
    else:
        _fill(accept_form, size)
    return render_template(
        "invitations/answer.html",
        invitation=invitation,
        meeting=invitation.meeting,
        can_answer=service.can_answer(invitation, utcnow()),
        accept_form=accept_form,
        decline_form=decline_form,
        action_url=action_url,
        expectation_labels=EXPECTATION_LABELS,
    )


def _fill(form: AcceptForm, size: int):
    while len(form.delegates) < size:
        form.delegates.append_entry()
    while len(form.delegates) > size:
        form.delegates.pop_entry()
    return form.delegates


@bp.route("/answer/<token>", methods=["GET", "POST"])
@limiter.limit("60 per minute")
def answer(token: str):
    invitation = tokens.find(token)
    if invitation is None or invitation.state == InvitationState.PENDING:
        response = render_template("invitations/link_problem.html")
        return _private(_response(response, 404))
    response = _answer_page(invitation, request.path, service.link_actor(invitation))
    return _private(_response(response))


@bp.route("/invitations/<int:invitation_id>/answer", methods=["GET", "POST"])
@rep_required
def answer_as_representative(invitation_id: int):
    invitation = service.get_invitation(invitation_id)
    if not represents(current_user, invitation.organisation_id):
        abort(403)
    if invitation.state == InvitationState.PENDING:
        abort(404)
    return _answer_page(invitation, request.path, None)


def _response(value, status: int | None = None):
    from flask import make_response

    response = make_response(value)
    if status is not None:
        response.status_code = status
    return response
