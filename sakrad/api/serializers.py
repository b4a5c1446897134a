"""JSON shapes of the open-data API. A meeting follows the Open Civic Data event schema
(a cycle is the parent event), extended with what a sakråd publishes besides."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sakrad.cycles.models import Cycle
from sakrad.db import STOCKHOLM
from sakrad.meetings.models import EXPECTATION_FIELDS, Meeting
from sakrad.minutes.models import DocumentKind
from sakrad.organisations.models import Organisation
from sakrad.portal.invitations import PublicInvitation
from sakrad.portal.minutes import PublicRecord, document_url
from sakrad.portal.proposals import PublicProposal
from sakrad.proposals.models import TopicProposal

TIMEZONE = "Europe/Stockholm"

# OCD event statuses for ours: an announced meeting is "confirmed", a documented one "passed".
OCD_STATUS = {
    "announced": "confirmed",
    "held": "passed",
    "documented": "passed",
    "cancelled": "cancelled",
}


def iso(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(STOCKHOLM).isoformat()
    return value.isoformat()


# The API's resources by the prefix of the ids it prints.
RESOURCES = {
    "cycle": "cycles",
    "meeting": "meetings",
    "organisation": "organisations",
    "proposal": "proposals",
}


def ref(kind: str, object_id: int) -> str:
    """The id as the API prints it: ``meeting-12``."""
    return f"{kind}-{object_id}"


def api_url(base: str, kind: str, object_id: int) -> str:
    """The URL of the object's own API resource (it takes the id as printed)."""
    return f"{base}/api/v1/{RESOURCES[kind]}/{ref(kind, object_id)}"


def body_ref(body: Any) -> dict[str, Any]:
    return {"id": body.id, "slug": body.slug, "name": body.name, "name_en": body.name_en}


def cycle_summary(cycle: Cycle, base: str) -> dict[str, Any]:
    return {
        "id": ref("cycle", cycle.id),
        "url": api_url(base, "cycle", cycle.id),
        "name": cycle.title("sv"),
        "classification": "dialogue_cycle",
        "year": cycle.year,
        "policy_area": cycle.policy_area,
        "policy_area_en": cycle.policy_area_en,
        "status": str(cycle.state),
        "convening_body": body_ref(cycle.convening_body),
        "call_for_topics": {
            "opens_at": iso(cycle.call_opens_at),
            "closes_at": iso(cycle.call_closes_at),
        },
        "links": [{"note": "page", "url": f"{base}/cycles/{cycle.id}"}],
        "created_at": iso(cycle.created_at),
        "updated_at": iso(cycle.updated_at),
    }


def cycle_detail(
    cycle: Cycle, meetings: list[Meeting], proposals: list[PublicProposal], base: str
) -> dict[str, Any]:
    out = cycle_summary(cycle, base)
    out.update(
        description=cycle.description or "",
        timeline={
            "high_level_on": iso(cycle.high_level_on),
            "sakrad_from": iso(cycle.sakrad_from),
            "sakrad_to": iso(cycle.sakrad_to),
            "follow_up_on": iso(cycle.follow_up_on),
        },
        meetings=[
            {"id": ref("meeting", m.id), "name": m.title, "url": api_url(base, "meeting", m.id)}
            for m in meetings
        ],
        proposals=[public_proposal(p, base) for p in proposals],
    )
    return out


def _location(meeting: Meeting) -> dict[str, Any] | None:
    places = [s.place for s in meeting.sessions if s.place]
    online = any(s.online_url for s in meeting.sessions)
    if not places and not online:
        return None
    # Only whether there is an online part: the link itself is for invited organisations.
    return {"name": "; ".join(dict.fromkeys(places)) or "online", "online": online}


