"""File types come from the content: the name never decides."""

from __future__ import annotations

import io
import zipfile

import pytest

from sakrad.minutes import filetypes
from sakrad.minutes.demo import minimal_pdf
from sakrad.minutes.documents import content_disposition, safe_filename


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _ooxml(main: str) -> bytes:
    types = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{main}"/></Types>'
    )
    return _zip({"[Content_Types].xml": types.encode(), "word/document.xml": b"<w/>"})


DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


@pytest.mark.parametrize(
    "data,extension",
    [
        (minimal_pdf("Hej"), "pdf"),
        ("Minnesanteckningar på svenska.\n".encode(), "txt"),
        (_zip({"mimetype": b"application/vnd.oasis.opendocument.text"}), "odt"),
        (_zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}), "ods"),
        (_ooxml(DOCX_MAIN), "docx"),
        (_ooxml(XLSX_MAIN), "xlsx"),
        (filetypes.OLE2_MAGIC + b"\x00" * 100 + "WordDocument".encode("utf-16-le"), "doc"),
        (filetypes.OLE2_MAGIC + b"\x00" * 100 + "Workbook".encode("utf-16-le"), "xls"),
    ],
)
def test_accepted_types(data, extension):
    found = filetypes.detect(data)
    assert found is not None and found.extension == extension


@pytest.mark.parametrize(
    "data",
    [
        b"\x7fELF\x02\x01\x01" + b"\x00" * 50,
        b"MZ\x90\x00" + b"\x00" * 50,
        b"#!/bin/sh\nrm -rf /\n",
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 20,
        _zip({"payload.exe": b"MZ"}),
        _zip({"mimetype": b"application/x-evil"}),
        _ooxml("application/vnd.ms-word.document.macroEnabled.main+xml"),
        _zip(
            {
                "[Content_Types].xml": f'ContentType="{DOCX_MAIN}"'.encode(),
                "word/vbaProject.bin": b"x",
            }
        ),
        filetypes.OLE2_MAGIC
        + b"\x00" * 10
        + "WordDocument".encode("utf-16-le")
        + "_VBA_PROJECT".encode("utf-16-le"),
        "latin-1 text \xe5\xe4\xf6".encode("latin-1"),
        b"text with a NUL \x00 byte",
        b"PK\x03\x04 not really a zip",
    ],
)
def test_refused_types(data):
    assert filetypes.detect(data) is None


def test_safe_filename_follows_the_content():
    assert safe_filename("../../etc/rapport.pdf", "docx") == "rapport.docx"
    assert safe_filename("C:\\Users\\x\\Möte 1.PDF", "pdf") == "Möte 1.pdf"
    assert safe_filename('a"b;c\r\n.pdf', "pdf") == "a_b_c.pdf"
    assert safe_filename("", "txt") == "document.txt"


def test_content_disposition_is_rfc_6266():
    value = content_disposition("Minnesanteckningar – möte 1.docx", inline=False)
    assert value.startswith('attachment; filename="')
    assert "filename*=UTF-8''Minnesanteckningar%20%E2%80%93%20m%C3%B6te%201.docx" in value
    assert '"' not in value.split('filename="')[1].split('"')[0]
    assert content_disposition("a.pdf", inline=True).startswith("inline;")
