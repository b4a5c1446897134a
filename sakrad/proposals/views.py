"""Proposing topics (representatives) and answering them (civil servants)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from sakrad.accounts.access import login_required, role_required, staff_required
from sakrad.accounts.models import Role
from sakrad.cycles.models import Cycle
from sakrad.extensions import db
from sakrad.organisations.service import organisations_of
from sakrad.proposals import queries, service
from sakrad.proposals.blueprint import bp
from sakrad.proposals.forms import AgendaLinkForm, DecisionForm, ProposalForm
from sakrad.proposals.models import ProposalState, TopicProposal
from sakrad.proposals.pages import flash_published
from sakrad.proposals.receipts import queue_proposal_receipt
from sakrad.shell.forms import ActionForm
from sakrad.shell.usecase import REFUSED, attempt, submitted

rep_required = role_required(Role.ORG_REP)
TEXT_FIELDS = ("title", "focus", "questions", "background")


# For the portal's templates until they ask the enum (``proposal.state.label``) themselves.
@bp.app_template_global()
def proposal_state_label(state: ProposalState | str) -> str:
    return str(ProposalState(state).label)


@bp.app_template_global()
def proposal_cycle_summary(cycle: Cycle) -> dict:
    """For the civil servant's cycle page (templates/proposals/_cycle_manage.html)."""
    return {
        "counts": queries.counts_by_state(cycle),
        "unpublished": queries.unpublished_count(cycle),
        "undecided": queries.undecided_count(cycle),
    }


@bp.app_template_global()
def meeting_linked_proposals(meeting) -> list[TopicProposal]:
    """For the civil servant's meeting page (templates/proposals/_meeting_manage.html)."""
    return queries.proposals_for_meeting(meeting)


def _cycle_or_404(cycle_id: int) -> Cycle:
    cycle = db.session.get(Cycle, cycle_id)
    if cycle is None:
        abort(404)
    return cycle


def _proposal_or_404(proposal_id: int) -> TopicProposal:
    proposal = service.get(proposal_id)
    if proposal is None:
        abort(404)
    return proposal


def _submitted(proposal: TopicProposal) -> TopicProposal:
    """A new proposal, with its receipt queued to the proposing organisation."""
    queue_proposal_receipt(proposal)
    return proposal


def _data(form: ProposalForm) -> dict:
    return {name: getattr(form, name).data for name in TEXT_FIELDS}


# -- representatives ---------------------------------------------------------------------


@bp.route("/cycle/<int:cycle_id>/new", methods=["GET", "POST"])
@rep_required
def new(cycle_id: int):
    cycle = _cycle_or_404(cycle_id)
    if not cycle.is_public:  # a draft cycle does not exist for organisations yet
        abort(404)
    organisations = organisations_of(current_user)
    form = ProposalForm()
    form.organisation_id.choices = [(o.id, o.name) for o in organisations]
    if len(organisations) == 1 and not form.organisation_id.data:
        form.organisation_id.data = organisations[0].id
    call_open = cycle.call_is_open()
    if request.method == "POST" and not call_open:
        # Checked before anything else: late text is refused as a whole, with one message.
        form.validate()
        form.form_errors.append(service.CALL_CLOSED)
    elif form.validate_on_submit():
        proposal = attempt(
            lambda: _submitted(
                service.submit(current_user, cycle, form.organisation_id.data, _data(form))
            ),
            form=form,
        )
        if proposal is not REFUSED:
            flash(_("Your proposal has been submitted."), "success")
            return redirect(url_for(".show", proposal_id=proposal.id), code=303)
    return render_template(
        "proposals/form.html", form=form, cycle=cycle, call_open=call_open, proposal=None
    )


@bp.route("/<int:proposal_id>/edit", methods=["GET", "POST"])
@rep_required
def edit(proposal_id: int):
    proposal = _proposal_or_404(proposal_id)
    if not service.can_see_as_proposer(current_user, proposal):
        abort(403)
    if proposal.is_published or proposal.state == ProposalState.WITHDRAWN:
        # Answered or withdrawn: the form does not open at all, rather than refuse on save.
        flash(
            _("This proposal can no longer be changed: it has been answered or withdrawn."), "info"
        )
        return redirect(url_for(".show", proposal_id=proposal.id), code=303)
    form = ProposalForm(obj=proposal)
    form.organisation_id.choices = [(proposal.organisation_id, proposal.organisation.name)]
    form.organisation_id.data = proposal.organisation_id
    if request.method == "GET":
        form.version.data = proposal.version_id
    call_open = proposal.cycle.call_is_open()
    saved = submitted(
        form,
        lambda: service.update(current_user, proposal, _data(form), form.version.data),
        stale=service.Conflict().message,
        done=_("Your changes have been saved."),
    )
    if saved is not REFUSED:
        return redirect(url_for(".show", proposal_id=proposal.id), code=303)
    return render_template(
        "proposals/form.html",
        form=form,
        cycle=proposal.cycle,
        call_open=call_open,
        proposal=proposal,
    )


@bp.post("/<int:proposal_id>/withdraw")
@rep_required
def withdraw(proposal_id: int):
    proposal = _proposal_or_404(proposal_id)
    if not service.can_see_as_proposer(current_user, proposal):
        abort(403)
    if (
        ActionForm().validate_on_submit()
        and attempt(lambda: service.withdraw(current_user, proposal)) is not REFUSED
    ):
        flash(_("The proposal has been withdrawn."), "success")
    return redirect(url_for(".show", proposal_id=proposal.id), code=303)


