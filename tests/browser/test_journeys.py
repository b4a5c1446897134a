"""Journeys that start at the home page and never type a URL: keyboard only, axe on every
page at 1280 px and at 320 px, in Swedish and English."""

from __future__ import annotations

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


def _ids(live_server) -> tuple[int, int]:  # noqa: ANN001
    from sakrad.extensions import db
    from sakrad.meetings.models import Meeting

    with live_server.app_context():
        meeting = db.session.scalar(
            sa.select(Meeting).where(Meeting.title == "Dialogmöte Flyktingsituationen")
        )
        return meeting.cycle_id, meeting.id


def _checked(page, a11y) -> None:  # noqa: ANN001
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
