"""Journeys that start at the home page and never type a URL (only the links received by
email are opened): keyboard only, axe on every page at 1280 px and at 320 px.

- the public visitor finds who was invited to the 2017 sakråd on the refugee situation and
  who came (Swedish and English);
- a stranger registers an organisation, proposes a topic, registers interest in a sakråd and
  answers the invitation from the received email (Swedish and English);
- a civil servant goes from an empty cycle to published minutes through the check pages,
  publishing the responses to a topic proposal on the way, and cancels another meeting
  through its check page (Swedish and English).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from tests.browser.conftest import (
    keyboard_switch_language,
    press_to_navigate,
    tab_to,
    type_datetime,
)

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
REPRESENTATIVE = "foretradare@demo.sakrad.se"


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
    press_to_navigate(page)


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


def _represented_organisation():
    """The first organisation (by name) that the demo's representative represents."""
    from sakrad.extensions import db
    from sakrad.organisations.models import Organisation, Representation

    return db.session.scalar(
        sa.select(Organisation)
        .join(Representation, Representation.organisation_id == Organisation.id)
        .where(Representation.user_id == _user(REPRESENTATIVE).id)
        .order_by(Organisation.name)
    )


def _t(live_server, lang: str, msgid: str, **values) -> str:
    """An interface string as the app shows it in ``lang`` (its own catalogs)."""
    from flask_babel import force_locale, gettext

    with live_server.test_request_context(), force_locale(lang):
        return gettext(msgid, **values)


def _n(live_server, lang: str, singular: str, plural: str, num: int, **values) -> str:
    from flask_babel import force_locale, ngettext

    with live_server.test_request_context(), force_locale(lang):
        return ngettext(singular, plural, num, **values)


