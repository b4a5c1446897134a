"""The convening body's download of a closed cycle's archival package (a zipped bag)."""

from __future__ import annotations

import io
import shutil
import tempfile
import zipfile
from pathlib import Path

import sqlalchemy as sa
from flask import abort, render_template, send_file
from flask_login import current_user

from sakrad.accounts.access import staff_required
from sakrad.archive.blueprint import bp
from sakrad.archive.package import ARCHIVABLE, export_cycle
from sakrad.cycles.models import Cycle
from sakrad.extensions import db


def _visible():
    stmt = sa.select(Cycle).where(Cycle.state.in_(ARCHIVABLE))
    if not current_user.is_admin:
        stmt = stmt.where(Cycle.convening_body_id == current_user.convening_body_id)
    return stmt


@bp.get("/")
@staff_required
def index():
    cycles = list(db.session.scalars(_visible().order_by(Cycle.year.desc(), Cycle.id)))
    return render_template("archive/index.html", cycles=cycles)


@bp.get("/<int:cycle_id>/download")
@staff_required
def download(cycle_id: int):
    cycle = db.session.scalar(_visible().where(Cycle.id == cycle_id))
    if cycle is None:
        abort(404)
    tmp = Path(tempfile.mkdtemp(prefix="sakrad-archive-"))
    try:
        bag = export_cycle(cycle, tmp / "bag")
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(bag.rglob("*")):
                if path.is_file():
                    zf.write(path, f"sakrad-cycle-{cycle.id}/{path.relative_to(bag)}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    buffer.seek(0)
    return send_file(
        buffer,
        mimetype="application/zip",
        as_attachment=True,
        download_name=f"sakrad-cycle-{cycle.id}-{cycle.year}.zip",
    )
