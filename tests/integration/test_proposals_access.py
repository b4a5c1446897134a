"""Every route of the proposals package for each role: anonymous, representative of the
proposing organisation, representative of another organisation, civil servant of the cycle's
convening body and of another body, admin."""

from __future__ import annotations

import pytest

from sakrad.accounts.models import Role
from tests.access import LOGIN, assert_status, emails_and_ids, request_as, role_users
from tests.helpers import make_body, make_organisation, make_user
from tests.proposals_factories import VALID, make_agenda_item, make_cycle, make_proposal
from tests.snapshots import built_once

ROLES = ("anonymous", "org_rep", "other_org_rep", "civil_servant", "other_civil_servant", "admin")


def _only(allowed: dict, default: object = 403) -> dict:
    return {"anonymous": LOGIN, **dict.fromkeys(ROLES[1:], default), **allowed}


PROPOSAL = {**VALID, "organisation_id": "{org_id}", "version": "1"}
DECISION = {"state": "accepted", "response_text": "Motiverat svar.", "merged_into_id": "0"}

# (method, path, form data, {role: expected status}); "login": redirected to log in.
ROUTES = [
    (
        "GET",
        "/proposals/cycle/{cycle_id}/new",
        None,
        _only({"org_rep": 200, "other_org_rep": 200}),
    ),
    # Another organisation's representative is refused at the organisation field (200).
    (
        "POST",
        "/proposals/cycle/{cycle_id}/new",
        PROPOSAL,
        _only({"org_rep": 303, "other_org_rep": 200}),
    ),
    (
        "GET",
        "/proposals/{proposal_id}",
        None,
        _only({"org_rep": 200, "civil_servant": 200, "admin": 200}),
    ),
    ("GET", "/proposals/{proposal_id}/edit", None, _only({"org_rep": 200})),
    ("POST", "/proposals/{proposal_id}/edit", PROPOSAL, _only({"org_rep": 303})),
    ("POST", "/proposals/{proposal_id}/withdraw", {}, _only({"org_rep": 303})),
    (
        "POST",
        "/proposals/{proposal_id}/decision",
        DECISION,
        _only({"civil_servant": 303, "admin": 303}),
    ),
    (
        "POST",
        "/proposals/{proposal_id}/agenda-item",
        {"agenda_item_id": "{item_id}"},
        _only({"civil_servant": 303, "admin": 303}),
    ),
    ("GET", "/proposals/cycle/{cycle_id}", None, _only({"civil_servant": 200, "admin": 200})),
    (
        "POST",
        "/proposals/cycle/{cycle_id}/publish",
        {},
        _only({"civil_servant": 303, "admin": 303}),
    ),
    ("GET", "/proposals/999999", None, _only({}, default=404)),
    ("GET", "/proposals/cycle/999999", None, _only({}, default=(403, 404))),
    # Public pages that show published proposals.
    ("GET", "/cycles/{cycle_id}", None, dict.fromkeys(ROLES, 200)),
    ("GET", "/organisations/{org_slug}", None, dict.fromkeys(ROLES, 200)),
    ("GET", "/dashboard/", None, _only({}, default=200)),
]


@pytest.fixture
@built_once
def people(app):
    with app.app_context():
        body = make_body("Arbetsmarknadsdepartementet")
        other = make_body("Kulturdepartementet")
        users = role_users(body, other, other_org_rep=make_user(Role.ORG_REP))
        org = make_organisation("Hela Sverige ska leva", reps=(users["org_rep"],))
        make_organisation("Röda Korset", reps=(users["other_org_rep"],))
        cycle = make_cycle(body)
        item = make_agenda_item(cycle)
        proposal = make_proposal(cycle, org, by=users["org_rep"])
        return emails_and_ids(
            users,
            cycle_id=cycle.id,
            proposal_id=proposal.id,
            org_id=org.id,
            org_slug=org.slug,
            item_id=item.id,
        )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "method,path,data,expected", ROUTES, ids=[f"{m} {p}" for m, p, _, _ in ROUTES]
)
def test_proposal_route_access(client, auth, people, role, method, path, data, expected):
    if role != "anonymous":
        assert auth.login(people["emails"][role]).status_code == 303
    ids = people["ids"]
    client_data = {k: str(v).format(**ids) for k, v in (data or {}).items()}
    if path.endswith("/agenda-item") and role in ("civil_servant", "admin"):
        # Only an accepted proposal can be linked: accept it first.
        client.post(path.format(**ids).replace("agenda-item", "decision"), data=DECISION)
    response = request_as(client, auth, None, method, path.format(**ids), client_data or None)
    assert_status(response, expected[role])
