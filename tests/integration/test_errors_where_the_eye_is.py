"""Issue 13 item 6: a refused answer or selection says what to fix at the top of the page,
in the labels a person knows, each message linked to its field."""

from __future__ import annotations

import re

import pytest

from tests.integration import test_invitations_answer as answering
from tests.integration.test_invitations_answer import accept_data

sent = answering.sent  # the fixture: a sent invitation (two delegates allowed) and its token


def _main(html: str) -> str:
    """The page's own content (the header has forms of its own: language, log out)."""
    return html[html.index("<main") :]


def _summary(html: str) -> str:
    """The error summary's HTML; it must come before the page's first form."""
    html = _main(html)
    match = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    assert match, "no error summary on the page"
    assert match.start() < html.index("<form"), "the summary is below a form"
    return match.group(0)


def _links(summary: str) -> list[tuple[str, str]]:
    return [
        (href, re.sub(r"\s+", " ", text).strip())
        for href, text in re.findall(r'<a href="([^"]+)">(.*?)</a>', summary, re.S)
    ]


@pytest.fixture
def answer_url(sent) -> str:
    """The personal link of a sent invitation (two delegates allowed)."""
    return f"/answer/{sent['token']}"


def test_a_bad_address_names_the_delegate_and_links_to_the_field(client, answer_url):
    # Delegate 1 left empty: the row number stays the form's, so the message says "Ombud 2".
    data = accept_data(("", ""), ("Bo Berg", "bo@x"))
    response = client.post(answer_url, data=data)
    assert response.status_code == 200
    links = _links(_summary(response.text))
    assert links == [("#accept-delegates-1-email", "Ombud 2, e-post: Ange en giltig e-postadress.")]
    # The message also stands at the field, which is marked invalid.
    field = re.search(r'<input[^>]*id="accept-delegates-1-email"[^>]*>', response.text).group(0)
    assert 'aria-invalid="true"' in field
    assert 'id="accept-delegates-1-email-error"' in response.text
    # What was typed is kept.
    assert 'value="Bo Berg"' in response.text


def test_a_missing_name_and_a_too_long_note_are_named_in_english(client, answer_url):
    client.get("/language/en")
    data = accept_data(("", "anna@example.se"))
    data["accept-delegates-1-needs_note"] = "x" * 2001
    response = client.post(answer_url, data=data)
    links = _links(_summary(response.text))
    # The form's own check (length) names delegate 2; the service's is not reached.
    assert (
        "#accept-delegates-1-needs_note",
        "Delegate 2, tell us more about the needs "
        "(optional): Field cannot be longer than 2000 characters.",
    ) in links
    assert all("{" not in text for _href, text in links)


def test_no_delegate_at_all_links_to_the_first_name(client, answer_url):
    response = client.post(answer_url, data=accept_data())
    links = _links(_summary(response.text))
    assert links == [("#accept-delegates-0-name", "Ombud 1, namn: Ange minst ett ombud.")]


def test_an_answer_after_the_deadline_is_explained_at_the_top(app, client, answer_url):
    from sakrad.db import utcnow
    from sakrad.extensions import db
    from sakrad.invitations.models import Invitation

    with app.app_context():
        invitation = db.session.scalars(db.select(Invitation)).one()
        invitation.deadline = utcnow()
        db.session.commit()
    response = client.post(answer_url, data=accept_data(("Anna", "anna@example.se")))
    text = _main(response.text)
    summary = re.search(r'<div class="error-summary".*?</div>', text, re.S).group(0)
    assert "kan inte längre besvaras" in summary
    assert text.index("error-summary") < text.index("<h2")


# --------------------------------------------------------------------------- selection


@pytest.fixture
def selection_url(app, auth):
    from tests.selection_factories import make_pool, open_meeting, staff

    with app.app_context():
        meeting = open_meeting()
        make_pool(meeting, 12)  # 2 national organisations, 3 faith communities
        auth.login(staff(meeting).email)
        return f"/manage/meetings/{meeting.id}/selection"


def _quota_form(rows, seats=4, **extra) -> dict:
    from tests.integration.test_selection import _form

    return _form(seats, rows, run_preview="P", **extra)


def test_infeasible_quotas_are_listed_first_in_the_labels_of_the_form(client, selection_url):
    rows = [("form=ideell_forening", None, None), ("county_group=national", 3, 4)]
    response = client.post(selection_url, data=_quota_form(rows))
    text = _main(response.text)
    summary = _summary(text)
    assert "county_group" not in text.split("<form", 1)[0].replace('value="county_group', "")
    assert _links(summary) == [
        (
            "#quotas-1-min",
            "Kvot 2, minst: Minimum 3 för ”Storstadslän eller övriga landet: "
            "Riksorganisationer”, men bara 2 i urvalspoolen",
        )
    ]
    # The reason also stands at the row's minimum, and the suggested change links to it.
    field_error = re.search(r'id="quotas-1-min-error">(.*?)</p>', text, re.S).group(1)
    assert "bara 2 i urvalspoolen" in field_error
    card = re.search(r'<section class="card" id="infeasible".*?</section>', text, re.S).group(0)
    assert text.index(card) < text.index("<form")
    assert _links(card) == [
        (
            "#quotas-1-min",
            "Storstadslän eller övriga landet: Riksorganisationer: ändra från 3–4 till 2–4",
        )
    ]


def test_a_whole_feature_and_the_pool_size_are_named_in_words(client, selection_url):
    client.get("/language/en")
    rows = [("form=ideell_forening", 3, None), ("form=trossamfund", 3, None)]
    response = client.post(selection_url, data=_quota_form(rows, seats=5))
    links = _links(_summary(response.text))
    assert (
        "#quotas-0-min",
        "Quota 1, minimum: Minimums for feature “Form of organisation” add up to 6 but there "
        "are only 5 seats",
    ) in links
    too_few = client.post(selection_url, data=_quota_form([], seats=20))
    assert _links(_summary(too_few.text)) == [
        ("#seats", "Seats: The pool has only 12 available candidates for 20 seats")
    ]


def test_a_preview_shows_its_outcome_above_the_form(client, selection_url):
    response = client.post(selection_url, data=_quota_form([("form=trossamfund", 1, 2)]))
    text = _main(response.text)
    outcome = text.index('id="preview-title"')
    assert outcome < text.index("<form")
    assert 'href="#preview-details"' in text and 'id="preview-details"' in text
    assert 'href="#confirm"' in text and 'id="confirm"' in text
    assert text.index('id="preview-details"') > text.index("</form>")


def test_a_bad_quota_row_names_its_row_in_the_summary(client, selection_url):
    data = _quota_form([("form=trossamfund", -1, None)])
    links = _links(_summary(client.post(selection_url, data=data).text))
    assert links == [("#quotas-0-min", "Kvot 1, minst: Numret får inte vara mindre än 0.")]
