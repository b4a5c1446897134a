"""Issue 13 item 6 in a browser: after a refused answer the focus is on the error summary
at the top, its link names the delegate and the field and moves to that field. Keyboard
only; axe-clean in Swedish and English.

A small live server of its own (an invitation made with the factories), so the demo that
the other browser tests share is not changed.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import keyboard_switch_language, live_app, serving, tab_to

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    from sakrad.invitations.models import InvitationState
    from tests.invitations_factories import invite, org_with_rep, staff_meeting

    app = live_app(tmp_path_factory.mktemp("focus"))
    with app.app_context():
        meeting, _user = staff_meeting(delegates_per_org=2)
        org, _rep = org_with_rep("Föreningen Fokus")
        _invitation, token = invite(meeting, org, state=InvitationState.SENT)
    app.config["ANSWER_PATH"] = f"/answer/{token}"
    with serving(app):
        yield app


@pytest.fixture(scope="module")
def base_url(live_server) -> str:
    return live_server.config["LIVE_URL"]


def _focused(page) -> str:
    return page.evaluate(
        "() => document.activeElement.id || document.activeElement.className || ''"
    )


def test_focus_moves_to_the_summary_and_its_link_to_the_field(page, a11y, live_server):
    page.goto(live_server.config["ANSWER_PATH"])
    tab_to(page, "#accept-delegates-0-name")
    page.keyboard.type("Anna Lind")
    page.keyboard.press("Tab")
    page.keyboard.type("anna.lind@example.se")
    tab_to(page, "#accept-delegates-1-name")
    page.keyboard.type("Omar Haddad")
    page.keyboard.press("Tab")
    page.keyboard.type("omar@")
    tab_to(page, "button:text-is('Tacka ja till inbjudan')")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")

    # The summary has the focus, so a screen reader reads it first; it names delegate 2.
    assert _focused(page) == "error-summary"
    link = page.locator(".error-summary a")
    assert link.count() == 1
    assert link.inner_text() == "Ombud 2, e-post: Ange en giltig e-postadress."
    a11y.check(page)

    # The link is the next stop for the keyboard, and it takes the focus to the field.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert _focused(page) == "accept-delegates-1-email"
    assert page.locator("#accept-delegates-1-email").input_value() == "omar@"
    assert page.locator("#accept-delegates-0-name").input_value() == "Anna Lind"

    keyboard_switch_language(page, "en")
    a11y.check(page)
