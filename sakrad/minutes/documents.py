"""The meeting's documents: uploaded files and links to external documents.

Files are stored outside the web root under ``UPLOAD_DIR``, named by their SHA-256 (the same
file uploaded twice is stored once), and served only through views that check who may see
them, with the type found from the content, a safe ``Content-Disposition`` and ``nosniff``.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, TypedDict, Unpack
from urllib.parse import quote, urlsplit

from flask import Response, current_app, send_file
from flask_babel import lazy_gettext as _l

from sakrad.accounts.models import User
from sakrad.audit.service import changed_fields, record, snapshot
from sakrad.cycles.errors import NotFound, found
from sakrad.extensions import db
from sakrad.meetings.models import Meeting
from sakrad.minutes import filetypes
from sakrad.minutes.models import URL_MAX, Document, DocumentKind
from sakrad.minutes.rules import MinutesError, StaleInput, of_meeting, require_manage

LANGUAGES = ("sv", "en", "fi", "se", "ar", "so", "fa", "ti")
FIELDS = ("title", "language", "public", "kind", "filename", "media_type", "size", "url")
TITLE_MAX = 300


class StaleDocument(StaleInput):
    text = _l(
        "Someone else changed this document after you opened the form. Your input is "
        "kept below: check the current details and save again."
    )


def get(meeting: Meeting, document_id: int) -> Document:
    doc = db.session.get(Document, document_id)
    return found(doc if doc is not None and doc.meeting_id == meeting.id else None, "document")


def for_meeting(meeting: Meeting) -> list[Document]:
    """Every document, current ones first, newest first (internal use)."""
    return of_meeting(
        Document,
        meeting,
        Document.replaced_by_id.is_not(None),
        Document.created_at.desc(),
        Document.id,
    )


# -- files -------------------------------------------------------------------------------


def upload_dir() -> Path:
    return Path(current_app.config["UPLOAD_DIR"])


def path_of(sha256: str) -> Path:
    if not re.fullmatch(r"[0-9a-f]{64}", sha256):
        raise ValueError("not a SHA-256 hex digest")
    return upload_dir() / sha256[:2] / sha256


def read_limited(stream: IO[bytes]) -> bytes:
    """At most UPLOAD_MAX_BYTES + 1 bytes: enough to know a file is too large."""
    limit = int(current_app.config["UPLOAD_MAX_BYTES"])
    return stream.read(limit + 1)


def store(data: bytes) -> str:
    digest = hashlib.sha256(data).hexdigest()
    target = path_of(digest)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        # Written beside the target and renamed: a reader never sees half a file.
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return digest


def safe_filename(name: str | None, extension: str) -> str:
    """A display name without paths or control characters, with the extension the content
    deserves (a Word file called report.pdf becomes report.docx)."""
    name = unicodedata.normalize("NFC", (name or "").replace("\\", "/").rsplit("/", 1)[-1])
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip(" .")
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = re.sub(r"[\"<>:|?*;]", "_", stem).strip()[:150] or "document"
    return f"{stem}.{extension}"


def check_file(data: bytes) -> filetypes.FileType:
    if len(data) > int(current_app.config["UPLOAD_MAX_BYTES"]):
        mb = int(current_app.config["UPLOAD_MAX_BYTES"]) / (1024 * 1024)
        raise MinutesError(
            "too_large",
            _l("The file is too large. The limit is %(mb)s MB.", mb=f"{mb:g}"),
            "file",
        )
    if not data:
        raise MinutesError("empty_file", _l("The file is empty."), "file")
    found = filetypes.detect(data)
    if found is None:
        raise MinutesError(
            "file_type",
            _l(
                "This kind of file cannot be uploaded. Allowed are PDF, OpenDocument, Word, "
                "Excel, PowerPoint and plain text (the content is checked, not the name)."
            ),
            "file",
        )
    return found


# -- changes -----------------------------------------------------------------------------


def _clean(title: str, language: str) -> tuple[str, str]:
    title = " ".join((title or "").split())
    if not title:
        raise MinutesError("title_required", _l("Give the document a title."), "title")
    if len(title) > TITLE_MAX:
        raise MinutesError("too_long", _l("The title is too long."), "title")
    if language not in LANGUAGES:
        raise MinutesError("language", _l("Choose a language."), "language")
    return title, language


def _audit(action: str, doc: Document, meeting: Meeting, before: dict | None) -> None:
    after = snapshot(doc, FIELDS)
    # The public change history shows changes to documents that are or were public.
    public = bool(doc.public or (before and before.get("public"))) and meeting.is_public
    record(
        action,
        doc,
        before=before,
        after=after,
        convening_body_id=meeting.convening_body_id,
        public=public,
    )


class Shown(TypedDict):
    """How a new document is shown: its title, language, and whether it is public."""

    title: str
    language: str
    public: bool


def add_file(
    user: User,
    meeting: Meeting,
    *,
    data: bytes,
    filename: str | None,
    replaces: Document | None = None,
    **shown: Unpack[Shown],
) -> Document:
    def stored() -> dict[str, Any]:
        found = check_file(data)
        return {
            "sha256": store(data),
            "media_type": found.media_type,
            "size": len(data),
            "filename": safe_filename(filename, found.extension),
        }

    return _add(user, meeting, shown, DocumentKind.FILE, stored, replaces)


def check_url(url: str) -> str:
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or len(url) > URL_MAX:
        raise MinutesError(
            "url", _l("Give a full web address starting with https:// or http://."), "url"
        )
    return url


def add_link(
    user: User,
    meeting: Meeting,
    *,
    url: str,
    replaces: Document | None = None,
    **shown: Unpack[Shown],
) -> Document:
    def linked() -> dict[str, Any]:
        return {"url": check_url(url)}

    return _add(user, meeting, shown, DocumentKind.LINK, linked, replaces)


def _add(
    user: User,
    meeting: Meeting,
    shown: Shown,
    kind: DocumentKind,
    content: Callable[[], dict[str, Any]],
    replaces: Document | None,
) -> Document:
    """A new document of the meeting, shown as ``shown`` says; ``content`` checks and gives
    the file's or the link's own columns (after the access check)."""
    require_manage(user, meeting)
    title, language = _clean(shown["title"], shown["language"])
    doc = Document(
        meeting_id=meeting.id,
        title=title,
        language=language,
        public=bool(shown["public"]),
        kind=kind,
        created_by_id=user.id,
        **content(),
    )
    return _added(user, meeting, doc, replaces)


def _added(user: User, meeting: Meeting, doc: Document, replaces: Document | None) -> Document:
    db.session.add(doc)
    db.session.flush()
    _audit("document.added", doc, meeting, None)
    if replaces is not None:
        if replaces.meeting_id != meeting.id or replaces.replaced_by_id is not None:
            raise MinutesError("not_current", _l("Only a current document can be replaced."))
        before = snapshot(replaces, FIELDS)
        replaces.replaced_by_id = doc.id
        record(
            "document.replaced",
            replaces,
            before=before,
            after={"replaced_by_id": doc.id},
            convening_body_id=meeting.convening_body_id,
            public=bool(replaces.public and meeting.is_public),
        )
    return doc


def update(
    user: User,
    meeting: Meeting,
    doc: Document,
    *,
    title: str,
    language: str,
    public: bool,
    version: int | None = None,
) -> Document:
    require_manage(user, meeting)
    if version is not None and int(version) != doc.version_id:
        raise StaleDocument()
    title, language = _clean(title, language)
    before = snapshot(doc, FIELDS)
    doc.title, doc.language, doc.public = title, language, bool(public)
    if changed_fields(before, snapshot(doc, FIELDS)):
        db.session.flush()
        _audit("document.updated", doc, meeting, before)
    return doc


# -- serving -----------------------------------------------------------------------------


def content_disposition(filename: str, inline: bool) -> str:
    """RFC 6266: an ASCII fallback name plus the exact UTF-8 name (RFC 5987 encoding)."""
    ascii_name = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
    ascii_name = re.sub(r"[^A-Za-z0-9._ -]", "_", ascii_name).strip() or "document"
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def send(doc: Document, *, private: bool) -> Response:
    """The stored file with its checked type. Office formats are always downloaded."""
    if not doc.is_file or doc.sha256 is None:
        raise NotFound("file")
    path = path_of(doc.sha256)
    if not path.is_file():
        current_app.logger.error("document %s: file %s is missing", doc.id, doc.sha256)
        raise NotFound("file")
    inline = doc.media_type in (filetypes.PDF.media_type, filetypes.TEXT.media_type)
    response = send_file(path, mimetype=doc.media_type, conditional=True, etag=doc.sha256)
    response.headers["Content-Disposition"] = content_disposition(doc.filename or "", inline)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store" if private else "public, max-age=3600"
    return response


def describe(doc: Document) -> dict[str, Any]:
    """Size in kB and a short type label, for lists."""
    label = next(
        (
            t.label
            for t in (filetypes.PDF, filetypes.TEXT, filetypes.DOC, filetypes.XLS,
                      *filetypes.ODF.values(), *filetypes.OOXML.values())
            if t.media_type == doc.media_type
        ),
        "",
    )  # fmt: skip
    return {"label": label, "kb": max(1, round((doc.size or 0) / 1024))}
