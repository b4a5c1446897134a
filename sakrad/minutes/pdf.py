"""The published minutes as a PDF, for people who file or forward them.

fpdf2 is pure Python. The text is the published Markdown read as plain structure
(headings, paragraphs, bullets); markup is dropped, never interpreted as layout code. A
Unicode font from the system (DejaVu) is used when there is one; otherwise the built-in
Helvetica, with the few characters outside Latin-1 replaced by their nearest look-alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
_LATIN1_FALLBACK = str.maketrans(
    {
        "–": "-",
        "—": "-",
        "‘": "'",
        "’": "'",
        "“": '"',
        "”": '"',
        "…": "...",
        "•": "-",
        "\u00a0": " ",
    }
)
_INLINE = re.compile(r"(\*\*|__|\*|_|`)(.+?)\1")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")


@dataclass
class MinutesDocument:
    """What goes into the PDF, already in the reader's language."""

    title: str
    facts: list[tuple[str, str]]
    minutes_heading: str
    minutes_markdown: str
    outcome_heading: str | None = None
    outcome_markdown: str | None = None
    attendance_heading: str | None = None
    attendance: list[str] = field(default_factory=list)
    footer: str = ""


def _plain(text: str) -> str:
    text = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})", text)
    return _INLINE.sub(lambda m: m.group(2), text)


def blocks(markdown: str) -> list[tuple[str, str]]:
    """("h", text) / ("li", text) / ("p", text) from Markdown, without any HTML."""
    out: list[tuple[str, str]] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            out.append(("p", _plain(" ".join(paragraph))))
            paragraph.clear()

    for raw in (markdown or "").splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("#"):
            flush()
            out.append(("h", _plain(line.lstrip("#").strip())))
        elif re.match(r"^([-*+]|\d+[.)])\s+", line):
            flush()
            out.append(("li", _plain(re.sub(r"^([-*+]|\d+[.)])\s+", "", line))))
        else:
            paragraph.append(line)
    flush()
    return out


class _Pdf(FPDF):
    footer_text = ""
    family = "Helvetica"

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(self.family, size=8)
        self.set_text_color(80, 90, 95)
        self.cell(0, 10, self._printable(f"{self.footer_text}   {self.page_no()}"), align="C")

    def _printable(self, value: str) -> str:
        """The text as the core fonts can print it (DejaVu prints everything)."""
        if self.family == "Helvetica":
            return value.translate(_LATIN1_FALLBACK).encode("latin-1", "replace").decode("latin-1")
        return value


def _font(pdf: _Pdf) -> None:
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            pdf.add_font("DejaVu", "", str(regular))
            pdf.add_font("DejaVu", "B", str(bold))
            pdf.family = "DejaVu"
            return


def render_minutes_pdf(doc: MinutesDocument) -> bytes:
    pdf = _Pdf(format="A4")
    pdf.footer_text = doc.footer
    _font(pdf)
    pdf.set_title(doc.title)
    pdf.set_creator("Sakråd")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    t = pdf._printable
    width = pdf.epw

    pdf.set_font(pdf.family, "B", 18)
    pdf.multi_cell(width, 9, t(doc.title), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for label, value in doc.facts:
        pdf.set_font(pdf.family, "B", 10)
        pdf.multi_cell(width, 5, t(label), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(pdf.family, "", 10)
        pdf.multi_cell(width, 5, t(value), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)

    def section(heading: str, markdown: str) -> None:
        pdf.ln(4)
        pdf.set_font(pdf.family, "B", 14)
        pdf.multi_cell(width, 7, t(heading), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
        for kind, text in blocks(markdown):
            if kind == "h":
                pdf.ln(2)
                pdf.set_font(pdf.family, "B", 12)
                pdf.multi_cell(width, 6, t(text), new_x="LMARGIN", new_y="NEXT")
            elif kind == "li":
                pdf.set_font(pdf.family, "", 11)
                pdf.set_x(pdf.l_margin + 5)
                pdf.multi_cell(width - 5, 5.5, t("- " + text), new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.set_font(pdf.family, "", 11)
                pdf.multi_cell(width, 5.5, t(text), new_x="LMARGIN", new_y="NEXT")
                pdf.ln(1.5)

    section(doc.minutes_heading, doc.minutes_markdown)
    if doc.outcome_heading and doc.outcome_markdown:
        section(doc.outcome_heading, doc.outcome_markdown)
    if doc.attendance_heading and doc.attendance:
        section(doc.attendance_heading, "\n".join(f"- {name}" for name in doc.attendance))
    return bytes(pdf.output())
