"""The administrator's view of the outbox: what is queued, what failed and why."""

from __future__ import annotations

import sqlalchemy as sa
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from sakrad.accounts.access import admin_required
from sakrad.extensions import db
from sakrad.mail.blueprint import bp
from sakrad.mail.delivery import retry_now
from sakrad.mail.models import OutboxMessage, OutboxState
from sakrad.shell.forms import ActionForm


@bp.get("/")
@admin_required
def index():
    counts = dict(
        db.session.execute(
            sa.select(OutboxMessage.state, sa.func.count()).group_by(OutboxMessage.state)
        ).all()
    )
    waiting = db.session.scalars(
        sa.select(OutboxMessage)
        .where(OutboxMessage.state != OutboxState.SENT)
        .order_by(OutboxMessage.id)
        .limit(200)
    ).all()
    return render_template(
        "mail/outbox.html",
        counts=counts,
        waiting=waiting,
        states=list(OutboxState),
        state_labels={state: state.label for state in OutboxState},
        action_form=ActionForm(),
    )


@bp.post("/retry")
@admin_required
def retry():
    if ActionForm().validate_on_submit():
        n = retry_now()
        db.session.flush()
        flash(_("%(n)s messages will be retried at the next delivery pass.", n=n), "success")
    return redirect(url_for("mail.index"), code=303)
