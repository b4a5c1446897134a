"""The open-data API: every response conforms to the OpenAPI description; errors are JSON."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from tests.portal_factories import make_world
from tests.snapshots import built_once

DATE_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?([+-]\d\d:\d\d|Z)$")
TYPES = {
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "object": dict,
    "array": list,
    "null": type(None),
}


def _is(value, name: str) -> bool:
    if name in ("integer", "number") and isinstance(value, bool):
        return False
    return isinstance(value, TYPES[name])


def validate(value, schema: dict, spec: dict, path: str = "$") -> list[str]:
    """The subset of JSON Schema (2020-12) the description uses; returns the errors."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return validate(value, spec["components"]["schemas"][name], spec, path)
    errors: list[str] = []
    for sub in schema.get("allOf", []):
        errors += validate(value, sub, spec, path)
    types = schema.get("type")
    if types is not None:
        types = [types] if isinstance(types, str) else types
        if not any(_is(value, t) for t in types):
            return [f"{path}: {value!r} is not {types}"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} not in {schema['enum']}")
    if schema.get("format") == "date-time" and isinstance(value, str):
        if not DATE_TIME.match(value):
            errors.append(f"{path}: {value!r} is not a date-time")
        else:
            datetime.fromisoformat(value)
    is_int = isinstance(value, int) and not isinstance(value, bool)
    if is_int and "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{path}: below minimum")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                errors.append(f"{path}: missing {key}")
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            if key in props:
                errors += validate(item, props[key], spec, f"{path}.{key}")
            elif extra is False:
                errors.append(f"{path}: unexpected property {key}")
            elif isinstance(extra, dict):
                errors += validate(item, extra, spec, f"{path}.{key}")
    if isinstance(value, list) and "items" in schema:
        for n, item in enumerate(value):
            errors += validate(item, schema["items"], spec, f"{path}[{n}]")
    return errors


def _schema_for(spec: dict, template: str, status: int) -> dict:
    responses = spec["paths"][template]["get"]["responses"]
    return responses[str(status)]["content"]["application/json"]["schema"]


def check(client, spec: dict, url: str, template: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, (url, response.data[:500])
    assert response.mimetype == "application/json"
    errors = validate(response.json, _schema_for(spec, template, status), spec)
    assert errors == [], (url, errors[:10])
    return response.json


@pytest.fixture
@built_once
def world(app):
    with app.app_context():
        return make_world()


@pytest.fixture
def spec(client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json


def test_validator_rejects_wrong_shapes(spec) -> None:
    # A validator that accepts anything would make every conformance test below pass.
    meeting = {"$ref": "#/components/schemas/Meeting"}
    assert validate({"id": "meeting-1"}, meeting, spec)
    assert validate({"results": [], "pagination": {}}, _schema_for(spec, "/meetings", 200), spec)
    assert validate("2026-01-01", {"type": "string", "format": "date-time"}, spec)


def test_openapi_description_is_complete(spec) -> None:
    assert spec["openapi"].startswith("3.")
    for path in ("/cycles", "/cycles/{id}", "/meetings", "/meetings/{id}", "/organisations",
                 "/organisations/{id}", "/proposals"):  # fmt: skip
        assert "200" in spec["paths"][path]["get"]["responses"]


def test_every_listing_and_detail_conforms(client, spec, world) -> None:
    w = world
    for url, template in [
        ("/api/v1/cycles", "/cycles"),
        (f"/api/v1/cycles/{w.cycle.id}", "/cycles/{id}"),
        ("/api/v1/meetings", "/meetings"),
        (f"/api/v1/meetings/{w.meeting.id}", "/meetings/{id}"),
        (f"/api/v1/meetings/{w.documented.id}", "/meetings/{id}"),
        (f"/api/v1/meetings/{w.cancelled.id}", "/meetings/{id}"),
        ("/api/v1/organisations", "/organisations"),
        (f"/api/v1/organisations/{w.organisations[0].id}", "/organisations/{id}"),
        ("/api/v1/proposals", "/proposals"),
        ("/api/v1/meetings?kind=high_level&year=2031&county=09", "/meetings"),
        ("/api/v1/proposals?status=accepted&body=integrationsdepartementet", "/proposals"),
    ]:
        check(client, spec, url, template)


def test_meeting_follows_open_civic_data(client, spec, world) -> None:
    data = check(client, spec, f"/api/v1/meetings/{world.documented.id}", "/meetings/{id}")
    assert data["classification"] == "high_level"
    assert data["parent_id"] == f"cycle-{world.cycle.id}"
    assert data["timezone"] == "Europe/Stockholm"
    assert {p["invitation_state"] for p in data["participants"]} == {"accepted", "declined"}
    assert all(p["entity_type"] == "organization" for p in data["participants"])
    assert [p["attended"] for p in data["participants"] if p["invitation_state"] == "accepted"] == [
        True
    ]
    assert data["documents"][0]["url"] == "https://www.regeringen.se/presentation"
    assert data["outcome"]["statement"] == "Vi tar med inspelen."
    assert (
        data["minutes_url"].endswith(f"/meetings/{world.documented.id}#minutes")
        or "minutes" in data["minutes_url"]
    )
    assert data["expectations"]["purpose"]
    assert any(link["url"].endswith(f"/meetings/{world.documented.id}") for link in data["links"])


def test_cycle_lists_meetings_and_published_proposals(client, spec, world) -> None:
    data = check(client, spec, f"/api/v1/cycles/{world.cycle.id}", "/cycles/{id}")
    names = {m["name"] for m in data["meetings"]}
    assert "Sakråd om etablering på landsbygden" in names
    assert [p["title"] for p in data["proposals"]] == [
        "Landsbygdens föreningar som väg till arbete"
    ]


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/meetings?year=abc", "year"),
        ("/api/v1/meetings?kind=sakråd", "kind"),
        ("/api/v1/meetings?status=draft", "status"),
        ("/api/v1/meetings?county=99", "county"),
        ("/api/v1/meetings?body=no-such-body", "body"),
        ("/api/v1/proposals?per_page=1000", "per_page"),
        ("/api/v1/organisations?page=0", "page"),
    ],
)
def test_bad_filter_is_a_json_400(client, spec, world, url, field) -> None:
    template = "/" + url.split("/api/v1/")[1].split("?")[0]
    data = check(client, spec, url, template, 400)
    assert data["error"]["field"] == field
    assert data["error"]["message"]


