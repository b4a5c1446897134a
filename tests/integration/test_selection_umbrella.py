"""Umbrella organisations: the registry sets an organisation's umbrella, a selection can seat at
most m per umbrella; the limit is kept in every panel, recorded in the frozen selection and its
report, and `flask sakrad selection run/verify` use it."""

from __future__ import annotations

import inspect
import json
from collections import Counter

import pytest
import sqlalchemy as sa

from sakrad.accounts.models import Role
from sakrad.extensions import db
from sakrad.meetings.models import Meeting
from sakrad.organisations.models import Organisation
from sakrad.selection import service
from sakrad.selection.engine import run_selection
from sakrad.selection.pool import pool_candidates
from tests.helpers import make_organisation, make_user
from tests.selection_factories import make_pool, open_meeting

# Each umbrella below has 4 pooled members: a limit of 4 records and reports the setting
# without binding; a limit of 2 on 6 seats binds in every panel. Only an engine that carries
# the limit into its pricing problem keeps a binding one (the engine branch adds it).
LIMIT = 4
BINDING = 2
needs_engine_limit = pytest.mark.skipif(
    "max_per_umbrella" not in inspect.signature(run_selection).parameters,
    reason="this engine has no umbrella limit yet (engine branch: run_selection max_per_umbrella)",
)


@pytest.fixture
def umbrella_pool(app):
    """12 pooled organisations: 4 under each of three national umbrellas."""
    with app.app_context():
        meeting = open_meeting()
        orgs = make_pool(meeting, 12)
        umbrellas = [make_organisation(f"Riksförbundet {n}") for n in range(3)]
        for umbrella in umbrellas:
            umbrella.county = "00"
        for n, org in enumerate(orgs):
            org.umbrella_id = umbrellas[n % 3].id
        db.session.commit()
        return {"meeting": meeting.id, "umbrellas": [u.id for u in umbrellas]}


def test_registry_edit_sets_the_umbrella(client, auth, app):
    with app.app_context():
        national = make_organisation("Studieförbundet Riks")
        national.county = "00"
        branch = make_organisation("Studieförbundet Norrbotten")
        admin = make_user(Role.ADMIN)
        db.session.commit()
        ids = {"national": national.id, "branch": branch.id, "email": admin.email}
        version = branch.version_id
    auth.login(ids["email"])
    url = f"/registry/{ids['branch']}/edit"
    page = client.get(url).get_data(as_text=True)
    assert 'id="umbrella_id"' in page and "Studieförbundet Riks" in page
    data = {
        "name": "Studieförbundet Norrbotten",
        "form": "studieforbund",
        "county": "25",
        "size": "21-100",
        "language": "sv",
        "version": str(version),
        "umbrella_id": str(ids["national"]),
    }
    assert client.post(url, data=data).status_code == 303
    with app.app_context():
        assert db.session.get(Organisation, ids["branch"]).umbrella_id == ids["national"]
    # An organisation cannot be its own umbrella: it is not among the choices.
    refused = client.post(url, data={**data, "umbrella_id": str(ids["branch"])})
    assert refused.status_code == 200
    with app.app_context():
        assert db.session.get(Organisation, ids["branch"]).umbrella_id == ids["national"]


def test_pool_candidates_carry_their_umbrella(app, umbrella_pool):
    with app.app_context():
        candidates, _ = pool_candidates(db.session.get(Meeting, umbrella_pool["meeting"]))
        assert {c["umbrella"] for c in candidates} == {str(u) for u in umbrella_pool["umbrellas"]}


def test_confirmed_selection_keeps_the_limit_and_verify_reproduces_it(app, runner, umbrella_pool):
    with app.app_context():
        meeting = db.session.get(Meeting, umbrella_pool["meeting"])
        user = make_user(Role.CIVIL_SERVANT, body=meeting.convening_body)
        selection = service.confirm(
            user,
            meeting,
            service.Settings(seats=6, quotas=[], max_per_umbrella=LIMIT),
            seed=4711,
            time_budget=10,
        )
        db.session.commit()
        assert selection.max_per_umbrella == LIMIT
        assert selection.pool["max_per_umbrella"] == LIMIT
        assert selection.result["report"]["max_per_umbrella"] == LIMIT
    result = runner.invoke(args=["sakrad", "selection", "verify", str(umbrella_pool["meeting"])])
    assert result.exit_code == 0, result.output
    assert f"at most per umbrella: {LIMIT}" in result.output
    assert "OK: the panel matches" in result.output


@needs_engine_limit
def test_a_binding_limit_holds_in_the_confirmed_panel(app, umbrella_pool):
    with app.app_context():
        meeting = db.session.get(Meeting, umbrella_pool["meeting"])
        user = make_user(Role.CIVIL_SERVANT, body=meeting.convening_body)
        for seed in range(5):
            params = service.prepare_preview(
                user, meeting, service.Settings(seats=6, quotas=[], max_per_umbrella=BINDING)
            )
            result = service.run_params({**params, "seed": seed})
            umbrellas = params["input"]["umbrellas"]
            counts = Counter(umbrellas[i] for i in result.panel)
            assert max(counts.values()) <= BINDING, (seed, counts)


