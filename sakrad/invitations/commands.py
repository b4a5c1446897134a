"""``flask sakrad send-reminders``: expiry and reminders, run by cron (for example hourly)."""

from __future__ import annotations

import click

from sakrad.cli import sakrad_cli
from sakrad.extensions import db


@sakrad_cli.command("send-reminders")
def send_reminders() -> None:
    """Expire overdue invitations (filling seats from the reserve list) and send reminders."""
    from sakrad.feedback.reminders import send_due_reminders as feedback_reminders
    from sakrad.invitations import reminders

    expired, reminded = reminders.run()
    feedback = feedback_reminders()
    db.session.commit()
    click.echo(f"expired {expired}, reminded {reminded}, feedback reminders {feedback}")