@pytest.mark.parametrize("kind", ["meetings", "cycles", "organisations"])
def test_unknown_id_is_a_json_404(client, spec, world, kind) -> None:
    check(client, spec, f"/api/v1/{kind}/999999", f"/{kind}/{{id}}", 404)


def test_unpublished_ids_are_404(client, spec, app, world) -> None:
    from sakrad.meetings.models import Meeting, MeetingState

    with app.app_context():
        from sakrad.extensions import db

        draft = db.session.query(Meeting).filter_by(state=MeetingState.DRAFT).first()
        draft_cycle_id = draft.cycle_id
    check(client, spec, f"/api/v1/meetings/{draft.id}", "/meetings/{id}", 404)
    assert client.get(f"/api/v1/cycles/{draft_cycle_id}").status_code in (200, 404)


def test_filters_and_pagination(client, spec, world) -> None:
    everything = check(client, spec, "/api/v1/meetings", "/meetings")
    assert everything["pagination"]["total"] == 3  # announced, documented, cancelled
    page1 = check(client, spec, "/api/v1/meetings?per_page=2", "/meetings")
    assert len(page1["results"]) == 2 and page1["pagination"]["pages"] == 2
    page2 = check(client, spec, page1["pagination"]["next"].split("http://localhost")[-1]
                  if "localhost" in page1["pagination"]["next"] else "/api/v1/meetings?per_page=2&page=2",
                  "/meetings")  # fmt: skip
    ids = {m["id"] for m in page1["results"]} | {m["id"] for m in page2["results"]}
    assert len(ids) == 3
    high = check(client, spec, "/api/v1/meetings?kind=high_level", "/meetings")
    assert [m["name"] for m in high["results"]] == ["Högnivåmöte om integration"]
    cancelled = check(client, spec, "/api/v1/meetings?status=cancelled", "/meetings")
    assert [m["name"] for m in cancelled["results"]] == ["Sakråd om folkbildning"]
    # County of invited organisations: Skåne's organisation was invited to two meetings.
    skane = check(client, spec, "/api/v1/meetings?county=12", "/meetings")
    assert {m["name"] for m in skane["results"]} == {
        "Högnivåmöte om integration",
        "Sakråd om etablering på landsbygden",
    }
    assert check(client, spec, "/api/v1/meetings?year=2020", "/meetings")["results"] == []
    orgs = check(client, spec, "/api/v1/organisations?county=09", "/organisations")
    assert [o["name"] for o in orgs["results"]] == ["Hela Sverige ska leva Gotland"]
