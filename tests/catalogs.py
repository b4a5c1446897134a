"""Where the gettext catalogs live, and building their .mo files for a plain `pytest` run."""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "sakrad" / "translations"


def compile_catalogs() -> None:
    """What `pybabel compile -d sakrad/translations` does (the Makefile runs that)."""
    for po_path in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"):
        with po_path.open("rb") as fh:
            catalog = read_po(fh, locale=po_path.parent.parent.name)
        with po_path.with_suffix(".mo").open("wb") as fh:
            write_mo(fh, catalog)
