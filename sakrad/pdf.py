"""The one PDF renderer of the application (fpdf2, pure Python): the published minutes as
the portal's download and as the archival package's PDF/A.

It owns the drawing: the fonts, the title, the meeting's facts, section headings,
paragraphs, bullets and tables. The text is the published Markdown read as plain structure;
markup is dropped, never interpreted as layout code, and a link keeps its address in
brackets so a printed page still says where it points.

With DejaVu Sans on the system (Debian's fonts-dejavu-core) the PDF is PDF/A-2B: fpdf2
embeds the TrueType font (needed for å, ä, ö), writes an sRGB output intent and XMP metadata
declaring PDF/A-2B, and refuses what PDF/A forbids (encryption, unembedded base fonts). The
result has not been run through veraPDF here, so "PDF/A-2B" is what the library declares and
enforces, not an independent validation. The archive requires it (``archival=True``); a
download on a machine without the font falls back to the built-in Helvetica, with the few
characters outside Latin-1 replaced by their nearest look-alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path(__file__).resolve().parent / "static" / "fonts",
)
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
COMPLIANCE = "PDFA_2B"
CONFORMANCE = "PDF/A-2B (declared and enforced by fpdf2; not validated with veraPDF)"

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
_BULLET = re.compile(r"^([-*+]|\d+[.)])\s+")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")

Block = tuple[str, str] | tuple[str, list[list[str]]]


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
    lang: str = "sv"
    author: str = "Sakråd"
    created: datetime | None = None


def _plain(text: str) -> str:
    text = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})", text)
    return _INLINE.sub(lambda m: m.group(2), text)


def _cells(line: str) -> list[str]:
    return [_plain(cell.strip()) for cell in line.strip().strip("|").split("|")]


def blocks(markdown: str) -> list[Block]:
    """("h", text) / ("li", text) / ("p", text) / ("table", rows) from Markdown, without
    any HTML. A table is a run of lines starting with "|"; its first row is the header."""
    out: list[Block] = []
    paragraph: list[str] = []
    table: list[list[str]] = []

    def flush() -> None:
        if paragraph:
            out.append(("p", _plain(" ".join(paragraph))))
            paragraph.clear()
        if table:
            out.append(("table", [row[:] for row in table]))
            table.clear()

    for raw in (markdown or "").splitlines():
        line = raw.strip()
        if line.startswith("|"):
            if paragraph:
                flush()
            if not _TABLE_RULE.match(line):
                table.append(_cells(line))
            continue
        if table:
            flush()
        if not line:
            flush()
        elif line.startswith("#"):
            flush()
            out.append(("h", _plain(line.lstrip("#").strip())))
        elif _BULLET.match(line):
            flush()
            out.append(("li", _plain(_BULLET.sub("", line))))
        else:
            paragraph.append(line)
    flush()
    return out


def _font_paths() -> dict[str, Path] | None:
    for folder in FONT_DIRS:
        paths = {style: folder / name for style, name in FONT_FILES.items()}
        if all(p.exists() for p in paths.values()):
            return paths
    return None


class _Pdf(FPDF):
    footer_text = ""
    family = "Helvetica"

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(self.family, size=8)
        self.set_text_color(80, 90, 95)
        self.cell(0, 10, self.printable(f"{self.footer_text}   {self.page_no()}"), align="C")
        self.set_text_color(0, 0, 0)

    def printable(self, value: str) -> str:
        """The text as the font can print it (DejaVu prints everything)."""
        if self.family == "Helvetica":
            return value.translate(_LATIN1_FALLBACK).encode("latin-1", "replace").decode("latin-1")
        return value

    # ------------------------------------------------------------------ the drawing

    def heading(self, text: str, size: float) -> None:
        self.set_font(self.family, "B", size)
        self.multi_cell(
            self.epw, size * 0.5, self.printable(text), align="L", new_x="LMARGIN", new_y="NEXT"
        )

    def paragraph(self, text: str, *, indent: float = 0, size: float = 11) -> None:
        self.set_font(self.family, "", size)
        self.set_x(self.l_margin + indent)
        self.multi_cell(
            self.epw - indent,
            size * 0.5,
            self.printable(text),
            align="L",  # ragged right reads better than fpdf2's default justification
            new_x="LMARGIN",
            new_y="NEXT",
        )

    def facts(self, rows: list[tuple[str, str]]) -> None:
        for label, value in rows:
            self.set_font(self.family, "B", 10)
            self.multi_cell(
                self.epw, 5, self.printable(label), align="L", new_x="LMARGIN", new_y="NEXT"
            )
            self.paragraph(value, size=10)
            self.ln(1)

    def grid(self, rows: list[list[str]]) -> None:
        width = max(len(r) for r in rows)
        self.ln(1)
        self.set_font(self.family, "", 10)
        with self.table(
            first_row_as_headings=True, line_height=5, text_align="LEFT", padding=1
        ) as table:
            for cells in rows:
                row = table.row()
                for n in range(width):
                    row.cell(self.printable(cells[n] if n < len(cells) else ""))
        self.ln(2)

    def section(self, heading: str, markdown: str) -> None:
        self.ln(4)
        self.heading(heading, 14)
        self.ln(1)
        for kind, content in blocks(markdown):
            if kind == "table" and isinstance(content, list):
                self.grid(content)
            elif kind == "h":
                self.ln(2)
                self.heading(str(content), 12)
            elif kind == "li":
                self.paragraph(f"- {content}", indent=5)
            else:
                self.paragraph(str(content))
                self.ln(1.5)


def render_minutes_pdf(doc: MinutesDocument, *, archival: bool = False) -> bytes:
    """The minutes as a PDF: PDF/A-2B with DejaVu; ``archival`` refuses anything else."""
    fonts = _font_paths()
    if fonts is None and archival:
        raise RuntimeError(
            "DejaVu Sans not found (install Debian's fonts-dejavu-core); PDF/A needs it embedded"
        )
    pdf = _Pdf(format="A4", enforce_compliance=COMPLIANCE if fonts else None)
    if fonts:
        for style, path in fonts.items():
            pdf.add_font("DejaVu", style, str(path))
        pdf.family = "DejaVu"
    pdf.footer_text = doc.footer
    pdf.set_title(doc.title)
    pdf.set_author(doc.author)
    pdf.set_creator("Sakråd")
    pdf.set_lang(doc.lang)
    pdf.set_creation_date(doc.created or datetime.now(UTC))
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.heading(doc.title, 18)
    pdf.ln(3)
    pdf.facts(doc.facts)
    pdf.section(doc.minutes_heading, doc.minutes_markdown)
    if doc.outcome_heading and doc.outcome_markdown:
        pdf.section(doc.outcome_heading, doc.outcome_markdown)
    if doc.attendance_heading and doc.attendance:
        pdf.section(doc.attendance_heading, "\n".join(f"- {name}" for name in doc.attendance))
    return bytes(pdf.output())
