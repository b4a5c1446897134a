"""A civil servant sets quotas, previews and confirms the selection for the demo sakråd, by
keyboard only, in Swedish and English; every page (charts included) has no axe violations.
The published report on the public meeting page is checked too."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from sakrad.demo.seed import DEMO_PASSWORD
from tests.browser.conftest import (
    keyboard_login,
    keyboard_switch_language,
    press_to_navigate,
    tab_to,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_meeting_id(live_server) -> int:
    from sakrad.selection.demo import demo_meeting

    with live_server.app_context():
        meeting = demo_meeting()
        assert meeting is not None, "the meetings demo must seed the announced sakråd"
        return meeting.id


def _type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def _choose(page, selector: str, value: str) -> None:
    """Pick an option of a select with the arrow keys (reading where it is, not clicking)."""
    tab_to(page, selector)
    index = page.locator(selector).evaluate(
        "(el, v) => [...el.options].findIndex(o => o.value === v)", value
    )
    page.keyboard.press("Home")
    for _ in range(index):
        page.keyboard.press("ArrowDown")
    assert page.locator(selector).input_value() == value


def _fill_quota(page, minimum: str = "3") -> None:
    """Seats 8; quota 1: at least ``minimum`` organisations from the rest of Sweden."""
    _type_into(page, "#seats", "8")
    _choose(page, "#quotas-0-group", "county_group=rest")
    _type_into(page, "#quotas-0-min", minimum)


def _submit(page, button_text: str) -> None:
    tab_to(page, f"input[type=submit][value='{button_text}']")
    press_to_navigate(page)


def test_civil_servant_previews_and_confirms_by_keyboard(page, a11y, live_server, demo_meeting_id):
    page.goto("/")
    keyboard_login(page, "handlaggare@demo.sakrad.se", DEMO_PASSWORD)
    setup = f"/manage/meetings/{demo_meeting_id}/selection"

    # The meeting page links to the selection.
    page.goto(f"/manage/meetings/{demo_meeting_id}")
    a11y.check(page)
    tab_to(page, f"a[href='{setup}']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{setup}")
    assert page.locator("h1").count() == 1
    a11y.check(page)
    assert "30 organisationer" in page.locator("main").inner_text()

    # Swedish: an impossible quota is explained, then a preview.
    _fill_quota(page, "40")
    _submit(page, "Förhandsgranska")
    page.wait_for_selector("#infeasible")
    assert "Minsta ändring" in page.locator("#infeasible").inner_text()
    a11y.check(page)

    _fill_quota(page)
    _submit(page, "Förhandsgranska")
    page.wait_for_selector("#preview-title")
    assert page.locator("svg[role=img] title").count() > 0
    a11y.check(page)

    # English: the same form, then confirm.
    keyboard_switch_language(page, "en")
    page.goto(setup)
    a11y.check(page)
    _fill_quota(page)
    _submit(page, "Preview")
    page.wait_for_selector("#preview-title")
    a11y.check(page)
    # The demo's registration of interest is still open: close it now to confirm.
    tab_to(page, "#close_interest")
    page.keyboard.press("Space")
    _submit(page, "Confirm the selection")
    # The check page says what will happen, with the closing of the registration chosen.
    page.wait_for_selector("h1:text-is('Check before confirming the selection')")
    assert page.locator("#close_interest").is_checked()
    a11y.check(page)
    tab_to(page, "main form button[type=submit]:text-is('Confirm the selection')")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=The selection is confirmed and frozen.")
    assert "/selection/" in page.url
    assert page.locator("h1").count() == 1
    a11y.check(page)
    selected = page.locator("main ol").first.locator("li")
    assert selected.count() == 8

    keyboard_switch_language(page, "sv")
    a11y.check(page)
    assert page.locator("html").get_attribute("lang") == "sv"

    # Once the invitations go out, the report is public on the meeting page, in both languages.
    from sakrad.extensions import db
    from sakrad.selection import service
    from sakrad.selection.models import Selection

    with live_server.app_context():
        selection = db.session.scalar(
            sa.select(Selection).where(Selection.meeting_id == demo_meeting_id)
        )
        service.publish_report(selection)
        db.session.commit()
        seed = selection.seed
    page.goto(f"/meetings/{demo_meeting_id}")
    page.wait_for_selector("#selection-report-title")
    assert str(seed) in page.locator("main").inner_text()
    assert page.locator("svg[role=img] desc").count() > 0
    a11y.check(page)
    keyboard_switch_language(page, "en")
    page.wait_for_selector("text=Selection report")
    a11y.check(page)
