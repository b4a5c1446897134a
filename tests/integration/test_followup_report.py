"""Every figure of the follow-up report on a world whose values are counted by hand
(tests/followup_factories.py), freezing on publication, the public and installation-wide
reports, the downloads and the API, and a number of queries that does not grow with data."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from sakrad.accounts.models import Role
from sakrad.extensions import db
from sakrad.followup import figures, service
from sakrad.invitations.models import InvitationState
from sakrad.meetings.models import MeetingState
from tests.followup_factories import at, invite, make_world, meeting, org
from tests.helpers import make_user


@pytest.fixture
def world(ctx):
    return make_world()


def test_meeting_figures(world) -> None:
    f = figures.compute(world.body.id, world.year)
    assert f["meetings"] == {
        "announced": 4,  # M1, M2, M3, M5 (M4 is a draft; M0 and M0a are other years)
        "held": 3,
        "held_by_kind": {"high_level": 1, "sakrad": 2},
        "minutes_published": 2,
        "days_to_minutes": {"count": 2, "median": 20, "longest": 30},
        "card_complete": 3,  # M2's card is empty
    }
    rows = {r["title"]: r for r in f["meeting_list"]}
    assert list(rows) == ["Sakråd ett", "Högnivåmöte", "Sakråd fem", "Sakråd tre"]
    assert rows["Sakråd ett"]["date"] == "2030-03-10"
    assert rows["Sakråd ett"]["days_to_minutes"] == 10
    assert rows["Sakråd ett"]["selection_method"] == "leximin"
    assert rows["Sakråd ett"]["lowest_probability"] == 0.25
    assert rows["Sakråd fem"]["selection_method"] is None


def test_participation_and_concentration(world) -> None:
    f = figures.compute(world.body.id, world.year)
    assert f["participation"] == {
        "invitations": 20,
        "organisations_invited": 16,
        "meetings_with_invitations": 4,
        "accepted": 6,
        "attended": 5,
        "organisations_attended": 2,
    }
    c = f["concentration"]
    assert [o["invitations"] for o in c["top10"]] == [4, 2, 1, 1, 1, 1, 1, 1, 1, 1]
    assert [o["name"] for o in c["top10"][:3]] == ["Förening 01", "Förening 02", "Förening 03"]
    assert c["top10_invitations"] == 14
    assert c["top10_share"] == 0.7
    assert [o["name"] for o in c["invited_to_every_meeting"]] == ["Förening 01"]
    assert c["consecutive_2_years"] == 2  # O1 and O2 were invited in 2029 too
    assert c["consecutive_3_years"] == 1  # O1 also in 2028


def test_profiles(world) -> None:
    p = figures.compute(world.body.id, world.year)["profiles"]
    assert p["sizes"] == {"registry": 17, "invited": 16, "attending": 2, "pool": 3}
    form = p["features"]["form"]
    assert form["registry"] == {"ideell_forening": 2, "stiftelse": 1, "annan": 14}
    assert form["invited"] == {"ideell_forening": 2, "stiftelse": 1, "annan": 13}
    assert form["attending"] == {"ideell_forening": 2}
    assert form["pool"] == {"ideell_forening": 2, "stiftelse": 1}
    assert p["features"]["county"]["invited"] == {"00": 16}
    assert p["features"]["focus_areas"]["registry"] == {"fu-integration": 2}
    assert p["features"]["focus_areas"]["attending"] == {"fu-integration": 1}
    first = p["features"]["first_time"]
    assert first["registry"] == {"yes": 16, "no": 1}
    assert first["invited"] == {"yes": 15, "no": 1}
    assert first["attending"] == {"yes": 1, "no": 1}
    assert first["pool"] == {"yes": 2, "no": 1}


def test_proposals(world) -> None:
    p = figures.compute(world.body.id, world.year)["proposals"]
    assert p == {
        "submitted": 4,
        "by_state": {"accepted": 1, "declined": 1, "submitted": 1, "withdrawn": 1},
        "answered": 2,
        "answered_share": 0.6667,
        "days_close_to_responses": {"count": 1, "median": 14, "longest": 14},
        "on_agenda": 1,
    }


def test_principles(world) -> None:
    p = figures.compute(world.body.id, world.year)["principles"]
    assert p["threshold"] == 5
    assert (p["answers"], p["answers_counted"], p["self_assessments"]) == (7, 5, 1)
    per = {row["meeting_id"]: row for row in p["per_meeting"]}
    m1, m2 = per[world.meetings["M1"].id], per[world.meetings["M2"].id]
    assert m1["withheld"] is False and m1["answers"] == 5
    assert m1["organisations"]["dialogue"] == {"rated": 4, "total": 17, "unknown": 1, "mean": 4.25}
    assert m2["withheld"] is True and m2["answers"] == 2 and m2["organisations"] is None
    dialogue = p["year"]["dialogue"]
    assert dialogue["organisations"]["mean"] == 4.25  # M2's withheld answers do not count
    assert dialogue["previous_year_mean"] == 3.0
    assert dialogue["change"] == 1.25
    assert dialogue["self_assessment"]["mean"] == 3.0
    quality = p["year"]["quality"]
    assert quality["organisations"]["mean"] == 4.0
    assert quality["previous_year_mean"] is None and quality["change"] is None
    assert quality["self_assessment"]["mean"] == 2.0
    assert p["feedback_received"] == {
        "answers": 5, "answers_counted": 5, "withheld": False,
        "yes": 2, "partly": 1, "no": 1, "dont_know": 1,
    }  # fmt: skip


def _count_queries():
    counter = {"n": 0}

    def listener(*_a, **_k) -> None:
        counter["n"] += 1

    sa.event.listen(db.engine, "before_cursor_execute", listener)
    return counter, lambda: sa.event.remove(db.engine, "before_cursor_execute", listener)


def test_number_of_queries_does_not_grow_with_the_data(world) -> None:
    figures.compute(world.body.id, world.year)  # warm: the question set exists
    counter, stop = _count_queries()
    figures.compute(world.body.id, world.year)
    small = counter["n"]
    c30 = world.meetings["M1"].cycle
    for n in range(10):
        m = meeting(c30, f"Extra {n}", MeetingState.HELD, at(world.year, 6, 1 + n))
        for i in range(5):
            invite(m, org(f"Extra {n}-{i}"), InvitationState.ACCEPTED, True)
    db.session.commit()
    counter["n"] = 0
    bigger = figures.compute(world.body.id, world.year)
    stop()
    assert bigger["meetings"]["held"] == 13
    assert counter["n"] == small
    assert small <= 25


def _staff(world):
    return make_user(Role.CIVIL_SERVANT, body=world.body)


def test_publishing_freezes_the_figures(world, client, auth) -> None:
    staff = _staff(world)
    slug, year = world.body.slug, world.year
    auth.login(staff.email)
    assert client.get(f"/followup/{slug}/{year}").status_code == 404  # a draft is not public
    page = client.get(f"/manage/followup/{slug}/{year}")
    assert page.status_code == 200
    assert "levande utkast" in page.get_data(as_text=True)
    r = client.post(f"/manage/followup/{slug}/{year}",
                    data={"summary": "Ett år av dialog.", "version": ""})  # fmt: skip
    assert r.status_code == 303
    check = client.get(f"/manage/followup/{slug}/{year}/publish")
    assert "Det går inte att ångra" in check.get_data(as_text=True)
    version = db.session.scalar(sa.text("SELECT version_id FROM followup_reports"))
    r = client.post(f"/manage/followup/{slug}/{year}/publish", data={"version": str(version)})
    assert r.status_code == 303
    public = client.get(f"/followup/{slug}/{year}").get_data(as_text=True)
    assert 'id="fig-invitations">20<' in public
    assert "Ett år av dialog." in public

    # Data changes afterwards: the live figures move, the published report does not.
    invite(world.meetings["M3"], world.orgs["O6"], InvitationState.SENT)
    db.session.commit()
    assert figures.compute(world.body.id, year)["participation"]["invitations"] == 21
    auth.logout()
    public = client.get(f"/followup/{slug}/{year}").get_data(as_text=True)
    assert 'id="fig-invitations">20<' in public
    api = client.get(f"/api/v1/followup/{slug}/{year}").get_json()
    assert api["figures"]["participation"]["invitations"] == 20
    data = json.loads(client.get(f"/followup/{slug}/{year}/report.json").get_data())
    assert data["figures"]["participation"]["invitations"] == 20
    csv_text = client.get(f"/followup/{slug}/{year}/report.csv").get_data(as_text=True)
    assert "participation,invitations,20" in csv_text
    pdf = client.get(f"/followup/{slug}/{year}/report.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    # Publishing again is refused.
    auth.login(staff.email)
    r = client.post(f"/manage/followup/{slug}/{year}/publish", data={"version": str(version)})
    assert r.status_code == 303  # back to the page: nothing to publish
    assert db.session.scalar(sa.text("SELECT count(*) FROM followup_reports")) == 1


def test_installation_report_uses_only_published_reports(world, client, auth) -> None:
    year = world.year
    page = client.get(f"/followup/{year}").get_data(as_text=True)
    assert "Ingen sammankallande part har publicerat" in page
    staff = _staff(world)
    service.save_summary(staff, world.body, year, "Sammanfattning.", None, expected_version=None)
    db.session.commit()
    assert client.get(f"/api/v1/followup/{year}").get_json()["reports"] == 0  # draft only
    report = service.get(world.body, year)
    service.publish(staff, world.body, year, expected_version=report.version_id)
    db.session.commit()
    combined = client.get(f"/api/v1/followup/{year}").get_json()
    assert combined["reports"] == 1
    assert combined["meetings"]["held"] == 3
    assert combined["meetings"]["days_to_minutes"] == {"count": 2, "median": 20, "longest": 30}
    assert combined["principles"]["year"]["dialogue"]["organisations"] == 4.25
    page = client.get(f"/followup/{year}").get_data(as_text=True)
    assert f"/followup/{world.body.slug}/{year}" in page
    assert 'id="fig-held">3<' in page


def test_draft_downloads_and_pages_are_for_the_body_only(world, client, auth) -> None:
    slug, year = world.body.slug, world.year
    assert client.get(f"/followup/{slug}/{year}/report.csv").status_code in (302, 403)
    other = make_user(Role.CIVIL_SERVANT)
    auth.login(other.email)
    assert client.get(f"/manage/followup/{slug}/{year}").status_code == 403
    assert client.get(f"/followup/{slug}/{year}/report.json").status_code == 403
    assert client.get(f"/followup/{slug}/{year}/report.exe").status_code == 404
    assert client.get(f"/api/v1/followup/{slug}/{year}").status_code == 404
    assert client.get("/followup/no-such-body/2030").status_code == 404
    assert client.get(f"/followup/{slug}/99999").status_code == 404


def test_summary_is_required_before_publishing(world, client, auth) -> None:
    auth.login(_staff(world).email)
    r = client.post(f"/manage/followup/{world.body.slug}/{world.year}",
                    data={"summary": "  ", "version": ""})  # fmt: skip
    assert r.status_code == 200
    assert "Skriv en kort sammanfattning" in r.get_data(as_text=True)
    assert db.session.scalar(sa.text("SELECT count(*) FROM followup_reports")) == 0


def test_cycle_timeline_links_the_follow_up_date_to_the_report(world, client, auth) -> None:
    cycle = world.meetings["M1"].cycle
    url = f"/followup/{world.body.slug}/{world.year}"
    assert url not in client.get(f"/cycles/{cycle.id}").get_data(as_text=True)
    staff = _staff(world)
    service.save_summary(staff, world.body, world.year, "Året.", None, expected_version=None)
    service.publish(staff, world.body, world.year, expected_version=None)
    db.session.commit()
    assert f'href="{url}"' in client.get(f"/cycles/{cycle.id}").get_data(as_text=True)


def test_api_responses_match_the_openapi_paths(world, client) -> None:
    import jsonschema

    from sakrad.followup.openapi import BODY_REPORT, INSTALLATION_REPORT, paths

    assert set(paths()) == {"/followup/{year}", "/followup/{slug}/{year}"}
    staff = _staff(world)
    service.save_summary(staff, world.body, world.year, "Året.", None, expected_version=None)
    service.publish(staff, world.body, world.year, expected_version=None)
    db.session.commit()
    body = client.get(f"/api/v1/followup/{world.body.slug}/{world.year}").get_json()
    jsonschema.validate(body, BODY_REPORT)
    jsonschema.validate(
        client.get(f"/api/v1/followup/{world.year}").get_json(), INSTALLATION_REPORT
    )
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"year": 2030}, BODY_REPORT)
