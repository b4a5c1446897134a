"""A zip bomb in a document upload is refused quickly and without inflating it.

The reproduction of issue 12: a 1 MB .odt whose ``mimetype`` entry claims 39 bytes but
inflates to 1 GiB; the upload's peak memory is measured with ``tracemalloc``.
"""

from __future__ import annotations

import io
import struct
import tracemalloc
import zlib

import pytest
import sqlalchemy as sa

from sakrad.extensions import db
from sakrad.minutes import filetypes
from sakrad.minutes.models import Document
from tests.minutes_factories import make_setup

MIMETYPE = b"application/vnd.oasis.opendocument.text"
GIB = 1024**3
CHUNK = 16 * 1024 * 1024


def _deflate_bomb(prefix: bytes, size: int) -> tuple[bytes, int]:
    """Raw deflate of ``prefix`` and zeros up to ``size`` (a multiple of CHUNK) bytes.

    After a full flush the compressor starts afresh, so every further chunk of zeros
    compresses to the same bytes: compress one and repeat it (seconds instead of minutes).
    """
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = prefix + bytes(CHUNK - len(prefix))
    head = compressor.compress(first) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(bytes(CHUNK)) + compressor.flush(zlib.Z_FULL_FLUSH)
    count = size // CHUNK - 1
    data = head + block * count + compressor.flush()
    crc = zlib.crc32(first)
    zeros = bytes(CHUNK)
    for _ in range(count):
        crc = zlib.crc32(zeros, crc)
    return data, crc


def _zip(entries: list[tuple[str, bytes, int, int]]) -> bytes:
    """A ZIP whose directory states the given (name, deflated data, crc, claimed size)."""
    out = io.BytesIO()
    central = []
    for name, data, crc, claimed in entries:
        offset = out.tell()
        raw = name.encode()
        out.write(
            struct.pack(
                "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), claimed, len(raw), 0
            )
        )
        out.write(raw + data)
        central.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0x21,
                crc,
                len(data),
                claimed,
                len(raw),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + raw
        )
    start = out.tell()
    for record in central:
        out.write(record)
    size = out.tell() - start
    out.write(
        struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), size, start, 0)
    )
    return out.getvalue()


@pytest.fixture(scope="module")
def gib_stream():
    return _deflate_bomb(MIMETYPE, GIB)


@pytest.fixture
def lying_odt(gib_stream):
    data, crc = gib_stream
    return _zip([("mimetype", data, crc, len(MIMETYPE))])


@pytest.fixture
def honest_odt(gib_stream):
    data, crc = gib_stream
    return _zip([("mimetype", data, crc, GIB)])


def test_the_bomb_is_what_the_issue_describes(lying_odt):
    assert 0.9e6 < len(lying_odt) < 1.2e6
    decompressor = zlib.decompressobj(-15)
    start = lying_odt.index(b"mimetype") + len(b"mimetype")
    assert decompressor.decompress(lying_odt[start:], 64) == MIMETYPE + bytes(64 - len(MIMETYPE))


@pytest.mark.parametrize("bomb", ["lying_odt", "honest_odt"])
def test_detect_refuses_the_bomb_with_little_memory(request, bomb):
    data = request.getfixturevalue(bomb)
    tracemalloc.start()
    try:
        assert filetypes.detect(data) is None
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5 * 1024 * 1024


def test_a_large_entry_past_the_ratio_is_refused():
    data, crc = _deflate_bomb(b"<w/>", 50 * 1024 * 1024)
    types = (
        b'<Types><Override ContentType="application/vnd.openxmlformats-officedocument.'
        b'wordprocessingml.document.main+xml"/></Types>'
    )
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = compressor.compress(types) + compressor.flush()
    docx = _zip(
        [
            ("[Content_Types].xml", packed, zlib.crc32(types), len(types)),
            ("word/document.xml", data, crc, 50 * 1024 * 1024),
        ]
    )
    assert filetypes.detect(docx) is None
    # The same container without the bomb is a Word file.
    plain = _zip([("[Content_Types].xml", packed, zlib.crc32(types), len(types))])
    assert filetypes.detect(plain).extension == "docx"


@pytest.fixture
def app_config():
    return {"UPLOAD_MAX_BYTES": 20 * 1024 * 1024}


def test_uploading_the_bomb_is_refused_under_50_mb(app, client, auth, lying_odt):
    with app.app_context():
        setup = make_setup()
    auth.login(setup.staff.email)
    form = {
        "upload-file": (io.BytesIO(lying_odt), "protokoll.odt"),
        "upload-title": "Protokoll",
        "upload-language": "sv",
    }
    tracemalloc.start()
    try:
        response = client.post(
            f"/manage/meetings/{setup.meeting_id}/documents/upload",
            data=form,
            content_type="multipart/form-data",
        )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert response.status_code == 400
    assert 'id="upload-file-error"' in response.text
    # The 1 MB upload itself is held a few times over (request, form, bytes); never the GiB.
    assert peak < 50 * 1024 * 1024
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Document.id))) == 0
