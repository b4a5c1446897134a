"""The public side: invited organisations with their answer and attendance; delegates'
names only with consent; emails, needs and reasons never, on any public page or export."""

from __future__ import annotations

from datetime import timedelta

import pytest

from sakrad.extensions import db
from sakrad.invitations import service
from sakrad.invitations.models import InvitationState
from sakrad.meetings import service as meetings
from tests.invitations_factories import delegate, invite, org_with_rep, staff_meeting

SECRETS = (
    "hemlig-epost-markor@example.se",
    "Namnutansamtycke Markörsson",
    "BEHOV-MARKOR-tolk",
    "AVBOJ-MARKOR-skal",
    "ATERKALL-MARKOR-skal",
    "info-markor@example.se",
)


@pytest.fixture
def published(app):
    with app.app_context():
        meeting, user = staff_meeting(delegates_per_org=2)
        yes_org, _ = org_with_rep("Ja-föreningen")
        yes_org.contact_email = "info-markor@example.se"
        no_org, _ = org_with_rep("Nej-föreningen")
        gone_org, _ = org_with_rep("Återkallade föreningen")
        pending_org, _ = org_with_rep("Ännu-inte-skickad")
        yes, _t = invite(meeting, yes_org, state=InvitationState.SENT)
        no, _t = invite(meeting, no_org, state=InvitationState.SENT)
        gone, _t = invite(meeting, gone_org, state=InvitationState.SENT)
        invite(meeting, pending_org)
        service.accept(
            yes,
            [
                delegate("Publika Personen", "publik@example.se", name_public=True),
                delegate(
                    "Namnutansamtycke Markörsson",
                    "hemlig-epost-markor@example.se",
                    needs=["interpretation"],
                    needs_note="BEHOV-MARKOR-tolk",
                ),
            ],
        )
        service.decline(no, "AVBOJ-MARKOR-skal")
        service.withdraw(user, gone, "ATERKALL-MARKOR-skal")
        db.session.commit()
        return {"meeting_id": meeting.id, "user_id": user.id, "yes_slug": yes_org.slug}


def public_urls(app, values: dict) -> list[str]:
    """Every public GET route that needs at most a meeting id, a cycle id or a slug."""
    urls = []
    with app.test_request_context():
        from flask import url_for

        for rule in app.url_map.iter_rules():
            if not rule.endpoint.startswith(("portal.", "api.")) or "GET" not in rule.methods:
                continue
            if not set(rule.arguments) <= set(values):
                continue
            urls.append(url_for(rule.endpoint, **{k: values[k] for k in rule.arguments}))
    return urls


def test_meeting_page_lists_answers_and_names_with_consent_only(client, published):
    page = client.get(f"/meetings/{published['meeting_id']}").text
    assert "Ja-föreningen" in page and "Nej-föreningen" in page
    assert "Publika Personen" in page
    assert "Ännu-inte-skickad" not in page  # not sent: not yet public
    for secret in SECRETS:
        assert secret not in page


def test_after_the_meeting_attendance_is_public(client, app, published):
    from sakrad.accounts.models import User
    from sakrad.meetings.models import Meeting

    with app.app_context():
        meeting = db.session.get(Meeting, published["meeting_id"])
        user = db.session.get(User, published["user_id"])
        start = meeting.starts_at
        meetings.mark_held(user, meeting, now=start + timedelta(hours=3))
        yes = next(i for i in service.invitations_for_meeting(meeting) if i.state == "accepted")
        service.record_attendance(
            user,
            meeting,
            {yes.id: True},
            {yes.delegates[0].id: True, yes.delegates[1].id: False},
            now=start + timedelta(hours=3),
        )
        db.session.commit()
    page = client.get(f"/meetings/{published['meeting_id']}").text
    assert "Attended" in page or "Deltog" in page
    org_page = client.get(f"/organisations/{published['yes_slug']}").text
    assert "attended" in org_page.lower() or "deltog" in org_page.lower()


def test_no_personal_data_on_any_public_page_or_export(client, app, published):
    from sakrad.meetings.models import Meeting

    with app.app_context():
        meeting = db.session.get(Meeting, published["meeting_id"])
        values = {
            "meeting_id": meeting.id,
            "cycle_id": meeting.cycle_id,
            "slug": published["yes_slug"],
        }
    urls = public_urls(app, values)
    assert f"/meetings/{published['meeting_id']}" in urls
    checked = 0
    for url in urls:
        response = client.get(url)
        if response.status_code != 200:
            continue
        checked += 1
        body = response.get_data(as_text=True)
        for secret in SECRETS:
            assert secret not in body, f"{secret} on {url}"
    assert checked >= 3


def test_staff_overview_and_csv_show_needs(client, auth, app, published):
    from sakrad.accounts.models import User

    with app.app_context():
        email = db.session.get(User, published["user_id"]).email
    auth.login(email)
    page = client.get(f"/manage/meetings/{published['meeting_id']}/invitations").text
    assert "BEHOV-MARKOR-tolk" in page and "hemlig-epost-markor@example.se" in page
    csv = client.get(f"/manage/meetings/{published['meeting_id']}/invitations.csv")
    assert csv.mimetype == "text/csv"
    text = csv.get_data(as_text=True)
    assert "hemlig-epost-markor@example.se" in text and "BEHOV-MARKOR-tolk" in text
    assert "Nej-föreningen" not in text  # declined: nobody comes
