"""Crawl every page each demo role can reach and scan it with axe-core, in Swedish and English.

Pages are found by following links and GET forms from the start pages, so a page added later
is covered without anyone remembering to list it. One page per URL pattern (digits replaced)
is enough: two meeting pages share a template.
"""

from __future__ import annotations

import re
from urllib.parse import urldefrag, urlsplit

import pytest

from sakrad.demo.seed import DEMO_PASSWORD

pytestmark = pytest.mark.browser

ROLES = {
    "anonymous": None,
    "org_rep": "foretradare@demo.sakrad.se",
    "civil_servant": "handlaggare@demo.sakrad.se",
    "admin": "admin@demo.sakrad.se",
}
START = ["/", "/dashboard/"]
# Links that change state or are not HTML pages.
SKIP = re.compile(
    r"^/(logout|language/)|\.(ics|json|csv|atom|xml|pdf|txt|eml|odt|docx|xlsx)$|/download|/export|/documents/\d+/|/api/|/feeds/|/calendar"
)
MAX_PAGES = 80
# Where each GET form's buttons lead with the form as it is filled in (check pages are
# reached this way, e.g. "Send 2 invitations"). A GET changes nothing, so it is safe.
GET_FORM_TARGETS = """() => [...document.forms].flatMap(form =>
  [...form.querySelectorAll("button:not([type=button]):not([type=reset]), input[type=submit]")]
    .filter(b => (b.getAttribute("formmethod") || form.getAttribute("method") || "get")
      .toLowerCase() === "get")
    .map(b => (b.getAttribute("formaction") || form.getAttribute("action") || location.pathname)
      + "?" + new URLSearchParams(new FormData(form, b))))"""
NARROW = {"width": 320, "height": 640}
WIDE = {"width": 1024, "height": 800}


def too_wide(page) -> int:
    """How many CSS pixels the document is wider than the viewport (0 when it fits)."""
    return page.evaluate(
        "() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)"
    )


def check_narrow(page, a11y, path: str) -> None:
    """At 320 px: nothing wider than the screen, and axe finds nothing either."""
    page.set_viewport_size(NARROW)
    try:
        page.wait_for_function("() => window.innerWidth === 320")
        overflow = too_wide(page)
        assert overflow == 0, f"{path} is {overflow} px wider than a 320 px screen"
        a11y.check(page)
    finally:
        page.set_viewport_size(WIDE)


def pattern(path: str) -> str:
    path = re.sub(r"/\d+", "/{id}", path)
    return re.sub(r"(/o|/organisations|/cycles|/meetings)/[a-z0-9-]+(?=/|$)", r"\1/{slug}", path)


def login(page, email: str) -> None:
    page.goto("/login")
    page.fill("#email", email)
    page.fill("#password", DEMO_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/dashboard/")


def crawl(page, a11y, lang: str) -> list[str]:
    origin = urlsplit(page.url)
    seen: set[str] = set()
    queue = list(START)
    visited: list[str] = []
    while queue and len(visited) < MAX_PAGES:
        path = queue.pop(0)
        key = pattern(urlsplit(path).path)
        if key in seen or SKIP.search(urlsplit(path).path):
            continue
        seen.add(key)
        response = page.goto(path)
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            continue
        assert response.status < 500, f"{path} answered {response.status}"
        assert page.locator("html").get_attribute("lang") == lang, path
        a11y.check(page)
        check_narrow(page, a11y, path)
        visited.append(path)
        for href in page.eval_on_selector_all(
            "a[href]", "els => els.map(e => e.getAttribute('href'))"
        ) + page.evaluate(GET_FORM_TARGETS):
            href = urldefrag(href)[0]
            parts = urlsplit(href)
            if parts.scheme and (parts.scheme, parts.netloc) != (origin.scheme, origin.netloc):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target.startswith("/") and pattern(parts.path) not in seen:
                queue.append(target)
    return visited


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("role", list(ROLES))
def test_every_reachable_page_is_accessible(page, a11y, role, lang):
    page.goto(f"/language/{lang}?next=/")
    if ROLES[role]:
        login(page, ROLES[role])
    visited = crawl(page, a11y, lang)
    # The crawl found the pages the role should see.
    assert "/" in visited
    if ROLES[role]:
        assert "/dashboard/" in visited
    if role == "admin":
        assert any(p.startswith("/admin/") for p in visited)


def test_the_width_check_catches_a_page_wider_than_the_screen(page):
    """A check that cannot fail proves nothing: a 900 px box at 320 px is caught."""
    page.set_viewport_size(NARROW)
    page.set_content(
        '<!doctype html><meta name="viewport" content="width=device-width">'
        '<div style="width:900px">x</div>'
    )
    assert too_wide(page) > 500
    page.set_content(
        '<!doctype html><meta name="viewport" content="width=device-width"><p>fits</p>'
    )
    assert too_wide(page) == 0
