"""A small public world for the portal's tests, plus unpublished things carrying MARKERS
that must never appear on any public page, feed, calendar, API response or CSV file."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sakrad.accounts.models import BodyKind, ConveningBody
from sakrad.cycles.models import Cycle, CycleState
from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.invitations.models import Delegate, Invitation, InvitationOrigin, InvitationState
from sakrad.meetings import service as meetings_service
from sakrad.meetings.models import AgendaItem, Meeting, MeetingState
from sakrad.minutes.models import (
    Document,
    DocumentKind,
    MinutesPublication,
    MinutesRevision,
    Outcome,
)
from sakrad.organisations.models import Organisation
from sakrad.proposals.models import ProposalState, ResponseBatch, TopicProposal
from tests.cycles_factories import make_cycle, make_meeting, staff_of
from tests.helpers import make_body, make_organisation
from tests.proposals_factories import make_proposal

MARKERS = {
    "draft_meeting": "MARKER-DRAFT-MEETING-7731",
    "internal_notes": "MARKER-INTERNAL-NOTES-1190",
    "online_url": "https://meet.example.se/MARKER-ONLINE-4410",
    "delegate_email": "marker-delegate-5521@example.se",
    "delegate_needs": "MARKER-NEEDS-8812",
    "delegate_name": "MARKER-PRIVATE-NAME-2290",
    "unpublished_response": "MARKER-UNPUBLISHED-RESPONSE-3318",
    "unpublished_proposal": "MARKER-UNPUBLISHED-PROPOSAL-6604",
    "internal_document": "MARKER-INTERNAL-DOCUMENT-9051",
    "draft_minutes": "MARKER-DRAFT-MINUTES-4467",
    "draft_outcome": "MARKER-DRAFT-OUTCOME-7320",
    "draft_cycle": "MARKER-DRAFT-CYCLE-1184",
    "contact_email": "marker-contact-3356@example.se",
    "pending_invitation_org": "MARKER-PENDING-ORG-5017",
    "decline_reason": "MARKER-DECLINE-REASON-6128",
}


@dataclass
class World:
    body: ConveningBody
    cycle: Cycle
    meeting: Meeting
    documented: Meeting
    cancelled: Meeting
    proposal: TopicProposal
    organisations: list[Organisation]
    document: Document
    extra: dict = field(default_factory=dict)


def publish_minutes(meeting: Meeting, text: str, *, outcome: str = "Vi tar med inspelen.") -> None:
    rev = MinutesRevision(meeting_id=meeting.id, number=1, text=text)
    db.session.add(rev)
    db.session.flush()
    db.session.add(MinutesPublication(meeting_id=meeting.id, revision_id=rev.id))
    db.session.add(
        Outcome(
            meeting_id=meeting.id,
            statement=outcome,
            published_statement=outcome,
            published_at=utcnow(),
        )
    )
    db.session.commit()


def invite(
    meeting: Meeting,
    org: Organisation,
    state: InvitationState = InvitationState.ACCEPTED,
    *,
    attended: bool | None = None,
    delegate: tuple[str, str, list[str]] | None = None,
    decline_reason: str | None = None,
) -> Invitation:
    now = utcnow()
    inv = Invitation(
        meeting_id=meeting.id,
        organisation_id=org.id,
        state=state,
        origin=InvitationOrigin.SELECTION,
        deadline=now + timedelta(days=10),
        sent_at=None if state == InvitationState.PENDING else now,
        answered_at=now if state in (InvitationState.ACCEPTED, InvitationState.DECLINED) else None,
        attended=attended,
        decline_reason=decline_reason,
    )
    if delegate:
        name, email, needs = delegate
        inv.delegates.append(
            Delegate(name=name, email=email, needs=needs, needs_note=", ".join(needs))
        )
    db.session.add(inv)
    db.session.commit()
    return inv


def make_world(*, with_secrets: bool = True) -> World:
    """One convening body with an open cycle: an announced sakråd with an agenda, a held and
    documented high-level meeting with minutes, a document and an outcome, a cancelled
    meeting, invitations with answers and attendance, and a published proposal."""
    body = make_body("Integrationsdepartementet", kind=BodyKind.MINISTRY)
    cycle = make_cycle(body, year=2031, policy_area="Integration", state=CycleState.OPEN)
    orgs = [
        make_organisation("Hela Sverige ska leva Gotland"),
        make_organisation("Föreningen Mångfald i Malmö"),
    ]
    orgs[0].county = "09"
    orgs[1].county = "12"
    db.session.commit()
    meeting = make_meeting(
        cycle, title="Sakråd om etablering på landsbygden", state=MeetingState.ANNOUNCED
    )
    documented = _documented(cycle)
    cancelled = make_meeting(cycle, title="Sakråd om folkbildning", state=MeetingState.ANNOUNCED)
    meetings_service.cancel(staff_of(body), cancelled, "Inställt på grund av sjukdom.")
    db.session.commit()
    invite(meeting, orgs[0], InvitationState.ACCEPTED)
    invite(documented, orgs[0], InvitationState.ACCEPTED, attended=True)
    invite(documented, orgs[1], InvitationState.DECLINED)
    publish_minutes(documented, "Minnesanteckningar: deltagarna diskuterade etablering.")
    document = Document(
        meeting_id=documented.id,
        title="Presentation om etablering",
        public=True,
        kind=DocumentKind.LINK,
        url="https://www.regeringen.se/presentation",
    )
    db.session.add(document)
    proposal = make_proposal(
        cycle,
        orgs[0],
        title="Landsbygdens föreningar som väg till arbete",
        state=ProposalState.ACCEPTED,
        response_text="Frågan tas upp på högnivåmötet.",
        published=True,
    )
    db.session.add(ResponseBatch(cycle_id=cycle.id, proposal_count=1, published_at=utcnow()))
    db.session.commit()
    world = World(body, cycle, meeting, documented, cancelled, proposal, orgs, document)
    if with_secrets:
        add_secrets(world)
    return world


def _documented(cycle: Cycle) -> Meeting:
    """A held, documented meeting (sessions in the past are set directly)."""
    meeting = make_meeting(cycle, title="Högnivåmöte om integration", state=MeetingState.ANNOUNCED)
    meeting.kind = "high_level"
    past = utcnow() - timedelta(days=20)
    for n, s in enumerate(meeting.sessions):
        s.starts_at = past + timedelta(days=n)
        s.ends_at = s.starts_at + timedelta(hours=2)
    meeting.state = MeetingState.DOCUMENTED
    meeting.held_at = past
    meeting.documented_at = utcnow()
    db.session.commit()
    return meeting


def add_secrets(world: World) -> None:
    m = MARKERS
    world.meeting.internal_notes = m["internal_notes"]
    world.meeting.sessions[0].online_url = m["online_url"]
    world.documented.internal_notes = m["internal_notes"]
    db.session.commit()
    draft = make_meeting(world.cycle, title=m["draft_meeting"], state=MeetingState.DRAFT)
    draft.purpose = m["draft_meeting"]
    draft_cycle = make_cycle(world.body, year=2032, policy_area=m["draft_cycle"])
    make_meeting(draft_cycle, title=m["draft_cycle"] + " möte", state=MeetingState.DRAFT)
    org = make_organisation(m["pending_invitation_org"])
    org.active = True
    world.organisations[0].contact_email = m["contact_email"]
    db.session.commit()
    # A pending (unsent) invitation is not public, nor is the organisation's seat in it.
    invite(world.meeting, org, InvitationState.PENDING)
    invite(
        world.meeting,
        world.organisations[1],
        InvitationState.ACCEPTED,
        delegate=(m["delegate_name"], m["delegate_email"], [m["delegate_needs"]]),
    )
    decl = (
        db.session.query(Invitation)
        .filter_by(meeting_id=world.documented.id, state=InvitationState.DECLINED)
        .first()
    )
    decl.decline_reason = m["decline_reason"]
    make_proposal(world.cycle, world.organisations[1], title=m["unpublished_proposal"])
    make_proposal(
        world.cycle,
        world.organisations[1],
        title="Beslutad men opublicerad",
        state=ProposalState.DECLINED,
        response_text=m["unpublished_response"],
    )
    db.session.add(
        Document(
            meeting_id=world.documented.id,
            title=m["internal_document"],
            public=False,
            kind=DocumentKind.LINK,
            url="https://intern.example.se/" + m["internal_document"],
        )
    )
    # A newer revision that has not been published, and an unpublished outcome edit.
    db.session.add(
        MinutesRevision(meeting_id=world.documented.id, number=2, text=m["draft_minutes"])
    )
    outcome = db.session.query(Outcome).filter_by(meeting_id=world.documented.id).one()
    outcome.statement = m["draft_outcome"]
    item = AgendaItem(session_id=world.meeting.sessions[0].id, title="Dagordningspunkt", position=1)
    db.session.add(item)
    db.session.commit()
