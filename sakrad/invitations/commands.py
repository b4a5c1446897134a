"""``flask sakrad send-reminders``: expiry and reminders, run by cron (for example hourly)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from sakrad.feedback.reminders import send_due_reminders as feedback_reminders
from sakrad.invitations import reminders
from sakrad.transaction import unit_of_work


@click.command("send-reminders")
@with_appcontext
def send_reminders() -> None:
    """Expire overdue invitations (filling seats from the reserve list) and send reminders."""
    with unit_of_work():
        expired, reminded = reminders.run()
        feedback = feedback_reminders()
    click.echo(f"expired {expired}, reminded {reminded}, feedback reminders {feedback}")
