"""The public portal by keyboard only, in Swedish and English: search, filter, open a
meeting, its minutes and a document; every page without axe violations."""

from __future__ import annotations

import pytest

from tests.browser.conftest import keyboard_switch_language, tab_to

pytestmark = pytest.mark.browser

MEETING = "Högnivåmöte om integration och etablering 2017"


def _search_by_keyboard(page, words: str) -> None:
    tab_to(page, "#search-q")
    page.keyboard.type(words)
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?**")


def test_search_filter_meeting_minutes_document_by_keyboard(page, a11y) -> None:
    page.goto("/language/sv?next=/")
    page.goto("/")
    assert page.locator("h1").count() == 1
    a11y.check(page)
    _search_by_keyboard(page, "integration")
    assert page.locator(f".search-hit a:text-is('{MEETING}')").count() >= 1
    a11y.check(page)

    # Narrow to meetings with the type filter, by keyboard: focus the select, pick, submit.
    tab_to(page, "#search-type")
    page.keyboard.press("ArrowDown")  # "Möten"
    tab_to(page, "form[role=search] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**type=meeting**")
    hits = page.locator(".search-hit h3 a")
    assert hits.count() >= 1
    assert all(h.get_attribute("href").startswith("/meetings/") for h in hits.all())
    a11y.check(page)

    tab_to(page, ".search-hit a[href='/meetings/1']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/meetings/1")
    assert page.locator("h1").inner_text() == MEETING
    a11y.check(page)

    tab_to(page, "a[href^='/meetings/1/minutes/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/meetings/1/minutes/**")
    a11y.check(page)
    page.go_back()
    page.wait_for_url("**/meetings/1")

    document = page.locator("a[href^='/documents/']").first
    href = document.get_attribute("href")
    response = page.request.get(href)
    assert response.ok and len(response.body()) > 0

    keyboard_switch_language(page, "en")
    assert page.url.endswith("/meetings/1")
    a11y.check(page)
    page.goto("/search?q=integration&type=meeting")
    assert page.locator("label[for=search-type]").inner_text() == "Type"
    a11y.check(page)
    page.goto("/open-data")
    a11y.check(page)
    page.goto("/")
    assert page.locator("#home-upcoming").inner_text() == "Upcoming meetings"
    a11y.check(page)
    keyboard_switch_language(page, "sv")
    assert page.locator("#home-upcoming").inner_text() == "Kommande möten"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_portal_pages_have_no_axe_violations(page, a11y, lang) -> None:
    page.goto(f"/language/{lang}?next=/")
    for path in ["/", "/search", "/search?q=zzzzzz", "/search?kind=nonsense", "/open-data",
                 "/search?q=folkbildning&type=proposal"]:  # fmt: skip
        page.goto(path)
        assert page.locator("h1").count() == 1
        a11y.check(page)
