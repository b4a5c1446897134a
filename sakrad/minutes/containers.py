"""Bounded inspection of ZIP containers (OpenDocument, Office Open XML).

A document upload is a ZIP whose directory may lie: a ``mimetype`` entry can claim 39 bytes
and inflate to 1 GiB. ``zipfile``'s ``read()`` without a size inflates whatever the compressed
stream holds before cutting it to the claimed size, so the type check only ever reads a
bounded prefix of an entry (``read(n)`` inflates at most ``n`` bytes), and a container is
refused outright when its directory promises too much: too many entries, a total size past
``MAX_TOTAL_BYTES``, a large entry compressed past ``MAX_RATIO``, or an entry whose
compressed data is far longer than its declared size could need (the 39-byte lie). Checking any upload up
to the 20 MB limit then costs milliseconds and a few KB per entry read.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager

MAX_ENTRIES = 5000
MAX_TOTAL_BYTES = 512 * 1024 * 1024
# Real documents' XML compresses up to ~30x; anything large squeezed further is a bomb.
MAX_RATIO = 200
RATIO_CHECK_FROM = 1024 * 1024
# The entries the type check reads are tiny: the ODF mimetype, [Content_Types].xml.
READ_LIMIT = 64 * 1024


class UnsafeContainer(ValueError):
    """The ZIP directory promises more than any document needs."""


class Container:
    def __init__(self, archive: zipfile.ZipFile) -> None:
        self._archive = archive
        self._infos = {i.filename: i for i in archive.infolist()}

    @property
    def names(self) -> set[str]:
        return set(self._infos)

    def declared_size(self, name: str) -> int:
        return self._infos[name].file_size

    def read(self, name: str, limit: int = READ_LIMIT) -> bytes:
        """At most ``limit`` bytes of an entry, inflating no more than that."""
        limit = min(limit, READ_LIMIT)
        with self._archive.open(self._infos[name]) as entry:
            return entry.read(limit)


def check_directory(archive: zipfile.ZipFile) -> None:
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise UnsafeContainer("too many entries")
    total = 0
    for info in infos:
        total += info.file_size
        # Deflate never needs much more room than the data itself (stored blocks add 5 bytes
        # per 64 KB): an entry far bigger compressed than its declared size lies about it.
        if info.compress_size > info.file_size + info.file_size // 100 + 1024:
            raise UnsafeContainer(f"declared size of {info.filename!r}")
        if info.file_size >= RATIO_CHECK_FROM and (
            info.compress_size == 0 or info.file_size / info.compress_size > MAX_RATIO
        ):
            raise UnsafeContainer(f"compression ratio of {info.filename!r}")
    if total > MAX_TOTAL_BYTES:
        raise UnsafeContainer("total size")


@contextmanager
def open_container(data: bytes) -> Iterator[Container]:
    """The container of ``data``; raises ``UnsafeContainer`` or ``zipfile.BadZipFile``."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        check_directory(archive)
        yield Container(archive)
