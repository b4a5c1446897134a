"""What a file IS, from its bytes, never from its name.

Accepted: PDF, OpenDocument (text, spreadsheet, presentation), Office Open XML (docx, xlsx,
pptx; not the macro-enabled variants), legacy Office (doc, xls) without macros, and UTF-8
plain text. Everything else (executables, HTML, images, archives ...) is refused.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass

from sakrad.minutes.containers import UnsafeContainer, open_container


@dataclass(frozen=True)
class FileType:
    media_type: str
    extension: str
    label: str
    inline: bool  # safe to show in the browser (PDF, text); Office formats are downloaded


PDF = FileType("application/pdf", "pdf", "PDF", True)
TEXT = FileType("text/plain; charset=utf-8", "txt", "Text", True)
ODF = {
    "application/vnd.oasis.opendocument.text": FileType(
        "application/vnd.oasis.opendocument.text", "odt", "ODF text", False
    ),
    "application/vnd.oasis.opendocument.spreadsheet": FileType(
        "application/vnd.oasis.opendocument.spreadsheet", "ods", "ODF spreadsheet", False
    ),
    "application/vnd.oasis.opendocument.presentation": FileType(
        "application/vnd.oasis.opendocument.presentation", "odp", "ODF presentation", False
    ),
}
_OOXML = "application/vnd.openxmlformats-officedocument"
OOXML = {
    f"{_OOXML}.wordprocessingml.document.main+xml": FileType(
        f"{_OOXML}.wordprocessingml.document", "docx", "Word", False
    ),
    f"{_OOXML}.spreadsheetml.sheet.main+xml": FileType(
        f"{_OOXML}.spreadsheetml.sheet", "xlsx", "Excel", False
    ),
    f"{_OOXML}.presentationml.presentation.main+xml": FileType(
        f"{_OOXML}.presentationml.presentation", "pptx", "PowerPoint", False
    ),
}
DOC = FileType("application/msword", "doc", "Word 97–2003", False)
XLS = FileType("application/vnd.ms-excel", "xls", "Excel 97–2003", False)

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_CONTENT_TYPE = re.compile(rb'ContentType\s*=\s*"([^"]+)"')
# Bigger than any sane [Content_Types].xml: only this much of it is ever inflated.
_ENTRY_MAX = 64 * 1024


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def _zip_type(data: bytes) -> FileType | None:
    # Bounded reads only (containers.py): a zip bomb is refused without being inflated.
    try:
        with open_container(data) as archive:
            names = archive.names
            if "mimetype" in names:
                if archive.declared_size("mimetype") > 200:
                    return None
                return ODF.get(archive.read("mimetype", 200).decode("ascii", "replace").strip())
            if "[Content_Types].xml" in names:
                if archive.declared_size("[Content_Types].xml") > _ENTRY_MAX:
                    return None
                if any(n.lower().endswith("vbaproject.bin") for n in names):
                    return None  # macros
                types = _CONTENT_TYPE.findall(archive.read("[Content_Types].xml", _ENTRY_MAX))
                found = [OOXML[t.decode()] for t in types if t.decode() in OOXML]
                return found[0] if len(found) == 1 else None
    except (
        zipfile.BadZipFile,
        UnsafeContainer,
        KeyError,
        ValueError,
        NotImplementedError,
        RuntimeError,
        EOFError,
        OSError,
    ):
        return None
    return None


def _ole_type(data: bytes) -> FileType | None:
    # The compound file's directory holds stream names in UTF-16: enough to tell the
    # formats apart, and to refuse documents that carry a macro project.
    if _utf16("_VBA_PROJECT") in data or _utf16("Macros") in data:
        return None
    if _utf16("WordDocument") in data:
        return DOC
    if _utf16("Workbook") in data or _utf16("Book\x00") in data:
        return XLS
    return None


def _text_type(data: bytes) -> FileType | None:
    if b"\x00" in data:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
    return TEXT if controls == 0 else None


def detect(data: bytes) -> FileType | None:
    """The accepted type of ``data``, or None if it is not one we accept."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(ZIP_MAGIC):
        return _zip_type(data)
    if data.startswith(OLE2_MAGIC):
        return _ole_type(data)
    if data.startswith((b"\x7fELF", b"MZ", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")):
        return None  # executables and scripts, named so in the tests
    return _text_type(data)
