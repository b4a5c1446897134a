"""The privacy notice, accessibility statement and contact page from the footer, and the
administrator's privacy pages: keyboard reach and no axe violations, in both languages."""

from __future__ import annotations

import pytest

from sakrad.demo.seed import DEMO_PASSWORD
from tests.browser.conftest import keyboard_login, tab_to

pytestmark = pytest.mark.browser

FOOTER = {
    "sv": [("Integritetsmeddelande", "/privacy"), ("Tillgänglighetsredogörelse", "/accessibility"),
           ("Kontakt", "/contact")],
    "en": [("Privacy notice", "/privacy"), ("Accessibility statement", "/accessibility"),
           ("Contact", "/contact")],
}  # fmt: skip
ADMIN_PAGES = [
    "/admin/privacy/",
    "/admin/privacy/erase",
    "/admin/privacy/accessibility",
    "/admin/archive/",
    "/privacy/my-data",
]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_footer_pages_by_keyboard_without_violations(page, a11y, lang):
    page.goto(f"/language/{lang}?next=/")
    for label, path in FOOTER[lang]:
        page.goto("/cycles")
        tab_to(page, f".site-footer a:text-is('{label}')")
        page.keyboard.press("Enter")
        page.wait_for_url(f"**{path}")
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("h1").inner_text() == label
        a11y.check(page)
    for path in ("/integritet", "/tillganglighet", "/kontakt"):
        page.goto(path)
        a11y.check(page)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_admin_privacy_pages_and_the_erasure_check_page(page, a11y, lang):
    page.goto(f"/language/{lang}?next=/")
    keyboard_login(page, "admin@demo.sakrad.se", DEMO_PASSWORD)
    for path in ADMIN_PAGES:
        page.goto(path)
        assert page.locator("h1").count() == 1
        a11y.check(page)
    page.goto("/admin/privacy/erase")
    page.click("main button[type=submit]")  # empty form: errors at the fields
    page.wait_for_selector(".error-summary")
    a11y.check(page)
    page.fill("#email", "foretradare@demo.sakrad.se")
    page.fill("#reason", "Dnr 2026/1")
    page.click("main button[type=submit]")
    page.wait_for_selector("form[action$='/erase/confirm']")
    a11y.check(page)  # the check-your-answers page; nothing is erased here
