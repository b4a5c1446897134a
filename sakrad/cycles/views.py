"""Civil servants' pages for dialogue cycles, under /manage/cycles."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from sakrad.accounts import service as accounts
from sakrad.accounts.access import staff_required
from sakrad.cycles import service
from sakrad.cycles.blueprint import bp
from sakrad.cycles.forms import CycleForm
from sakrad.cycles.models import CALL_STATUS_LABELS, CYCLE_TRANSITIONS, CycleState
from sakrad.db import utcnow
from sakrad.shell.forms import ActionForm
from sakrad.shell.usecase import REFUSED, attempt, save_versioned, submitted


# For the portal's templates until they ask the enum (``cycle.state.label``) themselves.
@bp.app_template_global()
def cycle_state_label(state: CycleState | str) -> str:
    return str(CycleState(state).label)


@bp.app_template_global()
def cycle_call_status(cycle) -> str:
    return str(CALL_STATUS_LABELS[service.call_status(cycle)])


def _body_choices(form: CycleForm) -> None:
    if current_user.is_admin:
        form.convening_body_id.choices = [
            (b.id, b.display_name("sv")) for b in accounts.list_bodies(active_only=True)
        ]
    else:
        del form.convening_body_id  # a civil servant plans for their own body only


@bp.get("/")
@staff_required
def index():
    return render_template("cycles/index.html", cycles=service.cycles_for(current_user))


@bp.route("/new", methods=["GET", "POST"])
@staff_required
def new():
    form = CycleForm()
    _body_choices(form)
    if not form.is_submitted():
        form.year.data = utcnow().year + 1
    cycle = submitted(
        form,
        lambda: service.create_cycle(
            current_user,
            convening_body_id=(
                form.convening_body_id.data
                if current_user.is_admin
                else current_user.convening_body_id
            ),
            **form.service_data(),
        ),
        done=_("The cycle was created as a draft."),
    )
    if cycle is not REFUSED:
        return redirect(url_for("cycles.manage", cycle_id=cycle.id), code=303)
    return render_template("cycles/form.html", form=form, cycle=None)


@bp.get("/<int:cycle_id>")
@staff_required
def manage(cycle_id: int):
    cycle = service.get_cycle(cycle_id)
    service.require_manage(current_user, cycle)
    return render_template(
        "cycles/manage.html",
        cycle=cycle,
        next_states=[(s, s.action_label) for s in CYCLE_TRANSITIONS[cycle.state]],
        action_form=ActionForm(),
    )


@bp.route("/<int:cycle_id>/edit", methods=["GET", "POST"])
@staff_required
def edit(cycle_id: int):
    cycle = service.get_cycle(cycle_id)
    service.require_manage(current_user, cycle)
    form = CycleForm(obj=cycle)
    del form.convening_body_id  # a cycle stays with its body

    def update(expected_version: int) -> None:
        service.update_cycle(
            current_user, cycle, expected_version=expected_version, **form.service_data()
        )

    if save_versioned(form, cycle.version_id, update, service.STALE_MESSAGE):
        flash(_("The cycle was saved."), "success")
        return redirect(url_for("cycles.manage", cycle_id=cycle.id), code=303)
    return render_template("cycles/form.html", form=form, cycle=cycle)


@bp.post("/<int:cycle_id>/state/<state>")
@staff_required
def transition(cycle_id: int, state: str):
    cycle = service.get_cycle(cycle_id)
    service.require_manage(current_user, cycle)
    if state not in CycleState.__members__.values():
        abort(404)
    if ActionForm().validate_on_submit():
        attempt(
            lambda: service.transition(current_user, cycle, state),
            done=_("The cycle is now: %(state)s.", state=CycleState(state).label),
        )
    return redirect(url_for("cycles.manage", cycle_id=cycle.id), code=303)
