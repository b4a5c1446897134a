"""A civil servant plans a sakråd from an empty cycle to announced, keyboard only, with axe on
every page, in Swedish and then English; the public page and its .ics show the result."""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta

import icalendar
import pytest

from sakrad.db import STOCKHOLM
from sakrad.demo.seed import DEMO_PASSWORD
from tests.browser.conftest import (
    keyboard_login,
    keyboard_switch_language,
    press_to_navigate,
    tab_to,
    type_datetime,
)

pytestmark = pytest.mark.browser


def type_field(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def follow(page, selector: str) -> None:
    tab_to(page, selector)
    press_to_navigate(page)


def submit(page, label: str) -> None:
    follow(page, f"main button[type=submit]:text-is('{label}')")


def test_plan_a_sakrad_from_an_empty_cycle_to_announced(page, a11y):
    area = f"Planeringstest {uuid.uuid4().hex[:6]}"
    title = f"Sakråd om mottagande {area}"
    next_year = datetime.now(STOCKHOLM).year + 1
    page.goto("/")
    keyboard_login(page, "handlaggare@demo.sakrad.se", DEMO_PASSWORD)
    a11y.check(page)

    # Swedish: create and open the cycle.
    follow(page, "a[href='/manage/cycles/new']")
    assert page.locator("h1").inner_text() == "Ny dialogcykel"
    a11y.check(page)
    type_field(page, "#year", str(next_year))
    type_field(page, "#policy_area", area)
    type_datetime(page, "#call_opens_at", datetime(next_year, 1, 10, 9, 0))
    type_datetime(page, "#call_closes_at", datetime(next_year, 2, 10, 17, 0))
    submit(page, "Spara")
    page.wait_for_selector("text=Dialogcykeln har skapats som utkast.")
    a11y.check(page)
    submit(page, "Öppna dialogcykeln (publicera)")
    page.wait_for_selector("text=Dialogcykeln är nu: Öppen.")
    a11y.check(page)
    cycle_url = page.url

    # A new meeting, with a form error first (title missing), then saved.
    follow(page, "main a:text-is('Nytt möte')")
    a11y.check(page)
    type_field(page, "#chair_title", "statssekreterare")
    submit(page, "Spara")
    page.wait_for_selector(".error-summary")
    a11y.check(page)
    type_field(page, "#title", title)
    type_field(page, "#seats", "12")
    submit(page, "Spara")
    page.wait_for_selector("text=Mötet har skapats som utkast.")
    a11y.check(page)
    meeting_url = page.url.split("#")[0]

    # Announcing now is refused: the card is empty.
    submit(page, "Annonsera mötet (publicera)")
    page.wait_for_selector("text=förväntanskortet är komplett")
    assert "syfte" in page.locator(".flashes").inner_text()

    # English from here on.
    keyboard_switch_language(page, "en")
    a11y.check(page)
    follow(page, "main a:text-is('Fill in the expectations card')")
    a11y.check(page)
    for name in ("purpose", "policy_stage", "questions", "out_of_scope", "use_of_input"):
        type_field(page, f"#{name}", f"Text for {name}.")
    type_field(page, "#feedback_plan", "Feedback within six weeks.")
    submit(page, "Save")
    page.wait_for_selector("text=The meeting was saved.")
    a11y.check(page)

    # A session: first with the end before the start (refused, input kept), then right.
    follow(page, "main a:text-is('Add a session')")
    a11y.check(page)
    day = (datetime.now(STOCKHOLM) + timedelta(days=60)).replace(tzinfo=None)
    start = day.replace(hour=10, minute=0, second=0, microsecond=0)
    type_datetime(page, "#starts_at", start)
    type_datetime(page, "#ends_at", start - timedelta(hours=1))
    type_field(page, "#place", "Rosenbad 4, Stockholm")
    submit(page, "Save")
    page.wait_for_selector("text=The session must end after it starts.")
    assert page.input_value("#place") == "Rosenbad 4, Stockholm"
    a11y.check(page)
    type_datetime(page, "#ends_at", start + timedelta(hours=2))
    submit(page, "Save")
    page.wait_for_selector("text=The session was added.")
    a11y.check(page)

    # Two agenda items; the computed start of the second follows the first's duration.
    for item_title, minutes in (("Agencies brief", "20"), ("Organisations' round", "90")):
        follow(page, "main a.button:has-text('Add an agenda item')")
        a11y.check(page)
        type_field(page, "#title", item_title)
        type_field(page, "#duration_minutes", minutes)
        submit(page, "Save")
        page.wait_for_selector("text=The agenda item was added.")
    a11y.check(page)
    rows = page.locator(".agenda tbody tr")
    assert rows.nth(1).locator("td").first.inner_text() == "10:20"

    # Move the round up with the keyboard; the times follow.
    move = page.locator("button[id^='move-up-']").first
    move_id = move.get_attribute("id")
    tab_to(page, f"#{move_id}")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('.agenda tbody tr th').textContent.includes('round')"
    )
    assert page.locator(".agenda tbody tr").nth(1).locator("td").first.inner_text() == "11:30"
    a11y.check(page)

    # Announce.
    page.goto(meeting_url)
    submit(page, "Announce the meeting (publish)")
    page.wait_for_selector("text=The meeting is now: Announced.")
    a11y.check(page)

    # The public page shows it, and its calendar file works.
    follow(page, "main a:text-is('Public page of the meeting')")
    assert page.locator("h1").inner_text() == title
    assert "Organisations' round" in page.locator("main").inner_text()
    a11y.check(page)
    href = page.locator("main a:has-text('.ics')").first.get_attribute("href")
    response = page.request.get(href)
    assert response.ok and response.headers["content-type"].startswith("text/calendar")
    events = [c for c in icalendar.Calendar.from_ical(response.body()).walk("VEVENT")]
    assert len(events) == 1
    assert events[0].decoded("DTSTART").astimezone(STOCKHOLM).replace(tzinfo=None) == start
    assert re.search(r"/meetings/\d+$", str(events[0]["URL"]))
    page.goto(cycle_url.replace("/manage/cycles/", "/cycles/"))
    assert title in page.locator("main").inner_text()
    a11y.check(page)
    keyboard_switch_language(page, "sv")
    a11y.check(page)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_demo_refugee_sakrad_public_pages(page, a11y, lang):
    page.goto(f"/language/{lang}?next=/cycles")
    a11y.check(page)
    follow(page, "main a:has-text('2017')")
    a11y.check(page)
    follow(page, "main a:has-text('Flykting'), main a:has-text('refugee')")
    assert page.locator("section.card").count() == 10
    a11y.check(page)
