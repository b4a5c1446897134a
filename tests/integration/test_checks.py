"""Check-your-answers pages before irreversible steps, and the guards they carry.

A GET states what will happen and changes nothing; a POST with ``confirmed`` does the step.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from sakrad.audit.models import AuditEntry
from sakrad.extensions import db
from sakrad.invitations.models import Invitation, InvitationState
from sakrad.meetings.models import Meeting, MeetingState
from sakrad.minutes import outcome, review, service
from sakrad.minutes.models import MinutesPublication
from sakrad.proposals.models import ProposalState, TopicProposal
from tests.helpers import make_body, make_organisation, make_user
from tests.invitations_factories import invite, org_with_rep, staff_meeting
from tests.minutes_factories import make_setup
from tests.proposals_factories import make_cycle, make_proposal


def _state(model, id_):
    db.session.expire_all()
    return db.session.get(model, id_).state


def test_sending_invitations_goes_through_the_check_page(app, client, auth):
    with app.app_context():
        meeting, user = staff_meeting()
        ids = [invite(meeting, org_with_rep()[0])[0].id for _ in range(2)]
        meeting_id, email = meeting.id, user.email
    auth.login(email)
    overview = client.get(f"/manage/meetings/{meeting_id}/invitations").text
    assert f"/manage/meetings/{meeting_id}/invitations/send/check" in overview
    page = client.get(f"/manage/meetings/{meeting_id}/invitations/send/check")
    assert page.status_code == 200
    assert "2 organisationer kommer att få en inbjudan" in page.text
    with app.app_context():
        assert all(_state(Invitation, i) == InvitationState.PENDING for i in ids)
    done = client.post(
        f"/manage/meetings/{meeting_id}/invitations/send/check", data={"confirmed": "1"}
    )
    assert done.status_code == 303
    with app.app_context():
        assert all(_state(Invitation, i) == InvitationState.SENT for i in ids)
    # Nothing left: the page says so and offers no button.
    again = client.get(f"/manage/meetings/{meeting_id}/invitations/send/check").text
    assert "Det finns inga inbjudningar som väntar" in again
    assert "Skicka inbjudningarna</button>" not in again


def test_publishing_responses_goes_through_the_check_page(app, client, auth):
    from sakrad.accounts.models import Role

    with app.app_context():
        body = make_body()
        staff = make_user(Role.CIVIL_SERVANT, body=body)
        cycle = make_cycle(body, call="closed")
        org = make_organisation("Skyddsvärnet")
        decided = make_proposal(cycle, org, state=ProposalState.ACCEPTED)
        make_proposal(cycle, org)  # undecided
        cycle_id, proposal_id, email = cycle.id, decided.id, staff.email
    auth.login(email)
    page = client.get(f"/proposals/cycle/{cycle_id}/publish/check").text
    assert "1 svar kommer att publiceras" in page
    assert "1 organisation kommer att få besked" in page
    assert "1 förslag har inget beslut än" in page
    with app.app_context():
        assert db.session.get(TopicProposal, proposal_id).response_published_at is None
    assert (
        client.post(
            f"/proposals/cycle/{cycle_id}/publish/check", data={"confirmed": "1"}
        ).status_code
        == 303
    )
    with app.app_context():
        assert db.session.get(TopicProposal, proposal_id).response_published_at is not None


def _published(meeting_id: int) -> int:
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(MinutesPublication)
        .where(MinutesPublication.meeting_id == meeting_id)
    )


def test_publishing_minutes_without_outcome_needs_a_reason(app, client, auth):
    """Guard: before any outcome is written, publishing warns and needs a logged reason."""
    with app.app_context():
        setup = make_setup()
        service.save_revision(setup.staff, setup.meeting, "Minnesanteckningar.", 0)
        db.session.commit()
        mid, email = setup.meeting_id, setup.staff.email
    auth.login(email)
    url = f"/manage/meetings/{mid}/minutes/publish/check"
    page = client.get(url, query_string={"number": 1}).text
    assert "Inget resultat har skrivits" in page
    assert "mötet markeras som dokumenterat" in page.lower()
    refused = client.post(url, data={"confirmed": "1", "number": 1})
    assert refused.status_code == 400
    assert "Ange varför" in refused.text
    with app.app_context():
        assert _published(mid) == 0
    done = client.post(
        url, data={"confirmed": "1", "number": 1, "reason": "Resultatet kommer i nästa version."}
    )
    assert done.status_code == 303
    with app.app_context():
        assert _published(mid) == 1
        assert _state(Meeting, mid) == MeetingState.DOCUMENTED
        entry = db.session.scalar(
            sa.select(AuditEntry).where(AuditEntry.action == "minutes.published_despite_warnings")
        )
        assert entry.after["reason"] == "Resultatet kommer i nästa version."


def _minutes_with_outcome(statement: str):
    """The setup with one revision of its minutes and an outcome due in 30 days."""
    setup = make_setup()
    service.save_revision(setup.staff, setup.meeting, "Minnesanteckningar.", 0)
    outcome.save(
        setup.staff,
        setup.meeting,
        statement=statement,
        feedback_when=review.today() + timedelta(days=30),
        notes={},
    )
    return setup


def test_publishing_minutes_while_review_is_open_warns(app, client, auth):
    """Guard: the participants' review still open is a warning that needs a reason."""
    with app.app_context():
        setup = _minutes_with_outcome("Vi tar med inspelen i budgetarbetet.")
        review.send_round(setup.staff, setup.meeting, 1, review.today() + timedelta(days=5))
        db.session.commit()
        mid, email = setup.meeting_id, setup.staff.email
    auth.login(email)
    url = f"/manage/meetings/{mid}/minutes/publish/check"
    page = client.get(url, query_string={"number": 1}).text
    assert "granskning av minnesanteckningarna är fortfarande öppen" in page
    assert client.post(url, data={"confirmed": "1", "number": 1}).status_code == 400
    with app.app_context():
        assert _published(mid) == 0
    # With a reason it goes ahead, and the reason is logged.
    reason = "Ordföranden vill publicera före sommaren."
    done = client.post(url, data={"confirmed": "1", "number": 1, "reason": reason})
    assert done.status_code == 303
    with app.app_context():
        assert _published(mid) == 1
        entry = db.session.scalar(
            sa.select(AuditEntry).where(AuditEntry.action == "minutes.published_despite_warnings")
        )
        assert entry.after["reason"] == reason


