"""The parts of an email: a plain-text part and an HTML part in the site's calm look.

Every HTML part extends ``templates/mail/layout.html`` (inline CSS, the service's name, no
images). Templates are rendered straight from the Jinja environment, since mail is also
queued from the command line where there is no request. Call these inside ``in_language``
of the recipient.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import current_app, g
from flask_babel import force_locale

# An address in running text; a full stop or bracket right after it is the sentence's.
URL = re.compile(r"https?://[^\s<>\"']*[^\s<>\"'.,;:!?)\]]")


@contextmanager
def in_language(lang: str | None) -> Iterator[str]:
    """Compose in the recipient's language (Swedish when they have none), in a request or
    not (``force_locale`` needs a non-empty ``g`` to switch outside a request); gives it."""
    g.setdefault("sakrad_mail", True)
    with force_locale(lang or "sv"):
        yield lang or "sv"


def render(template: str, **context: Any) -> str:
    return current_app.jinja_env.get_template(template).render(**context)


def parts(name: str, **context: Any) -> tuple[str, str]:
    """The text and HTML parts from ``<name>_text.html`` and ``<name>_html.html``."""
    return render(f"{name}_text.html", **context), render(f"{name}_html.html", **context)


def segments(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is_address) so a template can link the addresses."""
    out: list[tuple[str, bool]] = []
    last = 0
    for match in URL.finditer(text):
        if match.start() > last:
            out.append((text[last : match.start()], False))
        out.append((match.group(0), True))
        last = match.end()
    if last < len(text):
        out.append((text[last:], False))
    return out


def paragraphs_html(subject: str, lang: str, paragraphs: list[str]) -> str:
    """The HTML part of a message written as paragraphs (the text part joins them)."""
    return render(
        "mail/paragraphs_html.html",
        subject=subject,
        lang=lang,
        paragraphs=[segments(p) for p in paragraphs],
    )
