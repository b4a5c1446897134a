"""The follow-up report as PDF (fpdf2, pure Python): the summary, then every table of the page.

The built-in PDF fonts cover Latin-1 (Swedish included); other characters are replaced so
a name from the registry can never break the download.
"""

from __future__ import annotations

from typing import Any

from fpdf import FPDF

_REPLACE = {"–": "-", "—": "-", "’": "'", "“": '"', "”": '"', "…": "...", "≥": ">="}


def _t(value: Any) -> str:
    text = "" if value is None else str(value)
    for a, b in _REPLACE.items():
        text = text.replace(a, b)
    return text.encode("latin-1", "replace").decode("latin-1")


class _Doc(FPDF):
    def __init__(self, footer_text: str) -> None:
        super().__init__(format="A4")
        self.footer_text = footer_text
        self.set_auto_page_break(auto=True, margin=15)
        self.set_margins(15, 15, 15)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(0, 6, _t(f"{self.footer_text} - {self.page_no()}"), align="C")


def render(title: str, summary: str, sections: list[tuple[str, list[str], list[list[Any]]]],
           footer: str) -> bytes:  # fmt: skip
    """``sections``: (heading, column headings, rows) each."""
    doc = _Doc(footer)
    doc.set_title(_t(title))
    doc.set_lang("sv")
    doc.add_page()
    doc.set_font("Helvetica", "B", 16)
    doc.multi_cell(0, 8, _t(title))
    doc.ln(2)
    if summary:
        doc.set_font("Helvetica", size=10)
        doc.multi_cell(0, 5, _t(summary))
        doc.ln(3)
    for heading, columns, rows in sections:
        doc.set_font("Helvetica", "B", 12)
        doc.multi_cell(0, 7, _t(heading))
        if not rows:
            continue
        doc.set_font("Helvetica", size=9)
        with doc.table(first_row_as_headings=True, line_height=5) as table:
            head = table.row()
            for c in columns:
                head.cell(_t(c))
            for row in rows:
                r = table.row()
                for v in row:
                    r.cell(_t(v))
        doc.ln(3)
    return bytes(doc.output())
