"""One world with every state of every public entity: the HTML pages, the JSON API, the CSV
files and search show exactly the same objects of each entity (issue 11 item 2).

Each reader is asked the way a visitor would ask it (pages and files over HTTP, search
through its query function), so a reader with a filter of its own shows up as a difference.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest

from sakrad.cycles.models import CycleState
from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.invitations.models import InvitationState
from sakrad.meetings import service as meetings_service
from sakrad.meetings.models import AgendaItem, MeetingState
from sakrad.minutes.models import Document, DocumentKind, Outcome
from sakrad.portal import search
from sakrad.proposals.models import ProposalState
from tests.cycles_factories import make_cycle, make_meeting, staff_of
from tests.helpers import make_organisation
from tests.portal_factories import invite, make_world, publish_minutes
from tests.proposals_factories import make_proposal
from tests.snapshots import built_once


def _every_state(world) -> dict:
    """Add what ``make_world`` lacks: every meeting, cycle, invitation, proposal, document,
    outcome and organisation state, including the withdrawn-before-sent invitation."""
    w = world
    made: dict = {"meetings": [], "cycles": [w.cycle.id], "orgs": []}
    for state in CycleState:
        c = make_cycle(w.body, year=2033, policy_area=f"Område {state}", state=CycleState.OPEN)
        made["cycles"].append(c.id)
        m = make_meeting(c, title=f"Möte i {state} cykel", state=MeetingState.ANNOUNCED)
        made["meetings"].append(m.id)
        c.state = state  # a cycle taken back to draft hides its announced meeting
        db.session.commit()
    held = make_meeting(w.cycle, title="Hållet möte", state=MeetingState.HELD)
    draft = make_meeting(w.cycle, title="Utkast", state=MeetingState.DRAFT)
    dropped = make_meeting(w.cycle, title="Inställt utkast", state=MeetingState.DRAFT)
    meetings_service.cancel(staff_of(w.body), dropped, "Aldrig tillkännagivet.")
    db.session.add(AgendaItem(session_id=held.sessions[0].id, title="Punkt", position=0))
    db.session.add(AgendaItem(session_id=draft.sessions[0].id, title="Dold punkt", position=0))
    db.session.commit()
    made["meetings"] += [held.id, draft.id, dropped.id]

    orgs = {}
    for state in InvitationState:
        for when in ("before", "after"):
            org = make_organisation(f"Inbjuden {state} {when}")
            orgs[(state, when)] = org
            inv = invite(held, org, state, attended=True)
            if state == InvitationState.WITHDRAWN and when == "before":
                inv.sent_at = None  # withdrawn before it was ever sent
            if state == InvitationState.EXPIRED:
                inv.answered_at = None
        invite(draft, make_organisation(f"Utkastinbjuden {state}"), state)
    db.session.commit()

    for state in ProposalState:
        for published in (False, True):
            extra = {"merged_into_id": w.proposal.id} if state == ProposalState.MERGED else {}
            make_proposal(
                w.cycle,
                w.organisations[1],
                title=f"Förslag {state} {published}",
                state=state,
                published=published,
                **extra,
            )
    for state in (CycleState.DRAFT, CycleState.ARCHIVED):
        c = make_cycle(w.body, year=2034, policy_area=f"Förslag {state}", state=CycleState.OPEN)
        make_proposal(c, w.organisations[1], state=ProposalState.ACCEPTED, published=True)
        c.state = state
    db.session.commit()

    publish_minutes(held, "Anteckningar från det hållna mötet.", outcome="")
    old = Document(
        meeting_id=held.id, title="Gammal version", public=True, kind=DocumentKind.LINK,
        url="https://example.se/gammal",
    )  # fmt: skip
    new = Document(
        meeting_id=held.id, title="Ny version", public=True, kind=DocumentKind.LINK,
        url="https://example.se/ny",
    )  # fmt: skip
    db.session.add_all([old, new])
    db.session.flush()
    old.replaced_by_id = new.id
    db.session.add(
        Document(
            meeting_id=draft.id, title="Utkastdokument", public=True, kind=DocumentKind.LINK,
            url="https://example.se/utkast",
        )
    )  # fmt: skip
    db.session.add(Outcome(meeting_id=draft.id, statement="x", published_statement="x",
                           published_at=utcnow()))  # fmt: skip
    db.session.commit()

    inactive = make_organisation("Vilande förening")
    inactive.active = False
    merged = make_organisation("Sammanslagen förening")
    merged.merged_into_id = w.organisations[0].id
    merged.active = False
    db.session.commit()
    made["orgs"] = [inactive.id, merged.id]
    made["meetings"] += [w.meeting.id, w.documented.id, w.cancelled.id]
    return made


@pytest.fixture
@built_once
def everything(app):
    with app.app_context():
        world = make_world()
        extra = _every_state(world)
        search.reindex()
        db.session.commit()
        from sakrad.meetings.models import Meeting
        from sakrad.organisations.models import Organisation

        extra["all_meetings"] = [m.id for m in db.session.query(Meeting)]
        extra["all_orgs"] = {o.id: o.slug for o in db.session.query(Organisation)}
        from sakrad.cycles.models import Cycle
        from sakrad.proposals.models import TopicProposal

        extra["all_cycles"] = [c.id for c in db.session.query(Cycle)]
        extra["all_proposals"] = [p.id for p in db.session.query(TopicProposal)]
        return extra


def _num(ref: str) -> int:
    return int(ref.rsplit("-", 1)[1])


def _api(client, path: str) -> list[dict]:
    response = client.get(f"/api/v1/{path}?per_page=100")
    assert response.status_code == 200, response.data[:300]
    assert response.json["pagination"]["pages"] == 1
    return response.json["results"]


def _csv(client, name: str) -> list[dict]:
    response = client.get(f"/open-data/{name}.csv")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def _search(app, doc_type: str) -> set[int]:
    with app.test_request_context():
        results = search.search("", search.Filters(doc_type=doc_type))
        assert results.total < search.PAGE_SIZE * 5
        found = set()
        for page in range(1, results.pages + 1):
            found |= {
                h.entity_id for h in search.search("", search.Filters(doc_type=doc_type), page).hits
            }
        return found


def _section(html: str, title_id: str) -> str:
    start = html.find(f'aria-labelledby="{title_id}"')
    return html[start : html.find("</section>", start)] if start >= 0 else ""


def _pages(client, ids) -> dict[int, str]:
    out = {}
    for mid in ids:
        response = client.get(f"/meetings/{mid}?lang=en")
        assert response.status_code in (200, 404)
        if response.status_code == 200:
            out[mid] = response.get_data(as_text=True)
    return out


def test_meetings_sessions_and_agenda_agree(app, client, everything) -> None:
    pages = _pages(client, everything["all_meetings"])
    api = {_num(m["id"]): m for m in _api(client, "meetings")}
    csv_ids = {int(r["id"]) for r in _csv(client, "meetings")}
    assert set(pages) == set(api) == csv_ids == _search(app, "meeting")
    # Some of every kind are hidden: drafts, the never-announced cancellation, draft cycles.
    assert len(pages) < len(everything["all_meetings"]) and len(pages) >= 6
    for mid, html in pages.items():
        page_sessions = {int(s) for s in re.findall(r'id="public-session-(\d+)"', html)}
        assert page_sessions == {s["id"] for s in api[mid]["sessions"]}, mid
        page_items = re.findall(r'id="agenda-item-(\d+)"', html)
        assert len(page_items) == len(api[mid]["agenda"]), mid


def test_invitations_and_attendance_agree(app, client, everything) -> None:
    slugs = everything["all_orgs"]
    pages = _pages(client, everything["all_meetings"])
    page_rows = set()
    for mid, html in pages.items():
        table = _section(html, "meeting-invitations-title")
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
            slug = re.search(r'href="/organisations/([^"]+)"', row)
            if slug:
                attended = (
                    True if ">Attended<" in row else False if ">Did not attend<" in row else None
                )
                page_rows.add((mid, slug.group(1), attended))
    api_rows = {
        (_num(m["id"]), slugs[_num(p["id"])], p["attended"])
        for m in _api(client, "meetings")
        for p in m["participants"]
    }
    csv_rows = {
        (int(r["meeting_id"]), r["organisation_url"].rsplit("/", 1)[1],
         {"yes": True, "no": False, "": None}[r["attended"]])
        for r in _csv(client, "invitations")
    }  # fmt: skip
    assert page_rows == api_rows == csv_rows
    shown = {slug for _, slug, _ in page_rows}
    # The withdrawn-before-sent invitation is on no page (it used to be on the meeting page).
    assert not any(s for s in shown if "withdrawn" in s)
    names = {r[1] for r in page_rows}
    with app.app_context():
        from sakrad.organisations.models import Organisation

        by_slug = {o.slug: o.name for o in db.session.query(Organisation)}
    shown_names = {by_slug[s] for s in names}
    assert not any(n.startswith(("Inbjuden pending", "Inbjuden withdrawn")) for n in shown_names)
    assert {f"Inbjuden {s} {w}" for s in ("sent", "accepted", "declined", "expired")
            for w in ("before", "after")} <= shown_names  # fmt: skip
    # Attendance is public only after the meeting, and only of accepted invitations.
    assert {a for (_, _, a) in page_rows} >= {True, None}


def test_minutes_documents_outcome_and_selection_agree(app, client, everything) -> None:
    pages = _pages(client, everything["all_meetings"])
    api = {_num(m["id"]): m for m in _api(client, "meetings")}
    page_minutes = {mid for mid, html in pages.items() if 'id="meeting-minutes-title"' in html}
    api_minutes = {mid for mid, m in api.items() if m["minutes_url"]}
    csv_minutes = {int(r["id"]) for r in _csv(client, "meetings") if r["minutes_url"]}
    assert page_minutes == api_minutes == csv_minutes == _search(app, "minutes")
    assert len(page_minutes) == 2
    page_outcomes = {mid for mid, html in pages.items() if 'id="meeting-outcome-title"' in html}
    assert page_outcomes == {mid for mid, m in api.items() if m["outcome"]}
    for mid, html in pages.items():
        section = _section(html, "meeting-documents-title")
        page_docs = set(re.findall(r'hreflang="[^"]*"[^>]*>([^<]+)</a>', section))
        assert page_docs == {d["note"] for d in api[mid]["documents"]}, mid
    assert any("Ny version" in html and "Gammal version" not in html for html in pages.values())
    page_reports = {mid for mid, html in pages.items() if "selection-report-title" in html}
    assert page_reports == {mid for mid, m in api.items() if m["selection_report"]}


def test_cycles_proposals_and_organisations_agree(app, client, everything) -> None:
    page_cycles = {
        cid for cid in everything["all_cycles"] if client.get(f"/cycles/{cid}").status_code == 200
    }
    assert page_cycles == {_num(c["id"]) for c in _api(client, "cycles")}
    assert 0 < len(page_cycles) < len(everything["all_cycles"])
    page_proposals = set()
    for cid in page_cycles:
        html = client.get(f"/cycles/{cid}").get_data(as_text=True)
        page_proposals |= {
            int(p) for p in re.findall(r'<article class="card" id="proposal-(\d+)"', html)
        }
    api_proposals = {_num(p["id"]) for p in _api(client, "proposals")}
    csv_proposals = {int(r["id"]) for r in _csv(client, "proposals")}
    assert page_proposals == api_proposals == csv_proposals == _search(app, "proposal")
    assert 0 < len(page_proposals) < len(everything["all_proposals"])
    slugs = everything["all_orgs"]
    page_orgs = {
        oid
        for oid, slug in slugs.items()
        if client.get(f"/organisations/{slug}").status_code == 200
    }
    api_orgs = {_num(o["id"]) for o in _api(client, "organisations")}
    csv_orgs = {int(r["id"]) for r in _csv(client, "organisations")}
    assert page_orgs == api_orgs == csv_orgs == _search(app, "organisation")
    assert not page_orgs & set(everything["orgs"])  # neither the inactive nor the merged one


def test_announcing_a_draft_shows_it_in_every_reader(app, client, everything) -> None:
    with app.app_context():
        from sakrad.meetings.models import Meeting

        draft = db.session.query(Meeting).filter_by(title="Utkast").one()
        draft_id = draft.id
        assert client.get(f"/meetings/{draft_id}").status_code == 404
        draft.state = MeetingState.ANNOUNCED
        draft.announced_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    assert client.get(f"/meetings/{draft_id}").status_code == 200
    assert draft_id in {_num(m["id"]) for m in _api(client, "meetings")}
    assert draft_id in {int(r["id"]) for r in _csv(client, "meetings")}
    assert draft_id in _search(app, "meeting")
