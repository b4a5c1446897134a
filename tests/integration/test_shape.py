"""The one error path, the one transaction per request and the reactions connected in
create_app (issue 11, items 3 to 5)."""

from __future__ import annotations

import sqlalchemy as sa

from sakrad import create_app, signals
from sakrad.audit.models import AuditEntry
from sakrad.cycles.models import Cycle, CycleState
from sakrad.extensions import db
from sakrad.invitations.updates import queue_calendar_updates
from tests.cycles_factories import make_cycle, staff_of
from tests.helpers import make_body


def _staff_cycle(app):
    with app.app_context():
        body = make_body()
        user = staff_of(body)
        cycle = make_cycle(body, user=user)
        return user.email, cycle.id


def test_a_missing_object_answers_the_friendly_page_or_json(app, client, auth):
    email, _cycle_id = _staff_cycle(app)
    auth.login(email)
    page = client.get("/manage/cycles/999999?lang=en")
    assert page.status_code == 404
    assert "We could not find the page you asked for" in page.get_data(as_text=True)
    data = client.get("/manage/cycles/999999", headers={"Accept": "application/json"})
    assert data.status_code == 404
    assert data.get_json()["error"]["status"] == 404


def test_another_bodys_cycle_is_forbidden(app, client, auth):
    _email, cycle_id = _staff_cycle(app)
    with app.app_context():
        other = staff_of(make_body())
    auth.login(other.email)
    page = client.get(f"/manage/cycles/{cycle_id}?lang=en")
    assert page.status_code == 403
    assert "You do not have permission to see this page" in page.get_data(as_text=True)


def test_a_refused_change_saves_nothing_and_an_accepted_one_is_committed(app, client, auth):
    email, cycle_id = _staff_cycle(app)
    auth.login(email)
    with app.app_context():
        entries_before = db.session.scalar(sa.select(sa.func.count(AuditEntry.id)))
    # Draft -> archived is not a legal step: refused, flashed, nothing written.
    refused = client.post(f"/manage/cycles/{cycle_id}/state/archived", follow_redirects=True)
    assert refused.status_code == 200
    with app.app_context():
        assert db.session.get(Cycle, cycle_id).state == CycleState.DRAFT
        assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id))) == entries_before
    # Draft -> open is legal: the request commits it (the view itself never commits).
    client.post(f"/manage/cycles/{cycle_id}/state/open")
    with app.app_context():
        db.session.expire_all()
        assert db.session.get(Cycle, cycle_id).state == CycleState.OPEN
        assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id))) > entries_before


def test_reactions_are_connected_once_by_create_app(app):
    create_app({**app.config, "TESTING": True})  # a second app connects nothing twice
    receivers = list(signals.meeting_calendar_changed.receivers_for(object()))
    assert receivers.count(queue_calendar_updates) == 1
