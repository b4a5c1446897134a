"""The check page for confirming a selection, as the selection form's and a finished preview's
confirm show it: what will happen in plain words and what to watch out for.

Both the checks blueprint (the pages) and the selection blueprint (the preview's confirm
endpoint, which shows a refusal on the same page) render it, so it lives here, below both.
"""

from __future__ import annotations

from flask import render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from sakrad.meetings.models import Meeting
from sakrad.selection import guards, service
from sakrad.selection.forms import ConfirmPreviewForm
from sakrad.selection.models import SelectionJob
from sakrad.shell.filters import localdt


def will_happen_on_confirm(seats: int, pool: int, quotas: int) -> list[str]:
    """What confirming a selection does, in plain words (the form's check page and a
    finished preview's say the same)."""
    if quotas:
        chosen = ngettext(
            "%(seats)s organisations will be selected from the pool of %(pool)s, with %(num)s quota.",
            "%(seats)s organisations will be selected from the pool of %(pool)s, with %(num)s quotas.",
            quotas,
            seats=seats,
            pool=pool,
        )
    else:
        chosen = ngettext(
            "%(num)s organisation will be selected from the pool of %(pool)s, without quotas.",
            "%(num)s organisations will be selected from the pool of %(pool)s, without quotas.",
            seats,
            pool=pool,
        )
    return [
        chosen,
        _("The system draws the random number now; it is published with the selection report."),
        _(
            "The selection cannot be changed afterwards, only replaced with a new one, giving a logged reason."
        ),
    ]


def warnings_on_confirm(meeting: Meeting, replaces: bool, interest_open: bool) -> list[str]:
    warnings = []
    if replaces:
        warnings.append(_("This replaces the confirmed selection; the reason you gave is logged."))
    if interest_open:
        warnings.append(
            _(
                "The registration of interest is still open until %(when)s: organisations that register later will not be in the pool.",
                when=localdt(meeting.interest_closes_at),
            )
        )
    return warnings


def job_check_page(meeting: Meeting, job: SelectionJob, form: ConfirmPreviewForm, code: int = 200):
    """The check page for confirming what a finished preview showed: the same page as the
    selection form's, posting to the preview's confirm endpoint; a refused confirmation is
    shown here again (400) with its reason."""
    settings = service.settings_of(job.params)
    current = service.confirmed_selection(meeting)
    interest_open = guards.interest_window_open(meeting)
    will_happen = will_happen_on_confirm(
        settings.seats, len(job.params["input"]["candidates"]), len(settings.quotas)
    )
    will_happen.insert(
        1,
        _(
            "The same settings run again on the same pool with a new random number, so the "
            "selected organisations may differ from the preview; the probabilities stay the same."
        ),
    )
    return render_template(
        "selection/check_confirm.html",
        meeting=meeting,
        will_happen=will_happen,
        warnings=warnings_on_confirm(meeting, current is not None, interest_open),
        interest_open=interest_open,
        confirm_form=form,
        replaces=current is not None,
        action=url_for("selection.confirm", meeting_id=meeting.id, job_id=job.id),
        back_url=url_for("selection.job", meeting_id=meeting.id, job_id=job.id),
        back_label=_("Back to the preview"),
    ), code
