"""Proposing topics: the call window, limits, editing with optimistic locking, withdrawing."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from sakrad.accounts.models import Role
from sakrad.audit.models import AuditEntry
from sakrad.extensions import db
from sakrad.proposals.models import FOCUS_MAX, ProposalState, TopicProposal
from tests.helpers import make_body, make_organisation, make_user
from tests.proposals_factories import VALID, make_cycle, make_proposal


@pytest.fixture
def world(app):
    with app.app_context():
        body = make_body("Arbetsmarknadsdepartementet")
        rep = make_user(Role.ORG_REP)
        other_rep = make_user(Role.ORG_REP)
        org = make_organisation("Hela Sverige ska leva", reps=(rep,))
        second = make_organisation("Studieförbundet Vuxenskolan", reps=(rep,))
        other = make_organisation("Röda Korset", reps=(other_rep,))
        cycles = {call: make_cycle(body, call=call) for call in ("open", "future", "closed")}
        return SimpleNamespace(
            rep=rep.email,
            other_rep=other_rep.email,
            org=org.id,
            second=second.id,
            other=other.id,
            cycle={k: c.id for k, c in cycles.items()},
        )


def _count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(TopicProposal))


def _post(client, cycle_id: int, org_id: int, **overrides):
    return client.post(
        f"/proposals/cycle/{cycle_id}/new", data={**VALID, "organisation_id": org_id, **overrides}
    )


def test_submit_while_call_open_for_chosen_organisation(app, client, auth, world):
    auth.login(world.rep)
    page = client.get(f"/proposals/cycle/{world.cycle['open']}/new").get_data(as_text=True)
    # Two organisations: the representative chooses.
    assert "Hela Sverige ska leva" in page and "Studieförbundet Vuxenskolan" in page
    response = _post(client, world.cycle["open"], world.second)
    assert response.status_code == 303
    with app.app_context():
        proposal = db.session.scalar(sa.select(TopicProposal))
        assert proposal.organisation_id == world.second
        assert proposal.state == ProposalState.SUBMITTED
        assert proposal.questions == VALID["questions"]
        assert db.session.scalar(
            sa.select(AuditEntry.id).where(AuditEntry.action == "proposal.submitted")
        )
    shown = client.get(response.headers["Location"]).get_data(as_text=True)
    assert VALID["focus"] in shown and "Inskickat" in shown


@pytest.mark.parametrize("call", ["future", "closed"])
def test_outside_the_call_nothing_is_accepted_with_a_clear_message(app, client, auth, world, call):
    auth.login(world.rep)
    page = client.get(f"/proposals/cycle/{world.cycle[call]}/new").get_data(as_text=True)
    assert "Inlämningen av ämnesförslag är stängd" in page
    assert 'name="focus"' not in page  # no form to fill in
    response = _post(client, world.cycle[call], world.org)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Inlämningen av ämnesförslag är stängd. Inget har sparats." in body
    # The text the person wrote is kept so it is not lost.
    assert VALID["focus"] in body
    with app.app_context():
        assert _count() == 0


def test_a_draft_cycle_is_not_found(app, client, auth, world):
    from sakrad.cycles.models import Cycle, CycleState

    with app.app_context():
        db.session.get(Cycle, world.cycle["open"]).state = CycleState.DRAFT
        db.session.commit()
    auth.login(world.rep)
    assert client.get(f"/proposals/cycle/{world.cycle['open']}/new").status_code == 404
    assert _post(client, world.cycle["open"], world.org).status_code == 404
    with app.app_context():
        assert _count() == 0


def test_cannot_propose_for_an_organisation_one_does_not_represent(app, client, auth, world):
    auth.login(world.rep)
    response = _post(client, world.cycle["open"], world.other)
    assert response.status_code == 200
    with app.app_context():
        assert _count() == 0


@pytest.mark.parametrize(
    "field,limit", [("title", 200), ("focus", FOCUS_MAX), ("questions", 4000), ("background", 8000)]
)
def test_text_over_the_limit_is_refused_at_the_field(app, client, auth, world, field, limit):
    auth.login(world.rep)
    response = _post(client, world.cycle["open"], world.org, **{field: "x" * (limit + 1)})
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'id="{field}-error"' in body
    assert f"Högst {limit} tecken" in body
    with app.app_context():
        assert _count() == 0


def test_required_fields(app, client, auth, world):
    auth.login(world.rep)
    body = _post(client, world.cycle["open"], world.org, questions="  ").get_data(as_text=True)
    assert 'id="questions-error"' in body
    with app.app_context():
        assert _count() == 0


def _own_proposal(app, world, cycle: str = "open") -> int:
    with app.app_context():
        from sakrad.cycles.models import Cycle
        from sakrad.organisations.models import Organisation

        return make_proposal(
            db.session.get(Cycle, world.cycle[cycle]), db.session.get(Organisation, world.org)
        ).id


def test_edit_while_open_and_stale_form_is_refused(app, client, auth, world):
    pid = _own_proposal(app, world)
    auth.login(world.rep)
    assert client.get(f"/proposals/{pid}/edit").status_code == 200
    data = {**VALID, "organisation_id": world.org, "title": "Ny titel", "version": 1}
    assert client.post(f"/proposals/{pid}/edit", data=data).status_code == 303
    # The same (now stale) form again: refused, the input kept, nothing saved.
    stale = client.post(f"/proposals/{pid}/edit", data={**data, "title": "Krockande titel"})
    body = stale.get_data(as_text=True)
    assert stale.status_code == 200
    assert "Någon annan har ändrat förslaget" in body
    assert "Krockande titel" in body
    with app.app_context():
        proposal = db.session.get(TopicProposal, pid)
        assert proposal.title == "Ny titel" and proposal.version_id == 2


def test_edit_and_withdraw_refused_after_the_call_closes(app, client, auth, world):
    pid = _own_proposal(app, world, "closed")
    auth.login(world.rep)
    data = {**VALID, "organisation_id": world.org, "title": "Sen ändring", "version": 1}
    body = client.post(f"/proposals/{pid}/edit", data=data).get_data(as_text=True)
    assert "Inlämningen av ämnesförslag är stängd" in body
    client.post(f"/proposals/{pid}/withdraw")
    with app.app_context():
        proposal = db.session.get(TopicProposal, pid)
        assert proposal.title != "Sen ändring"
        assert proposal.state == ProposalState.SUBMITTED


def test_withdraw_while_open(app, client, auth, world):
    pid = _own_proposal(app, world)
    auth.login(world.rep)
    assert client.post(f"/proposals/{pid}/withdraw").status_code == 303
    with app.app_context():
        proposal = db.session.get(TopicProposal, pid)
        assert proposal.state == ProposalState.WITHDRAWN and proposal.withdrawn_at
    page = client.get(f"/proposals/{pid}").get_data(as_text=True)
    assert "Återkallat" in page
    assert f"/proposals/{pid}/edit" not in page


def test_another_organisations_representative_cannot_change_it(app, client, auth, world):
    pid = _own_proposal(app, world)
    auth.login(world.other_rep)
    data = {**VALID, "organisation_id": world.org, "title": "Kapat", "version": 1}
    assert client.get(f"/proposals/{pid}").status_code == 403
    assert client.post(f"/proposals/{pid}/edit", data=data).status_code == 403
    assert client.post(f"/proposals/{pid}/withdraw").status_code == 403
    with app.app_context():
        proposal = db.session.get(TopicProposal, pid)
        assert proposal.title != "Kapat" and proposal.state == ProposalState.SUBMITTED


def test_dashboard_lists_own_proposals_and_open_calls(app, client, auth, world):
    pid = _own_proposal(app, world)
    auth.login(world.rep)
    page = client.get("/dashboard/").get_data(as_text=True)
    assert f"/proposals/cycle/{world.cycle['open']}/new" in page
    assert f"/proposals/cycle/{world.cycle['closed']}/new" not in page
    assert f"/proposals/cycle/{world.cycle['future']}/new" not in page
    assert f"/proposals/{pid}" in page
    auth.logout()
    auth.login(world.other_rep)
    assert f'/proposals/{pid}"' not in client.get("/dashboard/").get_data(as_text=True)
