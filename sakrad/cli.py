"""``flask sakrad ...``: the commands operators run."""

from __future__ import annotations

import time

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from sakrad.extensions import db
from sakrad.invitations.commands import send_reminders
from sakrad.portal.search_views import search_reindex
from sakrad.privacy.commands import archive_cli, audit_cli, retention_cli
from sakrad.selection.commands import selection_cli
from sakrad.selection.commands import worker as selection_worker
from sakrad.transaction import unit_of_work

sakrad_cli = AppGroup("sakrad", help="Sakråd administration commands.")


@sakrad_cli.command("create-user")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", type=click.Choice(["admin", "civil_servant", "org_rep"]), required=True)
@click.option("--body", "body_slug", help="Convening body slug (civil servants).")
@click.password_option()
def create_user(email: str, name: str, role: str, body_slug: str | None, password: str) -> None:
    """Create an account."""
    import sqlalchemy as sa

    from sakrad.accounts import service
    from sakrad.accounts.models import ConveningBody, Role

    body_id = None
    if body_slug:
        body_id = db.session.scalar(
            sa.select(ConveningBody.id).where(ConveningBody.slug == body_slug)
        )
        if body_id is None:
            raise click.ClickException(f"no convening body with slug {body_slug!r}")
    try:
        with unit_of_work():
            user = service.create_user(
                email=email,
                name=name,
                password=password,
                role=Role(role),
                convening_body_id=body_id,
            )
    except service.AccountError as exc:
        raise click.ClickException(f"{exc.field}: {exc}") from exc
    click.echo(f"created {user.email} ({user.role})")


@sakrad_cli.command("send-mail")
@click.option("--limit", default=500, show_default=True)
def send_mail(limit: int) -> None:
    """Deliver due messages from the outbox once."""
    from sakrad.mail.delivery import deliver_pending

    sent, failed = deliver_pending(limit=limit)
    click.echo(f"sent {sent}, failed {failed}")


@sakrad_cli.command("mail-worker")
@click.option("--interval", default=5.0, show_default=True, help="Seconds between passes.")
@click.option("--passes", default=0, help="Stop after this many passes (0: run forever).")
def mail_worker(interval: float, passes: int) -> None:
    """Deliver the outbox in a loop. Several workers may run side by side on PostgreSQL."""
    from sakrad.mail.delivery import deliver_pending

    done = 0
    while True:
        sent, failed = deliver_pending()
        if sent or failed:
            current_app.logger.info("mail worker: sent %s, failed %s", sent, failed)
        done += 1
        if passes and done >= passes:
            break
        time.sleep(interval)


@sakrad_cli.command("seed-demo")
def seed_demo() -> None:
    """Load the demo data (idempotent; refused in production)."""
    from sakrad.demo.seed import seed

    if current_app.config["ENV_NAME"] == "production":
        raise click.ClickException("seed-demo refuses to run in production")
    with unit_of_work():
        created = seed()
    click.echo("demo data loaded" if created else "demo data already present")


@sakrad_cli.command("seed-demo-if-empty")
def seed_demo_if_empty() -> None:
    """Seed the demo only when there are no users yet (used by ``make run``)."""
    import sqlalchemy as sa

    from sakrad.accounts.models import User
    from sakrad.demo.seed import seed

    if current_app.config["ENV_NAME"] == "production":
        raise click.ClickException("seed-demo refuses to run in production")
    if db.session.scalar(sa.select(sa.func.count()).select_from(User)):
        click.echo("database has users; demo not loaded")
        return
    with unit_of_work():
        seed()
    click.echo("demo data loaded")


# Commands other packages define, added here explicitly, in the order of the dialogue cycle.
PACKAGE_COMMANDS = (
    search_reindex,
    selection_cli,
    selection_worker,
    send_reminders,
    retention_cli,
    audit_cli,
    archive_cli,
)


def register_cli(app: Flask) -> None:
    for command in PACKAGE_COMMANDS:
        sakrad_cli.add_command(command)
    app.cli.add_command(sakrad_cli)