def _an_organisation_proposes(live_server, cycle_id: int, topic: str) -> str:
    """A represented organisation of the demo proposes a topic in the (just opened) cycle.

    Proposing is the stranger's journey (above); the service stands in for it, at a moment
    inside the call's dates (the journey's cycle is next year's). Returns its name."""
    from sakrad.cycles.models import Cycle
    from sakrad.extensions import db
    from sakrad.proposals import service as proposals

    with live_server.app_context():
        cycle = db.session.get(Cycle, cycle_id)
        organisation = _represented_organisation()
        proposals.submit(
            _user(REPRESENTATIVE),
            cycle,
            organisation.id,
            {"title": topic, "focus": "Hur föreningarna når fler.", "questions": "Vilket stöd?"},
            now=cycle.call_opens_at + timedelta(days=1),
        )
        db.session.commit()
        return organisation.name


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_civil_servant_goes_from_an_empty_cycle_to_published_minutes(page, a11y, live_server, lang):
    """From the home page: log in, create and open a cycle; an organisation proposes a
    topic, the civil servant writes a reasoned response and publishes the responses through
    their check page; plan a sakråd (meeting, expectations card, session, agenda item) and
    announce it; widen the pool, preview and confirm the selection through its check page;
    invite the selection and send the invitations through their check page; after the
    meeting mark it held, record attendance, write the minutes and the outcome and publish
    them through their check page; logged out, the public finds them from the home page.

    Each template is scanned once per language (at 1280 and 320 px), where it shows the
    most: the meeting's page once it is held, the check page (one template for every check
    except the selection's) at the invitations. Cancelling a meeting through its check page
    is the next test.
    """
    from sakrad.db import STOCKHOLM
    from sakrad.demo.seed import DEMO_PASSWORD

    def t(msgid: str, **values) -> str:
        return _t(live_server, lang, msgid, **values)

    def n(singular: str, plural: str, num: int, **values) -> str:
        return _n(live_server, lang, singular, plural, num, **values)

    def flashed() -> str:
        return page.locator(".flashes").inner_text()

    now = datetime.now(STOCKHOLM).replace(tzinfo=None, second=0, microsecond=0)
    area = f"Resa {lang} {now:%H%M%S}"
    title = f"Sakråd om samverkan {area}"
    topic = f"Mötesplatser på landsbygden ({lang})"

    _start(page, lang)  # the same home page as the visitor's, scanned there
    _follow(page, ".main-nav a[href='/login']")
    _checked(page, a11y)
    _type_into(page, "#email", CIVIL_SERVANT)
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    press_to_navigate(page)
    assert _address(page).endswith("/dashboard/")
    assert page.locator("html").get_attribute("lang") == lang
    _checked(page, a11y)

    # An empty cycle, opened so that organisations can propose and meetings be announced.
    _follow(page, "main a[href='/manage/cycles/new']")
    _checked(page, a11y)
    _type_into(page, "#year", str(now.year + 1))
    _type_into(page, "#policy_area", area)
    type_datetime(page, "#call_opens_at", now.replace(year=now.year + 1, month=1, day=10))
    type_datetime(page, "#call_closes_at", now.replace(year=now.year + 1, month=2, day=10))
    _submit(page, t("Save"))
    assert t("The cycle was created as a draft.") in flashed()
    _checked(page, a11y)
    _submit(page, t("Open the cycle (publish)"))
    assert t("The cycle is now: %(state)s.", state=t("Open")) in flashed()
    cycle_id = int(re.search(r"/manage/cycles/(\d+)", page.url).group(1))

    # An organisation proposes; the civil servant answers it and publishes the responses
    # through their check page. The cycle's page, from "My pages", shows the proposal.
    proposer = _an_organisation_proposes(live_server, cycle_id, topic)
    _follow(page, ".main-nav a[href='/dashboard/']")
    _follow(page, f"main a[href='/manage/cycles/{cycle_id}']")
    _follow(page, f"main a[href='/proposals/cycle/{cycle_id}']")
    _checked(page, a11y)
    _follow(page, f"main a:text-is('{topic}')")
    _checked(page, a11y)
    _choose_radio(page, "state", "accepted")
    _type_into(page, "#response_text", "Ämnet tas upp på sakrådet i vår; vi bjuder in er.")
    _submit(page, t("Save draft"))
    assert t("The decision and response have been saved as a draft.") in flashed()
    _follow(page, f"main a:text-is('{t('All proposals of the cycle')}')")
    _submit(page, t("Publish responses and notify the organisations"))
    assert page.locator("h1").inner_text() == t("Check before publishing the responses")
    check = page.locator("main").inner_text()
    assert (
        n(
            "%(num)s response will be published on the cycle's public page.",
            "%(num)s responses will be published on the cycle's public page.",
            1,
        )
        in check
    )
    assert (
        n(
            "%(num)s organisation will be told by email.",
            "%(num)s organisations will be told by email.",
            1,
        )
        in check
    )
    _submit(page, t("Publish responses and notify the organisations"))
    assert (
        n(
            "%(num)s response has been published and its organisation notified.",
            "%(num)s responses have been published and the organisations notified.",
            1,
        )
        in flashed()
    )
    assert re.search(rf"{re.escape(topic)}\s+{re.escape(proposer)}", page.inner_text("main"))
    assert _mail(live_server, REPRESENTATIVE, re.escape(topic))

    # The sakråd: details, expectations card, a session with an agenda item; announced.
    _follow(page, ".main-nav a[href='/dashboard/']")
    _follow(page, f"main a[href='/manage/cycles/{cycle_id}']")
    _follow(page, f"main a:text-is('{t('New meeting')}')")
    _checked(page, a11y)
    _type_into(page, "#title", title)
    _type_into(page, "#chair_title", "statssekreterare")
    _type_into(page, "#seats", "3")
    _submit(page, t("Save"))
    assert t("The meeting was created as a draft.") in flashed()
    _follow(page, f"main a:text-is('{t('Fill in the expectations card')}')")
    _checked(page, a11y)
    for name in ("purpose", "policy_stage", "questions", "out_of_scope", "use_of_input"):
        _type_into(page, f"#{name}", f"Text om {name}.")
    _type_into(page, "#feedback_plan", "Återkoppling inom sex veckor.")
    _submit(page, t("Save"))
    _follow(page, f"main a:text-is('{t('Add a session')}')")
    _checked(page, a11y)
    start = (now + timedelta(days=40)).replace(hour=10, minute=0)
    type_datetime(page, "#starts_at", start)
    type_datetime(page, "#ends_at", start + timedelta(hours=2))
    _type_into(page, "#place", "Rosenbad 4, Stockholm")
    _submit(page, t("Save"))
    _follow(page, f"main a.button:has-text('{t('Add an agenda item')}')")
    _checked(page, a11y)
    _type_into(page, "#title", "Organisationernas runda")
    _type_into(page, "#duration_minutes", "90")
    _submit(page, t("Save"))
    _submit(page, t("Announce the meeting (publish)"))
    assert t("The meeting is now: %(state)s.", state=t("Announced")) in flashed()

    # The pool from the registry; a preview; the check page; the confirmed selection.
    _follow(page, f"main a:text-is('{t('The pool')}')")
    _tab_to(page, "#verified")
    page.keyboard.press("ArrowDown")
    _submit(page, t("Add matching organisations"))
    matched = re.search(r"\d+", flashed()).group(0)
    assert (
        t("The filter matched %(num)s organisations; they are now in the pool.", num=matched)
        in flashed()
    )
    assert f"{t('Verified')}: {t('Verified only')}" in page.locator("main").inner_text()
    _checked(page, a11y)
    _follow(page, f"main a:text-is('{t('Back to the selection')}')")
    _submit(page, t("Preview"))
    page.wait_for_selector("#preview-title")
    _checked(page, a11y)
    _submit(page, t("Confirm the selection"))
    assert page.locator("h1").inner_text() == t("Check before confirming the selection")
    selected = n(
        "%(num)s organisation will be selected from the pool of %(pool)s, without quotas.",
        "%(num)s organisations will be selected from the pool of %(pool)s, without quotas.",
        3,
        pool=matched,
    )
    assert selected in page.locator("main").inner_text()
    _checked(page, a11y)
    _submit(page, t("Confirm the selection"))
    assert t("The selection is confirmed and frozen.") in flashed()
    _checked(page, a11y)
    assert page.locator("main ol").first.locator("li").count() == 3

    # Invitations for the selection, sent through their check page.
    _follow(page, f"main a:text-is('{t('Invite the confirmed selection')}')")
    _checked(page, a11y)
    type_datetime(page, "#deadline", start - timedelta(days=14))
    _submit(page, t("Prepare the invitations"))
    _submit(page, n("Send %(num)s invitation", "Send %(num)s invitations", 3))
    assert page.locator("h1").inner_text() == t("Check before sending the invitations")
    _checked(page, a11y)
    _submit(page, t("Send the invitations"))
    assert n("%(num)s invitation was sent.", "%(num)s invitations were sent.", 3) in flashed()
    _checked(page, a11y)

    _time_passes_and_the_organisations_accept(live_server, _meeting_id(page))

    # After the meeting: held, attendance, minutes and outcome, published.
    _follow(page, f"main a:text-is('{t('Back to the meeting')}')")
    _submit(page, t("Mark as held"))
    assert t("The meeting is now: %(state)s.", state=t("Held")) in flashed()
    _checked(page, a11y)
    _follow(page, f"main a:text-is('{t('Invitations and answers')}')")
    _follow(page, f"main a:text-is('{t('Record attendance')}')")
    _checked(page, a11y)
    cards = page.locator("main section.card")
    names = cards.locator("h2").all_inner_texts()
    attended, absent = names[:-1], names[-1]
    for card in cards.all():
        came = "no" if card.locator("h2").inner_text() == absent else "yes"
        for radio in card.locator("input[type=radio]:checked").all():
            _choose_radio(page, radio.get_attribute("name"), came)
    _submit(page, t("Save attendance"))
    assert t("Attendance was saved.") in flashed()

    _follow(page, f"main a:text-is('{t('Back to the meeting')}')")
    _follow(page, f"main a:text-is('{t('Minutes and review')}')")
    _submit(page, t("Generate a first draft"))
    _checked(page, a11y)
    _tab_to(page, "#text")
    page.keyboard.press("Control+End")
    page.keyboard.type("\n\nOrganisationerna lyfte behovet av lokala mötesplatser.")
    _submit(page, t("Save revision"))
    assert t("Revision %(n)s was saved.", n=2) in flashed()
    _follow(page, f"main a:text-is('{t('Write the outcome')}')")
    _checked(page, a11y)
    _type_into(page, "#statement", "Departementet tar med inspelen i nästa års uppdrag.")
    feedback_by = (now + timedelta(days=42)).date()
    _type_into(page, "#feedback_when", feedback_by.strftime("%m%d%Y"))  # Chromium's order
    assert page.input_value("#feedback_when") == feedback_by.isoformat()
    _submit(page, t("Save the outcome"))
    assert t("The outcome was saved. It is published with the minutes.") in flashed()
    _submit(page, t("Publish"))
    assert page.locator("h1").inner_text() == t("Check before publishing the minutes")
    # Nothing to warn about (an outcome is written, no review is open): no reason asked.
    assert page.locator("#reason").count() == 0, page.locator("main").inner_text()
    assert t("The outcome you have written is published with it.") in page.inner_text("main")
    _submit(page, t("Publish the minutes"))
    assert t("Revision %(n)s is now the published minutes.", n=2) in flashed()
    _checked(page, a11y)

    # Logged out, the public finds the minutes from the home page, with the outcome and who
    # came.
    _follow(page, f".main-nav button:text-is('{t('Log out')}')")
    _follow(
        page,
        "section[aria-labelledby=home-documentation] "
        f"a:text-is('{t('Minutes published: %(title)s', title=title)}')",
    )
    assert page.locator("h1").inner_text() == title
    public = page.locator("main").inner_text()
    assert "Organisationerna lyfte behovet av lokala mötesplatser." in public
    assert "Departementet tar med inspelen i nästa års uppdrag." in public
    for name in attended:
        assert re.search(rf"{re.escape(name)}.*\b{t('Attended')}\b", public), name
    assert re.search(rf"{re.escape(absent)}.*{t('Did not attend')}", public)
    _checked(page, a11y)


