"""The API's ids lead back to the API, and bad input is a clean 4xx (issue 12 items 9, 10, 12)."""

from __future__ import annotations

import pytest

from tests.integration.test_api import check
from tests.portal_factories import make_world


@pytest.fixture
def world(app):
    with app.app_context():
        return make_world()


@pytest.fixture
def spec(client) -> dict:
    return client.get("/api/v1/openapi.json").json


def test_every_listed_object_can_be_followed_by_its_id_and_url(client, spec, world) -> None:
    for kind in ("cycles", "meetings", "organisations", "proposals"):
        listed = check(client, spec, f"/api/v1/{kind}", f"/{kind}")["results"]
        assert listed, kind
        for obj in listed:
            by_id = client.get(f"/api/v1/{kind}/{obj['id']}")  # exactly as printed
            assert by_id.status_code == 200, (kind, obj["id"])
            assert by_id.json["id"] == obj["id"]
            assert obj["url"] == f"http://localhost/api/v1/{kind}/{obj['id']}"
            bare = obj["id"].rsplit("-", 1)[1]  # old links with the bare number still work
            assert client.get(f"/api/v1/{kind}/{bare}").json["id"] == obj["id"]
        check(client, spec, f"/api/v1/{kind}/{listed[0]['id']}", f"/{kind}/{{id}}")


def test_participants_and_cycle_meetings_link_to_their_resources(client, world) -> None:
    meeting = client.get(f"/api/v1/meetings/meeting-{world.documented.id}").json
    for participant in meeting["participants"]:
        assert client.get(participant["url"].removeprefix("http://localhost")).status_code == 200
    cycle = client.get(f"/api/v1/cycles/cycle-{world.cycle.id}").json
    for m in cycle["meetings"]:
        assert client.get(m["url"].removeprefix("http://localhost")).json["id"] == m["id"]


@pytest.mark.parametrize("kind", ["cycles", "meetings", "organisations", "proposals"])
@pytest.mark.parametrize("ref", ["2147483648", "100000000000000000000", "meeting-x", "-1", "0"])
def test_ids_no_table_holds_are_404(client, kind, ref) -> None:
    response = client.get(f"/api/v1/{kind}/{ref}")
    assert response.status_code == 404
    assert response.json["error"]["status"] == 404
    assert response.headers["Cache-Control"] == "no-store"


def test_a_wrong_prefix_is_not_another_kind(client, world) -> None:
    assert client.get(f"/api/v1/meetings/cycle-{world.cycle.id}").status_code == 404


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/organisations?q=%00", "q"),
        ("/api/v1/meetings?policy_area=a%00b", "policy_area"),
        ("/api/v1/proposals?body=%00", "body"),
    ],
)
def test_nul_bytes_are_a_400_with_a_message(client, spec, world, url, field) -> None:
    template = "/" + url.split("/api/v1/")[1].split("?")[0]
    data = check(client, spec, url, template, 400)
    assert data["error"]["field"] == field and "NUL" in data["error"]["message"]


def test_nul_bytes_in_portal_queries_are_a_400(client, world) -> None:
    for url in ("/search?q=%00", "/organisations?q=%00", "/open-data/meetings.csv?year=%00"):
        assert client.get(url).status_code == 400, url


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_405_names_the_allowed_methods(client, method) -> None:
    response = getattr(client, method)("/api/v1/meetings")
    assert response.status_code == 405
    assert set(response.headers["Allow"].replace(" ", "").split(",")) >= {"GET"}
    assert response.json["error"]["status"] == 405
    assert response.headers["Cache-Control"] == "no-store"


def test_errors_are_not_cacheable_but_answers_are(client, world) -> None:
    assert client.get("/api/v1/meetings").headers["Cache-Control"] == "public, max-age=60"
    for url in ("/api/v1/meetings?year=abc", "/api/v1/meetings/999999", "/api/v1/nothing"):
        response = client.get(url)
        assert response.status_code in (400, 404)
        assert response.headers["Cache-Control"] == "no-store", url


def test_a_page_past_the_last_is_404(client, spec, world) -> None:
    check(client, spec, "/api/v1/meetings?page=50", "/meetings", 404)
    assert client.get("/api/v1/meetings?page=1&year=2020").status_code == 200  # empty is fine


def test_schema_is_as_strict_as_the_code(client, world) -> None:
    spec = client.get("/api/v1/openapi.json").json
    params = {p["name"]: p["schema"] for p in spec["paths"]["/meetings"]["get"]["parameters"]}
    assert params["page"]["maximum"] == 1_000_000
    assert world.body.slug in params["body"]["enum"]  # any other value is refused with 400
    assert r"\u0000" in params["q" if "q" in params else "policy_area"]["pattern"]
    assert spec["paths"]["/meetings/{id}"]["get"]["parameters"][0]["schema"]["type"] == "string"


def test_out_of_range_ids_on_portal_pages_are_404(client, world) -> None:
    for url in ("/meetings/2147483648", "/meetings/100000000000000000000", "/cycles/2147483648",
                "/meetings/2147483648.ics", "/documents/100000000000000000000",
                "/meetings/1/minutes/2147483648", "/feeds/cycles/2147483648.atom",
                "/meetings/2147483648/selection.json"):  # fmt: skip
        assert client.get(url).status_code == 404, url