def test_publishing_minutes_with_outcome_and_no_review_needs_no_reason(app, client, auth):
    with app.app_context():
        setup = _minutes_with_outcome("Vi återkommer.")
        db.session.commit()
        mid, email = setup.meeting_id, setup.staff.email
    auth.login(email)
    url = f"/manage/meetings/{mid}/minutes/publish/check"
    page = client.get(url, query_string={"number": 1}).text
    assert 'name="reason"' not in page
    assert client.post(url, data={"confirmed": "1", "number": 1}).status_code == 303
    with app.app_context():
        assert _published(mid) == 1


def test_cancelling_a_meeting_shows_who_is_told_first(app, client, auth):
    with app.app_context():
        meeting, user = staff_meeting()
        invite(meeting, org_with_rep()[0], state=InvitationState.SENT)
        meeting_id, email = meeting.id, user.email
    auth.login(email)
    assert (
        f"/manage/meetings/{meeting_id}/cancel/check"
        in client.get(f"/manage/meetings/{meeting_id}/cancel").text
    )
    url = f"/manage/meetings/{meeting_id}/cancel/check"
    page = client.post(url, data={"reason": "Ordföranden är sjuk."})
    assert page.status_code == 200
    assert "1 inbjuden organisation får besked" in page.text
    assert "Ordföranden är sjuk." in page.text
    with app.app_context():
        assert _state(Meeting, meeting_id) == MeetingState.ANNOUNCED
    done = client.post(url, data={"cancel_reason": "Ordföranden är sjuk.", "confirmed": "1"})
    assert done.status_code == 303
    with app.app_context():
        assert _state(Meeting, meeting_id) == MeetingState.CANCELLED
    # Without a reason there is nothing to check: back to the form.
    with app.app_context():
        other, _ = staff_meeting()
        other_id = other.id
    assert client.post(f"/manage/meetings/{other_id}/cancel/check", data={}).status_code in (
        303,
        403,
    )


def test_check_pages_are_for_the_meetings_own_staff(app, client, auth):
    from sakrad.accounts.models import Role

    with app.app_context():
        meeting, _user = staff_meeting()
        outsider = make_user(Role.CIVIL_SERVANT, body=make_body())
        meeting_id, email = meeting.id, outsider.email
    auth.login(email)
    response = client.get(f"/manage/meetings/{meeting_id}/invitations/send/check")
    assert response.status_code in (403, 404)


@pytest.fixture
def pool_meeting(app, auth) -> int:
    """An announced sakråd with 8 organisations in the pool and its registration of interest
    open; its civil servant is logged in."""
    from tests.selection_factories import make_pool, open_meeting, staff

    with app.app_context():
        meeting = open_meeting()
        make_pool(meeting, 8)
        auth.login(staff(meeting).email)
        return meeting.id


