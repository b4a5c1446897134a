"""Uploading documents: type from content, size limit, storage by hash, safe serving, and
internal documents never public."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
import sqlalchemy as sa

from sakrad.audit.models import AuditEntry
from sakrad.extensions import db
from sakrad.minutes.models import Document
from tests.minutes_factories import ELF_BYTES, MZ_BYTES, PDF_BYTES, make_setup


@pytest.fixture
def app_config():
    return {"UPLOAD_MAX_BYTES": 4096}


@pytest.fixture
def setup(app):
    with app.app_context():
        return make_setup()


def _upload(client, mid, data, name, title="Presentation", public=True):
    form = {
        "upload-file": (io.BytesIO(data), name),
        "upload-title": title,
        "upload-language": "sv",
    }
    if public:
        form["upload-public"] = "y"
    return client.post(
        f"/manage/meetings/{mid}/documents/upload", data=form, content_type="multipart/form-data"
    )


@pytest.mark.parametrize("data", [ELF_BYTES, MZ_BYTES], ids=["elf", "mz"])
def test_executable_named_pdf_is_refused_at_the_field(app, client, auth, setup, data):
    auth.login(setup.staff.email)
    response = _upload(client, setup.meeting_id, data, "rapport.pdf")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="upload-file-error"' in page
    assert "This kind of file cannot be uploaded" in page or "kan inte laddas upp" in page
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Document.id))) == 0


def test_oversized_file_is_refused_at_the_field(app, client, auth, setup):
    auth.login(setup.staff.email)
    response = _upload(client, setup.meeting_id, PDF_BYTES + b"%" * 5000, "stor.pdf")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="upload-file-error"' in page
    assert "too large" in page or "för stor" in page
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Document.id))) == 0


def test_public_pdf_is_stored_by_hash_and_served_safely(app, client, auth, setup):
    auth.login(setup.staff.email)
    assert _upload(client, setup.meeting_id, PDF_BYTES, "Möte ../1.exe").status_code == 303
    with app.app_context():
        doc = db.session.scalar(sa.select(Document))
        digest = hashlib.sha256(PDF_BYTES).hexdigest()
        assert doc.sha256 == digest and doc.media_type == "application/pdf"
        assert doc.filename == "1.pdf"  # path dropped, extension from the content
        stored = Path(app.config["UPLOAD_DIR"]) / digest[:2] / digest
        assert stored.read_bytes() == PDF_BYTES
        assert db.session.scalar(
            sa.select(AuditEntry.public).where(AuditEntry.action == "document.added")
        )
        doc_id, filename = doc.id, doc.filename
    client.post("/logout")
    page = client.get(f"/meetings/{setup.meeting_id}").get_data(as_text=True)
    assert f"/documents/{doc_id}/{filename}" in page
    response = client.get(f"/documents/{doc_id}/{filename}")
    assert response.status_code == 200
    assert response.data == PDF_BYTES
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"].startswith("inline; filename=")
    assert "filename*=UTF-8''1.pdf" in response.headers["Content-Disposition"]
    assert client.get(f"/documents/{doc_id}/other.pdf").status_code == 404


def test_office_files_are_attachments(app, client, auth, setup):
    from tests.unit.test_minutes_filetypes import DOCX_MAIN, _ooxml

    auth.login(setup.staff.email)
    assert (
        _upload(client, setup.meeting_id, _ooxml(DOCX_MAIN), "anteckningar.pdf").status_code == 303
    )
    with app.app_context():
        doc = db.session.scalar(sa.select(Document))
        assert doc.filename == "anteckningar.docx"
    response = client.get(f"/documents/{doc.id}/{doc.filename}")
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "wordprocessingml" in response.headers["Content-Type"]


def test_internal_documents_never_reach_the_public(app, client, auth, setup):
    auth.login(setup.staff.email)
    _upload(
        client,
        setup.meeting_id,
        b"INTERNT-DOKUMENT\n",
        "intern.txt",
        title="INTERN-TITEL",
        public=False,
    )
    with app.app_context():
        doc = db.session.scalar(sa.select(Document))
        assert not doc.public
        assert not db.session.scalar(
            sa.select(AuditEntry.public).where(AuditEntry.action == "document.added")
        )
    # The staff can download it; nobody gets it from a public address.
    staff = client.get(f"/manage/meetings/{setup.meeting_id}/documents/{doc.id}/file")
    assert staff.status_code == 200 and staff.data == b"INTERNT-DOKUMENT\n"
    assert "no-store" in staff.headers["Cache-Control"]
    client.post("/logout")
    for path in (f"/documents/{doc.id}/{doc.filename}", f"/documents/{doc.id}"):
        assert client.get(path).status_code == 404
    for path in (
        f"/meetings/{setup.meeting_id}",
        f"/api/v1/meetings/{setup.meeting_id}",
        "/search?q=INTERN",
    ):
        assert "INTERN-TITEL" not in client.get(path).get_data(as_text=True), path


def test_links_must_be_http(app, client, auth, setup):
    auth.login(setup.staff.email)
    url = f"/manage/meetings/{setup.meeting_id}/documents/link"
    bad = client.post(
        url, data={"link-url": "javascript:alert(1)", "link-title": "X", "link-language": "sv"}
    )
    assert bad.status_code == 400 and 'id="link-url-error"' in bad.get_data(as_text=True)
    good = client.post(
        url,
        data={
            "link-url": "https://www.regeringen.se/x",
            "link-title": "Proposition",
            "link-language": "sv",
            "link-public": "y",
        },
    )
    assert good.status_code == 303
    assert "https://www.regeringen.se/x" in client.get(f"/meetings/{setup.meeting_id}").get_data(
        as_text=True
    )


def test_replacing_keeps_the_old_document_in_history(app, client, auth, setup):
    auth.login(setup.staff.email)
    _upload(client, setup.meeting_id, b"version ett\n", "a.txt", title="Underlag")
    with app.app_context():
        old = db.session.scalar(sa.select(Document))
    response = client.post(
        f"/manage/meetings/{setup.meeting_id}/documents/{old.id}/replace",
        data={
            "upload-file": (io.BytesIO(b"version tva\n"), "a.txt"),
            "upload-title": "Underlag v2",
            "upload-language": "sv",
            "upload-public": "y",
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 303
    with app.app_context():
        docs = db.session.scalars(sa.select(Document).order_by(Document.id)).all()
        assert len(docs) == 2 and docs[0].replaced_by_id == docs[1].id
    page = client.get(f"/meetings/{setup.meeting_id}").get_data(as_text=True)
    assert "Underlag v2" in page and ">Underlag<" not in page
