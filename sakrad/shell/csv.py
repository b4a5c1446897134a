"""The one CSV writer of the application: every CSV download goes through it.

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula, and
most of them skip leading blanks first (`` =1+1`` runs too), so such cells get a leading
apostrophe, which the programs show as text. A tab or carriage return at the start is
treated the same. Files are UTF-8 with a byte-order mark (so Excel reads å, ä and ö right)
and CRLF line ends, as RFC 4180 says.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import datetime

from sakrad.db import to_local

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@")


def defuse(text: str) -> str:
    """The text as a spreadsheet shows it, never run as a formula."""
    if text[:1] in ("\t", "\r", "\n") or text.lstrip(" \t\r\n")[:1] in FORMULA_STARTS:
        return "'" + text
    return text


def cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return to_local(value).isoformat(timespec="minutes")
    return defuse(str(value))


def stream_csv(header: Iterable[object], rows: Iterable[Iterable[object]]) -> Iterator[str]:
    """The file in chunks of 500 rows (steady memory for large exports)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write(BOM)
    writer.writerow([cell(v) for v in header])
    for n, row in enumerate(rows, 1):
        writer.writerow([cell(v) for v in row])
        if n % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def write_csv(header: Iterable[object], rows: Iterable[Iterable[object]]) -> bytes:
    return "".join(stream_csv(header, rows)).encode("utf-8")
