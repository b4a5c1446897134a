"""Markdown to safe HTML: markdown-it-py renders, nh3 (ammonia) sanitises.

Raw HTML in the Markdown is escaped by the renderer, and the result is sanitised anyway, so a
bug or a future option in either layer cannot by itself let a script through.
"""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
        "strong", "em", "del", "s", "code", "pre", "blockquote",
        "ul", "ol", "li", "a",
        "table", "thead", "tbody", "tr", "th", "td",
        "sup", "sub",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"scope"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})

_md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable(["table", "strikethrough"])


def sanitise(html: str) -> str:
    """Keep a small set of structural tags; drop scripts, event handlers, styles and any URL
    whose scheme is not http, https or mailto."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def render(text: str | None, *, heading_offset: int = 0) -> Markup:
    """The Markdown ``text`` as sanitised HTML. ``heading_offset`` moves headings down so the
    minutes nest under the page's own headings (``#`` becomes h3 with an offset of 2)."""
    tokens = _md.parse(text or "")
    if heading_offset:
        for token in tokens:
            if token.type in ("heading_open", "heading_close"):
                level = min(6, int(token.tag[1]) + heading_offset)
                token.tag = f"h{level}"
    html = _md.renderer.render(tokens, _md.options, {})
    return Markup(sanitise(html))


_MD_SPECIAL = set("\\`*_{}[]()#+-.!|<>~")


def escape(text: str) -> str:
    """Text that Markdown shows literally (names and titles put into a generated draft)."""
    return "".join(f"\\{c}" if c in _MD_SPECIAL else c for c in " ".join(text.split()))
