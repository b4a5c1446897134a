"""Every demo role logs in by keyboard, visits its pages in both languages and logs out;
every page has no axe-core violations for WCAG 2.1 A and AA."""

from __future__ import annotations

import pytest

from sakrad.demo.seed import DEMO_PASSWORD
from tests.browser.conftest import keyboard_login, keyboard_switch_language, tab_to

pytestmark = pytest.mark.browser

ROLE_PAGES = {
    "admin@demo.sakrad.se": [
        "/dashboard/",
        "/account/password",
        "/admin/users",
        "/admin/users/new",
        "/admin/bodies",
        "/admin/bodies/new",
        "/admin/audit/",
        "/admin/outbox/",
    ],
    "handlaggare@demo.sakrad.se": ["/dashboard/", "/account/password"],
    "foretradare@demo.sakrad.se": ["/dashboard/", "/account/password"],
}


def test_axe_flags_a_broken_page(page, a11y):
    """The scanner must be able to fail: a page with known violations is flagged."""
    page.set_content(
        "<html><head><title>bad</title></head><body>"
        "<img src='x.png'><input type='text'><a href='#'></a>"
        "<p style='color:#aaa;background:#fff'>low contrast</p></body></html>"
    )
    ids = {v["id"] for v in a11y.violations(page)}
    assert {"image-alt", "label", "html-has-lang", "link-name", "color-contrast"} <= ids


def test_a_document_that_changed_is_scanned_again(page, a11y):
    """A document axe found clean is not scanned twice; the same address with other content
    is, and its violations are found."""
    clean = "<html lang='en'><head><title>fine</title></head><body><main><p>ok</p></main>"
    page.set_content(clean)
    assert a11y.violations(page) == []
    page.set_content(clean.replace("<p>ok</p>", "<img src='x.png'>"))
    assert "image-alt" in {v["id"] for v in a11y.violations(page)}


@pytest.mark.parametrize("email", list(ROLE_PAGES))
def test_role_journey_by_keyboard_in_both_languages(page, a11y, email):
    page.goto("/")
    a11y.check(page)
    keyboard_login(page, email, DEMO_PASSWORD)
    a11y.check(page)
    for path in ROLE_PAGES[email]:
        page.goto(path)
        assert page.locator("h1").count() == 1
        a11y.check(page)
    keyboard_switch_language(page, "en")
    # The switch keeps the page.
    assert page.url.endswith(ROLE_PAGES[email][-1])
    for path in ROLE_PAGES[email]:
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == "en"
        a11y.check(page)
    tab_to(page, "button:text-is('Log out')")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=You have been logged out.")
    a11y.check(page)
    keyboard_switch_language(page, "sv")
    assert page.locator("a[href='/login']").inner_text() == "Logga in"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_public_and_error_pages(page, a11y, lang):
    page.goto(f"/language/{lang}?next=/")
    for path in ["/", "/about", "/login", "/no-such-page"]:
        page.goto(path)
        a11y.check(page)
    # A form with errors: summary and field errors must be accessible too.
    page.goto("/login")
    page.click("button[type=submit]")
    page.wait_for_selector(".error-summary")
    assert page.locator("#email").get_attribute("aria-describedby") == "email-error"
    a11y.check(page)
    page.goto("/account/password")  # anonymous: sent to log in
    assert "/login" in page.url


def test_skip_link_is_first_and_moves_focus(page):
    page.goto("/about")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_layout_reflows_at_320px(page):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/admin/users")  # login page after redirect: a form
    page.goto("/about")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 320, f"horizontal scrolling at 320 px: {scroll_width}"


def test_wrong_password_shows_error_and_keeps_email(page, a11y):
    page.goto("/login")
    page.fill("#email", "admin@demo.sakrad.se")
    page.fill("#password", "wrong-password")
    page.click("button[type=submit]")
    page.wait_for_selector("[role=alert]")
    assert page.input_value("#email") == "admin@demo.sakrad.se"
    a11y.check(page)
