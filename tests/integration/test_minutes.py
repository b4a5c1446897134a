"""Minutes as revisions: conflicts lose nothing, the generated draft, publication and what
the public sees."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from sakrad.audit.models import AuditEntry
from sakrad.extensions import db
from sakrad.meetings.models import MeetingState
from sakrad.minutes import outcome, service
from sakrad.minutes.models import MinutesRevision
from tests.minutes_factories import make_setup


@pytest.fixture
def setup(app):
    with app.app_context():
        return make_setup()


def _edit(client, meeting_id, text, based_on):
    return client.post(
        f"/manage/meetings/{meeting_id}/minutes/edit", data={"text": text, "based_on": based_on}
    )


def test_two_editors_conflict_and_nothing_is_lost(app, client, auth, setup):
    mid = setup.meeting_id
    auth.login(setup.staff.email)
    assert _edit(client, mid, "# Första utkastet", 0).status_code == 303
    # Two editors open revision 1; the first saves revision 2.
    assert _edit(client, mid, "# Första utkastet\n\nANNAS TEXT", 1).status_code == 303
    # The second, still on revision 1, saves: a conflict, their text kept, the other shown.
    response = _edit(client, mid, "# Första utkastet\n\nBERTILS TEXT", 1)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Någon annan sparade en nyare version" in page and 'id="conflict"' in page
    assert "BERTILS TEXT" in page  # still in the editor
    assert "ANNAS TEXT" in page  # the other revision is shown
    assert 'id="based_on" name="based_on" type="hidden" value="2"' in page
    with app.app_context():
        texts = db.session.scalars(
            sa.select(MinutesRevision.text).where(MinutesRevision.meeting_id == mid)
        ).all()
        assert len(texts) == 2 and not any("BERTILS" in t for t in texts)
    # Saving the merged text on top of revision 2 works; every revision is kept unchanged.
    assert _edit(client, mid, "# Första\n\nANNAS TEXT\n\nBERTILS TEXT", 2).status_code == 303
    with app.app_context():
        revisions = service.revisions(setup.meeting)
        assert [r.number for r in revisions] == [3, 2, 1]
        assert revisions[0].based_on_number == 2
        assert revisions[1].text.endswith("ANNAS TEXT")
        assert revisions[2].text == "# Första utkastet"


def test_revisions_are_never_updated(app, setup):
    with app.app_context():
        revision = service.save_revision(setup.staff, setup.meeting, "Text", 0)
        db.session.commit()
        revision.text = "ändrad"
        with pytest.raises(RuntimeError):
            db.session.commit()
        db.session.rollback()


def test_racing_saves_collide_as_conflict(app, setup):
    with app.app_context():
        meeting = setup.meeting
        service.save_revision(setup.staff, meeting, "Ett", 0)
        db.session.commit()
        # A row another process inserted after our check: the unique key turns it into a conflict.
        db.session.add(
            MinutesRevision(meeting_id=meeting.id, number=2, text="x", based_on_number=1)
        )
        db.session.commit()
        with pytest.raises(service.Conflict) as info:
            service.save_revision(setup.staff, meeting, "Tre", 1)
        assert info.value.latest.number == 2


def test_generated_draft_has_attendees_agenda_and_proposals(app, client, auth, setup):
    from sakrad.invitations.models import Delegate, Invitation
    from sakrad.meetings.models import AgendaItem
    from sakrad.proposals.models import ProposalState
    from tests.proposals_factories import make_proposal

    with app.app_context():
        meeting = setup.meeting
        item = AgendaItem(session=meeting.sessions[0], position=1, title="Bosättning i kommunerna")
        db.session.add(item)
        db.session.flush()
        proposal = make_proposal(meeting.cycle, setup.org, state=ProposalState.ACCEPTED)
        proposal.agenda_item_id = item.id
        invitation = db.session.scalar(
            sa.select(Invitation).where(Invitation.organisation_id == setup.org.id)
        )
        invitation.delegates.append(
            Delegate(name="Publika Petra", email="p@x.se", name_public=True)
        )
        invitation.delegates.append(Delegate(name="Hemliga Hugo", email="h@x.se"))
        db.session.commit()
        title = proposal.title
    auth.login(setup.staff.email)
    assert client.post(f"/manage/meetings/{setup.meeting_id}/minutes/draft").status_code == 303
    with app.app_context():
        text = service.latest_revision(setup.meeting).text
    assert "Förening Alfa: Publika Petra" in text and "Förening Beta" in text
    assert "Hemliga Hugo" not in text
    assert "## 1. Bosättning i kommunerna" in text
    assert title.split()[0] in text
    # Only once: afterwards the writer edits.
    client.post(f"/manage/meetings/{setup.meeting_id}/minutes/draft")
    with app.app_context():
        assert len(service.revisions(setup.meeting)) == 1


def test_publication_documents_meeting_and_public_sees_only_published(app, client, auth, setup):
    mid = setup.meeting_id
    with app.app_context():
        service.save_revision(setup.staff, setup.meeting, "PUBLICERAD-MARKOR", 0)
        db.session.commit()
    auth.login(setup.staff.email)
    assert "UTKAST" not in client.get(f"/meetings/{mid}").get_data(as_text=True)
    assert (
        client.post(f"/manage/meetings/{mid}/minutes/publish", data={"number": 1}).status_code
        == 303
    )
    # Editors keep working: a newer revision is not public until published again.
    assert _edit(client, mid, "UTKAST-MARKOR, inte publicerad", 1).status_code == 303
    client.post("/logout")
    page = client.get(f"/meetings/{mid}").get_data(as_text=True)
    assert "PUBLICERAD-MARKOR" in page
    assert "UTKAST-MARKOR" not in page
    with app.app_context():
        meeting = setup.meeting
        assert meeting.state == MeetingState.DOCUMENTED
        assert meeting.documented_at is not None
        entries = db.session.scalars(
            sa.select(AuditEntry).where(AuditEntry.action == "minutes.published")
        ).all()
        assert len(entries) == 1 and entries[0].public
    # Publish revision 2: the history keeps both publications, the page shows the newer.
    auth.login(setup.staff.email)
    client.post(f"/manage/meetings/{mid}/minutes/publish", data={"number": 2})
    client.post("/logout")
    page = client.get(f"/meetings/{mid}").get_data(as_text=True)
    assert "UTKAST-MARKOR" in page and "PUBLICERAD-MARKOR" not in page
    assert page.count(f"/meetings/{mid}/minutes/") == 2
    assert (
        "days after the meeting" in page or "dagar efter mötet" in page or "dag efter mötet" in page
    )
    with app.app_context():
        first = service.publications(setup.meeting)[-1]
    old = client.get(f"/meetings/{mid}/minutes/{first.id}").get_data(as_text=True)
    assert "PUBLICERAD-MARKOR" in old


def test_unpublished_minutes_never_reach_public_pages_or_open_data(app, client, setup):
    mid = setup.meeting_id
    with app.app_context():
        service.save_revision(setup.staff, setup.meeting, "HEMLIGT-UTKAST", 0)
        db.session.commit()
    for path in (
        f"/meetings/{mid}",
        "/api/v1/meetings",
        f"/api/v1/meetings/{mid}",
        "/search?q=HEMLIGT",
    ):
        response = client.get(path)
        assert "HEMLIGT-UTKAST" not in response.get_data(as_text=True), path
    assert client.get(f"/meetings/{mid}/minutes/1").status_code == 404


def test_publish_refused_before_the_meeting_is_held(app, setup):
    from tests.cycles_factories import make_meeting

    with app.app_context():
        meeting = make_meeting(setup.meeting.cycle, user=setup.staff, state=MeetingState.ANNOUNCED)
        service.save_revision(setup.staff, meeting, "Anteckningar", 0)
        with pytest.raises(service.MinutesError) as info:
            service.publish(setup.staff, meeting, 1)
        assert info.value.code == "wrong_state"


def test_outcome_is_published_with_the_minutes(app, client, auth, setup):
    from datetime import date

    mid = setup.meeting_id
    auth.login(setup.staff.email)
    client.post(f"/manage/meetings/{mid}/minutes/edit", data={"text": "Text", "based_on": 0})
    response = client.post(
        f"/manage/meetings/{mid}/minutes/outcome",
        data={"statement": "UTFALL-ETT", "feedback_when": "2030-06-01"},
    )
    assert response.status_code == 303
    assert "UTFALL-ETT" not in client.get(f"/meetings/{mid}").get_data(as_text=True)
    client.post(f"/manage/meetings/{mid}/minutes/publish", data={"number": 1})
    client.post(
        f"/manage/meetings/{mid}/minutes/outcome",
        data={"statement": "UTFALL-TVA", "feedback_when": "2030-06-01"},
    )
    page = client.get(f"/meetings/{mid}").get_data(as_text=True)
    assert "UTFALL-ETT" in page and "UTFALL-TVA" not in page
    with app.app_context():
        assert outcome.get(setup.meeting).published_feedback_when == date(2030, 6, 1)
        assert outcome.has_unpublished_changes(setup.meeting)
    # Republishing the same revision is allowed when the outcome changed.
    assert (
        client.post(f"/manage/meetings/{mid}/minutes/publish", data={"number": 1}).status_code
        == 303
    )
    assert "UTFALL-TVA" in client.get(f"/meetings/{mid}").get_data(as_text=True)


def test_rendered_minutes_are_sanitised_on_the_public_page(app, client, setup):
    with app.app_context():
        service.save_revision(
            setup.staff,
            setup.meeting,
            "<script>alert('x')</script>\n\n[klick](javascript:alert(1))\n\n<img src=x onerror=alert(1)>",
            0,
        )
        service.publish(setup.staff, setup.meeting, 1)
        db.session.commit()
    page = client.get(f"/meetings/{setup.meeting_id}").get_data(as_text=True)
    section = page[page.index("meeting-minutes-title") :]
    assert "<script>alert" not in section
    assert 'href="javascript' not in section.lower()
    assert "<img" not in section
