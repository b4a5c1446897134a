"""The OpenAPI 3.1 description of ``/api/v1``; the tests validate every response against it."""

from __future__ import annotations

from typing import Any

from sakrad.meetings.models import EXPECTATION_FIELDS
from sakrad.portal import query_filters


def _s(type_: str | list[str], **kw: Any) -> dict[str, Any]:
    return {"type": type_, **kw}


STR = _s("string")
NSTR = _s(["string", "null"])
URL = _s("string", format="uri")
# Query text: anything but a NUL byte (the code answers 400 for one).
TEXT = _s("string", pattern="^[^\\u0000]*$")


def REF_ID(kind: str) -> dict[str, Any]:
    """The id as printed (``meeting-12``)."""
    return _s("string", pattern=f"^{kind}-[0-9]+$")


NDT = _s(["string", "null"], format="date-time")
LINKS = _s(
    "array",
    items=_s("object", required=["note", "url"], properties={"note": STR, "url": STR}),
)
BODY = _s(
    "object",
    required=["id", "slug", "name"],
    properties={"id": _s("integer"), "slug": STR, "name": STR, "name_en": NSTR},
)
PAGINATION = _s(
    "object",
    required=["page", "per_page", "total", "pages", "next", "prev"],
    properties={
        "page": _s("integer"),
        "per_page": _s("integer"),
        "total": _s("integer"),
        "pages": _s("integer"),
        "next": NSTR,
        "prev": NSTR,
    },
)
REF = {
    "cycle": {"$ref": "#/components/schemas/Cycle"},
    "meeting": {"$ref": "#/components/schemas/Meeting"},
    "organisation": {"$ref": "#/components/schemas/Organisation"},
    "proposal": {"$ref": "#/components/schemas/Proposal"},
}

CYCLE_PROPS = {
    "id": REF_ID("cycle"),
    "url": URL,
    "name": STR,
    "classification": _s("string", enum=["dialogue_cycle"]),
    "year": _s("integer"),
    "policy_area": STR,
    "policy_area_en": NSTR,
    "status": _s("string", enum=["open", "closed", "archived"]),
    "convening_body": BODY,
    "call_for_topics": _s(
        "object",
        required=["opens_at", "closes_at"],
        properties={"opens_at": NDT, "closes_at": NDT},
    ),
    "links": LINKS,
    "created_at": NDT,
    "updated_at": NDT,
}

PROPOSAL = _s(
    "object",
    required=["id", "url", "parent_id", "organisation", "title", "decision", "response", "links"],
    properties={
        "id": REF_ID("proposal"),
        "url": URL,
        "parent_id": REF_ID("cycle"),
        "organisation": _s("object", required=["name"], properties={"id": NSTR, "name": STR}),
        "title": STR,
        "focus": STR,
        "questions": STR,
        "decision": _s("string", enum=list(query_filters.PROPOSAL_STATUSES)),
        "response": STR,
        "response_published_at": NDT,
        "merged_into": NSTR,
        "agenda_item": _s(
            ["object", "null"],
            required=["id", "meeting_id"],
            properties={"id": _s("integer"), "meeting_id": STR},
        ),
        "links": LINKS,
    },
)

