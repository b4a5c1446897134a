"""Keep the sv and en catalogs complete.

    python -m sakrad.i18n_tool update          extract, merge into sv and en, fill sv from
                                               sakrad/translations/sv/*.json, compile
    python -m sakrad.i18n_tool missing         print untranslated Swedish msgids as JSON
    python -m sakrad.i18n_tool compile         compile .po to .mo (make does this)

Source strings are English, so the en catalog is the identity. Swedish is written by hand in
one JSON file per area, ``sakrad/translations/sv/<area>.json`` ({msgid: msgstr}; plural
entries are keyed by the singular msgid and take a list [singular, plural]), so people
working on different packages never edit the same file. ``update`` holds a file lock, so
two runs at once cannot interleave their writes.
"""

from __future__ import annotations

import fcntl
import json
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "sakrad" / "translations"
POT = TRANSLATIONS / "messages.pot"
PYBABEL = [sys.executable, "-m", "babel.messages.frontend"]


def _po_path(lang: str) -> Path:
    return TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"


def _load(lang: str):
    with _po_path(lang).open("rb") as fh:
        return read_po(fh, locale=lang)


def _save(lang: str, catalog) -> None:
    with _po_path(lang).open("wb") as fh:
        write_po(fh, catalog, width=100, omit_header=False, sort_output=True, ignore_obsolete=True)


def _run(*args: str) -> None:
    done = subprocess.run([*PYBABEL, *args], cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"pybabel {args[0]} failed:\n{done.stderr}")


def update() -> None:
    with (TRANSLATIONS / ".update.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        _update()


def _update() -> None:
    _run(
        "extract",
        "-F",
        "babel.cfg",
        "-k",
        "_l",
        "-k",
        "lazy_gettext",
        "--no-location",
        "--sort-output",
        "-o",
        str(POT),
        "sakrad",
        "templates",
        # Babel never walks into folders whose name starts with "_": name it explicitly.
        "templates/_macros",
    )
    for lang in ("sv", "en"):
        _run(
            "update",
            "-i",
            str(POT),
            "-d",
            str(TRANSLATIONS),
            "-l",
            lang,
            "--no-fuzzy-matching",
            "--ignore-obsolete",
        )
    catalog = _load("en")
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple | list):
            message.string = tuple(message.id)
        else:
            message.string = message.id
        message.flags.discard("fuzzy")
    _save("en", catalog)
    for fragment in sorted((TRANSLATIONS / "sv").glob("*.json")):
        fill(str(fragment))
    compile_all()


def compile_all() -> None:
    _run("compile", "-d", str(TRANSLATIONS), "--statistics")


def missing(lang: str = "sv") -> dict:
    out = {}
    for message in _load(lang):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple | list) else [message.string]
        if not all(strings) or "fuzzy" in message.flags:
            key = message.id[0] if isinstance(message.id, tuple | list) else message.id
            out[key] = ["", ""] if isinstance(message.id, tuple | list) else ""
    return out


def fill(path: str) -> int:
    mapping = json.loads(Path(path).read_text(encoding="utf-8"))
    catalog = _load("sv")
    n = 0
    for message in catalog:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple | list) else message.id
        if key in mapping and mapping[key]:
            value = mapping[key]
            message.string = tuple(value) if isinstance(message.id, tuple | list) else value
            message.flags.discard("fuzzy")
            n += 1
    _save("sv", catalog)
    return n


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "update"
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "missing":
        print(json.dumps(missing(), ensure_ascii=False, indent=1))
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
