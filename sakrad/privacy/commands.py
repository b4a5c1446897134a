"""``flask sakrad retention ...``, ``flask sakrad audit verify`` and ``flask sakrad archive ...``."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from sakrad.transaction import unit_of_work

retention_cli = AppGroup("retention", help="Apply the retention policy.")
audit_cli = AppGroup("audit", help="The audit log.")
archive_cli = AppGroup("archive", help="Archival packages of closed cycles.")


@retention_cli.command("run")
@click.option("--dry-run", is_flag=True, help="List what is due; change nothing.")
@click.option("--batch", default=500, show_default=True)
def retention_run(dry_run: bool, batch: int) -> None:
    """Remove (or with --dry-run list) what the retention policy says is due."""
    from sakrad.privacy import retention

    with unit_of_work():
        counts = retention.run(dry_run=dry_run, batch=batch)
    verb = "due" if dry_run else "removed"
    for key, n in counts.items():
        click.echo(f"{key}: {n} {verb}")


@audit_cli.command("verify")
def audit_verify() -> None:
    """Check the whole hash chain; name the first entry that does not match."""
    from sakrad.audit.chain import verify

    result = verify()
    if not result.ok:
        raise click.ClickException(
            f"audit entry {result.first_bad_id}: {result.problem} "
            f"({result.checked} entries before it are intact)"
        )
    click.echo(f"audit log intact: {result.checked} entries")


@archive_cli.command("export")
@click.argument("cycle")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def archive_export(cycle: str, directory: Path) -> None:
    """Write the archival package (BagIt) of CYCLE (id, or year if unique) into DIRECTORY."""
    from sakrad.archive.package import export_cycle, find_cycle
    from sakrad.errors import SakradError

    try:
        with unit_of_work():
            bag = export_cycle(find_cycle(cycle), directory)
    except SakradError as exc:
        raise click.ClickException(str(exc.message)) from exc
    click.echo(f"archival package written to {bag}")


@archive_cli.command("verify")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
def archive_verify(directory: Path) -> None:
    """Validate a package: the bag's manifests and every document's SHA-256."""
    from sakrad.archive.package import verify_package

    problems = verify_package(directory)
    if problems:
        raise click.ClickException("; ".join(problems))
    click.echo("archival package valid")
