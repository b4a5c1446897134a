"""Check your answers before confirming a selection (the selection is frozen afterwards).

The selection form's "Confirm" button posts its fields here (``formaction``). The page says
what will happen and, if the registration of interest is still open, warns and offers to
close it now; the confirm button posts the same fields again with ``confirmed``.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from sakrad.accounts.access import staff_required
from sakrad.checks.blueprint import bp
from sakrad.checks.summary import REFUSALS
from sakrad.selection import guards, service
from sakrad.selection import pool as pool_service
from sakrad.selection.features import Labeller
from sakrad.selection.forms import SelectionForm
from sakrad.selection.view_helpers import settings_from, staff_meeting, time_budget
from sakrad.shell.filters import current_lang, localdt
from sakrad.transaction import rollback_only


def _hidden_fields() -> list[tuple[str, str]]:
    """The selection form's fields as posted, to post them again on confirmation."""
    skip = {"csrf_token", "confirmed", "close_interest", "confirm", "run_preview", "add_row"}
    return [(k, v) for k, vs in request.form.lists() if k not in skip for v in vs]


@bp.post("/manage/meetings/<int:meeting_id>/selection/check")
@staff_required
def confirm_selection(meeting_id: int):
    meeting = staff_meeting(meeting_id)
    form = SelectionForm()
    form.set_group_choices(Labeller(current_lang()).quota_choices())
    setup_url = url_for("selection.setup", meeting_id=meeting.id)
    if not form.validate_on_submit():
        flash(_("Check the selection settings; some are not valid."), "error")
        return redirect(setup_url, code=303)
    candidates, _names = pool_service.pool_candidates(meeting)
    current = service.confirmed_selection(meeting)
    interest_open = guards.interest_window_open(meeting)
    will_happen = [
        _(
            "%(seats)s organisations will be selected from a pool of %(pool)s, with %(quotas)s quotas.",
            seats=form.seats.data,
            pool=len(candidates),
            quotas=len(form.quota_rows()),
        ),
        _("The system draws the random number now; it is published with the selection report."),
        _(
            "The selection cannot be changed afterwards, only replaced with a new one, giving a logged reason."
        ),
    ]
    warnings = []
    if current is not None:
        warnings.append(_("This replaces the confirmed selection; the reason you gave is logged."))
    if interest_open:
        warnings.append(
            _(
                "The registration of interest is still open until %(when)s: organisations that register later will not be in the pool.",
                when=localdt(meeting.interest_closes_at),
            )
        )
    if request.form.get("confirmed"):
        close_now = request.form.get("close_interest") == "1"
        if interest_open and not close_now:
            warnings.append(
                _("Close the registration of interest now to confirm, or wait until it closes.")
            )
        else:
            if close_now:
                guards.close_interest_now(meeting)
            try:
                selection = service.confirm(
                    current_user,
                    meeting,
                    settings_from(form),
                    replace_reason=form.replace_reason.data,
                    time_budget=time_budget(),
                )
            except REFUSALS as exc:
                rollback_only()
                flash(str(getattr(exc, "message", exc)), "error")
                return redirect(setup_url, code=303)
            flash(_("The selection is confirmed and frozen."), "success")
            return redirect(
                url_for("selection.show", meeting_id=meeting.id, selection_id=selection.id),
                code=303,
            )
    return render_template(
        "selection/check_confirm.html",
        meeting=meeting,
        will_happen=will_happen,
        warnings=warnings,
        interest_open=interest_open,
        # Ticked beside the selection page's confirm button ("y") or on this page ("1").
        close_interest=bool(request.form.get("close_interest")),
        hidden=_hidden_fields(),
        back_url=setup_url,
    ), (400 if request.form.get("confirmed") else 200)
