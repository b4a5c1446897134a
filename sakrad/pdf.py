"""One PDF renderer for the application: Markdown in, PDF/A-2B out (fpdf2).

The minutes PDF and the archival package both use ``markdown_to_pdf``. fpdf2 writes the
PDF/A-2B parts it controls: an embedded TrueType font (DejaVu Sans, needed for å, ä, ö), an
sRGB output intent, and XMP metadata declaring PDF/A-2B; it refuses features PDF/A forbids
(encryption, unembedded base fonts). The result has not been run through veraPDF here, so
"PDF/A-2B" is what the library declares and enforces, not an independent validation.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from sakrad.minutes.render import render

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path(__file__).resolve().parent / "static" / "fonts",
)
COMPLIANCE = "PDFA_2B"


def _font(name: str) -> Path:
    for folder in FONT_DIRS:
        path = folder / name
        if path.exists():
            return path
    raise RuntimeError(
        f"font {name} not found (install Debian's fonts-dejavu-core); PDF/A needs it embedded"
    )


def markdown_to_pdf(
    markdown: str, *, title: str, author: str = "Sakråd", lang: str = "sv",
    created: datetime | None = None,
) -> bytes:  # fmt: skip
    pdf = FPDF(enforce_compliance=COMPLIANCE)
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_creator("Sakråd")
    pdf.set_lang(lang)
    pdf.set_creation_date(created or datetime.now(UTC))
    pdf.add_font("DejaVu", "", str(_font("DejaVuSans.ttf")))
    pdf.add_font("DejaVu", "B", str(_font("DejaVuSans-Bold.ttf")))
    pdf.add_font("DejaVu", "I", str(_font("DejaVuSans-Oblique.ttf")))
    pdf.add_font("DejaVu", "BI", str(_font("DejaVuSans-BoldOblique.ttf")))
    pdf.add_font("DejaVuMono", "", str(_font("DejaVuSansMono.ttf")))
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 16)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", size=11)
    html = str(render(markdown or ""))
    mono = FontFace(family="DejaVuMono")
    pdf.write_html(html, font_family="DejaVu", tag_styles={"code": mono, "pre": mono})
    return bytes(pdf.output())
