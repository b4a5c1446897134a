"""Journeys that start at the home page and never type a URL (only the links received by
email are opened): keyboard only, axe on every page at 1280 px and at 320 px.

- the public visitor finds who was invited to the 2017 sakråd on the refugee situation and
  who came (Swedish and English);
- a stranger registers an organisation, proposes a topic, registers interest in a sakråd and
  answers the invitation from the received email (Swedish and English);
- a civil servant goes from an empty cycle to published minutes through the check pages
  (Swedish; see its docstring).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from tests.browser.conftest import keyboard_switch_language, tab_to, type_datetime

pytestmark = pytest.mark.browser

INVITED = (
    "Skyddsvärnet",
    "Refugees Welcome Stockholm",
    "Studieförbundet Vuxenskolan",
    "Hela Sverige ska leva",
    "SIOS",
)
WORDS = {
    "sv": {
        "cycles": "Dialogcykler",
        "attended": "Deltog",
        "absent": "Deltog inte",
        "propose": "Föreslå ett ämne",
        "interest": "Anmäl intresse",
        "interest_registered": "har anmält intresse",
        "accept": "Tacka ja till inbjudan",
        "accepted": "Har tackat ja",
        "my_pages": "Mina sidor",
        "submitted": "Inskickat",
        "receipt": "Kvitto",
    },
    "en": {
        "cycles": "Dialogue cycles",
        "attended": "Attended",
        "absent": "Did not attend",
        "propose": "Suggest a topic",
        "interest": "Register interest",
        "interest_registered": "has registered interest",
        "accept": "Accept the invitation",
        "accepted": "Has accepted",
        "my_pages": "My pages",
        "submitted": "Submitted",
        "receipt": "Receipt",
    },
}
CIVIL_SERVANT = "handlaggare@demo.sakrad.se"


# --------------------------------------------------------------------------- helpers


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


def _start(page, lang: str) -> None:
    """The home page at 1280 px, switched to ``lang`` with the keyboard."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/")
    if lang == "en":
        keyboard_switch_language(page, "en")


def _tab_to(page, selector: str, presses: int = 150) -> None:
    """``tab_to``; on a page just loaded (at its top), a target in <main> is reached past
    the header by the skip link, as keyboard users do."""
    just_loaded = page.evaluate("() => document.activeElement === document.body && !location.hash")
    if just_loaded and page.locator(selector).first.evaluate("el => !!el.closest('main')"):
        tab_to(page, ".skip-link", 1)
        page.keyboard.press("Enter")
    tab_to(page, selector, presses)


def _follow(page, selector: str, presses: int = 150) -> None:
    """Tab to a link or button and press Enter: the next page has loaded when this returns."""
    _tab_to(page, selector, presses)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _address(page) -> str:
    """The page's URL without the #main that the skip link may have added."""
    return page.url.split("#")[0]


def _type_into(page, selector: str, text: str) -> None:
    _tab_to(page, selector)
    page.keyboard.type(text)


def _mail(live_server, to: str, pattern: str) -> str:
    """The newest email to ``to`` whose plain text matches ``pattern``: the text matched."""
    from email import message_from_bytes, policy
    from pathlib import Path

    from sakrad.mail.delivery import deliver_pending

    with live_server.app_context():
        deliver_pending()
    for path in sorted(Path(live_server.config["MAIL_FILE_DIR"]).glob("*.eml"), reverse=True):
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        if to in message["To"]:
            text = message.get_body(preferencelist=("plain",)).get_content()
            found = re.search(pattern, f"{message['Subject']}\n{text}")
            if found:
                return found.group(0)
    raise AssertionError(f"no email to {to} with {pattern}")


def _user(email: str):
    from sakrad.accounts.models import User
    from sakrad.extensions import db

    return db.session.scalar(sa.select(User).where(User.email == email))


# --------------------------------------------------------------------------- the visitor


