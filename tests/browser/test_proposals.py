"""A topic proposal from submission to published response, by keyboard only, in both
languages, with axe-core on every page.

The demo representative proposes a topic in the demo cycle whose call is open (found through
the link on "My pages"); the civil servant answers it and publishes the batch; the public
cycle page then shows the response.
"""

from __future__ import annotations

import re

import pytest

from sakrad.demo.seed import DEMO_PASSWORD
from tests.browser.conftest import keyboard_login, keyboard_switch_language, tab_to

pytestmark = pytest.mark.browser

TITLE = "Föreningslivets roll i språkträningen"
RESPONSE = "Antaget: frågan tas upp på högnivåmötet under punkten om organisationernas frågor."


def keyboard_logout(page, label: str) -> None:
    tab_to(page, f"button:text-is('{label}')", max_presses=200)
    page.keyboard.press("Enter")
    page.wait_for_selector("a[href='/login']")


def checked(page, a11y, path: str | None = None) -> None:
    if path:
        page.goto(path)
    assert page.locator("h1").count() == 1
    a11y.check(page)


def test_propose_answer_publish_by_keyboard(page, a11y):
    # -- the representative, in Swedish ---------------------------------------------------
    page.goto("/")
    keyboard_login(page, "foretradare@demo.sakrad.se", DEMO_PASSWORD)
    checked(page, a11y)
    propose = "a[href^='/proposals/cycle/'][href$='/new']"
    href = page.locator(propose).first.get_attribute("href")
    cycle_id = int(re.search(r"/cycle/(\d+)/new", href).group(1))
    tab_to(page, propose, max_presses=200)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{href}")
    checked(page, a11y)

    # An empty form is refused with an accessible error summary.
    tab_to(page, "main button[type=submit]", max_presses=100)
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    assert page.locator("#title").get_attribute("aria-invalid") == "true"
    checked(page, a11y)

    tab_to(page, "#organisation_id")
    page.keyboard.press("ArrowDown")  # the second organisation the person represents
    organisation = page.locator("#organisation_id option:checked").inner_text()
    tab_to(page, "#title")
    page.keyboard.type(TITLE)
    page.keyboard.press("Tab")
    page.keyboard.type("Studiecirklar och språkcaféer når nyanlända som SFI inte når.")
    page.keyboard.press("Tab")
    page.keyboard.type("Hur kan föreningar få stöd för språkträning i hela landet?")
    page.keyboard.press("Tab")
    page.keyboard.type("Vi har 300 språkcaféer.")
    tab_to(page, "main button[type=submit]", max_presses=100)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/proposals/\d+$"))
    proposal_path = "/" + page.url.split("/", 3)[3]
    assert page.locator("h1").inner_text() == TITLE
    assert "Inskickat" in page.locator("main").inner_text()
    assert organisation in page.locator("main").inner_text()
    checked(page, a11y)
    keyboard_switch_language(page, "en")
    checked(page, a11y)
    checked(page, a11y, "/dashboard/")
    assert TITLE in page.locator("main").inner_text()
    keyboard_logout(page, "Log out")

    # -- the civil servant, in English ------------------------------------------------------
    keyboard_login(page, "handlaggare@demo.sakrad.se", DEMO_PASSWORD)
    review = f"a[href='/proposals/cycle/{cycle_id}']"
    tab_to(page, review, max_presses=200)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/proposals/cycle/{cycle_id}")
    checked(page, a11y)
    tab_to(page, f"main a:text-is('{TITLE}')", max_presses=100)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{proposal_path}")
    checked(page, a11y)

    # A decision without a response is refused at the field.
    # Tab enters a radio group at its checked option ("under review"); arrows move on.
    tab_to(page, "#state-0")
    page.keyboard.press("ArrowDown")
    assert page.locator("#state-1").is_checked()  # accepted
    tab_to(page, "button:text-is('Save draft')", max_presses=100)
    page.keyboard.press("Enter")
    page.wait_for_selector("#response_text-error")
    checked(page, a11y)
    tab_to(page, "#response_text", max_presses=100)
    page.keyboard.type(RESPONSE)
    tab_to(page, "button:text-is('Save draft')", max_presses=100)
    page.keyboard.press("Enter")
    page.wait_for_selector("text=saved as a draft")
    checked(page, a11y)

    # Not public before the batch is published.
    checked(page, a11y, f"/cycles/{cycle_id}")
    assert RESPONSE not in page.content()
    page.goto(f"/proposals/cycle/{cycle_id}")
    tab_to(page, "button:text-is('Publish responses and notify the organisations')", 200)
    page.keyboard.press("Enter")
    # The check-your-answers page says what will happen; confirm it.
    page.wait_for_selector("main form[method=post] input[name=confirmed]", state="attached")
    a11y.check(page)
    tab_to(page, "main form[method=post] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".flash-success")
    flashes = page.locator(".flashes").inner_text()
    assert "1 response has been published" in flashes
    assert "still undecided" in flashes  # the demo's unanswered proposal waits
    checked(page, a11y)
    keyboard_switch_language(page, "sv")
    checked(page, a11y)
    checked(page, a11y, proposal_path)
    keyboard_logout(page, "Logga ut")

    # -- the public cycle page, both languages -------------------------------------------
    for lang in ("sv", "en"):
        page.goto(f"/language/{lang}?next=/cycles/{cycle_id}")
        checked(page, a11y)
        item = page.locator(f"article:has(h3:text-is('{TITLE}'))")
        assert RESPONSE in item.inner_text()
        assert organisation in item.inner_text()
        assert ("Antaget" if lang == "sv" else "Accepted") in item.inner_text()
