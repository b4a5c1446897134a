"""The follow-up endpoints for the OpenAPI document, kept apart so the API package can add
them with one line: ``doc["paths"].update(followup.openapi.paths())``."""

from __future__ import annotations

from typing import Any

_INT = {"type": "integer"}
_STR = {"type": "string"}
_NSTR = {"type": ["string", "null"]}

_SECTION = {"type": "object"}
_ROWS = {"type": "array", "items": {"type": "object"}}


def _object(required: dict[str, Any], **optional: Any) -> dict[str, Any]:
    """An object schema: the ``required`` properties, then the ``optional`` ones."""
    return {"type": "object", "required": list(required), "properties": {**required, **optional}}


def _sections(*names: str) -> dict[str, Any]:
    return dict.fromkeys(names, _SECTION)


FIGURES = _object(
    {
        **_sections("meetings"),
        "meeting_list": _ROWS,
        **_sections("participation", "profiles", "concentration", "proposals", "principles"),
    },
    body_id=_INT,
    year=_INT,
    computed_at=_STR,
)
BODY_REPORT = _object(
    {
        "convening_body": _object({"slug": _STR, "name": _STR}, name_en=_NSTR),
        "year": _INT,
        "published_at": {"type": "string", "format": "date-time"},
        "summary": _STR,
        "figures": FIGURES,
    },
    summary_en=_NSTR,
)
INSTALLATION_REPORT = _object(
    {
        "year": _INT,
        "reports": _INT,
        "bodies": _ROWS,
        **_sections("meetings", "participation", "proposals", "principles"),
        "selections": _ROWS,
    },
    profiles=_SECTION,
)


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
