"""Every selection route for each role: anonymous, representative (of an organisation in the
pool and of another), civil servant of this and of another convening body, admin."""

from __future__ import annotations

import pytest

from sakrad.accounts.models import Role
from sakrad.extensions import db
from sakrad.selection import jobs, service
from sakrad.selection.models import JobKind, PoolAddition
from tests.access import LOGIN, assert_status, emails_and_ids, expect, request_as, role_users
from tests.helpers import make_body, make_organisation, make_user
from tests.selection_factories import make_pool, make_selection, open_meeting
from tests.snapshots import built_once

ROLES = ("anonymous", "org_rep", "other_org_rep", "civil_servant", "other_civil_servant", "admin")
STAFF = expect(403, ROLES, anonymous=LOGIN, civil_servant=(200, 303), admin=(200, 303))
REP = expect(403, ROLES, anonymous=LOGIN, org_rep=(200, 303), other_org_rep=200)
PUBLIC = dict.fromkeys(ROLES, 200)

ROUTES = [
    ("GET", "/manage/meetings/{m}/selection", STAFF),
    ("POST", "/manage/meetings/{m}/selection", STAFF),
    ("GET", "/manage/meetings/{m}/selection/pool", STAFF),
    ("POST", "/manage/meetings/{m}/selection/pool", STAFF),
    ("POST", "/manage/meetings/{m}/selection/pool/{a}/remove", STAFF),
    ("GET", "/manage/meetings/{m}/selection/{s}", STAFF),
    (
        "POST",
        "/manage/meetings/{m}/selection/{s}/add",
        {**STAFF, "civil_servant": 400, "admin": 400},
    ),
    (
        "POST",
        "/manage/meetings/{m}/selection/{s}/remove",
        {**STAFF, "civil_servant": 400, "admin": 400},
    ),
    ("GET", "/manage/meetings/{m}/selection/jobs/{j}", STAFF),
    ("GET", "/manage/meetings/{m}/selection/jobs/{j}.json", STAFF),
    ("GET", "/manage/meetings/{m}/selection/jobs/{j}/check", STAFF),
    ("POST", "/manage/meetings/{m}/selection/jobs/{j}/cancel", STAFF),
    ("POST", "/manage/meetings/{m}/selection/jobs/{j}/retry", STAFF),
    (
        "POST",
        "/manage/meetings/{m}/selection/jobs/{j}/confirm",
        {**STAFF, "civil_servant": 400, "admin": 400},
    ),
    # Interest is registered for a meeting whose selection is not confirmed yet ({im}): once it
    # is, nobody is offered "Anmäl intresse" any more (tested in test_checks.py).
    ("GET", "/meetings/{im}/interest", REP),
    ("POST", "/meetings/{im}/interest", {**REP, "org_rep": 303, "other_org_rep": 400}),
    ("POST", "/meetings/{im}/interest/{o}/withdraw", {**REP, "org_rep": 303, "other_org_rep": 403}),
    ("GET", "/meetings/{m}", PUBLIC),
    ("GET", "/meetings/{m}/selection.json", PUBLIC),
]


@pytest.fixture
@built_once
def world(app):
    with app.app_context():
        body = make_body("Arbetsmarknadsdepartementet")
        other = make_body("Kulturdepartementet")
        meeting = open_meeting(body)
        make_pool(meeting, 8)
        interest_meeting = open_meeting(body)
        rep = make_user(Role.ORG_REP)
        other_rep = make_user(Role.ORG_REP)
        own = make_organisation("Egen", reps=(rep,))
        make_organisation("Annan", reps=(other_rep,))
        users = role_users(body, other, org_rep=rep, other_org_rep=other_rep)
        selection = make_selection(meeting, seats=3, user=users["civil_servant"])
        service.publish_report(selection)
        # A finished preview (jobs run eagerly in tests).
        job = jobs.start(
            users["civil_servant"], meeting, JobKind.PREVIEW, service.Settings(seats=2, quotas=[])
        )
        db.session.commit()
        jobs.dispatch(job.id)
        addition = PoolAddition(meeting_id=meeting.id, filter={"county": "01"}, organisation_ids=[])
        db.session.add(addition)
        db.session.commit()
        people = emails_and_ids(
            users, m=meeting.id, im=interest_meeting.id, s=selection.id, a=addition.id,
            o=own.id, j=job.id,
        )  # fmt: skip
        return {**people, "own": own.id}


def _data(method: str, path: str, world: dict) -> dict:
    if method != "POST":
        return {}
    if path.endswith("/interest"):
        return {"organisation_id": world["own"]}
    if path.endswith("/selection"):
        return {"seats": 2, "algorithm": "leximin", "run_preview": "Preview"}
    if path.endswith("/pool"):
        return {"county": "01"}
    return {}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method,path,expected", ROUTES, ids=[f"{m} {p}" for m, p, _ in ROUTES])
def test_selection_route_access(client, auth, world, role, method, path, expected):
    if role != "anonymous":
        assert auth.login(world["emails"][role]).status_code == 303
    if role == "org_rep" and path.endswith("/withdraw"):
        client.post(
            f"/meetings/{world['ids']['im']}/interest", data={"organisation_id": world["own"]}
        )
    url = path.format(**world["ids"])
    response = request_as(client, auth, None, method, url, _data(method, path, world))
    assert_status(response, expected[role])


@pytest.mark.parametrize("path", ["/manage/meetings/999/selection", "/meetings/999/interest"])
def test_missing_meeting_is_404(client, auth, world, path):
    auth.login(world["emails"]["admin" if "manage" in path else "org_rep"])
    assert client.get(path).status_code == 404
