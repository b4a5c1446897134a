"""An organisation answers the feedback questionnaire from its email by keyboard only; a
civil servant publishes the yearly follow-up report; the public opens it. Every page is
scanned with axe in Swedish and English, at 1280 px and at 320 px."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from sakrad.demo.seed import DEMO_PASSWORD
from tests.browser.conftest import keyboard_login, tab_to

pytestmark = pytest.mark.browser

HELD_TITLE = "Sakråd om tidiga insatser för asylsökande"
WIDTHS = (1280, 320)


def _scan_everywhere(page, a11y, path: str) -> None:
    """axe at both widths and in both languages; no horizontal scrolling at 320 px."""
    sep = "&" if "?" in path else "?"
    for lang in ("sv", "en"):
        # One load per language; the same document is then scanned at each width.
        page.set_viewport_size({"width": WIDTHS[0], "height": 900})
        page.goto(f"{path}{sep}lang={lang}")
        assert page.locator("html").get_attribute("lang") == lang
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.wait_for_function(f"() => window.innerWidth === {width}")
            a11y.check(page)
            if width == 320:
                scroll = page.evaluate("document.documentElement.scrollWidth")
                assert scroll <= 320, f"horizontal scrolling at 320 px on {path}: {scroll}"


def _emailed_link(live_server) -> str:
    """Mark a demo meeting's attendance and send its feedback links; read one from the outbox."""
    from sakrad.extensions import db
    from sakrad.feedback import service
    from sakrad.invitations.models import Invitation, InvitationOrigin, InvitationState
    from sakrad.mail.models import OutboxMessage
    from sakrad.meetings.models import Meeting
    from sakrad.organisations.models import Organisation

    with live_server.app_context():
        meeting = db.session.scalar(sa.select(Meeting).where(Meeting.title == HELD_TITLE))
        org = db.session.scalar(sa.select(Organisation).where(Organisation.slug == "roda-korset"))
        db.session.add(Invitation(
            meeting_id=meeting.id, organisation_id=org.id, state=InvitationState.ACCEPTED,
            origin=InvitationOrigin.MANUAL, origin_reason="browser test",
            deadline=meeting.starts_at, sent_at=meeting.starts_at, attended=True,
        ))  # fmt: skip
        db.session.flush()
        assert service.meeting_held(meeting) >= 1
        db.session.commit()
        message = db.session.scalar(
            sa.select(OutboxMessage)
            .where(OutboxMessage.topic.startswith("feedback-meeting:"))
            .order_by(OutboxMessage.id.desc())
        )
        found = re.search(r"(/feedback/[A-Za-z0-9_\-]+\?lang=(sv|en))", message.body_text)
        assert found, message.body_text
        return found.group(1)


def test_organisation_answers_feedback_by_keyboard(page, a11y, live_server) -> None:
    link = _emailed_link(live_server)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(link)
    a11y.check(page)
    page.set_viewport_size({"width": 320, "height": 900})
    a11y.check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size({"width": 1280, "height": 900})
    codes = ["independence", "dialogue", "long_term", "openness", "quality", "diversity",
             "expectations"]  # fmt: skip
    for code in codes:
        tab_to(page, f"input[name='q_{code}']")
        page.keyboard.press("Space")  # 1
        for _ in range(3):
            page.keyboard.press("ArrowDown")  # → 4
    assert page.locator("input[name='q_dialogue']:checked").get_attribute("value") == "4"
    tab_to(page, "#comment")
    page.keyboard.type("Tydligt förväntanskort, mer tid för frågor.")
    tab_to(page, "button:text-is('Fortsätt och kontrollera svaren')")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Kontrollera dina svar")
    a11y.check(page)
    tab_to(page, "button:text-is('Skicka svaren')")
    page.keyboard.press("Enter")
    page.wait_for_selector("h1:text-is('Tack för er återkoppling')")
    a11y.check(page)
    page.goto(link)
    page.wait_for_selector("text=Länken har redan använts")
    a11y.check(page)


def test_civil_servant_publishes_the_report_and_the_public_opens_it(
    browser, page, a11y, live_server, base_url
) -> None:
    from sakrad.accounts.models import ConveningBody
    from sakrad.cycles.demo import current_year
    from sakrad.extensions import db

    with live_server.app_context():
        slug = db.session.scalar(
            sa.select(ConveningBody.slug).where(ConveningBody.name == "Arbetsmarknadsdepartementet")
        )
    year = current_year()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/")
    keyboard_login(page, "handlaggare@demo.sakrad.se", DEMO_PASSWORD)
    tab_to(page, f"a[href='/manage/followup/{slug}/{year}']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/manage/followup/{slug}/{year}")
    _scan_everywhere(page, a11y, f"/manage/followup/{slug}/{year}")
    page.goto(f"/manage/followup/{slug}/{year}?lang=sv")
    tab_to(page, "#summary")
    page.keyboard.type("Årets dialog i korthet: fler organisationer fick komma till tals.")
    tab_to(page, "button:text-is('Spara sammanfattningen')")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Sammanfattningen har sparats.")
    tab_to(page, f"a[href='/manage/followup/{slug}/{year}/publish']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/manage/followup/{slug}/{year}/publish")
    a11y.check(page)
    tab_to(page, "button:text-is('Publicera uppföljningsrapporten')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/followup/{slug}/{year}")
    page.wait_for_selector("text=Uppföljningsrapporten har publicerats.")

    # The public, in a fresh browser context (not logged in).
    public = browser.new_context(base_url=base_url).new_page()
    public.goto(f"/followup/{slug}/{year}")
    assert "fler organisationer fick komma till tals" in public.content()
    _scan_everywhere(public, a11y, f"/followup/{slug}/{year}")
    _scan_everywhere(public, a11y, f"/followup/{year}")
    _scan_everywhere(public, a11y, f"/followup/{slug}/2017")
    public.context.close()