def _refugee_sakrad_ids(live_server) -> tuple[int, int]:
    from sakrad.extensions import db
    from sakrad.meetings.models import Meeting

    with live_server.app_context():
        meeting = db.session.scalar(
            sa.select(Meeting).where(Meeting.title == "Dialogmöte Flyktingsituationen")
        )
        return meeting.cycle_id, meeting.id


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_visitor_finds_who_was_invited_to_the_2017_refugee_sakrad_and_who_came(
    page, a11y, live_server, lang
):
    cycle_id, meeting_id = _refugee_sakrad_ids(live_server)
    _start(page, lang)
    _checked(page, a11y)

    _follow(page, f".main-nav a:text-is('{WORDS[lang]['cycles']}')")
    _checked(page, a11y)
    _follow(page, f"main a[href='/cycles/{cycle_id}']", 120)
    _checked(page, a11y)
    _follow(page, f"main a[href='/meetings/{meeting_id}']", 120)
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


# --------------------------------------------------------------------------- the stranger


def _announced_sakrad(live_server, lang: str) -> tuple[str, int]:
    """An announced sakråd of the open 2026 cycle, open for interest for two weeks.

    Planning and announcing a sakråd is the civil servant's journey (below); here the
    service layer does it, so that this test stays the organisation's.
    """
    from sakrad.cycles.models import Cycle, CycleState
    from sakrad.db import utcnow
    from sakrad.extensions import db
    from sakrad.meetings import agenda
    from sakrad.meetings import service as meetings

    with live_server.app_context():
        staff = _user(CIVIL_SERVANT)
        cycle = db.session.scalar(
            sa.select(Cycle).where(
                Cycle.convening_body_id == staff.convening_body_id,
                Cycle.state == CycleState.OPEN,
            )
        )
        meeting = meetings.create_meeting(
            staff,
            cycle,
            kind="sakrad",
            title=f"Sakråd om språkcaféer ({lang})",
            title_en=f"Sakråd on language cafés ({lang})",
            chair_title="statssekreterare",
            seats=4,
            interest_closes_at=utcnow() + timedelta(days=14),
            purpose="Att höra hur språkcaféer når nyanlända.",
            policy_stage="Underlag till nästa års regleringsbrev.",
            questions="Vad behöver föreningarna?",
            out_of_scope="Enskilda bidrag.",
            use_of_input="Inspelen ingår i underlaget.",
            feedback_plan="Minnesanteckningar inom tre veckor.",
        )
        start = (utcnow() + timedelta(days=30)).replace(minute=0, second=0, microsecond=0)
        session = agenda.add_session(
            staff, meeting, starts_at=start, ends_at=start + timedelta(hours=2), place="Rosenbad"
        )
        agenda.add_item(staff, session, title="Organisationernas runda", duration_minutes=90)
        meetings.announce(staff, meeting)
        db.session.commit()
        return meeting.display_title(lang), meeting.id


