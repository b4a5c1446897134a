"""The follow-up endpoints for the OpenAPI document, kept apart so the API package can add
them with one line: ``doc["paths"].update(followup.openapi.paths())``."""

from __future__ import annotations

from typing import Any

_INT = {"type": "integer"}
_STR = {"type": "string"}
_NSTR = {"type": ["string", "null"]}

FIGURES = {
    "type": "object",
    "required": [
        "meetings",
        "meeting_list",
        "participation",
        "profiles",
        "concentration",
        "proposals",
        "principles",
    ],  # fmt: skip
    "properties": {
        "body_id": _INT,
        "year": _INT,
        "computed_at": _STR,
        "meetings": {"type": "object"},
        "meeting_list": {"type": "array", "items": {"type": "object"}},
        "participation": {"type": "object"},
        "profiles": {"type": "object"},
        "concentration": {"type": "object"},
        "proposals": {"type": "object"},
        "principles": {"type": "object"},
    },
}
BODY_REPORT = {
    "type": "object",
    "required": ["convening_body", "year", "published_at", "summary", "figures"],
    "properties": {
        "convening_body": {
            "type": "object",
            "required": ["slug", "name"],
            "properties": {"slug": _STR, "name": _STR, "name_en": _NSTR},
        },
        "year": _INT,
        "published_at": {"type": "string", "format": "date-time"},
        "summary": _STR,
        "summary_en": _NSTR,
        "figures": FIGURES,
    },
}
INSTALLATION_REPORT = {
    "type": "object",
    "required": [
        "year",
        "reports",
        "bodies",
        "meetings",
        "participation",
        "proposals",
        "principles",
        "selections",
    ],  # fmt: skip
    "properties": {
        "year": _INT,
        "reports": _INT,
        "bodies": {"type": "array", "items": {"type": "object"}},
        "meetings": {"type": "object"},
        "participation": {"type": "object"},
        "profiles": {"type": "object"},
        "proposals": {"type": "object"},
        "principles": {"type": "object"},
        "selections": {"type": "array", "items": {"type": "object"}},
    },
}


def _get(summary: str, schema: dict[str, Any], params: list[dict[str, Any]]) -> dict:
    return {
        "get": {
            "summary": summary,
            "parameters": params,
            "responses": {
                "200": {"description": "OK", "content": {"application/json": {"schema": schema}}},
                "404": {"description": "No such body, or its report is not published"},
            },
        }
    }


_YEAR = {"name": "year", "in": "path", "required": True, "schema": _INT}
_SLUG = {"name": "slug", "in": "path", "required": True, "schema": _STR}


def paths() -> dict[str, Any]:
    """Paths relative to the API's server URL (``/api/v1``)."""
    return {
        "/followup/{year}": _get(
            "The installation-wide follow-up report, built from the published reports",
            INSTALLATION_REPORT,
            [_YEAR],
        ),
        "/followup/{slug}/{year}": _get(
            "A convening body's published follow-up report (frozen figures)",
            BODY_REPORT,
            [_SLUG, _YEAR],
        ),
    }
