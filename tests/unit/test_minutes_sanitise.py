"""The minutes' Markdown renderer and sanitiser against known XSS payloads.

Each payload is run through the full renderer (Markdown text) and through the sanitiser alone
(as raw HTML, in case a later option lets HTML through the renderer)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from sakrad.minutes.render import render, sanitise

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<img src=\"javascript:alert('XSS')\">",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="jav\tascript:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div style="width: expression(alert(1))">x</div>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    "<<script>script>alert(1)<</script>/script>",
    '<a href="#" onclick="alert(1)">x</a>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel=stylesheet href="javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    "<style>@import 'javascript:alert(1)';</style>",
]
MARKDOWN_PAYLOADS = [
    "[klick](javascript:alert(1))",
    "[klick](JaVaScRiPt:alert(1))",
    "[klick](javascript&#58;alert(1))",
    "[klick](&#x6A;avascript:alert(1))",
    "[klick]( javascript:alert(1) )",
    "![bild](javascript:alert(1))",
    "![bild](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "[klick](data:text/html,<script>alert(1)</script>)",
    "<javascript:alert(1)>",
    "[ref]\n\n[ref]: javascript:alert(1)",
    "[a](<javascript:alert(1)>)",
]
DANGEROUS_TAGS = frozenset(
    {"script", "iframe", "object", "embed", "svg", "math", "style", "link", "meta", "base",
     "form", "input", "img", "body", "details", "button"}
)  # fmt: skip
URL_ATTRIBUTES = frozenset({"href", "src", "action", "data", "formaction", "xlink:href"})


class _Tags(HTMLParser):
    """The real elements of the output (escaped text like ``&lt;script&gt;`` is harmless)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))

    def handle_comment(self, data):
        self.found.append(("!--", []))


def _scheme(url: str) -> str:
    # Browsers drop tabs and newlines anywhere in a URL and leading spaces/controls.
    cleaned = re.sub(r"[\t\n\r]", "", url).lstrip("".join(chr(i) for i in range(33)))
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", cleaned)
    return match.group(1).lower() if match else ""


def assert_safe(html: str) -> None:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    for tag, attrs in parser.found:
        assert tag not in DANGEROUS_TAGS and tag != "!--", html
        for name, value in attrs:
            assert not name.startswith("on"), html
            assert name != "style", html
            if name in URL_ATTRIBUTES:
                assert _scheme(value or "") in ("", "http", "https", "mailto"), html


def test_enough_payloads_are_kept():
    assert len(PAYLOADS) + len(MARKDOWN_PAYLOADS) >= 20


@pytest.mark.parametrize("payload", PAYLOADS + MARKDOWN_PAYLOADS)
def test_rendered_markdown_is_safe(payload):
    assert_safe(str(render(payload)))
    assert_safe(str(render(f"# Rubrik\n\nText före {payload} text efter\n\n- {payload}")))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_sanitiser_alone_removes_the_attack(payload):
    assert_safe(sanitise(payload))


def test_safe_markup_survives():
    html = str(
        render(
            "# Rubrik\n\n**fet** och *kursiv*, [länk](https://www.regeringen.se) och "
            "[e-post](mailto:a@b.se)\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n- punkt",
            heading_offset=2,
        )
    )
    assert "<h3>Rubrik</h3>" in html
    assert "<strong>fet</strong>" in html and "<em>kursiv</em>" in html
    assert (
        'href="https://www.regeringen.se"' in html and 'rel="noopener noreferrer nofollow"' in html
    )
    assert 'href="mailto:a@b.se"' in html
    assert "<table>" in html and "<li>punkt</li>" in html


def test_a_check_that_can_fail():
    with pytest.raises(AssertionError):
        assert_safe('<a href="javascript:alert(1)">x</a>')
    with pytest.raises(AssertionError):
        assert_safe("<img src=x onerror=alert(1)>")