@bp.get("/<int:proposal_id>")
@login_required
def show(proposal_id: int):
    """The proposal as its organisation sees it, or the review page for the convening body."""
    proposal = _proposal_or_404(proposal_id)
    if service.can_review(current_user, proposal.cycle):
        return _review_page(proposal)
    if not service.can_see_as_proposer(current_user, proposal):
        abort(403)
    return render_template(
        "proposals/show.html",
        proposal=proposal,
        can_change=proposal.state != ProposalState.WITHDRAWN
        and not proposal.is_published
        and proposal.cycle.call_is_open(),
        action_form=ActionForm(),
    )


# -- civil servants ----------------------------------------------------------------------


def _review_forms(
    proposal: TopicProposal, decision: DecisionForm | None = None
) -> tuple[DecisionForm, AgendaLinkForm]:
    decision = decision or DecisionForm(
        formdata=None,
        state=proposal.state.value
        if proposal.state in service.REVIEW_STATES
        else ProposalState.UNDER_REVIEW.value,
        response_text=proposal.response_text,
        merged_into_id=proposal.merged_into_id or 0,
        version=proposal.version_id,
    )
    decision.merged_into_id.choices = [(0, _("Not merged"))] + [
        (p.id, f"{p.title} ({p.organisation.name})") for p in queries.merge_targets(proposal)
    ]
    agenda = AgendaLinkForm(formdata=None, agenda_item_id=proposal.agenda_item_id or 0)
    agenda.agenda_item_id.choices = [(0, _("No agenda item"))] + [
        (i.id, f"{i.session.meeting.display_title()}: {i.title}")
        for i in queries.agenda_items_of_cycle(proposal.cycle)
    ]
    return decision, agenda


def _review_page(proposal: TopicProposal, decision: DecisionForm | None = None, status: int = 200):
    decision, agenda = _review_forms(proposal, decision)
    return (
        render_template(
            "proposals/review.html",
            proposal=proposal,
            decision_form=decision,
            agenda_form=agenda,
            merged_in=queries.merged_into(proposal),
        ),
        status,
    )


def _reviewable_or_403(proposal_id: int) -> TopicProposal:
    proposal = _proposal_or_404(proposal_id)
    if not service.can_review(current_user, proposal.cycle):
        abort(403)
    return proposal


@bp.post("/<int:proposal_id>/decision")
@staff_required
def decide(proposal_id: int):
    proposal = _reviewable_or_403(proposal_id)
    form = DecisionForm()
    form.merged_into_id.choices = [(0, "")] + [
        (p.id, p.title) for p in queries.merge_targets(proposal)
    ]
    saved = submitted(
        form,
        lambda: service.decide(
            current_user,
            proposal,
            state=form.state.data,
            response_text=form.response_text.data,
            merged_into_id=form.merged_into_id.data or None,
            version=form.version.data,
        ),
        stale=service.Conflict().message,
        done=_("The decision and response have been saved as a draft."),
    )
    if saved is not REFUSED:
        return redirect(url_for(".show", proposal_id=proposal.id), code=303)
    return _review_page(proposal, form, 422)


@bp.post("/<int:proposal_id>/agenda-item")
@staff_required
def link_agenda_item(proposal_id: int):
    proposal = _reviewable_or_403(proposal_id)
    form = AgendaLinkForm()
    form.agenda_item_id.choices = [(0, "")] + [
        (i.id, i.title) for i in queries.agenda_items_of_cycle(proposal.cycle)
    ]

    def link() -> None:
        if not form.validate_on_submit():
            raise service.ProposalError(
                "agenda_item_cycle", _("Choose an agenda item of a meeting in the same cycle.")
            )
        service.link_agenda_item(current_user, proposal, form.agenda_item_id.data or None)

    if attempt(link) is not REFUSED:
        flash(_("The agenda link has been saved."), "success")
    return redirect(url_for(".show", proposal_id=proposal.id), code=303)


@bp.get("/cycle/<int:cycle_id>")
@staff_required
def review_list(cycle_id: int):
    cycle = _cycle_or_404(cycle_id)
    if not service.can_review(current_user, cycle):
        abort(403)
    state = request.args.get("state") or None
    if state not in {s.value for s in ProposalState}:
        state = None
    organisation_id = request.args.get("organisation", type=int) or None
    text = (request.args.get("q") or "").strip()[:200]
    return render_template(
        "proposals/review_list.html",
        cycle=cycle,
        proposals=queries.list_for_review(
            cycle, state=state, organisation_id=organisation_id, text=text
        ),
        organisations=queries.organisations_in_cycle(cycle),
        filters={"state": state, "organisation": organisation_id, "q": text},
        states=list(ProposalState),
        action_form=ActionForm(),
    )


@bp.post("/cycle/<int:cycle_id>/publish")
@staff_required
def publish(cycle_id: int):
    cycle = _cycle_or_404(cycle_id)
    if not service.can_review(current_user, cycle):
        abort(403)
    if ActionForm().validate_on_submit():
        batch = attempt(lambda: service.publish_batch(current_user, cycle))
        if batch is not REFUSED:
            flash_published(batch)
    return redirect(url_for(".review_list", cycle_id=cycle.id), code=303)
