"""Meetings: states, the expectations card, sessions, agendas, stale edits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from sakrad.accounts.models import Role
from sakrad.audit.models import AuditEntry
from sakrad.cycles.errors import PermissionDenied, PlanningError
from sakrad.cycles.models import CycleState
from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.meetings import agenda, service
from sakrad.meetings.models import Meeting, MeetingState
from sakrad.meetings.schedule import schedule
from tests.cycles_factories import CARD, make_cycle, make_meeting, staff_of
from tests.helpers import PASSWORD, make_body, make_user


@pytest.fixture
def setup(app):
    with app.app_context():
        body = make_body("Arbetsmarknadsdepartementet")
        user = staff_of(body)
        cycle = make_cycle(body, user=user, state=CycleState.OPEN)
        yield {"body": body, "user": user, "cycle": cycle}


def _actions(meeting: Meeting) -> list[str]:
    return list(
        db.session.scalars(
            sa.select(AuditEntry.action)
            .where(AuditEntry.entity_type == "Meeting", AuditEntry.entity_id == str(meeting.id))
            .order_by(AuditEntry.id)
        )
    )


def test_full_lifecycle_draft_to_documented(setup):
    user, cycle = setup["user"], setup["cycle"]
    meeting = make_meeting(cycle, user=user)
    assert meeting.state == MeetingState.DRAFT and not meeting.is_public
    service.announce(user, meeting)
    assert meeting.state == MeetingState.ANNOUNCED and meeting.is_public
    with pytest.raises(PlanningError) as exc:
        service.mark_held(user, meeting)  # the first session is next month
    assert exc.value.code == "not_started"
    service.mark_held(user, meeting, now=meeting.starts_at + timedelta(minutes=5))
    assert meeting.state == MeetingState.HELD
    service.mark_documented(user, meeting)
    assert meeting.state == MeetingState.DOCUMENTED and meeting.is_public
    db.session.commit()
    assert _actions(meeting) == [
        "meeting.created",
        "meeting.announced",
        "meeting.held",
        "meeting.documented",
    ]


@pytest.mark.parametrize(
    "state,target",
    [
        (MeetingState.DRAFT, MeetingState.HELD),
        (MeetingState.DRAFT, MeetingState.DOCUMENTED),
        (MeetingState.ANNOUNCED, MeetingState.ANNOUNCED),
        (MeetingState.ANNOUNCED, MeetingState.DOCUMENTED),
        (MeetingState.HELD, MeetingState.ANNOUNCED),
        (MeetingState.DOCUMENTED, MeetingState.HELD),
        (MeetingState.CANCELLED, MeetingState.ANNOUNCED),
    ],
)
def test_illegal_transitions_are_refused(setup, state, target):
    meeting = make_meeting(setup["cycle"], user=setup["user"], state=state)
    with pytest.raises(PlanningError) as exc:
        service.transition(setup["user"], meeting, target)
    assert exc.value.code == "illegal_transition"
    assert meeting.state == state


@pytest.mark.parametrize("state", [MeetingState.HELD, MeetingState.DOCUMENTED])
def test_cannot_cancel_after_the_meeting(setup, state):
    meeting = make_meeting(setup["cycle"], user=setup["user"], state=state)
    with pytest.raises(PlanningError):
        service.cancel(setup["user"], meeting, "för sent")


def test_cancel_from_draft_never_becomes_public(setup):
    meeting = make_meeting(setup["cycle"], user=setup["user"])
    service.cancel(setup["user"], meeting, "Behovet försvann.")
    assert meeting.state == MeetingState.CANCELLED
    assert not meeting.is_public
    assert meeting.ical_sequence == 0


def test_cancel_from_announced_stays_public_with_reason(setup):
    meeting = make_meeting(setup["cycle"], user=setup["user"], state=MeetingState.ANNOUNCED)
    seq = meeting.ical_sequence
    service.cancel(setup["user"], meeting, "Statssekreteraren är sjuk.")
    assert meeting.is_public and meeting.cancel_reason == "Statssekreteraren är sjuk."
    assert meeting.ical_sequence == seq + 1


def test_cancel_needs_a_reason(setup):
    meeting = make_meeting(setup["cycle"], user=setup["user"], state=MeetingState.ANNOUNCED)
    with pytest.raises(PlanningError) as exc:
        service.cancel(setup["user"], meeting, "   ")
    assert exc.value.field == "reason"
    assert meeting.state == MeetingState.ANNOUNCED


def test_announce_with_incomplete_card_names_each_missing_part(setup, client, auth):
    meeting = make_meeting(
        setup["cycle"], user=setup["user"], card=False, purpose="Ett syfte", questions="Frågor"
    )
    with pytest.raises(service.IncompleteCard) as exc:
        service.announce(setup["user"], meeting)
    assert exc.value.missing == ["policy_stage", "out_of_scope", "use_of_input", "feedback_plan"]
    db.session.rollback()
    # Through the page, in English: the message names each missing part.
    auth.login(setup["user"].email)
    client.get("/language/en")
    response = client.post(f"/manage/meetings/{meeting.id}/state/announced", follow_redirects=True)
    text = response.get_data(as_text=True)
    assert "expectations card is complete" in text
    for label in [
        "where the issue stands in the policy process",
        "out of scope",
        "how input will be used",
        "when and how feedback comes",
    ]:
        assert label in text
    assert "Missing: purpose" not in text
    assert db.session.get(Meeting, meeting.id).state == MeetingState.DRAFT


def test_announce_needs_a_session_and_a_public_cycle(setup):
    meeting = make_meeting(setup["cycle"], user=setup["user"], sessions=0)
    with pytest.raises(PlanningError) as exc:
        service.announce(setup["user"], meeting)
    assert exc.value.code == "no_sessions"
    draft_cycle = make_cycle(setup["body"], user=setup["user"], year=2031)
    meeting = make_meeting(draft_cycle, user=setup["user"])
    with pytest.raises(PlanningError) as exc:
        service.announce(setup["user"], meeting)
    assert exc.value.code == "cycle_not_public"


# ---------------------------------------------------------------- sessions


def _at(days: int, hour: int = 10) -> datetime:
    return (utcnow() + timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)


def test_session_end_before_start_is_refused(setup):
    meeting = make_meeting(setup["cycle"], user=setup["user"], sessions=0)
    with pytest.raises(PlanningError) as exc:
        agenda.add_session(
            setup["user"], meeting, starts_at=_at(10, 12), ends_at=_at(10, 11), place="A"
        )
    assert exc.value.code == "end_before_start" and exc.value.field == "ends_at"
    with pytest.raises(PlanningError):
        agenda.add_session(
            setup["user"], meeting, starts_at=_at(10, 12), ends_at=_at(10, 12), place="A"
        )


def test_overlapping_sessions_are_refused(setup):
    meeting = make_meeting(setup["cycle"], user=setup["user"], sessions=0)
    agenda.add_session(setup["user"], meeting, starts_at=_at(10, 9), ends_at=_at(10, 12), place="A")
    with pytest.raises(PlanningError) as exc:
        agenda.add_session(
            setup["user"], meeting, starts_at=_at(10, 11), ends_at=_at(10, 13), place="A"
        )
    assert exc.value.code == "overlap"
    # Back to back is fine.
    agenda.add_session(
        setup["user"], meeting, starts_at=_at(10, 12), ends_at=_at(10, 13), place="A"
    )
    assert len(meeting.sessions) == 2


def test_moving_a_session_onto_another_is_refused(setup):
    meeting = make_meeting(setup["cycle"], user=setup["user"], sessions=2)
    first, second = meeting.sessions
    with pytest.raises(PlanningError) as exc:
        agenda.update_session(
            setup["user"],
            second,
            starts_at=first.starts_at + timedelta(minutes=30),
            ends_at=first.ends_at + timedelta(minutes=30),
            place="A",
        )
    assert exc.value.code == "overlap"


def test_a_new_session_in_the_past_is_refused(setup):
    meeting = make_meeting(setup["cycle"], user=setup["user"], sessions=0)
    with pytest.raises(PlanningError) as exc:
        agenda.add_session(
            setup["user"], meeting, starts_at=_at(-1), ends_at=_at(-1, 12), place="A"
        )
    assert exc.value.code == "in_past" and exc.value.field == "starts_at"


def test_a_session_needs_a_place_or_link(setup):
    meeting = make_meeting(setup["cycle"], user=setup["user"], sessions=0)
    with pytest.raises(PlanningError) as exc:
        agenda.add_session(setup["user"], meeting, starts_at=_at(3), ends_at=_at(3, 12))
    assert exc.value.code == "place_required"
    agenda.add_session(
        setup["user"], meeting, starts_at=_at(3), ends_at=_at(3, 12), online_url="https://m.se/x"
    )


def test_sessions_are_ordered_by_time(setup):
    meeting = make_meeting(setup["cycle"], user=setup["user"], sessions=0)
    late = agenda.add_session(
        setup["user"], meeting, starts_at=_at(20), ends_at=_at(20, 12), place="A"
    )
    early = agenda.add_session(
        setup["user"], meeting, starts_at=_at(5), ends_at=_at(5, 12), place="A"
    )
    db.session.commit()
    db.session.expire_all()
    meeting = db.session.get(Meeting, meeting.id)
    assert [s.id for s in meeting.sessions] == [early.id, late.id]
    assert meeting.starts_at == early.starts_at and meeting.ends_at == late.ends_at


def test_session_form_interprets_stockholm_time(setup, client, auth):
    meeting = make_meeting(setup["cycle"], user=setup["user"], sessions=0)
    auth.login(setup["user"].email)
    year = utcnow().year + 1
    response = client.post(
        f"/manage/meetings/{meeting.id}/sessions/new",
        data={
            "starts_at": f"{year}-01-15T10:00",
            "ends_at": f"{year}-01-15T12:00",
            "place": "Rosenbad",
        },
    )
    assert response.status_code == 303
    session = db.session.get(Meeting, meeting.id).sessions[0]
    assert session.starts_at == datetime(year, 1, 15, 9, 0, tzinfo=UTC)  # CET = UTC+1


def test_session_form_errors_keep_input(setup, client, auth):
    meeting = make_meeting(setup["cycle"], user=setup["user"], sessions=0)
    auth.login(setup["user"].email)
    client.get("/language/en")
    year = utcnow().year + 1
    response = client.post(
        f"/manage/meetings/{meeting.id}/sessions/new",
        data={
            "starts_at": f"{year}-01-15T12:00",
            "ends_at": f"{year}-01-15T10:00",
            "place": "Rosenbad",
        },
    )
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "The session must end after it starts." in text
    assert f'value="{year}-01-15T12:00"' in text


# ---------------------------------------------------------------- agenda


def test_agenda_computed_start_times_and_moves(setup, client, auth):
    meeting = make_meeting(setup["cycle"], user=setup["user"], sessions=1)
    session = meeting.sessions[0]
    a = agenda.add_item(setup["user"], session, title="Migrationsverket", duration_minutes=20)
    b = agenda.add_item(setup["user"], session, title="Arbetsförmedlingen", duration_minutes=15)
    c = agenda.add_item(
        setup["user"], session, title="Organisationernas runda", duration_minutes=60
    )
    db.session.commit()
    starts = [s.starts_at - session.starts_at for s in schedule(session)]
    assert starts == [timedelta(0), timedelta(minutes=20), timedelta(minutes=35)]
    agenda.move_item(setup["user"], c, "up")
    agenda.move_item(setup["user"], a, "up")  # already first: no change
    db.session.commit()
    assert [i.title for i in session.agenda_items] == [
        "Migrationsverket",
        "Organisationernas runda",
        "Arbetsförmedlingen",
    ]
    # Through the page (no JavaScript): move b up, then check the computed times shown.
    auth.login(setup["user"].email)
    response = client.post(f"/manage/meetings/{meeting.id}/items/{b.id}/move/up")
    assert response.status_code == 303 and response.headers["Location"].endswith(f"#item-{b.id}")
    db.session.expire_all()
    order = [i.title for i in db.session.get(Meeting, meeting.id).sessions[0].agenda_items]
    assert order == ["Migrationsverket", "Arbetsförmedlingen", "Organisationernas runda"]
    page = client.get(f"/manage/meetings/{meeting.id}").get_data(as_text=True)
    local = session.starts_at.astimezone(__import__("sakrad.db").db.STOCKHOLM)
    third = (local + timedelta(minutes=35)).strftime("%H:%M")
    assert third in page
    # The JavaScript variant gets the agenda partial back.
    partial = client.post(
        f"/manage/meetings/{meeting.id}/items/{b.id}/move/down",
        headers={"X-Requested-With": "fetch"},
    )
    assert partial.status_code == 200 and 'class="agenda"' in partial.get_data(as_text=True)


def test_agenda_item_duration_must_be_positive(setup):
    meeting = make_meeting(setup["cycle"], user=setup["user"])
    with pytest.raises(PlanningError) as exc:
        agenda.add_item(setup["user"], meeting.sessions[0], title="X", duration_minutes=0)
    assert exc.value.field == "duration_minutes"


def test_organisation_presenter_needs_an_organisation(setup):
    meeting = make_meeting(setup["cycle"], user=setup["user"])
    with pytest.raises(PlanningError) as exc:
        agenda.add_item(
            setup["user"],
            meeting.sessions[0],
            title="Runda",
            duration_minutes=10,
            presenter_kind="organisation",
        )
    assert exc.value.field == "presenter_organisation_id"


# ---------------------------------------------------------------- access and conflicts


def test_civil_servant_of_another_body_is_refused(setup, client, auth):
    meeting = make_meeting(setup["cycle"], user=setup["user"])
    other = staff_of(make_body("Kulturdepartementet"))
    with pytest.raises(PermissionDenied):
        service.update_meeting(other, meeting, expected_version=None, title="Kapat")
    with pytest.raises(PermissionDenied):
        agenda.add_session(other, meeting, starts_at=_at(40), ends_at=_at(40, 12), place="A")
    with pytest.raises(PermissionDenied):
        service.create_meeting(other, setup["cycle"], kind="sakrad", title="X", chair_title="Y")
    auth.login(other.email, PASSWORD)
    assert client.get(f"/manage/meetings/{meeting.id}").status_code == 403
    assert client.post(f"/manage/meetings/{meeting.id}/state/announced").status_code == 403
    assert db.session.get(Meeting, meeting.id).state == MeetingState.DRAFT


def test_admin_manages_every_meeting(setup):
    meeting = make_meeting(setup["cycle"], user=setup["user"])
    admin = make_user(Role.ADMIN)
    assert service.can_manage(admin, meeting)
    assert not service.can_manage(make_user(Role.ORG_REP), meeting)


def test_stale_edit_is_refused_and_input_kept(setup, client, auth):
    meeting = make_meeting(setup["cycle"], user=setup["user"])
    auth.login(setup["user"].email)
    client.get("/language/en")
    # Two civil servants load the form (same version), the first saves.
    form = {
        "version": str(meeting.version_id),
        "kind": "sakrad",
        "title": "Första sparningen",
        "chair_title": "statssekreterare",
        "delegates_per_org": "2",
    }
    assert client.post(f"/manage/meetings/{meeting.id}/edit", data=form).status_code == 303
    second = {**form, "title": "Min egen rubrik som inte får försvinna"}
    response = client.post(f"/manage/meetings/{meeting.id}/edit", data=second)
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Someone else saved this page after you opened it" in text
    assert "Min egen rubrik som inte får försvinna" in text
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).title == "Första sparningen"


def test_stale_expectations_card_is_refused(setup):
    meeting = make_meeting(setup["cycle"], user=setup["user"], card=False)
    loaded = meeting.version_id
    service.update_meeting(setup["user"], meeting, expected_version=loaded, **CARD)
    db.session.commit()
    with pytest.raises(PlanningError) as exc:
        service.update_meeting(setup["user"], meeting, expected_version=loaded, purpose="Nytt")
    assert exc.value.code == "stale"


def test_concurrent_flush_raises_stale_data(setup, app):
    """The version column also guards against two processes saving at the same moment."""
    from sqlalchemy.orm.exc import StaleDataError

    meeting = make_meeting(setup["cycle"], user=setup["user"])
    db.session.execute(
        sa.update(Meeting)
        .where(Meeting.id == meeting.id)
        .values(version_id=Meeting.version_id + 1)
        .execution_options(synchronize_session=False)
    )
    meeting.title = "Krock"
    with pytest.raises(StaleDataError):
        db.session.flush()
    db.session.rollback()


def test_internal_notes_and_changes_are_audited_but_not_public(setup):
    meeting = make_meeting(setup["cycle"], user=setup["user"], state=MeetingState.ANNOUNCED)
    service.update_meeting(
        setup["user"], meeting, expected_version=None, internal_notes="HEMLIG-ANTECKNING"
    )
    db.session.commit()
    public_entries = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.public.is_(True))
    ).all()
    assert public_entries
    assert all("HEMLIG-ANTECKNING" not in str(e.after) for e in public_entries)
    assert "meeting.updated" in _actions(meeting)