def test_the_limit_is_refused_below_one(app, umbrella_pool):
    with app.app_context():
        meeting = db.session.get(Meeting, umbrella_pool["meeting"])
        user = make_user(Role.CIVIL_SERVANT, body=meeting.convening_body)
        with pytest.raises(service.SelectionError) as err:
            service.prepare_preview(
                user, meeting, service.Settings(seats=3, quotas=[], max_per_umbrella=0)
            )
        assert err.value.code == "max_per_umbrella"


def test_the_setup_form_shows_the_limit_in_the_preview(client, auth, app, umbrella_pool):
    with app.app_context():
        meeting = db.session.get(Meeting, umbrella_pool["meeting"])
        email = make_user(Role.CIVIL_SERVANT, body=meeting.convening_body).email
    auth.login(email)
    url = f"/manage/meetings/{umbrella_pool['meeting']}/selection"
    page = client.post(
        url,
        data={"seats": 6, "algorithm": "leximin", "max_per_umbrella": LIMIT, "run_preview": "P"},
    ).get_data(as_text=True)
    assert "preview-title" in page
    assert "Högst per paraplyorganisation" in page and f"<dd>{LIMIT}</dd>" in page
    refused = client.post(
        url, data={"seats": 6, "algorithm": "leximin", "max_per_umbrella": 0, "run_preview": "P"}
    )
    assert "preview-title" not in refused.get_data(as_text=True)


def test_confirming_through_the_check_page_keeps_the_limit_of_the_preview(
    client, auth, app, umbrella_pool
):
    """The preview's "Confirm" leads to the check page, whose confirmation seats the same
    settings, the umbrella limit included."""
    from sakrad.selection.models import Selection

    with app.app_context():
        meeting = db.session.get(Meeting, umbrella_pool["meeting"])
        email = make_user(Role.CIVIL_SERVANT, body=meeting.convening_body).email
    auth.login(email)
    url = f"/manage/meetings/{umbrella_pool['meeting']}/selection"
    data = {"seats": 6, "algorithm": "leximin", "max_per_umbrella": LIMIT}
    preview = client.post(url, data={**data, "run_preview": "P"}).get_data(as_text=True)
    assert f'formaction="{url}/check"' in preview
    check = client.post(f"{url}/check", data={**data, "confirm": "C"})
    assert check.status_code == 200
    assert f'name="max_per_umbrella" value="{LIMIT}"' in check.get_data(as_text=True)
    done = client.post(f"{url}/check", data={**data, "confirmed": "1", "close_interest": "1"})
    assert done.status_code == 303
    with app.app_context():
        selection = db.session.scalar(
            sa.select(Selection).where(Selection.meeting_id == umbrella_pool["meeting"])
        )
        assert selection.max_per_umbrella == LIMIT


def _pool_file(tmp_path, limit: int):
    """A pool file of twelve candidates under three umbrellas (four each), six seats and the
    umbrella ``limit``; its path and its candidates."""
    candidates = [
        {"id": f"o{n}", "features": {"form": "ideell_forening"}, "umbrella": f"u{n % 3}"}
        for n in range(12)
    ]
    path = tmp_path / "pool.json"
    path.write_text(
        json.dumps({"seats": 6, "candidates": candidates, "max_per_umbrella": limit}),
        encoding="utf-8",
    )
    return path, candidates


@needs_engine_limit
def test_cli_run_takes_the_limit_from_the_file_or_the_option(runner, tmp_path):
    path, candidates = _pool_file(tmp_path, BINDING)
    result = runner.invoke(args=["sakrad", "selection", "run", str(path), "--seed", "3"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["max_per_umbrella"] == BINDING
    umbrella = {c["id"]: c["umbrella"] for c in candidates}
    assert max(Counter(umbrella[i] for i in report["panel"]).values()) <= BINDING
    result = runner.invoke(
        args=["sakrad", "selection", "run", str(path), "--seed", "3", "--max-per-umbrella", "3"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["max_per_umbrella"] == 3


def test_cli_run_records_the_limit_from_the_file_or_the_option(runner, tmp_path):
    """Four members per umbrella and a limit of 4: recorded and reported, never binding."""
    path, candidates = _pool_file(tmp_path, LIMIT)
    result = runner.invoke(args=["sakrad", "selection", "run", str(path), "--seed", "3"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["max_per_umbrella"] == LIMIT
    result = runner.invoke(
        args=["sakrad", "selection", "run", str(path), "--seed", "3", "--max-per-umbrella", "5"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["max_per_umbrella"] == 5
    refused = runner.invoke(
        args=["sakrad", "selection", "run", str(path), "--max-per-umbrella", "0"]
    )
    assert refused.exit_code != 0