MEETING = _s(
    "object",
    required=[
        "id",
        "url",
        "name",
        "classification",
        "start_date",
        "end_date",
        "timezone",
        "status",
        "location",
        "description",
        "parent_id",
        "participants",
        "agenda",
        "documents",
        "links",
        "sources",
        "created_at",
        "updated_at",
        "expectations",
        "chair",
        "convening_body",
        "outcome",
        "minutes_url",
        "selection_report",
    ],  # fmt: skip
    properties={
        "id": REF_ID("meeting"),
        "url": URL,
        "name": STR,
        "name_en": NSTR,
        "classification": _s("string", enum=list(query_filters.KINDS)),
        "start_date": NDT,
        "end_date": NDT,
        "timezone": _s("string", enum=["Europe/Stockholm"]),
        "all_day": _s("boolean"),
        "status": _s("string", enum=["tentative", "confirmed", "cancelled", "passed"]),
        "state": _s("string", enum=list(query_filters.MEETING_STATUSES)),
        "location": _s(
            ["object", "null"],
            required=["name", "online"],
            properties={"name": STR, "online": _s("boolean")},
        ),
        "description": STR,
        "parent_id": REF_ID("cycle"),
        "diary_number": NSTR,
        "sessions": _s(
            "array",
            items=_s(
                "object",
                required=["id", "start_date", "end_date", "place", "online"],
                properties={
                    "id": _s("integer"),
                    "start_date": NDT,
                    "end_date": NDT,
                    "place": NSTR,
                    "online": _s("boolean"),
                },
                additionalProperties=False,
            ),
        ),
        "participants": _s(
            "array",
            items=_s(
                "object",
                required=["entity_type", "id", "url", "name", "invitation_state", "attended"],
                properties={
                    "entity_type": _s("string", enum=["organization"]),
                    "id": REF_ID("organisation"),
                    "url": URL,
                    "name": STR,
                    "note": STR,
                    "invitation_state": _s(
                        "string", enum=["sent", "accepted", "declined", "expired"]
                    ),
                    "attended": _s(["boolean", "null"]),
                },
                additionalProperties=False,
            ),
        ),
        "agenda": _s(
            "array",
            items=_s(
                "object",
                required=["order", "description", "related_entities"],
                properties={
                    "order": _s("integer"),
                    "description": STR,
                    "description_en": NSTR,
                    "notes": _s("array", items=STR),
                    "session": _s("integer"),
                    "related_entities": _s(
                        "array",
                        items=_s(
                            "object",
                            required=["entity_type", "id"],
                            properties={
                                "entity_type": _s("string", enum=["proposal", "organization"]),
                                "id": STR,
                                "note": STR,
                            },
                        ),
                    ),
                },
            ),
        ),
        "documents": _s(
            "array",
            items=_s(
                "object",
                required=["note", "date", "media_type", "url"],
                properties={
                    "note": STR,
                    "date": NDT,
                    "media_type": NSTR,
                    "url": NSTR,
                    "language": STR,
                },
            ),
        ),
        "media": _s("array"),
        "links": LINKS,
        "sources": LINKS,
        "expectations": _s(
            "object",
            required=list(EXPECTATION_FIELDS),
            additionalProperties=NSTR,
        ),
        "chair": _s("object", required=["title", "name"], properties={"title": NSTR, "name": NSTR}),
        "participating_bodies": _s("array", items=STR),
        "convening_body": BODY,
        "cancel_reason": NSTR,
        "easy_read": NSTR,
        "outcome": _s(
            ["object", "null"],
            required=["statement", "feedback_when", "published_at"],
            properties={
                "statement": NSTR,
                "feedback_when": _s(["string", "null"], format="date"),
                "published_at": NDT,
            },
        ),
        "minutes_url": NSTR,
        "selection_report": _s(
            ["object", "null"],
            required=["algorithm", "seed", "seats", "quotas"],
            properties={
                "algorithm": STR,
                "seed": _s("integer"),
                "seats": _s("integer"),
                "quotas": _s("array"),
                "published_at": NDT,
                "url": NSTR,
            },
        ),
        "created_at": NDT,
        "updated_at": NDT,
    },
    additionalProperties=False,
)

ORGANISATION = _s(
    "object",
    required=["id", "url", "slug", "name", "county", "links"],
    properties={
        "id": REF_ID("organisation"),
        "url": URL,
        "slug": STR,
        "name": STR,
        "org_number": NSTR,
        "form": STR,
        "county": _s("string", enum=list(query_filters.COUNTIES)),
        "municipality": NSTR,
        "size": STR,
        "website": NSTR,
        "description": NSTR,
        "verified": _s("boolean"),
        "focus_areas": _s("array", items=STR),
        "target_groups": _s("array", items=STR),
        "links": LINKS,
        "updated_at": NDT,
    },
    additionalProperties=False,
)

CYCLE = _s("object", required=list(CYCLE_PROPS), properties=CYCLE_PROPS)
CYCLE_DETAIL = {
    "allOf": [
        REF["cycle"],
        _s(
            "object",
            required=["description", "timeline", "meetings", "proposals"],
            properties={
                "description": STR,
                "timeline": _s("object"),
                "meetings": _s(
                    "array",
                    items=_s(
                        "object",
                        required=["id", "name", "url"],
                        properties={"id": REF_ID("meeting"), "name": STR, "url": URL},
                    ),
                ),
                "proposals": _s("array", items=REF["proposal"]),
            },
        ),
    ]
}
ERROR = _s(
    "object",
    required=["error"],
    properties={
        "error": _s(
            "object",
            required=["status", "message"],
            properties={"status": _s("integer"), "message": STR, "field": NSTR},
        )
    },
)


def _list_of(ref: dict) -> dict:
    return _s(
        "object",
        required=["results", "pagination"],
        properties={"results": _s("array", items=ref), "pagination": PAGINATION},
    )


def _param(name: str, schema: dict, description: str, where: str = "query") -> dict:
    return {
        "name": name,
        "in": where,
        "required": where == "path",
        "schema": schema,
        "description": description,
    }