def _announced_meeting_with_a_sent_invitation(live_server, lang: str) -> tuple[int, int, str]:
    """An announced sakråd of the demo's open cycle that one represented organisation has
    been invited to (sent): (the cycle's id, the meeting's id, its title)."""
    from sakrad.cycles.models import Cycle, CycleState
    from sakrad.db import utcnow
    from sakrad.extensions import db
    from sakrad.invitations import service as invitations
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
        title = f"Sakråd som ställs in ({lang})"
        meeting = meetings.create_meeting(
            staff,
            cycle,
            kind="sakrad",
            title=title,
            chair_title="statssekreterare",
            seats=2,
            purpose="Att höra föreningarna.",
            policy_stage="Tidigt skede.",
            questions="Vad behövs?",
            out_of_scope="Enskilda ärenden.",
            use_of_input="Inspelen ingår i underlaget.",
            feedback_plan="Återkoppling inom tre veckor.",
        )
        start = (utcnow() + timedelta(days=30)).replace(minute=0, second=0, microsecond=0)
        session = agenda.add_session(
            staff, meeting, starts_at=start, ends_at=start + timedelta(hours=2), place="Rosenbad"
        )
        agenda.add_item(staff, session, title="Runda", duration_minutes=60)
        meetings.announce(staff, meeting)
        organisation = _represented_organisation()
        invitations.invite_by_hand(
            staff, meeting, organisation.id, "Ämnet berör dem.", utcnow() + timedelta(days=10)
        )
        invitations.send_pending(staff, meeting)
        db.session.commit()
        return cycle.id, meeting.id, title


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_civil_servant_cancels_an_announced_meeting_through_its_check_page(
    browser, base_url, a11y, live_server, lang
):
    """From the home page, by keyboard: an announced sakråd with a sent invitation is
    cancelled; the check page says who gets an email and quotes the published reason, and
    only its confirm cancels. None of the pages' scripts is loaded (the templates have no
    inline scripts; axe is injected by the test): it works without JavaScript. The invited
    organisation gets the cancellation. The pages the previous
    journey scans are not scanned again."""
    from sakrad.demo.seed import DEMO_PASSWORD

    def t(msgid: str, **values) -> str:
        return _t(live_server, lang, msgid, **values)

    cycle_id, meeting_id, title = _announced_meeting_with_a_sent_invitation(live_server, lang)
    reason = "Statssekreteraren har fått förhinder; ett nytt datum meddelas."
    context = browser.new_context(base_url=base_url)
    blocked: list[str] = []
    context.route(
        re.compile(r"\.js(\?.*)?$"),
        lambda route: (blocked.append(route.request.url), route.abort()),
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    _start(page, lang)
    _follow(page, ".main-nav a[href='/login']")
    _type_into(page, "#email", CIVIL_SERVANT)
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    press_to_navigate(page)
    _follow(page, f"main a[href='/manage/cycles/{cycle_id}']")
    _follow(page, f"main a[href='/manage/meetings/{meeting_id}']")
    _follow(page, f"main a:text-is('{t('Cancel the meeting')}')")
    _checked(page, a11y)

    # Without a reason the form is refused, and nothing is cancelled.
    _submit(page, t("Cancel the meeting"))
    assert t("Give a reason for cancelling; it is published.") in page.inner_text("main")
    assert page.locator("h1").inner_text() == t("Cancel the meeting")
    _type_into(page, "#reason", reason)
    _submit(page, t("Cancel the meeting"))
    assert page.locator("h1").inner_text() == t("Check before cancelling the meeting")
    check = page.locator("main").inner_text()
    assert (
        _n(
            live_server,
            lang,
            "%(num)s invited organisation will be told by email, with a calendar file that removes the meeting.",
            "%(num)s invited organisations will be told by email, with a calendar file that removes the meeting.",
            1,
        )
        in check
    )
    assert t("A cancelled meeting cannot be opened again.") in check and reason in check
    _checked(page, a11y)
    _submit(page, t("Cancel the meeting"))
    assert t("The meeting was cancelled.") in page.locator(".flashes").inner_text()
    assert re.search(
        rf"{re.escape(t('Reason for cancelling'))}\s+{reason}", page.inner_text("main")
    )
    assert _mail(live_server, REPRESENTATIVE, rf"{re.escape(title)}[\s\S]*{re.escape(reason)}")
    assert any("/static/tables.js" in url for url in blocked), blocked  # no script ran
    context.close()


def _meeting_id(page) -> int:
    return int(re.search(r"/manage/meetings/(\d+)", page.url).group(1))