def test_confirming_a_selection_while_interest_is_open_offers_to_close_it(
    app, client, pool_meeting
):
    """Guard: the selection waits for the interest window, or the user closes it now."""
    from sakrad.selection.models import Selection

    meeting_id = pool_meeting
    url = f"/manage/meetings/{meeting_id}/selection/check"
    data = {"seats": 4, "algorithm": "leximin"}
    page = client.post(url, data=data)
    assert page.status_code == 200
    assert (
        "4 organisationer kommer att väljas ut ur urvalspoolen med 8 organisationer, utan kvoter."
        in page.text
    )
    assert "urvalsunderlag" not in page.text and "med 0 kvoter" not in page.text
    assert "Intresseanmälan är fortfarande öppen" in page.text
    refused = client.post(url, data={**data, "confirmed": "1"})
    assert refused.status_code == 400
    assert "Stäng intresseanmälan nu" in refused.text
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Selection)) == 0
    done = client.post(url, data={**data, "confirmed": "1", "close_interest": "1"})
    assert done.status_code == 303
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Selection)) == 1
        from sakrad.selection import pool

        assert not pool.interest_open(db.session.get(Meeting, meeting_id))


def test_the_selection_pages_choice_to_close_the_interest_reaches_the_check_page(
    client, pool_meeting
):
    """Ticked beside the selection page's confirm button, the closing of the registration is
    ticked on the check page too (that button leads there)."""
    url = f"/manage/meetings/{pool_meeting}/selection"
    preview = client.post(url, data={"seats": 4, "algorithm": "leximin", "run_preview": "P"})
    assert f'formaction="{url}/check"' in preview.text
    data = {"seats": 4, "algorithm": "leximin", "confirm": "C"}
    assert 'value="1" checked' not in client.post(f"{url}/check", data=data).text
    page = client.post(f"{url}/check", data={**data, "close_interest": "y"}).text
    assert 'id="close_interest" name="close_interest" value="1" checked' in page


def test_a_finished_previews_confirm_leads_to_the_check_page(app, client, pool_meeting):
    """The preview job's page does not confirm: its button is a GET form to the check page,
    which says what will happen, offers to close the registration of interest (ticked if it
    was ticked on the preview) and posts to the preview's confirm; a refusal comes back to
    the check page with its reason."""
    from sakrad.selection.models import JobKind, Selection, SelectionJob

    url = f"/manage/meetings/{pool_meeting}/selection"
    client.post(url, data={"seats": 4, "algorithm": "leximin", "run_preview": "P"})
    with app.app_context():
        job_id = db.session.scalar(
            sa.select(SelectionJob.id).where(SelectionJob.kind == JobKind.PREVIEW)
        )
    job_page = client.get(f"{url}/jobs/{job_id}").text
    form = re.search(r'<form method="get" action="([^"]+)"[^>]*>(.*?)</form>', job_page, re.S)
    assert form, "the preview's confirm is not a GET form"
    assert form.group(1) == f"{url}/jobs/{job_id}/check"
    assert 'id="job-confirm"' in form.group(2) and 'id="close_interest"' in form.group(2)
    assert f'action="{url}/jobs/{job_id}/confirm"' not in job_page

    check = client.get(f"{url}/jobs/{job_id}/check")
    assert check.status_code == 200
    assert "Kontrollera innan urvalet bekräftas" in check.text
    assert (
        "4 organisationer kommer att väljas ut ur urvalspoolen med 8 organisationer" in check.text
    )
    assert "Intresseanmälan är fortfarande öppen" in check.text
    assert f'action="{url}/jobs/{job_id}/confirm"' in check.text
    assert re.search(r'<input[^>]*id="close_interest"', check.text)
    assert not re.search(
        r'<input[^>]*checked[^>]*id="close_interest"|id="close_interest"[^>]*checked', check.text
    )
    ticked = client.get(f"{url}/jobs/{job_id}/check?close_interest=y").text
    assert re.search(
        r'<input[^>]*checked[^>]*id="close_interest"|id="close_interest"[^>]*checked', ticked
    )

    refused = client.post(f"{url}/jobs/{job_id}/confirm", data={"confirmed": "1"})
    assert refused.status_code == 400
    assert "Kontrollera innan urvalet bekräftas" in refused.text
    assert 'href="#close_interest"' in refused.text
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Selection)) == 0
    done = client.post(
        f"{url}/jobs/{job_id}/confirm", data={"confirmed": "1", "close_interest": "y"}
    )
    assert done.status_code == 303 and "/selection/" in done.headers["Location"]
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Selection)) == 1

    # A run that is not a finished preview has nothing to confirm: back to its page.
    with app.app_context():
        confirm_id = db.session.scalar(
            sa.select(SelectionJob.id).where(SelectionJob.kind == JobKind.CONFIRM)
        )
    back = client.get(f"{url}/jobs/{confirm_id}/check")
    assert back.status_code == 303 and back.headers["Location"].endswith(f"/jobs/{confirm_id}")