COMMON = [
    _param(
        "page",
        _s("integer", minimum=1, maximum=query_filters.MAX_PAGE),
        "Page number, from 1 (a page past the last one is 404).",
    ),
    _param(
        "per_page",
        _s("integer", minimum=1, maximum=query_filters.MAX_PER_PAGE),
        "Results per page.",
    ),
]
YEAR = _param("year", _s("integer", minimum=2000, maximum=2100), "Year of the dialogue cycle.")
AREA = _param("policy_area", TEXT, "Policy area of the cycle (exact).")
KIND = _param("kind", _s("string", enum=list(query_filters.KINDS)), "Kind of meeting.")
COUNTY = _param("county", _s("string", enum=list(query_filters.COUNTIES)), "County code.")


def _json(schema: dict, description: str = "OK") -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ERRORS = {
    "400": _json({"$ref": "#/components/schemas/Error"}, "A filter has a value it cannot take."),
    "404": _json({"$ref": "#/components/schemas/Error"}, "No such page of the listing."),
}
DETAIL_ERRORS = {
    "404": _json({"$ref": "#/components/schemas/Error"}, "No public object by that id."),
}


def _op(summary: str, params: list, schema: dict, errors: dict | None = None) -> dict:
    return {
        "get": {
            "summary": summary,
            "parameters": params,
            "responses": {"200": _json(schema), **(ERRORS if errors is None else errors)},
        }
    }


def _id_param(kind: str) -> dict:
    return _param(
        "id",
        _s("string", pattern=f"^({kind}-)?[0-9]+$"),
        f"The id as the API prints it ({kind}-12) or the bare number (12).",
        "path",
    )


def _body_param(slugs: list[str]) -> dict:
    schema = _s("string", enum=slugs) if slugs else _s("string", maxLength=0)
    return _param("body", schema, "Slug of the convening body.")


def spec(base_url: str, body_slugs: list[str] | None = None) -> dict[str, Any]:
    """The description; ``body_slugs`` are the values ``body`` takes (the code refuses any
    other with 400)."""
    body_p = _body_param(body_slugs or [])
    status_m = _param(
        "status", _s("string", enum=list(query_filters.MEETING_STATUSES)), "Meeting state."
    )
    status_p = _param(
        "status", _s("string", enum=list(query_filters.PROPOSAL_STATUSES)), "Decision."
    )
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Sakråd open data",
            "version": "1.0.0",
            "description": "Public data of the dialogue between public bodies and civil "
            "society. Meetings follow the Open Civic Data event schema; a dialogue cycle is "
            "the parent event. Read-only; published data only.",
            "license": {"name": "CC0-1.0", "identifier": "CC0-1.0"},
        },
        "servers": [{"url": base_url.rstrip("/") + "/api/v1"}],
        "paths": {
            "/cycles": _op(
                "Dialogue cycles", [*COMMON, YEAR, body_p, AREA], _list_of(REF["cycle"])
            ),
            "/cycles/{id}": _op(
                "A dialogue cycle with its meetings and proposals",
                [_id_param("cycle")],
                {"$ref": "#/components/schemas/CycleDetail"},
                DETAIL_ERRORS,
            ),
            "/meetings": _op(
                "Meetings (events)",
                [*COMMON, YEAR, body_p, AREA, KIND, status_m, COUNTY],
                _list_of(REF["meeting"]),
            ),
            "/meetings/{id}": _op(
                "A meeting", [_id_param("meeting")], REF["meeting"], DETAIL_ERRORS
            ),
            "/organisations": _op(
                "Organisations",
                [*COMMON, COUNTY, _param("q", TEXT, "Part of the name.")],
                _list_of(REF["organisation"]),
            ),
            "/organisations/{id}": _op(
                "An organisation", [_id_param("organisation")], REF["organisation"], DETAIL_ERRORS
            ),
            "/proposals": _op(
                "Topic proposals with their published responses",
                [*COMMON, YEAR, body_p, AREA, status_p, COUNTY],
                _list_of(REF["proposal"]),
            ),
            "/proposals/{id}": _op(
                "A topic proposal with its published response",
                [_id_param("proposal")],
                REF["proposal"],
                DETAIL_ERRORS,
            ),
        },
        "components": {
            "schemas": {
                "Cycle": CYCLE,
                "CycleDetail": CYCLE_DETAIL,
                "Meeting": MEETING,
                "Organisation": ORGANISATION,
                "Proposal": PROPOSAL,
                "Error": ERROR,
            }
        },
    }