def _civil_servant_selects_and_invites(live_server, meeting_id: int) -> None:
    """Closes the interest registration, confirms a selection of the whole pool (the one
    organisation that registered) and sends its invitations.

    The civil servant does these through the check pages in their own journey below; here
    the service layer does them, so that this test stays the organisation's.
    """
    from sakrad.db import utcnow
    from sakrad.extensions import db
    from sakrad.invitations import service as invitations
    from sakrad.meetings.models import Meeting
    from sakrad.selection import guards
    from sakrad.selection import service as selection

    with live_server.app_context():
        staff = _user(CIVIL_SERVANT)
        meeting = db.session.get(Meeting, meeting_id)
        guards.close_interest_now(meeting)
        selection.confirm(staff, meeting, selection.Settings(seats=1, quotas=[]))
        invitations.invite_from_selection(staff, meeting, utcnow() + timedelta(days=10))
        invitations.send_pending(staff, meeting)
        db.session.commit()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_stranger_registers_proposes_registers_interest_and_answers_the_invitation(
    page, a11y, live_server, lang
):
    """From the home page: an open call, "Ny organisation? Registrera er", the emailed
    confirmation link and back to the proposal form, a receipt; then an announced sakråd
    from the home page, "Anmäl intresse"; once selected and invited, the answer from the
    link in the invitation email, a receipt, and "My pages" showing where it stands."""
    words = WORDS[lang]
    meeting_title, meeting_id = _announced_sakrad(live_server, lang)
    email = f"ny.forening.{lang}@example.se"
    organisation = f"Språkvänner i Sundsvall ({lang})"
    topic = f"Språkcaféer på biblioteken ({lang})"

    _start(page, lang)
    _checked(page, a11y)
    _follow(
        page,
        "#home-calls ~ ul a[href^='/cycles/'], section[aria-labelledby=home-calls] a[href^='/cycles/']",
    )
    assert page.locator("#way-in-propose").inner_text() == words["propose"]
    _checked(page, a11y)
    _follow(page, "section[aria-labelledby=way-in-propose] a[href^='/register']")
    assert re.search(r"/register\?next=/proposals/cycle/\d+/new$", _address(page))
    _checked(page, a11y)

    # The registration form: the language for emails follows the page's.
    _type_into(page, "#person_name", "Sara Nyström")
    _type_into(page, "#email", email)
    _type_into(page, "#password", "ett-langt-losenord-2026")
    _type_into(page, "#confirm", "ett-langt-losenord-2026")
    _type_into(page, "#name", organisation)
    _tab_to(page, "#form")
    page.keyboard.press("ArrowDown")
    _tab_to(page, "#county")
    page.keyboard.press("ArrowDown")
    _tab_to(page, "input[name=size]")
    page.keyboard.press("Space")
    assert page.input_value("#language") == lang
    _follow(page, "main form button[type=submit]", 200)
    assert _address(page).endswith("/register/sent")
    _checked(page, a11y)

    # The confirmation link from the email, then one button: logged in and back at the call.
    page.goto(_mail(live_server, email, r"https?://\S+/register/confirm/\S+"))
    _checked(page, a11y)
    _follow(page, "main form button[type=submit]")
    assert re.search(r"/proposals/cycle/\d+/new$", _address(page))
    _checked(page, a11y)
    _type_into(page, "#title", topic)
    _type_into(page, "#focus", "Hur biblioteken och föreningarna kan samarbeta om språkcaféer.")
    _type_into(page, "#questions", "Vilket stöd kan biblioteken få?")
    _follow(page, "main form button[type=submit]", 200)
    assert topic in page.locator("main").inner_text()
    _checked(page, a11y)
    assert _mail(live_server, email, rf"(?s){words['receipt']}.*{re.escape(topic)}")

    # Home again (the header's link), to the announced sakråd, and "Anmäl intresse".
    _follow(page, "header a.brand")
    _follow(page, f"section[aria-labelledby=home-upcoming] a:text-is('{meeting_title}')")
    assert page.locator("#meeting-interest-title").inner_text() == words["interest"]
    _checked(page, a11y)
    _type_into(page, "#motivation", "Vi driver språkcaféer i tre bibliotek.")
    _follow(page, f"main form button:text-is('{words['interest']}')")
    assert f"{organisation} {words['interest_registered']}" in page.locator("main").inner_text()
    _checked(page, a11y)

    # The civil servant closes the registration, selects the organisation and invites it.
    _civil_servant_selects_and_invites(live_server, meeting_id)

    # The personal link from the invitation email; the answer by keyboard.
    page.goto(_mail(live_server, email, r"https?://\S+/answer/\S+"))
    assert meeting_title in page.locator("h1").inner_text()
    _checked(page, a11y)
    _type_into(page, "#accept-delegates-0-name", "Sara Nyström")
    page.keyboard.press("Tab")
    page.keyboard.type(email)
    _tab_to(page, "#accept-delegates-0-name_public")
    page.keyboard.press("Space")
    _follow(page, f"main button:text-is('{words['accept']}')")
    assert words["accepted"] in page.locator("main").inner_text()
    _checked(page, a11y)
    assert _mail(live_server, email, rf"{words['receipt']}: {re.escape(organisation)}")

    # "My pages" says where the organisation stands: the proposal and the accepted invitation.
    _follow(page, f".main-nav a:text-is('{words['my_pages']}')")
    mine = page.locator("main").inner_text()
    assert re.search(
        rf"{re.escape(topic)}\s+{re.escape(organisation)}\s+\S.*\s+{words['submitted']}", mine
    )
    assert re.search(
        rf"{re.escape(meeting_title)} – {re.escape(organisation)}: {words['accepted']}", mine
    )
    _checked(page, a11y)


