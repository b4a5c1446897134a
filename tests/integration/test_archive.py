"""The archival package of the demo's 2017 cycle."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

import bagit
import sqlalchemy as sa

from sakrad.accounts.models import Role
from sakrad.cycles.models import Cycle
from sakrad.extensions import db
from sakrad.minutes.models import Document
from tests.helpers import make_user


def _cycle_2017(app) -> int:
    with app.app_context():
        from sakrad.demo.seed import seed

        seed()
        db.session.commit()
        return db.session.scalar(sa.select(Cycle.id).where(Cycle.year == 2017))


def test_exported_2017_package_validates_and_keeps_the_stored_hashes(app, runner, tmp_path):
    cycle_id = _cycle_2017(app)
    target = tmp_path / "bag"
    result = runner.invoke(args=["sakrad", "archive", "export", "2017", str(target)])
    assert result.exit_code == 0, result.output
    bag = bagit.Bag(str(target))
    assert bag.is_valid()
    assert "sha256" in bag.algorithms
    data = target / "data"
    meta = json.loads((data / "metadata.json").read_text(encoding="utf-8"))
    assert meta["cycle_id"] == cycle_id and meta["year"] == 2017
    docs = json.loads((data / "documents.json").read_text(encoding="utf-8"))
    with app.app_context():
        stored = {
            d.id: d.sha256
            for d in db.session.scalars(sa.select(Document).where(Document.public.is_(True)))
        }
    files = [d for d in docs if "sha256" in d]
    assert files, "the 2017 cycle has published files"
    for d in files:
        assert d["sha256"] == stored[d["id"]]
        assert hashlib.sha256((data / d["path"]).read_bytes()).hexdigest() == d["sha256"]
    assert {d["id"] for d in docs} == set(stored)  # every published document, links too
    pdfs = list(data.glob("meetings/*/minutes/*.pdf"))
    assert pdfs and all(p.read_bytes().startswith(b"%PDF-1.7") for p in pdfs)
    assert all(b"pdfaid:part" in p.read_bytes() for p in pdfs)
    for pdf in pdfs:
        assert pdf.with_suffix(".md").read_text(encoding="utf-8").strip()
    meeting_files = list(data.glob("meetings/*/meeting.json"))
    assert meeting_files
    meeting = json.loads(meeting_files[0].read_text(encoding="utf-8"))
    assert "expectations" in meeting and "agenda" in json.dumps(meeting)
    assert json.loads((data / "proposals.json").read_text(encoding="utf-8"))
    audit = json.loads((data / "audit.json").read_text(encoding="utf-8"))
    assert audit and all(len(e["hash"]) == 64 for e in audit)
    # Nothing unpublished and no personal values: no emails anywhere in the package.
    for path in data.rglob("*.json"):
        assert "@" not in path.read_text(encoding="utf-8"), path.name

    ok = runner.invoke(args=["sakrad", "archive", "verify", str(target)])
    assert ok.exit_code == 0 and "valid" in ok.output
    # A changed document is caught by both bagit and our verify.
    victim = data / files[0]["path"]
    victim.write_bytes(victim.read_bytes() + b"x")
    assert not bagit.Bag(str(target)).is_valid()
    bad = runner.invoke(args=["sakrad", "archive", "verify", str(target)])
    assert bad.exit_code != 0


def test_open_cycle_is_refused_and_the_body_downloads_its_package(
    app, runner, client, auth, tmp_path
):
    cycle_id = _cycle_2017(app)
    with app.app_context():
        open_id = db.session.scalar(sa.select(Cycle.id).where(Cycle.year != 2017))
        cycle = db.session.get(Cycle, cycle_id)
        own = make_user(Role.CIVIL_SERVANT, body=cycle.convening_body)
        other = make_user(Role.CIVIL_SERVANT)
    refused = runner.invoke(args=["sakrad", "archive", "export", str(open_id), str(tmp_path / "x")])
    assert refused.exit_code != 0
    auth.login(other.email)
    assert client.get(f"/admin/archive/{cycle_id}/download").status_code == 404
    auth.logout()
    auth.login(own.email)
    index = client.get("/admin/archive/")
    assert index.status_code == 200 and f"/admin/archive/{cycle_id}/download" in index.text
    download = client.get(f"/admin/archive/{cycle_id}/download")
    assert download.status_code == 200 and download.mimetype == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(download.data)).namelist()
    assert f"sakrad-cycle-{cycle_id}/bagit.txt" in names
    assert f"sakrad-cycle-{cycle_id}/data/metadata.json" in names
