"""Journeys that start at the home page and never type a URL: keyboard only, axe on every
page at 1280 px and at 320 px, in Swedish and English."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from tests.browser.conftest import tab_to

pytestmark = pytest.mark.browser

INVITED = (
    "Skyddsvärnet",
    "Refugees Welcome Stockholm",
    "Studieförbundet Vuxenskolan",
    "Hela Sverige ska leva",
    "SIOS",
)
WORDS = {
    "sv": {"cycles": "Dialogcykler", "attended": "Deltog", "absent": "Deltog inte"},
    "en": {"cycles": "Dialogue cycles", "attended": "Attended", "absent": "Did not attend"},
}


def _ids(live_server) -> tuple[int, int]:
    from sakrad.extensions import db
    from sakrad.meetings.models import Meeting

    with live_server.app_context():
        meeting = db.session.scalar(
            sa.select(Meeting).where(Meeting.title == "Dialogmöte Flyktingsituationen")
        )
        return meeting.cycle_id, meeting.id


def _checked(page, a11y) -> None:
    """axe at the current width and at 320 px, and nothing wider than the small screen."""
    a11y.check(page)
    width = page.viewport_size["width"]
    page.set_viewport_size({"width": 320, "height": 640})
    page.wait_for_function("() => window.innerWidth === 320")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} is {overflow} px wider than 320 px"
    a11y.check(page)
    page.set_viewport_size({"width": width, "height": 800})


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_visitor_finds_who_was_invited_to_the_2017_refugee_sakrad_and_who_came(
    page, a11y, live_server, lang
):
    cycle_id, meeting_id = _ids(live_server)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/")
    if lang == "en":
        tab_to(page, ".lang-switch a:text-is('English')")
        page.keyboard.press("Enter")
        page.wait_for_selector("html[lang='en']")
    _checked(page, a11y)

    tab_to(page, f".main-nav a:text-is('{WORDS[lang]['cycles']}')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/cycles")
    _checked(page, a11y)

    tab_to(page, f"main a[href='/cycles/{cycle_id}']", 120)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/cycles/{cycle_id}")
    _checked(page, a11y)

    tab_to(page, f"main a[href='/meetings/{meeting_id}']", 120)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/meetings/{meeting_id}")
    _checked(page, a11y)

    table = page.locator(
        "#meeting-invitations-title ~ * table, #meeting-invitations-title + * table"
    )
    text = table.first.inner_text() if table.count() else page.locator("main").inner_text()
    for name in INVITED:
        assert name in text, name
    assert WORDS[lang]["attended"] in text and WORDS[lang]["absent"] in text
    # The published minutes name the agencies that briefed.
    assert "Migrationsverket" in page.locator("main").inner_text()


def _mail_link(live_server, to: str, pattern: str) -> str:
    from email import message_from_bytes, policy
    from pathlib import Path

    from sakrad.mail.delivery import deliver_pending

    with live_server.app_context():
        deliver_pending()
    for path in sorted(Path(live_server.config["MAIL_FILE_DIR"]).glob("*.eml"), reverse=True):
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        if to in message["To"]:
            text = message.get_body(preferencelist=("plain",)).get_content()
            found = re.search(pattern, text)
            if found:
                return found.group(0)
    raise AssertionError(f"no email to {to} with {pattern}")


def _type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector, 150)
    page.keyboard.type(text)


def test_stranger_registers_through_the_emailed_link_and_proposes_a_topic(page, a11y, live_server):
    """From the home page: an open call, "Ny organisation? Registrera er", the emailed
    confirmation link, and back to the proposal form; then a receipt by email."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/")
    _checked(page, a11y)
    tab_to(
        page,
        "#home-calls ~ ul a[href^='/cycles/'], section[aria-labelledby=home-calls] a[href^='/cycles/']",
        150,
    )
    page.keyboard.press("Enter")
    page.wait_for_url("**/cycles/*")
    assert page.locator("#way-in-propose").inner_text() == "Föreslå ett ämne"
    _checked(page, a11y)
    tab_to(page, "section[aria-labelledby=way-in-propose] a[href^='/register']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/register\?next=/proposals/cycle/\d+/new$"))
    _checked(page, a11y)

    email = "ny.forening@example.se"
    _type_into(page, "#person_name", "Sara Nyström")
    _type_into(page, "#email", email)
    _type_into(page, "#password", "ett-langt-losenord-2026")
    _type_into(page, "#confirm", "ett-langt-losenord-2026")
    _type_into(page, "#name", "Språkvänner i Sundsvall")
    tab_to(page, "#form")
    page.keyboard.press("ArrowDown")
    tab_to(page, "#county")
    page.keyboard.press("ArrowDown")
    tab_to(page, "input[name=size]")
    page.keyboard.press("Space")
    tab_to(page, "main form button[type=submit]", 200)
    page.keyboard.press("Enter")
    page.wait_for_url("**/register/sent")
    _checked(page, a11y)

    # The confirmation link from the email, then one button: logged in and back at the call.
    page.goto(_mail_link(live_server, email, r"https?://\S+/register/confirm/\S+"))
    _checked(page, a11y)
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/proposals/cycle/*/new")
    _checked(page, a11y)
    _type_into(page, "#title", "Språkcaféer på biblioteken")
    _type_into(page, "#focus", "Hur biblioteken och föreningarna kan samarbeta om språkcaféer.")
    _type_into(page, "#questions", "Vilket stöd kan biblioteken få?")
    tab_to(page, "main form button[type=submit]", 200)
    page.keyboard.press("Enter")
    page.wait_for_url("**/proposals/*")
    assert "Språkcaféer på biblioteken" in page.locator("main").inner_text()
    _checked(page, a11y)
    receipt = _mail_link(live_server, email, r"Språkcaféer på biblioteken")
    assert receipt