# --------------------------------------------------------------------------- the civil servant


def _submit(page, label: str) -> None:
    """The form's submit button (a <button> or an <input type=submit>) with this label."""
    _follow(
        page,
        f"main button[type=submit]:text-is('{label}'), main input[type=submit][value='{label}']",
    )


def _choose_radio(page, name: str, value: str) -> None:
    """Tab into a radio group (focus lands on its checked radio) and arrow to ``value``."""
    _tab_to(page, f"input[type=radio][name='{name}']:checked", 150)
    target = page.locator(f"input[type=radio][name='{name}'][value='{value}']")
    for _ in range(page.locator(f"input[type=radio][name='{name}']").count()):
        if target.is_checked():
            return
        page.keyboard.press("ArrowDown")
    assert target.is_checked(), f"{name}={value} not reachable with the arrow keys"


def _time_passes_and_the_organisations_accept(live_server, meeting_id: int) -> None:
    """Every invited organisation accepts, and the meeting's session moves to yesterday.

    Answering from the emailed link is the stranger's journey (above), and a browser test
    cannot wait for the meeting day; the service layer and the clock stand in for both.
    """
    from sakrad.db import utcnow
    from sakrad.extensions import db
    from sakrad.invitations import answers
    from sakrad.invitations.service import invitations_for_meeting
    from sakrad.meetings.models import Meeting

    with live_server.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        for n, invitation in enumerate(invitations_for_meeting(meeting)):
            delegate = answers.DelegateInput(f"Ombud {n}", f"ombud{n}@example.se", [])
            answers.accept(invitation, [delegate])
        yesterday = utcnow() - timedelta(days=1)
        for session in meeting.sessions:
            session.starts_at, session.ends_at = yesterday, yesterday + timedelta(hours=2)
        db.session.commit()


