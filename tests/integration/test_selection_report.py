"""The published report, the frozen-input download, and `flask sakrad selection verify/run`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy.orm.attributes import flag_modified

from sakrad.extensions import db
from sakrad.meetings.models import Meeting
from sakrad.selection import service
from sakrad.selection.engine import run_from_json
from sakrad.selection.models import Selection
from tests.selection_factories import make_pool, make_selection, open_meeting

EXAMPLE = Path(__file__).resolve().parents[2] / "benchmarks" / "selection_example.json"


@pytest.fixture
def confirmed(app):
    with app.app_context():
        meeting = open_meeting()
        make_pool(meeting, 12)
        selection = make_selection(
            meeting,
            seats=4,
            quotas=[{"feature": "form", "value": "trossamfund", "min": 1, "max": 1}],
        )
        return {"meeting": meeting.id, "selection": selection.id}


def _publish(app, selection_id: int) -> None:
    with app.app_context():
        service.publish_report(db.session.get(Selection, selection_id))
        db.session.commit()


def test_report_hidden_until_published_then_shown(client, app, confirmed):
    url = f"/meetings/{confirmed['meeting']}"
    assert "selection-report-title" not in client.get(url).get_data(as_text=True)
    assert client.get(f"{url}/selection.json").status_code == 404
    _publish(app, confirmed["selection"])
    page = client.get(url).get_data(as_text=True)
    with app.app_context():
        selection = db.session.get(Selection, confirmed["selection"])
        seed, names = selection.seed, selection.names
        panel = service.selected_organisation_ids(selection)
    assert "selection-report-title" in page
    assert str(seed) in page
    assert 'role="img"' in page and "<title id=" in page
    assert "Trossamfund" in page  # the quota, labelled
    for org_id in panel:
        assert names[str(org_id)] in page
    # Every pooled organisation is listed with its probability.
    assert all(name in page for name in names.values())
    assert "Vi vill." not in page  # motivations are never public


def test_frozen_input_download_reruns_to_the_same_panel(client, app, confirmed):
    _publish(app, confirmed["selection"])
    response = client.get(f"/meetings/{confirmed['meeting']}/selection.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    data = json.loads(response.get_data(as_text=True))
    report = run_from_json(data, data["seed"], data["algorithm"], None)
    assert report["panel"] == data["published_panel"]
    assert report["reserve"] == data["published_reserve"]


def test_published_report_shows_manual_changes(client, app, confirmed):
    with app.app_context():
        selection = db.session.get(Selection, confirmed["selection"])
        removed = service.selected_organisation_ids(selection)[0]
        from tests.selection_factories import staff

        service.adjust(staff(selection.meeting), selection, removed, "removed", "Avböjde i förväg.")
        db.session.commit()
    _publish(app, confirmed["selection"])
    page = client.get(f"/meetings/{confirmed['meeting']}").get_data(as_text=True)
    assert "Avböjde i förväg." in page


def _swap_one_member(selection: Selection) -> None:
    """Tamper with the published panel: one member replaced by an organisation of the pool."""
    panel = list(selection.result["panel"])
    outsider = next(c["id"] for c in selection.pool["candidates"] if c["id"] not in panel)
    selection.result["panel"] = sorted([*panel[1:], outsider])
    flag_modified(selection, "result")
    db.session.commit()


def test_cli_verify_reproduces_and_detects_tampering(runner, app, confirmed):
    result = runner.invoke(args=["sakrad", "selection", "verify", str(confirmed["meeting"])])
    assert result.exit_code == 0, result.output
    assert "OK" in result.output
    with app.app_context():
        selection = db.session.get(Selection, confirmed["selection"])
        _swap_one_member(selection)
    result = runner.invoke(args=["sakrad", "selection", "verify", str(confirmed["meeting"])])
    assert result.exit_code == 1
    assert "MISMATCH" in result.output


def test_cli_verify_unknown_meeting(runner, app):
    result = runner.invoke(args=["sakrad", "selection", "verify", "999"])
    assert result.exit_code != 0


def test_cli_run_on_the_example_file(runner):
    result = runner.invoke(
        args=["sakrad", "selection", "run", str(EXAMPLE), "--seed", "7", "--algorithm", "leximin"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert len(report["panel"]) == data["seats"]
    assert report["seed"] == 7
    again = runner.invoke(args=["sakrad", "selection", "run", str(EXAMPLE), "--seed", "7"])
    assert json.loads(again.output)["panel"] == report["panel"]


def test_cli_run_reports_infeasible_quotas(runner, tmp_path):
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["quotas"] = [{"feature": "form", "value": "trossamfund", "min": 50, "max": 60}]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = runner.invoke(args=["sakrad", "selection", "run", str(path)])
    assert result.exit_code == 2
    assert "infeasible" in json.loads(result.output)


def test_next_reserve_keeps_quotas(app, confirmed):
    with app.app_context():
        selection = db.session.get(Selection, confirmed["selection"])
        panel = service.selected_organisation_ids(selection)
        features = {int(c["id"]): c["features"] for c in selection.pool["candidates"]}
        faith = [i for i in panel if features[i]["form"] == "trossamfund"]
        leaving = faith[0]
        got, message = service.next_reserve(selection, set(panel), leaving, set())
        assert got is not None and message is None
        rest = [i for i in panel if i != leaving] + [got]
        faith_after = sum(1 for i in rest if features[i]["form"] == "trossamfund")
        assert faith_after == 1 and len(faith) == 1
        # With every other faith community excluded, no reserve can keep the quota: the
        # message names it.
        others = {i for i in features if features[i]["form"] == "trossamfund"}
        got, message = service.next_reserve(selection, set(panel), leaving, others)
        assert got is None and "Trossamfund" in message


def test_meeting_of_other_body_first_time_feature(app, confirmed):
    """An organisation selected in a confirmed selection of the same convening body is no
    longer a first-timer in the next meeting's pool."""
    with app.app_context():
        selection = db.session.get(Selection, confirmed["selection"])
        meeting = db.session.get(Meeting, confirmed["meeting"])
        panel = service.selected_organisation_ids(selection)
        from sakrad.selection.models import Interest
        from sakrad.selection.pool import pool_candidates
        from tests.cycles_factories import make_meeting

        later = make_meeting(meeting.cycle)
        for c in selection.pool["candidates"]:
            db.session.add(Interest(meeting_id=later.id, organisation_id=int(c["id"])))
        db.session.commit()
        candidates, _ = pool_candidates(later)
        first = {int(c["id"]): c["features"]["first_time"] for c in candidates}
        assert all(first[i] == "no" for i in panel)
        assert all(v == "yes" for i, v in first.items() if i not in panel)


def test_cli_verify_names_an_older_engine_on_a_mismatch(runner, app, confirmed):
    # A report from before engine 1.2 (no "method"): it is re-run with column generation alone,
    # and a mismatch says which engine made the selection.
    with app.app_context():
        selection = db.session.get(Selection, confirmed["selection"])
        report = selection.result["report"]
        assert report["method"] == {"peel": True}
        del report["method"]
        report["engine_version"] = "sakrad-selection-engine 1.1"
        _swap_one_member(selection)
    result = runner.invoke(args=["sakrad", "selection", "verify", str(confirmed["meeting"])])
    assert result.exit_code == 1
    assert "published by sakrad-selection-engine 1.1" in result.output
    assert "(column generation)" in result.output
    assert "verify it with that version of Sakråd" in result.output
