"""A civil servant documents a held demo meeting by keyboard: generates the draft, edits and
saves it, publishes it, uploads a document and writes the outcome; the public page shows it.
Every page is scanned with axe in Swedish and English."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from sakrad.demo.seed import DEMO_PASSWORD
from tests.browser.conftest import keyboard_login, keyboard_switch_language, tab_to

pytestmark = pytest.mark.browser

HELD_TITLE = "Sakråd om tidiga insatser för asylsökande"
DOCUMENTED_TITLE = "Högnivåmöte om integration och etablering 2017"


def _meeting_id(live_server, title: str) -> int:
    from sakrad.extensions import db
    from sakrad.meetings.models import Meeting

    with live_server.app_context():
        return db.session.scalar(sa.select(Meeting.id).where(Meeting.title == title))


def test_publish_minutes_of_a_demo_meeting_by_keyboard(page, a11y, live_server, tmp_path):
    mid = _meeting_id(live_server, HELD_TITLE)
    assert mid is not None
    page.goto("/")
    keyboard_login(page, "handlaggare@demo.sakrad.se", DEMO_PASSWORD)
    page.goto(f"/manage/meetings/{mid}")
    a11y.check(page)
    tab_to(page, f"a[href='/manage/meetings/{mid}/minutes']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/manage/meetings/{mid}/minutes")
    a11y.check(page)

    # The structure help: a first draft generated from the meeting.
    tab_to(page, "button:text-is('Skapa ett första utkast')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/manage/meetings/{mid}/minutes/edit")
    a11y.check(page)
    draft = page.locator("#text").input_value()
    assert "Länsstyrelsernas nya samordningsansvar" in draft  # an agenda item as a heading

    tab_to(page, "#text")
    page.keyboard.press("Control+End")
    page.keyboard.type("\n\nKEYBOARD-MARKOR: organisationerna lyfte landsbygdens behov.")
    tab_to(page, "button:text-is('Spara version')")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Version 2 har sparats.")
    a11y.check(page)

    # Publish the newest revision (the select's first option).
    tab_to(page, "#number")
    tab_to(page, "button:text-is('Publicera')")
    page.keyboard.press("Enter")
    # The check-your-answers page says what will happen; confirm it.
    page.wait_for_selector("main form[method=post] input[name=confirmed]", state="attached")
    a11y.check(page)
    if page.locator("#reason").count():  # a warning (no outcome yet) needs a reason
        tab_to(page, "#reason")
        page.keyboard.type("Resultatet skrivs efter publiceringen.")
    tab_to(page, "main form[method=post] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Version 2 är nu de publicerade minnesanteckningarna.")
    a11y.check(page)

    # Upload a document: the file is chosen with the file dialog's API, the rest by keyboard.
    from sakrad.minutes.demo import minimal_pdf

    pdf = tmp_path / "bilder.pdf"
    pdf.write_bytes(minimal_pdf("Bilder"))
    page.goto(f"/manage/meetings/{mid}/documents")
    a11y.check(page)
    page.set_input_files("#upload-file", str(pdf))
    tab_to(page, "#upload-title")
    page.keyboard.type("Bilder från länsstyrelserna")
    tab_to(page, "#upload-public")
    page.keyboard.press("Space")
    tab_to(page, "button:text-is('Ladda upp')")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Dokumentet ”Bilder från länsstyrelserna” har lagts till.")
    a11y.check(page)

    # A refused upload shows its message at the field, accessibly.
    exe = tmp_path / "program.pdf"
    exe.write_bytes(b"MZ\x90\x00" + b"\x00" * 64)
    page.set_input_files("#upload-file", str(exe))
    tab_to(page, "#upload-title")
    page.keyboard.type("Inte en PDF")
    tab_to(page, "button:text-is('Ladda upp')")
    page.keyboard.press("Enter")
    page.wait_for_selector("#upload-file-error")
    a11y.check(page)

    for path in (
        f"/manage/meetings/{mid}/minutes/outcome",
        f"/manage/meetings/{mid}/minutes/revisions/1",
    ):
        page.goto(path)
        a11y.check(page)

    # The public page shows the published minutes and the public document.
    page.goto(f"/meetings/{mid}")
    assert page.locator("text=KEYBOARD-MARKOR").count() == 1
    assert page.locator("a:text-is('Bilder från länsstyrelserna')").count() == 1
    assert page.locator("text=Inte en PDF").count() == 0
    a11y.check(page)

    keyboard_switch_language(page, "en")
    for path in (
        f"/meetings/{mid}",
        f"/manage/meetings/{mid}",
        f"/manage/meetings/{mid}/minutes",
        f"/manage/meetings/{mid}/minutes/edit",
        f"/manage/meetings/{mid}/minutes/outcome",
        f"/manage/meetings/{mid}/documents",
    ):
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.locator("h1").count() == 1
        a11y.check(page)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_public_documented_demo_meeting(page, a11y, live_server, lang):
    mid = _meeting_id(live_server, DOCUMENTED_TITLE)
    page.goto(f"/language/{lang}?next=/")
    page.goto(f"/meetings/{mid}")
    assert page.locator("#meeting-minutes-title").count() == 1
    assert page.locator("#meeting-outcome-title").count() == 1
    assert page.locator("text=Intern anteckning").count() == 0  # internal document
    a11y.check(page)
    tab_to(page, "#meeting-minutes-history-title + ul a")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/meetings/{mid}/minutes/*")
    a11y.check(page)
    page.goto(f"/meetings/{mid}")
    href = page.locator("#meeting-documents-title + ul a").first.get_attribute("href")
    response = page.request.get(href)
    assert response.status == 200 and response.headers["x-content-type-options"] == "nosniff"
