"""A civil servant sends the demo sakråd's invitations; the representative opens the link
from the received email and accepts with two delegates; the public meeting page shows the
organisation as accepted. Keyboard only; every page scanned by axe in Swedish and English."""

from __future__ import annotations

import re
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from sakrad.demo.seed import DEMO_PASSWORD
from tests.browser.conftest import keyboard_login, keyboard_switch_language, tab_to

pytestmark = pytest.mark.browser

REP_EMAIL = "foretradare@demo.sakrad.se"


def _meeting_id(live_server) -> int:
    from sakrad.invitations.demo import demo_meeting

    with live_server.app_context():
        meeting = demo_meeting()
        assert meeting is not None, "the demo sakråd is missing"
        return meeting.id


def _link_from_mail(live_server) -> str:
    from sakrad.invitations.demo import demo_meeting
    from sakrad.mail.delivery import deliver_pending

    with live_server.app_context():
        deliver_pending()
        title = demo_meeting().title
    # The invitation to the demo sakråd: the journeys on the same live server invite the
    # demo representative's organisation to meetings of their own (one is cancelled).
    for path in sorted(Path(live_server.config["MAIL_FILE_DIR"]).glob("*.eml")):
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        if REP_EMAIL in message["To"] and message["Subject"] == f"Inbjudan: {title}":
            text = message.get_body(preferencelist=("plain",)).get_content()
            return re.search(r"https?://\S+/answer/\S+", text).group(0)
    raise AssertionError("no invitation email to the demo representative")


def test_send_answer_and_public_page_by_keyboard(page, a11y, live_server):
    meeting_id = _meeting_id(live_server)
    overview = f"/manage/meetings/{meeting_id}/invitations"

    # The civil servant sends the prepared invitations.
    page.goto("/")
    keyboard_login(page, "handlaggare@demo.sakrad.se", DEMO_PASSWORD)
    page.goto(overview)
    assert page.locator("h1").count() == 1
    a11y.check(page)
    tab_to(page, "button:text-matches('^Skicka \\\\d+ inbjud')")
    page.keyboard.press("Enter")
    # The check-your-answers page says what will happen; confirm it.
    page.wait_for_selector("main form[method=post] input[name=confirmed]", state="attached")
    a11y.check(page)
    tab_to(page, "main form[method=post] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".flash-success")
    assert "har skickats" in page.locator(".flashes").inner_text()
    a11y.check(page)
    keyboard_switch_language(page, "en")
    assert page.locator("h1").inner_text().startswith("Invitations:")
    a11y.check(page)
    tab_to(page, "button:text-is('Log out')")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=You have been logged out.")
    keyboard_switch_language(page, "sv")

    # The representative opens the personal link from the email: no account needed.
    page.goto(_link_from_mail(live_server))
    assert page.locator("h1").count() == 1
    a11y.check(page)
    people = [("Anna Lind", "anna.lind@example.se"), ("Omar Haddad", "omar@example.se")]
    for n, (name, email) in enumerate(people):
        tab_to(page, f"#accept-delegates-{n}-name")
        page.keyboard.type(name)
        page.keyboard.press("Tab")
        page.keyboard.type(email)
    tab_to(page, "#accept-delegates-0-name_public")
    page.keyboard.press("Space")
    tab_to(page, "button:text-is('Tacka ja till inbjudan')")
    page.keyboard.press("Enter")
    page.wait_for_selector(".flash-success")
    assert "tackat ja" in page.locator(".flashes").inner_text()
    a11y.check(page)
    keyboard_switch_language(page, "en")
    assert page.locator("#accept-delegates-1-name").input_value() == "Omar Haddad"
    a11y.check(page)

    # The public meeting page shows the organisation as accepted, with the consenting name.
    page.goto(f"/meetings/{meeting_id}")
    row = page.locator("tr", has_text="Studieförbundet Vuxenskolan")
    assert "Has accepted" in row.inner_text()
    assert "Anna Lind" in row.inner_text()
    assert "Omar Haddad" not in page.content()  # no consent: never public
    assert "anna.lind@example.se" not in page.content()
    a11y.check(page)
    keyboard_switch_language(page, "sv")
    assert (
        "Har tackat ja" in page.locator("tr", has_text="Studieförbundet Vuxenskolan").inner_text()
    )
    a11y.check(page)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_wrong_link_page(page, a11y, lang):
    page.goto(f"/language/{lang}?next=/")
    response = page.goto("/answer/not-a-real-token")
    assert response.status == 404
    assert page.locator("h1").count() == 1
    a11y.check(page)
