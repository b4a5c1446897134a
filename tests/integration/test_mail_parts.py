"""Issue 13 item 12: every email the application sends has a plain-text part and an HTML
part in the site's calm look (the one layout), and the HTML part links to the same
addresses as the text. The messages are delivered as .eml files and parsed back."""

from __future__ import annotations

import re
from email import message_from_bytes, policy
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape

from sakrad.extensions import db
from sakrad.invitations.models import InvitationState
from sakrad.mail.compose import URL
from sakrad.mail.delivery import deliver_pending
from tests.helpers import make_body, make_organisation, make_user
from tests.invitations_factories import invite, org_with_rep, staff_meeting


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.images = 0
        self.lang = None
        self.stylesheets = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"])
        if tag == "img":
            self.images += 1
        if tag == "html":
            self.lang = values.get("lang")
        if tag in ("style", "link"):
            self.stylesheets += 1


def _delivered(app, folder: Path) -> list:
    app.config["MAIL_FILE_DIR"] = str(folder)
    with app.app_context():
        deliver_pending()
    return [
        message_from_bytes(p.read_bytes(), policy=policy.default)
        for p in sorted(folder.glob("*.eml"))
    ]


def _check(message) -> tuple[str, str]:
    """Both parts are there and agree on the links; returns (text, html)."""
    plain = message.get_body(preferencelist=("plain",))
    html_part = message.get_body(preferencelist=("html",))
    assert plain is not None and html_part is not None, message["Subject"]
    text, html = plain.get_content(), html_part.get_content()
    page = _Page()
    page.feed(html)
    assert set(URL.findall(text)) == set(page.hrefs), message["Subject"]
    assert page.hrefs, f"no link in {message['Subject']}"
    # The one layout: the service's name, the page's language, inline CSS only, no images.
    assert "Sakråd" in html and 'style="' in html
    assert page.lang in ("sv", "en") and page.images == 0 and page.stylesheets == 0
    assert f"<title>{escape(message['Subject'])}</title>" in html
    return text, html


def test_invitation_emails_and_the_answer_receipt(app, tmp_path):
    from sakrad.invitations import mail, receipts

    with app.app_context():
        meeting, _user = staff_meeting()
        meeting.sessions[0].online_url = "https://mote.example.se/rum/1"
        org, _rep = org_with_rep("Skyddsvärnet")
        invitation, token = invite(meeting, org, state=InvitationState.SENT)
        mail.queue_invitation(invitation, token)
        mail.queue_reminder(invitation, token)
        mail.queue_calendar_update(invitation)
        invitation.state = InvitationState.ACCEPTED
        receipts.queue_answer_receipt(invitation)
        invitation.withdraw_reason = "Mötet flyttas."
        mail.queue_withdrawn(invitation)
        db.session.commit()
    messages = _delivered(app, tmp_path)
    assert len(messages) == 5
    for message in messages:
        _check(message)
    text, html = _check(messages[0])  # the invitation itself
    assert "/answer/" in text and "https://mote.example.se/rum/1" in html
    assert message_attachments(messages[0]) == ["text/calendar"]


def message_attachments(message) -> list[str]:
    return [part.get_content_type() for part in message.iter_attachments()]


def test_proposal_receipt_and_the_responses(app, tmp_path):
    from sakrad.proposals.mail import queue_batch_mail
    from sakrad.proposals.models import ProposalState
    from sakrad.proposals.receipts import queue_proposal_receipt
    from tests.proposals_factories import make_cycle, make_proposal

    with app.app_context():
        rep = make_user()
        org = make_organisation("Hela Sverige ska leva", reps=(rep,))
        cycle = make_cycle(make_body(), call="open")
        proposal = make_proposal(cycle, org, by=rep)
        queue_proposal_receipt(proposal)
        answered = make_proposal(
            cycle, org, state=ProposalState.ACCEPTED, response_text="Vi tar upp det i maj."
        )
        queue_batch_mail(cycle, org, [answered])
        db.session.commit()
    messages = _delivered(app, tmp_path)
    assert len(messages) == 2
    for message in messages:
        _check(message)
    _text, html = _check(messages[1])
    assert "Vi tar upp det i maj." in html


def test_feedback_requests_and_the_review_request(app, tmp_path):
    from sakrad.minutes import review, service
    from tests.feedback_factories import held_meeting

    with app.app_context():
        held = held_meeting(2, languages={1: "en"})  # the feedback links go when it is held
        service.save_revision(held.staff, held.meeting, "# Utkast\n\nText.", 0)
        review.send_round(held.staff, held.meeting, 1, review.today())
        db.session.commit()
    messages = _delivered(app, tmp_path)
    assert len(messages) == 4  # two organisations, a feedback request and a review request each
    langs = []
    for message in messages:
        text, html = _check(message)
        langs.append(re.search(r'<html lang="(\w+)"', html).group(1))
    assert sorted(langs) == ["en", "en", "sv", "sv"]
    reviews = [m for m in messages if "/minutes/review/link/" in _check(m)[0]]
    assert len(reviews) == 2


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_registration_notice_and_representative_invitation(app, tmp_path, lang):
    from sakrad.organisations import registration
    from sakrad.organisations.service import ensure_reference_lists
    from tests.helpers import PASSWORD
    from tests.organisations_factories import profile as make_profile

    with app.test_request_context():
        ensure_reference_lists()
        profile = make_profile(name="Språkcafé Henån")
        existing = make_user()
        existing.language = lang
        registration.register(
            name="Amina", email="amina@example.se", password=PASSWORD, language=lang,
            profile=profile,
        )  # fmt: skip
        registration.register(
            name="Amina", email=existing.email, password=PASSWORD, language=lang,
            profile=profile,
        )  # fmt: skip
        org = make_organisation("Språkcafé Lerum", reps=(existing,))
        org.language = lang
        registration.invite(org, "ny@example.se", invited_by=existing)
        db.session.commit()
    messages = _delivered(app, tmp_path)
    assert len(messages) == 3
    for message in messages:
        text, html = _check(message)
        assert f'lang="{lang}"' in html
