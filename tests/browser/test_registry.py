"""A person registers an organisation by keyboard, confirms the emailed link and edits the
profile; a civil servant searches the registry. Every page: 0 axe violations, sv and en."""

from __future__ import annotations

import re
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from sakrad.demo.seed import DEMO_PASSWORD
from tests.browser.conftest import (
    keyboard_login,
    keyboard_switch_language,
    press_to_navigate,
    tab_to,
)

pytestmark = pytest.mark.browser


def confirmation_path(live_server, recipient: str) -> str:
    """Deliver the outbox and read the link from the .eml file the server wrote."""
    from sakrad.mail.delivery import deliver_pending

    with live_server.app_context():
        deliver_pending()
    for path in sorted(Path(live_server.config["MAIL_FILE_DIR"]).glob("*.eml"), reverse=True):
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        if recipient in message["To"]:
            body = message.get_body(("plain",)).get_content()
            return re.sub(r"^https?://[^/]+", "", re.search(r"https?://\S+", body).group(0))
    raise AssertionError(f"no mail to {recipient}")


def choose(page, selector: str, value: str) -> None:
    """Pick an option of a <select> with the arrow keys, as a keyboard user does."""
    tab_to(page, selector)
    steps = page.locator(selector).evaluate(
        "(el, v) => [...el.options].findIndex(o => o.value === v) - el.selectedIndex", value
    )
    for _ in range(abs(steps)):
        page.keyboard.press("ArrowDown" if steps > 0 else "ArrowUp")
    assert page.locator(selector).input_value() == value


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def test_registration_confirmation_and_profile_by_keyboard(page, a11y, live_server):
    page.goto("/register")
    assert page.locator("html").get_attribute("lang") == "sv"
    a11y.check(page)
    type_into(page, "#person_name", "Amina Andersson")
    type_into(page, "#email", "amina@webbtest.example.se")
    type_into(page, "#password", "ett-langt-losenord")
    type_into(page, "#confirm", "ett-langt-losenord")
    type_into(page, "#name", "Språkcafé Henån")
    type_into(page, "#org_number", "8020000009")
    choose(page, "#form", "ideell_forening")
    choose(page, "#county", "14")
    tab_to(page, "#size-0")  # a radio group is one tab stop; arrows choose within it
    page.keyboard.press("ArrowDown")
    tab_to(page, "#focus_areas-1")
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]:text-is('Registrera organisationen')")
    press_to_navigate(page)
    errors = page.locator(".error-summary")
    assert errors.count() == 0, errors.inner_text()
    page.wait_for_url("**/register/sent")
    a11y.check(page)

    path = confirmation_path(live_server, "amina@webbtest.example.se")
    page.goto(path)
    assert "Språkcafé Henån" in page.inner_text("main")
    a11y.check(page)
    tab_to(page, "button:text-is('Bekräfta och registrera')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/my/organisations/*/profile")
    assert page.locator("#county").input_value() == "14"
    assert page.locator("#org_number").input_value() == "802000-0009"
    a11y.check(page)

    # A mistake is refused at the field, accessibly.
    choose(page, "#municipality", "2584")  # Kiruna, not in Västra Götaland
    tab_to(page, "button:text-is('Spara profilen')")
    page.keyboard.press("Enter")
    page.wait_for_selector("#municipality-error")
    assert "ligger inte i det valda länet" in page.inner_text("#municipality-error")
    a11y.check(page)
    choose(page, "#municipality", "1421")  # Orust
    type_into(page, "#description", "Språkcafé varje tisdag i Henån.")
    tab_to(page, "button:text-is('Spara profilen')")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Profilen har sparats.")
    a11y.check(page)

    keyboard_switch_language(page, "en")
    assert page.locator("h1").inner_text() == "Profile of Språkcafé Henån"
    a11y.check(page)
    for path in ("/my/organisations/", page.url.replace("/profile", "/representatives")):
        page.goto(path)
        a11y.check(page)
    page.goto("/organisations/sprakcafe-henan")
    assert "Språkcafé varje tisdag i Henån." in page.inner_text("main")
    assert "amina@webbtest.example.se" not in page.content()
    a11y.check(page)
    keyboard_switch_language(page, "sv")
    a11y.check(page)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_civil_servant_searches_the_registry(page, a11y, lang):
    page.goto(f"/language/{lang}?next=/")
    keyboard_login(page, "handlaggare@demo.sakrad.se", DEMO_PASSWORD)
    page.goto("/registry/")
    a11y.check(page)
    type_into(page, "#q", "Hela Sverige")
    page.keyboard.press("Enter")
    page.wait_for_url("**/registry/?q=Hela*")
    link = page.locator("table a:text-is('Hela Sverige ska leva')")
    assert link.count() == 1
    a11y.check(page)
    tab_to(page, "table a:text-is('Hela Sverige ska leva')")
    page.keyboard.press("Enter")
    page.wait_for_selector("h1:text-is('Hela Sverige ska leva')")
    assert "info@hela-sverige-ska-leva.example.se" in page.inner_text("main")
    a11y.check(page)
    for path in (
        page.url + "/edit",
        page.url + "/merge",
        "/registry/import",
        "/registry/?county=14&page=1",
    ):
        page.goto(path)
        assert page.locator("h1").count() == 1
        a11y.check(page)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_admin_pages_and_public_pages(page, a11y, lang):
    page.goto(f"/language/{lang}?next=/")
    for path in ("/organisations", "/organisations/refugees-welcome-stockholm", "/register"):
        page.goto(path)
        a11y.check(page)
    keyboard_login(page, "admin@demo.sakrad.se", DEMO_PASSWORD)
    for path in ("/registry/lists/focus-areas", "/registry/lists/target-groups", "/dashboard/"):
        page.goto(path)
        a11y.check(page)