def test_civil_servant_goes_from_an_empty_cycle_to_published_minutes(page, a11y, live_server):
    """From the home page: log in, create and open a cycle, plan a sakråd (meeting,
    expectations card, session, agenda item) and announce it; widen the pool, preview and
    confirm the selection through its check page; invite the selection and send the
    invitations through their check page; after the meeting mark it held, record
    attendance, write the minutes and the outcome and publish them through their check
    page; the public page shows them.

    Each page is scanned once, where it shows the most (the meeting's page once it is held).
    Swedish only: in both languages this long journey would take twice as long. The pages it
    visits are crawled in English by tests/browser/test_every_page.py, except those only a
    POST reaches (the preview, the selection's check page and the confirmed selection:
    tests/browser/test_selection.py scans them in English) and the minutes' check page,
    which no demo page leads the crawl to: it is scanned in English here.
    """
    from sakrad.db import STOCKHOLM
    from sakrad.demo.seed import DEMO_PASSWORD

    now = datetime.now(STOCKHOLM).replace(tzinfo=None, second=0, microsecond=0)
    area = f"Resa {now:%H%M%S}"
    title = f"Sakråd om samverkan {area}"

    _start(page, "sv")  # the same home page as the visitor's, scanned there
    _follow(page, ".main-nav a[href='/login']")
    _checked(page, a11y)
    _type_into(page, "#email", CIVIL_SERVANT)
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert _address(page).endswith("/dashboard/")
    _checked(page, a11y)

    # An empty cycle, opened so that its meetings can be announced.
    _follow(page, "main a[href='/manage/cycles/new']")
    _checked(page, a11y)
    _type_into(page, "#year", str(now.year + 1))
    _type_into(page, "#policy_area", area)
    type_datetime(page, "#call_opens_at", now.replace(year=now.year + 1, month=1, day=10))
    type_datetime(page, "#call_closes_at", now.replace(year=now.year + 1, month=2, day=10))
    _submit(page, "Spara")
    assert "Dialogcykeln har skapats som utkast." in page.locator(".flashes").inner_text()
    _checked(page, a11y)
    _submit(page, "Öppna dialogcykeln (publicera)")
    assert "Dialogcykeln är nu: Öppen." in page.locator(".flashes").inner_text()

    # The sakråd: details, expectations card, a session with an agenda item; announced.
    _follow(page, "main a:text-is('Nytt möte')")
    _checked(page, a11y)
    _type_into(page, "#title", title)
    _type_into(page, "#chair_title", "statssekreterare")
    _type_into(page, "#seats", "3")
    _submit(page, "Spara")
    assert "Mötet har skapats som utkast." in page.locator(".flashes").inner_text()
    _follow(page, "main a:text-is('Fyll i förväntanskortet')")
    _checked(page, a11y)
    for name in ("purpose", "policy_stage", "questions", "out_of_scope", "use_of_input"):
        _type_into(page, f"#{name}", f"Text om {name}.")
    _type_into(page, "#feedback_plan", "Återkoppling inom sex veckor.")
    _submit(page, "Spara")
    _follow(page, "main a:text-is('Lägg till mötestillfälle')")
    _checked(page, a11y)
    start = (now + timedelta(days=40)).replace(hour=10, minute=0)
    type_datetime(page, "#starts_at", start)
    type_datetime(page, "#ends_at", start + timedelta(hours=2))
    _type_into(page, "#place", "Rosenbad 4, Stockholm")
    _submit(page, "Spara")
    _follow(page, "main a.button:has-text('Lägg till dagordningspunkt')")
    _checked(page, a11y)
    _type_into(page, "#title", "Organisationernas runda")
    _type_into(page, "#duration_minutes", "90")
    _submit(page, "Spara")
    _submit(page, "Annonsera mötet (publicera)")
    assert "Mötet är nu: Annonserat." in page.locator(".flashes").inner_text()

    # The pool from the registry; a preview; the check page; the confirmed selection.
    _follow(page, "main a:text-is('Urvalspoolen')")
    _tab_to(page, "#verified")
    page.keyboard.press("ArrowDown")
    _submit(page, "Lägg till organisationer som matchar")
    assert "de ingår nu i urvalspoolen" in page.locator(".flashes").inner_text()
    assert "Verifierad: Bara verifierade" in page.locator("main").inner_text()
    _checked(page, a11y)
    _follow(page, "main a:text-is('Tillbaka till urvalet')")
    _submit(page, "Förhandsgranska")
    page.wait_for_selector("#preview-title")
    _checked(page, a11y)
    _submit(page, "Fastställ urvalet")
    assert page.locator("h1").inner_text() == "Kontrollera innan urvalet bekräftas"
    assert "3 organisationer kommer att väljas ut" in page.locator("main").inner_text()
    _checked(page, a11y)
    _submit(page, "Fastställ urvalet")
    assert "Urvalet är fastställt och låst." in page.locator(".flashes").inner_text()
    _checked(page, a11y)
    assert page.locator("main ol").first.locator("li").count() == 3

    # Invitations for the selection, sent through their check page.
    _follow(page, "main a:text-is('Bjud in det fastställda urvalet')")
    _checked(page, a11y)
    type_datetime(page, "#deadline", start - timedelta(days=14))
    _submit(page, "Förbered inbjudningarna")
    _submit(page, "Skicka 3 inbjudningar")
    assert page.locator("h1").inner_text() == "Kontrollera innan inbjudningarna skickas"
    _checked(page, a11y)
    _submit(page, "Skicka inbjudningarna")
    assert "3 inbjudningar har skickats." in page.locator(".flashes").inner_text()
    _checked(page, a11y)

    _time_passes_and_the_organisations_accept(live_server, _meeting_id(page))

    # After the meeting: held, attendance, minutes and outcome, published.
    _follow(page, "main a:text-is('Tillbaka till mötet')")
    _submit(page, "Markera som genomfört")
    assert "Mötet är nu: Genomfört." in page.locator(".flashes").inner_text()
    _checked(page, a11y)
    _follow(page, "main a:text-is('Inbjudningar och svar')")
    _follow(page, "main a:text-is('Registrera närvaro')")
    _checked(page, a11y)
    cards = page.locator("main section.card")
    names = cards.locator("h2").all_inner_texts()
    attended, absent = names[:-1], names[-1]
    for card in cards.all():
        came = "no" if card.locator("h2").inner_text() == absent else "yes"
        for radio in card.locator("input[type=radio]:checked").all():
            _choose_radio(page, radio.get_attribute("name"), came)
    _submit(page, "Spara närvaron")
    assert "Närvaron har sparats." in page.locator(".flashes").inner_text()

    _follow(page, "main a:text-is('Tillbaka till mötet')")
    _follow(page, "main a:text-is('Minnesanteckningar och granskning')")
    _submit(page, "Skapa ett första utkast")
    _checked(page, a11y)
    _tab_to(page, "#text")
    page.keyboard.press("Control+End")
    page.keyboard.type("\n\nOrganisationerna lyfte behovet av lokala mötesplatser.")
    _submit(page, "Spara version")
    assert "Version 2 har sparats." in page.locator(".flashes").inner_text()
    _follow(page, "main a:text-is('Skriv resultatet')")
    _checked(page, a11y)
    _type_into(page, "#statement", "Departementet tar med inspelen i nästa års uppdrag.")
    feedback_by = (now + timedelta(days=42)).date()
    _type_into(page, "#feedback_when", feedback_by.strftime("%m%d%Y"))  # Chromium's order
    assert page.input_value("#feedback_when") == feedback_by.isoformat()
    _submit(page, "Spara resultatet")
    assert "Resultatet har sparats." in page.locator(".flashes").inner_text()
    _submit(page, "Publicera")
    assert page.locator("h1").inner_text() == "Kontrollera innan minnesanteckningarna publiceras"
    # Nothing to warn about (an outcome is written, no review is open): no reason asked.
    assert page.locator("#reason").count() == 0, page.locator("main").inner_text()
    _checked(page, a11y)
    keyboard_switch_language(page, "en")
    assert page.locator("h1").inner_text() == "Check before publishing the minutes"
    _checked(page, a11y)
    keyboard_switch_language(page, "sv")
    _submit(page, "Publicera minnesanteckningarna")
    assert "är nu de publicerade minnesanteckningarna" in page.locator(".flashes").inner_text()
    _checked(page, a11y)

    # The public sees the minutes, the outcome and who came.
    _follow(page, "main a:text-is('Mötets offentliga sida')")
    assert page.locator("h1").inner_text() == title
    public = page.locator("main").inner_text()
    assert "Organisationerna lyfte behovet av lokala mötesplatser." in public
    assert "Departementet tar med inspelen i nästa års uppdrag." in public
    for name in attended:
        assert re.search(rf"{re.escape(name)}.*\bDeltog\b", public), name
    assert re.search(rf"{re.escape(absent)}.*Deltog inte", public)
    _checked(page, a11y)


def _meeting_id(page) -> int:
    return int(re.search(r"/manage/meetings/(\d+)", page.url).group(1))
