"""Issue 13 item 5: the guards in the workflow that tests/integration/test_checks.py and
test_ways_in.py do not reach: the paths that could go round a guard, and its way to go
ahead."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.invitations.models import InvitationState
from sakrad.meetings.models import Meeting, MeetingState
from sakrad.selection.models import JobKind, Selection, SelectionJob
from tests.invitations_factories import invite, org_with_rep, staff_meeting


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


# ----------------------------------------- confirming a selection while interest is open


@pytest.fixture
def pool_meeting(app, auth):
    """An announced sakråd whose registration of interest is open for ten more days."""
    from tests.selection_factories import make_pool, open_meeting, staff

    with app.app_context():
        meeting = open_meeting()
        make_pool(meeting, 8)
        auth.login(staff(meeting).email)
        return meeting.id


def _settings(**extra) -> dict:
    return {"seats": 4, "algorithm": "leximin", **extra}


def _interest_open(meeting_id: int) -> bool:
    from sakrad.selection import guards

    db.session.expire_all()
    return guards.interest_window_open(db.session.get(Meeting, meeting_id))


def test_the_selection_page_confirms_only_once_the_interest_is_closed(app, client, pool_meeting):
    url = f"/manage/meetings/{pool_meeting}/selection"
    preview = client.post(url, data=_settings(run_preview="P")).text
    assert 'id="close_interest"' in preview  # offered beside the confirm button
    refused = client.post(url, data=_settings(confirm="C"))
    assert refused.status_code == 200
    summary = re.search(r'<div class="error-summary".*?</div>', refused.text, re.S).group(0)
    assert 'href="#close_interest"' in summary
    assert "Intresseanmälan är fortfarande öppen" in summary
    assert 'id="close_interest-error"' in refused.text and 'id="confirm"' in refused.text
    with app.app_context():
        assert _count(Selection) == 0 and _interest_open(pool_meeting)
    done = client.post(url, data=_settings(confirm="C", close_interest="y"))
    assert done.status_code == 303
    with app.app_context():
        assert _count(Selection) == 1 and not _interest_open(pool_meeting)


def test_confirming_a_finished_preview_closes_the_interest_first(app, client, pool_meeting):
    url = f"/manage/meetings/{pool_meeting}/selection"
    client.post(url, data=_settings(run_preview="P"))
    with app.app_context():
        preview_id = db.session.scalar(
            sa.select(SelectionJob.id).where(SelectionJob.kind == JobKind.PREVIEW)
        )
    page = client.get(f"{url}/jobs/{preview_id}").text
    assert 'id="close_interest"' in page
    refused = client.post(f"{url}/jobs/{preview_id}/confirm", data={})
    assert refused.status_code == 400
    assert "Intresseanmälan är fortfarande öppen" in refused.text
    with app.app_context():
        assert _count(Selection) == 0 and _interest_open(pool_meeting)
    done = client.post(f"{url}/jobs/{preview_id}/confirm", data={"close_interest": "y"})
    assert done.status_code == 303 and "/selection/" in done.headers["Location"]
    with app.app_context():
        assert _count(Selection) == 1 and not _interest_open(pool_meeting)


def test_after_the_interest_closed_no_question_is_asked(app, client, pool_meeting):
    with app.app_context():
        meeting = db.session.get(Meeting, pool_meeting)
        meeting.interest_closes_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    url = f"/manage/meetings/{pool_meeting}/selection"
    assert 'id="close_interest"' not in client.post(url, data=_settings(run_preview="P")).text
    assert client.post(url, data=_settings(confirm="C")).status_code == 303


# ----------------------------------------- "Anmäl intresse" after the meeting


@pytest.mark.parametrize("state", [MeetingState.HELD, MeetingState.DOCUMENTED])
def test_no_interest_once_the_meeting_is_held_or_documented(app, client, auth, state):
    """Even with the registration window still open (the guard is the state, not the date)."""
    from sakrad.selection.models import Interest

    with app.app_context():
        meeting, _user = staff_meeting(state=state)
        meeting.interest_closes_at = utcnow() + timedelta(days=5)
        org, rep = org_with_rep()
        db.session.commit()
        meeting_id, org_id, email = meeting.id, org.id, rep.email
    assert "Anmäl intresse" not in client.get(f"/meetings/{meeting_id}").text
    auth.login(email)
    assert "Anmäl intresse" not in client.get(f"/meetings/{meeting_id}").text
    response = client.post(f"/meetings/{meeting_id}/interest", data={"organisation_id": org_id})
    assert response.status_code == 400
    with app.app_context():
        assert _count(Interest) == 0


# ----------------------------------------- reminders after the meeting


@pytest.mark.parametrize("state", [MeetingState.HELD, MeetingState.DOCUMENTED])
def test_no_reminder_after_the_meeting_by_hand_or_by_the_daily_run(ctx, state):
    """test_checks covers the page's message for a held meeting; here both states and both
    ways a reminder can leave."""
    from sakrad.invitations import reminders
    from sakrad.invitations.service import InvitationError
    from sakrad.mail.models import OutboxMessage

    meeting, user = staff_meeting()
    soon = utcnow() + timedelta(days=1)  # within the reminder days
    invitation, _token = invite(
        meeting, org_with_rep()[0], state=InvitationState.SENT, deadline=soon
    )
    meeting.state = state
    db.session.commit()
    assert reminders.send_due_reminders() == 0
    with pytest.raises(InvitationError) as refused:
        reminders.remind_by_hand(user, meeting, [invitation.id])
    assert refused.value.code == "meeting_over"
    assert invitation.reminded_at is None and _count(OutboxMessage) == 0


# ----------------------------------------- editing an answered proposal


def test_an_answered_proposal_refuses_a_posted_edit_too(app, client, auth):
    from sakrad.accounts.models import Role
    from sakrad.proposals.models import ProposalState, TopicProposal
    from tests.helpers import make_body, make_organisation, make_user
    from tests.proposals_factories import VALID, make_cycle, make_proposal

    with app.app_context():
        rep = make_user(Role.ORG_REP)
        org = make_organisation("Refugees Welcome Stockholm", reps=(rep,))
        cycle = make_cycle(make_body(), call="open")
        answered = make_proposal(cycle, org, by=rep, state=ProposalState.ACCEPTED, published=True)
        proposal_id, title, version = answered.id, answered.title, answered.version_id
        email, org_id = rep.email, org.id
    auth.login(email)
    data = {**VALID, "title": "Ändrad efter svaret", "version": version, "organisation_id": org_id}
    response = client.post(f"/proposals/{proposal_id}/edit", data=data)
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/proposals/{proposal_id}")
    with app.app_context():
        assert db.session.get(TopicProposal, proposal_id).title == title


# ----------------------------------------- a draft cycle's call


def test_a_draft_cycle_page_says_the_call_has_not_opened(app, client, auth):
    from sakrad.cycles.models import CycleState
    from tests.cycles_factories import staff_of
    from tests.helpers import make_body
    from tests.proposals_factories import make_cycle

    with app.app_context():
        body = make_body()
        cycle = make_cycle(body, call="open")  # the call's dates have arrived ...
        cycle.state = CycleState.DRAFT  # ... but the cycle is not published
        db.session.commit()
        cycle_id, email = cycle.id, staff_of(body).email
    auth.login(email)
    page = client.get(f"/manage/cycles/{cycle_id}").text
    assert "Inbjudan att föreslå frågor har inte öppnat ännu" in page
    assert "har stängt" not in page
