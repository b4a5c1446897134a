"""Dialogue cycles: states, validation, copying last year's cycle, stale edits, dashboard."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from sakrad.audit.models import AuditEntry
from sakrad.cycles import service
from sakrad.cycles.errors import PermissionDenied, PlanningError
from sakrad.cycles.models import Cycle, CycleState
from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.meetings import agenda
from sakrad.meetings import service as meetings
from sakrad.meetings.models import Meeting, MeetingState
from sakrad.portal import cycles as portal_cycles
from sakrad.portal import meetings as portal_meetings
from tests.cycles_factories import add_past_session, make_cycle, make_meeting, staff_of
from tests.helpers import make_body


@pytest.fixture
def body(app):
    with app.app_context():
        yield make_body("Arbetsmarknadsdepartementet")


def test_cycle_moves_draft_open_closed_archived(body):
    user = staff_of(body)
    cycle = make_cycle(body, user=user)
    assert cycle.state == CycleState.DRAFT and not cycle.is_public
    for state in (CycleState.OPEN, CycleState.CLOSED, CycleState.ARCHIVED):
        service.transition(user, cycle, state)
        assert cycle.state == state and cycle.is_public
    db.session.commit()
    actions = db.session.scalars(
        sa.select(AuditEntry.action)
        .where(AuditEntry.entity_type == "Cycle")
        .order_by(AuditEntry.id)
    ).all()
    assert actions == ["cycle.created", "cycle.open", "cycle.closed", "cycle.archived"]


@pytest.mark.parametrize(
    "state,target",
    [
        (CycleState.DRAFT, CycleState.CLOSED),
        (CycleState.DRAFT, CycleState.ARCHIVED),
        (CycleState.OPEN, CycleState.DRAFT),
        (CycleState.OPEN, CycleState.ARCHIVED),
        (CycleState.CLOSED, CycleState.OPEN),
        (CycleState.ARCHIVED, CycleState.OPEN),
        (CycleState.ARCHIVED, CycleState.DRAFT),
    ],
)
def test_illegal_cycle_transitions_are_refused(body, state, target):
    user = staff_of(body)
    cycle = make_cycle(body, user=user, state=state)
    with pytest.raises(PlanningError) as exc:
        service.transition(user, cycle, target)
    assert exc.value.code == "illegal_transition" and cycle.state == state


def test_opening_needs_call_dates(body):
    user = staff_of(body)
    cycle = make_cycle(body, user=user, call_opens_at=None, call_closes_at=None)
    with pytest.raises(PlanningError) as exc:
        service.transition(user, cycle, CycleState.OPEN)
    assert exc.value.code == "call_dates_required"


def test_call_is_open_only_in_its_window_and_state(body):
    now = datetime(2030, 3, 1, 12, tzinfo=UTC)
    cycle = make_cycle(
        body, call_opens_at=now - timedelta(days=1), call_closes_at=now + timedelta(days=1)
    )
    assert not cycle.call_is_open(now)  # a draft
    cycle.state = CycleState.OPEN
    assert cycle.call_is_open(now)
    assert not cycle.call_is_open(now + timedelta(days=1))  # closes exactly then
    assert not cycle.call_is_open(now - timedelta(days=2))
    assert service.call_status(cycle, now - timedelta(days=2)) == "upcoming"


def test_call_must_close_after_it_opens_and_duplicates_refused(body):
    user = staff_of(body)
    now = utcnow()
    with pytest.raises(PlanningError) as exc:
        make_cycle(body, user=user, call_opens_at=now, call_closes_at=now - timedelta(hours=1))
    assert exc.value.field == "call_closes_at"
    db.session.rollback()
    make_cycle(body, user=user, year=2030, policy_area="Integration")
    with pytest.raises(PlanningError) as exc:
        make_cycle(body, user=user, year=2030, policy_area="Integration")
    assert exc.value.code == "duplicate"


def test_wrong_convening_body_is_refused(body, client, auth):
    cycle = make_cycle(body)
    other = staff_of(make_body("Kulturdepartementet"))
    with pytest.raises(PermissionDenied):
        service.update_cycle(other, cycle, expected_version=None, policy_area="Kapat")
    with pytest.raises(PermissionDenied):
        service.create_cycle(other, convening_body_id=body.id, year=2031, policy_area="X")
    with pytest.raises(PermissionDenied):
        service.transition(other, cycle, CycleState.OPEN)
    auth.login(other.email)
    assert client.get(f"/manage/cycles/{cycle.id}").status_code == 403
    assert client.post(f"/manage/cycles/{cycle.id}/state/open").status_code == 403
    assert client.post(f"/manage/cycles/{cycle.id}/copy").status_code == 403
    db.session.expire_all()
    assert db.session.get(Cycle, cycle.id).state == CycleState.DRAFT


def test_civil_servant_creates_a_cycle_for_their_own_body(body, client, auth):
    user = staff_of(body)
    auth.login(user.email)
    response = client.post(
        "/manage/cycles/new",
        data={
            "year": "2031",
            "policy_area": "Integration",
            "call_opens_at": "2031-01-10T09:00",
            "call_closes_at": "2031-02-10T17:00",
            "high_level_on": "2031-04-01",
        },
    )
    assert response.status_code == 303
    cycle = db.session.scalar(sa.select(Cycle).where(Cycle.year == 2031))
    assert cycle.convening_body_id == body.id and cycle.state == CycleState.DRAFT
    assert cycle.call_opens_at == datetime(2031, 1, 10, 8, tzinfo=UTC)
    assert cycle.high_level_on == date(2031, 4, 1)


def test_stale_cycle_edit_keeps_input(body, client, auth):
    user = staff_of(body)
    cycle = make_cycle(body, user=user, year=2030, policy_area="Integration")
    auth.login(user.email)
    client.get("/language/en")
    loaded = str(cycle.version_id)
    first = {"version": loaded, "year": "2030", "policy_area": "Integration", "description": "A"}
    assert client.post(f"/manage/cycles/{cycle.id}/edit", data=first).status_code == 303
    second = {**first, "description": "MIN-TEXT-SOM-INTE-FÅR-FÖRSVINNA"}
    response = client.post(f"/manage/cycles/{cycle.id}/edit", data=second)
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Someone else saved this page" in text and "MIN-TEXT-SOM-INTE-FÅR-FÖRSVINNA" in text
    db.session.expire_all()
    assert db.session.get(Cycle, cycle.id).description == "A"


def test_copy_last_years_cycle(body, client, auth):
    user = staff_of(body)
    opens = datetime(2029, 1, 10, 8, tzinfo=UTC)  # 09:00 in Stockholm (winter)
    cycle = make_cycle(
        body,
        user=user,
        year=2029,
        policy_area="Integration",
        call_opens_at=opens,
        call_closes_at=opens + timedelta(days=30),
        high_level_on=date(2029, 4, 2),
        state=CycleState.OPEN,
    )
    announced = make_meeting(cycle, user=user, title="Högnivåmöte", sessions=0, kind="high_level")
    # 2029-03-20 10:00 in Stockholm is 09:00Z (winter); 2030-03-20 is still winter.
    session = add_past_session(announced, datetime(2029, 6, 20, 8, tzinfo=UTC))
    agenda.add_item(user, session, title="Ministern inleder", duration_minutes=15)
    meetings.announce(user, announced)
    cancelled = make_meeting(cycle, user=user, title="Inställt sakråd", sessions=0)
    meetings.cancel(user, cancelled, "Ingen anledning")
    db.session.commit()

    auth.login(user.email)
    response = client.post(f"/manage/cycles/{cycle.id}/copy")
    assert response.status_code == 303
    db.session.expire_all()
    new = db.session.scalar(sa.select(Cycle).where(Cycle.year == 2030))
    assert response.headers["Location"].endswith(f"/manage/cycles/{new.id}")
    assert new.state == CycleState.DRAFT and new.copied_from_id == cycle.id
    assert new.policy_area == "Integration"
    assert new.call_opens_at == datetime(2030, 1, 10, 8, tzinfo=UTC)
    assert new.high_level_on == date(2030, 4, 2)
    assert [m.title for m in new.meetings] == ["Högnivåmöte"]  # cancelled ones stay behind
    copy = new.meetings[0]
    assert copy.state == MeetingState.DRAFT and copy.announced_at is None
    assert copy.sessions[0].starts_at == datetime(2030, 6, 20, 8, tzinfo=UTC)
    assert [i.title for i in copy.sessions[0].agenda_items] == ["Ministern inleder"]
    # Nothing of the copy is published.
    assert portal_cycles.public_cycle(new.id) is None
    assert portal_meetings.public_meeting(copy.id) is None
    assert client.get(f"/cycles/{new.id}").status_code == 404
    # Copying twice is refused.
    response = client.post(f"/manage/cycles/{cycle.id}/copy", follow_redirects=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Cycle)) == 2
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Meeting)) == 3


def test_copy_keeps_local_wall_clock_time_across_dst(body):
    user = staff_of(body)
    cycle = make_cycle(body, user=user, year=2029, state=CycleState.OPEN)
    meeting = make_meeting(cycle, user=user, sessions=0)
    # 2029-03-26 is summer time (UTC+2); 2030-03-26 is still winter time (DST starts 31 March).
    add_past_session(meeting, datetime(2029, 3, 26, 8, tzinfo=UTC))  # 10:00 local
    new = meetings.copy_cycle(user, cycle)
    assert new.meetings[0].sessions[0].starts_at == datetime(2030, 3, 26, 9, tzinfo=UTC)


def test_dashboard_lists_cycles_for_staff_only(body, client, auth):
    user = staff_of(body)
    make_cycle(body, user=user, year=2030, policy_area="Integrationsområdet")
    auth.login(user.email)
    page = client.get("/dashboard/").get_data(as_text=True)
    assert "Integrationsområdet 2030" in page and "/manage/cycles/new" in page
    from sakrad.accounts.models import Role
    from tests.helpers import make_user

    rep = make_user(Role.ORG_REP)
    auth.logout()
    auth.login(rep.email)
    assert "/manage/cycles/new" not in client.get("/dashboard/").get_data(as_text=True)