def test_reminders_are_refused_once_the_meeting_is_held(app, client, auth):
    """Guard: no reminders for a meeting that has been held or documented."""
    from sakrad.invitations import reminders
    from sakrad.invitations.service import InvitationError

    with app.app_context():
        meeting, user = staff_meeting()
        invitation, _token = invite(meeting, org_with_rep()[0], state=InvitationState.SENT)
        from sakrad.meetings import service as meetings

        meetings.mark_held(user, meeting, now=meeting.starts_at + timedelta(hours=1))
        db.session.commit()
        try:
            reminders.remind_by_hand(user, meeting, [invitation.id])
        except InvitationError as exc:
            assert exc.code == "meeting_over"
        else:
            raise AssertionError("a reminder for a held meeting was accepted")
        db.session.rollback()
        meeting_id, email, inv_id = meeting.id, user.email, invitation.id
    auth.login(email)
    response = client.post(
        f"/manage/meetings/{meeting_id}/invitations/remind",
        data={"invitation_id": inv_id},
        follow_redirects=True,
    )
    assert "Påminnelser skickas bara före mötet" in response.text


def test_an_answered_proposal_does_not_open_for_editing(app, client, auth):
    """Guard: after its response is published, the edit form does not open."""
    from sakrad.accounts.models import Role

    with app.app_context():
        body = make_body()
        rep = make_user(Role.ORG_REP)
        org = make_organisation("Refugees Welcome Stockholm", reps=(rep,))
        cycle = make_cycle(body, call="open")
        answered = make_proposal(cycle, org, by=rep, state=ProposalState.ACCEPTED, published=True)
        open_one = make_proposal(cycle, org, by=rep)
        email, answered_id, open_id = rep.email, answered.id, open_one.id
    auth.login(email)
    response = client.get(f"/proposals/{answered_id}/edit")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/proposals/{answered_id}")
    assert client.get(f"/proposals/{open_id}/edit").status_code == 200


def test_a_draft_cycle_says_its_call_has_not_opened(app):
    """Guard: a draft cycle whose call dates have arrived does not say 'har stängt'."""
    from sakrad.cycles.models import CycleState
    from sakrad.cycles.service import call_status

    with app.app_context():
        cycle = make_cycle(make_body(), call="open")
        cycle.state = CycleState.DRAFT
        db.session.commit()
        assert call_status(cycle) == "upcoming"
        cycle.state = CycleState.OPEN
        assert call_status(cycle) == "open"


def test_deleting_an_agenda_item_is_confirmed_first(app, client, auth):
    """Guard: the Remove link leads to a confirmation; only its POST removes the item."""
    from sakrad.meetings import agenda
    from sakrad.meetings.models import AgendaItem

    with app.app_context():
        meeting, user = staff_meeting(state=MeetingState.DRAFT)
        item = agenda.add_item(user, meeting.sessions[0], title="Bostäder", duration_minutes=30)
        db.session.commit()
        meeting_id, item_id, email = meeting.id, item.id, user.email
    auth.login(email)
    manage = client.get(f"/manage/meetings/{meeting_id}").text
    check_url = f"/manage/meetings/{meeting_id}/items/{item_id}/delete/check"
    assert check_url in manage
    page = client.get(check_url).text
    assert "Bostäder" in page
    assert f'action="/manage/meetings/{meeting_id}/items/{item_id}/delete"' in page
    with app.app_context():
        assert db.session.get(AgendaItem, item_id) is not None
    client.post(f"/manage/meetings/{meeting_id}/items/{item_id}/delete")
    with app.app_context():
        assert db.session.get(AgendaItem, item_id) is None


def test_moving_a_session_before_the_answer_deadline_warns(app, client, auth):
    """Guard: a session moved to before sent invitations' deadline gets a warning."""
    from tests.invitations_factories import deadline_in

    with app.app_context():
        meeting, user = staff_meeting()
        invite(meeting, org_with_rep()[0], state=InvitationState.SENT, deadline=deadline_in(20))
        session = meeting.sessions[0]
        meeting_id, session_id, email = meeting.id, session.id, user.email
        version = session.version_id
    auth.login(email)
    from tests.invitations_factories import deadline_in as soon

    start = soon(10).astimezone(__import__("zoneinfo").ZoneInfo("Europe/Stockholm"))
    response = client.post(
        f"/manage/meetings/{meeting_id}/sessions/{session_id}/edit",
        data={
            "starts_at": start.strftime("%Y-%m-%dT10:00"),
            "ends_at": start.strftime("%Y-%m-%dT12:00"),
            "place": "Rosenbad",
            "version": str(version),  # the form's hidden field (optimistic locking)
        },
        follow_redirects=True,
    )
    assert "kan fortfarande besvaras" in response.text
