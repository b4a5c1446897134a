"""Interest registration, preview, confirmation (frozen), replacement, manual changes."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from sakrad.accounts.models import Role
from sakrad.audit.models import AuditEntry
from sakrad.extensions import db
from sakrad.meetings.models import Meeting
from sakrad.selection import service
from sakrad.selection.models import Interest, PoolAddition, Selection, SelectionState
from tests.helpers import make_organisation, make_user
from tests.selection_factories import make_pool, make_selection, open_meeting, staff


def _actions() -> list[str]:
    return list(db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)))


# --------------------------------------------------------------------------- interest


@pytest.fixture
def rep_setup(app):
    with app.app_context():
        rep = make_user(Role.ORG_REP)
        own = make_organisation("Egen förening", reps=(rep,))
        other = make_organisation("Annans förening")
        meeting = open_meeting()
        closed = open_meeting(closes_in=timedelta(days=-1))
        return {
            "email": rep.email,
            "own": own.id,
            "other": other.id,
            "meeting": meeting.id,
            "closed": closed.id,
        }


def test_representative_registers_and_withdraws_interest(client, auth, app, rep_setup):
    auth.login(rep_setup["email"])
    url = f"/meetings/{rep_setup['meeting']}/interest"
    page = client.get(url)
    assert page.status_code == 200 and "Egen förening" in page.get_data(as_text=True)
    assert "Annans förening" not in page.get_data(as_text=True)
    response = client.post(
        url, data={"organisation_id": rep_setup["own"], "motivation": "Vi möter nyanlända."}
    )
    assert response.status_code == 303
    with app.app_context():
        interest = db.session.scalar(sa.select(Interest))
        assert interest.organisation_id == rep_setup["own"]
        assert interest.motivation == "Vi möter nyanlända."
        assert "selection.interest_registered" in _actions()
    # The public meeting page shows the representative the registration and a withdraw button.
    public = client.get(f"/meetings/{rep_setup['meeting']}").get_data(as_text=True)
    assert "Egen förening" in public
    withdraw = f"/meetings/{rep_setup['meeting']}/interest/{rep_setup['own']}/withdraw"
    assert client.post(withdraw).status_code == 303
    with app.app_context():
        assert db.session.scalar(sa.select(Interest)).withdrawn_at is not None


def test_interest_only_for_own_organisations(client, auth, app, rep_setup):
    auth.login(rep_setup["email"])
    url = f"/meetings/{rep_setup['meeting']}/interest"
    response = client.post(url, data={"organisation_id": rep_setup["other"]})
    assert response.status_code == 400
    withdraw = f"/meetings/{rep_setup['meeting']}/interest/{rep_setup['other']}/withdraw"
    assert client.post(withdraw).status_code == 403
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Interest)) == 0


def test_interest_refused_when_window_closed(client, auth, app, rep_setup):
    auth.login(rep_setup["email"])
    url = f"/meetings/{rep_setup['closed']}/interest"
    page = client.get(url).get_data(as_text=True)
    assert "is closed" in page or "är stängd" in page
    response = client.post(url, data={"organisation_id": rep_setup["own"]})
    assert response.status_code == 400
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Interest)) == 0


def test_service_refuses_interest_when_not_announced(app):
    with app.app_context():
        from sakrad.selection import pool

        rep = make_user(Role.ORG_REP)
        org = make_organisation(reps=(rep,))
        meeting = open_meeting()
        assert pool.interest_open(meeting)
        assert not pool.interest_open(meeting, meeting.interest_closes_at + timedelta(seconds=1))
        with pytest.raises(pool.SelectionError) as err:
            pool.register_interest(
                rep, meeting, org.id, now=meeting.interest_closes_at + timedelta(hours=1)
            )
        assert err.value.code == "interest_closed"


# --------------------------------------------------------------------------- staff pages


@pytest.fixture
def sakrad(app):
    with app.app_context():
        meeting = open_meeting()
        orgs = make_pool(meeting, 12)
        user = staff(meeting)
        return {"meeting": meeting.id, "email": user.email, "orgs": [o.id for o in orgs]}


def _form(seats=4, rows=(), **extra) -> dict:
    data = {"seats": seats, "algorithm": "leximin", **extra}
    for n, (group, low, high) in enumerate(rows):
        data[f"quotas-{n}-group"] = group
        data[f"quotas-{n}-min"] = "" if low is None else low
        data[f"quotas-{n}-max"] = "" if high is None else high
    return data


def test_widen_pool_with_a_registry_filter_is_logged(client, auth, app, sakrad):
    auth.login(sakrad["email"])
    with app.app_context():
        extra = make_organisation("Trossamfundet i Kiruna")
        extra.form, extra.county = "trossamfund", "25"
        db.session.commit()
    url = f"/manage/meetings/{sakrad['meeting']}/selection/pool"
    assert client.post(url, data={"county": "", "form": ""}).status_code == 200  # empty filter
    response = client.post(url, data={"county": "25", "form": "trossamfund"})
    assert response.status_code == 303
    page = client.get(url).get_data(as_text=True)
    assert "Trossamfundet i Kiruna" in page
    # The addition names its filter in words, not in codes.
    assert "Län: Norrbottens län" in page and "county=25" not in page
    with app.app_context():
        addition = db.session.scalar(sa.select(PoolAddition))
        assert addition.filter["county"] == "25" and extra.id in addition.organisation_ids
        assert "selection.pool_widened" in _actions()


def test_preview_saves_nothing(client, auth, app, sakrad):
    auth.login(sakrad["email"])
    url = f"/manage/meetings/{sakrad['meeting']}/selection"
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, data=_form(4, [("form=trossamfund", 1, 2)], run_preview="Preview"))
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'role="img"' in text and "<desc" in text
    assert "preview-title" in text
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Selection)) == 0


def test_add_row_gives_one_more_quota_row(client, auth, sakrad):
    auth.login(sakrad["email"])
    url = f"/manage/meetings/{sakrad['meeting']}/selection"
    before = client.get(url).get_data(as_text=True).count('class="quota-row"')
    after = client.post(url, data=_form(4, add_row="Add")).get_data(as_text=True)
    assert after.count('class="quota-row"') == before + 1


def test_infeasible_quotas_are_explained_at_the_form(client, auth, app, sakrad):
    auth.login(sakrad["email"])
    url = f"/manage/meetings/{sakrad['meeting']}/selection"
    # Only 3 of the 12 pooled organisations are faith communities.
    response = client.post(url, data=_form(4, [("form=trossamfund", 4, 4)], run_preview="P"))
    text = response.get_data(as_text=True)
    assert 'id="infeasible"' in text
    assert "bara 3 i urvalspoolen" in text
    assert "3–4" in text  # the suggested relaxation
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Selection)) == 0


def test_confirm_freezes_the_selection(client, auth, app, sakrad):
    auth.login(sakrad["email"])
    url = f"/manage/meetings/{sakrad['meeting']}/selection"
    # The interest registration is still open: closing it now is part of confirming.
    data = _form(4, [("county_group=big_city", 1, None)], confirm="C", close_interest="y")
    response = client.post(url, data=data)
    assert response.status_code == 303
    with app.app_context():
        selection = db.session.scalar(sa.select(Selection))
        assert selection.state == SelectionState.CONFIRMED
        assert 0 <= selection.seed < 2**32
        assert len(selection.result["panel"]) == 4
        assert selection.quotas == [
            {"feature": "county_group", "value": "big_city", "min": 1, "max": 4}
        ]
        frozen = {c["id"]: c["features"] for c in selection.pool["candidates"]}
        assert len(frozen) == 12
        org_id = sakrad["orgs"][0]
        before = dict(frozen[str(org_id)])
        # A later edit of the registry does not touch the frozen pool.
        from sakrad.organisations.models import Organisation

        org = db.session.get(Organisation, org_id)
        org.county, org.form = "03", "annan"
        db.session.commit()
        db.session.expire_all()
        again = db.session.get(Selection, selection.id)
        assert {c["id"]: c["features"] for c in again.pool["candidates"]}[str(org_id)] == before
        sel_id = selection.id
    show = client.get(f"{url}/{sel_id}")
    assert show.status_code == 200
    # There is no route that edits a confirmed selection.
    assert client.post(f"{url}/{sel_id}", data={"seats": 2}).status_code == 405
    assert client.post(f"{url}/{sel_id}/edit", data={"seats": 2}).status_code == 404


def test_replacement_needs_and_logs_a_reason(client, auth, app, sakrad):
    with app.app_context():
        first = make_selection(db.session.get(Meeting, sakrad["meeting"]))
        first_id = first.id
    auth.login(sakrad["email"])
    url = f"/manage/meetings/{sakrad['meeting']}/selection"
    refused = client.post(url, data=_form(5, confirm="C", close_interest="y"))
    assert refused.status_code == 200
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Selection)) == 1
    response = client.post(
        url,
        data=_form(5, confirm="C", close_interest="y", replace_reason="Fler platser i lokalen."),
    )
    assert response.status_code == 303
    with app.app_context():
        old = db.session.get(Selection, first_id)
        new = service.confirmed_selection(old.meeting)
        assert old.state == SelectionState.REPLACED and old.replaced_by_id == new.id
        assert old.replace_reason == "Fler platser i lokalen."
        assert new.seats == 5
        entry = db.session.scalar(
            sa.select(AuditEntry).where(AuditEntry.action == "selection.replaced")
        )
        assert entry.after["reason"] == "Fler platser i lokalen."


def test_manual_changes_need_a_reason_and_are_shown(client, auth, app, sakrad):
    with app.app_context():
        selection = make_selection(db.session.get(Meeting, sakrad["meeting"]))
        panel = service.selected_organisation_ids(selection)
        outside = next(i for i in sakrad["orgs"] if i not in panel)
        sel_id, removed = selection.id, panel[0]
    auth.login(sakrad["email"])
    base = f"/manage/meetings/{sakrad['meeting']}/selection/{sel_id}"
    no_reason = client.post(f"{base}/add", data={"add-organisation_id": outside, "add-reason": ""})
    assert no_reason.status_code == 400
    ok = client.post(
        f"{base}/add", data={"add-organisation_id": outside, "add-reason": "Saknar röst från norr."}
    )
    assert ok.status_code == 303
    ok = client.post(
        f"{base}/remove", data={"remove-organisation_id": removed, "remove-reason": "Jäv."}
    )
    assert ok.status_code == 303
    with app.app_context():
        selection = db.session.get(Selection, sel_id)
        now = service.selected_organisation_ids(selection)
        assert outside in now and removed not in now and len(now) == 4
    page = client.get(base).get_data(as_text=True)
    assert "Saknar röst från norr." in page and "Jäv." in page


def test_no_new_selection_for_a_cancelled_meeting(app, sakrad):
    with app.app_context():
        from sakrad.meetings import service as meetings

        meeting = db.session.get(Meeting, sakrad["meeting"])
        user = staff(meeting)
        meetings.cancel(user, meeting, "Lokalen brann.")
        db.session.commit()
        with pytest.raises(service.SelectionError) as err:
            service.confirm(user, meeting, service.Settings(seats=3, quotas=[]))
        assert err.value.code == "meeting_closed"