def meeting(
    m: Meeting,
    base: str,
    *,
    invitations: list[PublicInvitation] | None = None,
    record: PublicRecord | None = None,
    selection: dict | None = None,
    proposals_by_item: dict[int, list[int]] | None = None,
) -> dict[str, Any]:
    page = f"{base}/meetings/{m.id}"
    agenda = []
    order = 0
    for s in m.sessions:
        for item in s.agenda_items:
            order += 1
            related = [
                {"entity_type": "proposal", "id": f"proposal-{pid}", "note": "topic proposal"}
                for pid in (proposals_by_item or {}).get(item.id, [])
            ]
            if item.presenter_organisation_id:
                related.append(
                    {
                        "entity_type": "organization",
                        "id": f"organisation-{item.presenter_organisation_id}",
                        "note": "presenter",
                    }
                )
            agenda.append(
                {
                    "order": order,
                    "description": item.title,
                    "description_en": item.title_en,
                    "notes": [item.description] if item.description else [],
                    "session": s.id,
                    "related_entities": related,
                }
            )
    documents = []
    for d in record.documents if record else ():
        url = document_url(d)
        documents.append(
            {
                "note": d.title,
                "date": iso(d.created_at),
                "media_type": d.media_type
                or ("text/html" if d.kind == DocumentKind.LINK else None),
                "url": (base + url) if url and url.startswith("/") else url,
                "language": d.language,
            }
        )
    minutes_url = record.minutes_url if record else None
    return {
        "id": ref("meeting", m.id),
        "url": api_url(base, "meeting", m.id),
        "name": m.title,
        "name_en": m.title_en,
        "classification": str(m.kind),
        "start_date": iso(m.starts_at),
        "end_date": iso(m.ends_at),
        "timezone": TIMEZONE,
        "all_day": False,
        "status": OCD_STATUS.get(str(m.state), "tentative"),
        "state": str(m.state),
        "location": _location(m),
        "description": m.purpose or "",
        "parent_id": f"cycle-{m.cycle_id}",
        "diary_number": m.diary_number,
        "sessions": [
            {
                "id": s.id,
                "start_date": iso(s.starts_at),
                "end_date": iso(s.ends_at),
                "place": s.place,
                "online": bool(s.online_url),
            }
            for s in m.sessions
        ],
        "participants": [
            {
                "entity_type": "organization",
                "id": ref("organisation", inv.organisation_id),
                "url": api_url(base, "organisation", inv.organisation_id),
                "name": inv.organisation_name,
                "note": "invited",
                "invitation_state": inv.state,
                "attended": inv.attended,
            }
            for inv in (invitations or [])
        ],
        "agenda": agenda,
        "documents": documents,
        "media": [],
        "links": [
            {"note": "page", "url": page},
            {"note": "calendar", "url": f"{page}.ics"},
        ],
        "sources": [{"note": "Sakråd portal", "url": page}],
        "expectations": {f: getattr(m, f) for f in EXPECTATION_FIELDS},
        "chair": {"title": m.chair_title or None, "name": m.public_chair_name},
        "participating_bodies": list(m.participating_bodies or []),
        "convening_body": body_ref(m.convening_body),
        "cancel_reason": m.cancel_reason if m.is_cancelled else None,
        "easy_read": m.easy_read,
        "outcome": (
            {
                "statement": record.outcome,
                "feedback_when": iso(record.feedback_when),
                "published_at": iso(record.outcome_published_at),
            }
            if record and record.outcome is not None
            else None
        ),
        "minutes_url": (base + minutes_url) if minutes_url else None,
        "selection_report": (
            dict(selection, url=(base + selection["url"]) if selection.get("url") else None)
            if selection
            else None
        ),
        "created_at": iso(m.announced_at or m.created_at),
        "updated_at": iso(m.updated_at),
    }


def organisation(o: Organisation, base: str) -> dict[str, Any]:
    return {
        "id": ref("organisation", o.id),
        "url": api_url(base, "organisation", o.id),
        "slug": o.slug,
        "name": o.name,
        "org_number": o.org_number,
        "form": o.form,
        "county": o.county,
        "municipality": o.municipality,
        "size": o.size,
        "website": o.website,
        "description": o.description,
        "verified": o.verified,
        "focus_areas": [f.code for f in o.focus_areas],
        "target_groups": [t.code for t in o.target_groups],
        "links": [{"note": "page", "url": f"{base}/organisations/{o.slug}"}],
        "updated_at": iso(o.updated_at),
    }


def proposal(
    p: TopicProposal,
    base: str,
    public_items: dict[int, int] | None = None,
    public_targets: set[int] | None = None,
) -> dict[str, Any]:
    """``public_items``: agenda item id -> meeting id, for items of public meetings only;
    ``public_targets``: the ids of public proposals among the merge targets."""
    item_meeting = (public_items or {}).get(p.agenda_item_id) if p.agenda_item_id else None
    return {
        "id": ref("proposal", p.id),
        "url": api_url(base, "proposal", p.id),
        "parent_id": ref("cycle", p.cycle_id),
        "organisation": {
            "id": ref("organisation", p.organisation_id),
            "name": p.organisation.name,
        },
        "title": p.title,
        "focus": p.focus,
        "questions": p.questions,
        "decision": str(p.state),
        "response": p.response_text or "",
        "response_published_at": iso(p.response_published_at),
        "merged_into": (
            ref("proposal", p.merged_into_id)
            if p.merged_into_id in (public_targets or set())
            else None
        ),
        "agenda_item": (
            {"id": p.agenda_item_id, "meeting_id": f"meeting-{item_meeting}"}
            if item_meeting
            else None
        ),
        "links": [{"note": "page", "url": f"{base}/cycles/{p.cycle_id}#proposal-{p.id}"}],
    }


def public_proposal(p: PublicProposal, base: str) -> dict[str, Any]:
    return {
        "id": ref("proposal", p.id),
        "url": api_url(base, "proposal", p.id),
        "parent_id": ref("cycle", p.cycle_id),
        "organisation": {"id": None, "name": p.organisation_name},
        "title": p.title,
        "focus": p.focus,
        "questions": p.questions,
        "decision": str(p.state),
        "response": p.response_text,
        "response_published_at": iso(p.response_published_at),
        "merged_into": f"proposal-{p.merged_into_id}" if p.merged_into_id else None,
        "agenda_item": (
            {"id": p.agenda_item.id, "meeting_id": f"meeting-{p.agenda_item.meeting_id}"}
            if p.agenda_item
            else None
        ),
        "links": [{"note": "page", "url": f"{base}/cycles/{p.cycle_id}#proposal-{p.id}"}],
    }
