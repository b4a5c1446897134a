"""No lost edits: every model with an edit form has optimistic locking, and two civil
servants editing the same session or agenda item get the conflict page (issue 12, item 5)."""

from __future__ import annotations

import re

import pytest

from sakrad.cycles.models import Cycle, CycleState
from sakrad.extensions import db
from sakrad.meetings import agenda
from sakrad.meetings.models import AgendaItem, Meeting, MeetingSession
from sakrad.minutes.models import Document, MinutesRevision, Outcome
from sakrad.organisations.models import Organisation
from sakrad.proposals.models import TopicProposal
from tests.cycles_factories import make_cycle, make_meeting, staff_of
from tests.helpers import PASSWORD, make_body

# Each edit form of the application and the model it saves. A new edit route fails
# test_every_edit_form_is_listed until it is added here, with a version column.
EDIT_FORMS = {
    "organisations.edit": Organisation,
    "registry.edit": Organisation,
    "cycles.edit": Cycle,
    "meetings.edit": Meeting,
    "meetings.expectations": Meeting,
    "meetings.edit_session": MeetingSession,
    "meetings.edit_item": AgendaItem,
    "proposals.edit": TopicProposal,
    "minutes.edit_document": Document,
    "minutes.outcome": Outcome,
}
# Edited differently, so that no edit is lost either.
OTHER_GUARDS = {
    # Append-only revisions: a save names the revision it started from (based_on).
    "minutes.edit": MinutesRevision,
}
# Forms that are not edits of stored text: one choice or one action, nothing to lose.
NOT_EDITS = {"invitations.settings"}
EDIT_RULE = re.compile(r"/(edit|profile|expectations|outcome|decision|settings)$")


def test_every_edit_form_is_listed(app):
    found = {
        r.endpoint
        for r in app.url_map.iter_rules()
        if "POST" in r.methods and "GET" in r.methods and EDIT_RULE.search(r.rule)
    }
    assert found - NOT_EDITS - set(OTHER_GUARDS) == set(EDIT_FORMS), (
        "an edit form without a listed model: add it to EDIT_FORMS with a version column"
    )


@pytest.mark.parametrize("endpoint,model", sorted(EDIT_FORMS.items()))
def test_every_edited_model_has_a_version_column(endpoint, model):
    mapper = model.__mapper__
    assert mapper.version_id_col is not None, f"{model.__name__} ({endpoint}) has no version"


@pytest.fixture
def two_servants(app):
    with app.app_context():
        body = make_body()
        first, second = staff_of(body), staff_of(body)
        cycle = make_cycle(body, user=first, state=CycleState.OPEN)
        meeting = make_meeting(cycle, user=first, sessions=1)
        session = meeting.sessions[0]
        item = agenda.add_item(first, session, title="Inledning", duration_minutes=20)
        db.session.commit()
        return {
            "emails": (first.email, second.email),
            "meeting_id": meeting.id,
            "session_id": session.id,
            "item_id": item.id,
        }


def _client(app, email):
    client = app.test_client()
    assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 303
    client.get("/language/en")
    return client


def _form_values(html: str) -> dict[str, str]:
    values = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html))
    for name, text in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)</textarea>', html):
        values[name] = text
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option[^>]*value="([^"]*)"[^>]*selected', body)
        values[name] = chosen.group(1) if chosen else re.search(r'value="([^"]*)"', body).group(1)
    values.pop("csrf_token", None)
    return values


def test_two_servants_editing_one_agenda_item(app, two_servants):
    a, b = (_client(app, e) for e in two_servants["emails"])
    url = f"/manage/meetings/{two_servants['meeting_id']}/items/{two_servants['item_id']}/edit"
    form_a, form_b = _form_values(a.get(url).text), _form_values(b.get(url).text)
    assert form_a["version"] == form_b["version"]
    assert a.post(url, data={**form_a, "title": "A:s nya rubrik"}).status_code == 303
    response = b.post(url, data={**form_b, "description": "B:s beskrivning"})
    assert response.status_code == 200
    assert "Someone else saved this page after you opened it" in response.text
    assert "B:s beskrivning" in response.text  # B's input is kept
    with app.app_context():
        item = db.session.get(AgendaItem, two_servants["item_id"])
        assert item.title == "A:s nya rubrik"
        assert item.description is None
    # Reloaded, B saves on top of A's version.
    fresh = _form_values(b.get(url).text)
    assert fresh["title"] == "A:s nya rubrik"
    assert b.post(url, data={**fresh, "description": "B:s beskrivning"}).status_code == 303


def test_two_servants_editing_one_session(app, two_servants):
    a, b = (_client(app, e) for e in two_servants["emails"])
    url = (
        f"/manage/meetings/{two_servants['meeting_id']}/sessions/{two_servants['session_id']}/edit"
    )
    form_a, form_b = _form_values(a.get(url).text), _form_values(b.get(url).text)
    assert a.post(url, data={**form_a, "place": "Rosenbad, sal 1"}).status_code == 303
    response = b.post(url, data={**form_b, "online_url": "https://meet.example/b"})
    assert response.status_code == 200
    assert "Someone else saved this page after you opened it" in response.text
    with app.app_context():
        session = db.session.get(MeetingSession, two_servants["session_id"])
        assert session.place == "Rosenbad, sal 1"
        assert session.online_url != "https://meet.example/b"
