"""The public meeting page loads its whole view in a fixed, small number of SQL queries,
whatever the number of sessions, agenda items, proposals and invitations (issue 11 item 9)."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from sakrad.extensions import db
from sakrad.invitations.models import Delegate, InvitationState
from sakrad.meetings.models import AgendaItem, Meeting, MeetingSession
from sakrad.organisations.models import Organisation
from sakrad.proposals.models import ProposalState
from tests.helpers import make_organisation
from tests.portal_factories import invite, make_world
from tests.proposals_factories import make_proposal

MAX_QUERIES = 12


def _grow(meeting_id: int, n: int) -> None:
    """``n`` more sessions with two agenda items each, a published proposal on each item, and
    ``n`` more invitations (accepted, with a public delegate name)."""
    meeting = db.session.get(Meeting, meeting_id)
    last = max(s.ends_at for s in meeting.sessions)
    for k in range(n):
        start = last + timedelta(days=k + 1)
        session = MeetingSession(
            meeting_id=meeting.id, starts_at=start, ends_at=start + timedelta(hours=3)
        )
        db.session.add(session)
        db.session.flush()
        for pos in range(2):
            item = AgendaItem(session_id=session.id, title=f"Punkt {k}.{pos}", position=pos)
            db.session.add(item)
            db.session.flush()
            org = make_organisation(f"Förening {meeting_id}-{k}-{pos}")
            proposal = make_proposal(
                meeting.cycle,
                org,
                title=f"Förslag {k}.{pos}",
                state=ProposalState.ACCEPTED,
                response_text="Tas upp.",
                published=True,
            )
            proposal.agenda_item_id = item.id
        invitation = invite(meeting, make_organisation(f"Inbjuden {meeting_id}-{k}"))
        invitation.delegates.append(
            Delegate(name=f"Delegat {k}", email=f"d{k}@example.se", needs=[], name_public=True)
        )
    db.session.commit()


def _count_queries(app, client, url: str) -> tuple[int, str]:
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        response = client.get(url)
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    assert response.status_code == 200
    return len(statements), response.get_data(as_text=True)


def test_meeting_page_queries_do_not_grow_with_the_meeting(app, client) -> None:
    with app.app_context():
        world = make_world()
        ids = (world.meeting.id, world.documented.id)
    client.get("/")  # the search index schema is checked once per process
    before = {mid: _count_queries(app, client, f"/meetings/{mid}")[0] for mid in ids}
    with app.app_context():
        for mid in ids:
            _grow(mid, 4)
    for mid in ids:
        after, html = _count_queries(app, client, f"/meetings/{mid}")
        assert "Punkt 3.1" in html and "Förslag 3.1" in html and "Delegat 3" in html
        assert after == before[mid], (mid, before[mid], after)
        assert after <= MAX_QUERIES, (mid, after)


def test_selection_and_minutes_keep_the_page_within_the_budget(app, client) -> None:
    from sakrad.selection import service as selection_service
    from tests.selection_factories import make_pool, make_selection, open_meeting

    with app.app_context():
        meeting = open_meeting()
        make_pool(meeting)
        selection = make_selection(meeting)
        selection_service.publish_report(selection)
        db.session.commit()
        mid = meeting.id
        orgs = db.session.scalars(sa.select(Organisation).limit(3)).all()
        for org in orgs:
            invite(meeting, org, InvitationState.ACCEPTED)
    count, html = _count_queries(app, client, f"/meetings/{mid}")
    assert "selection-report-title" in html
    assert count <= MAX_QUERIES, count
