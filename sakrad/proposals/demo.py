"""Demo data: answered proposals in the 2017 cycle (one of each decision, published in one
batch) and one unanswered proposal in the cycle whose call is open now.

Organisations are those of the seed report; texts follow its themes (rural integration,
folkbildning, the refugee situation, unaccompanied young people). Idempotent: a proposal is
looked up by cycle, organisation and title before it is created.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from sakrad.accounts.models import ConveningBody
from sakrad.audit.service import record
from sakrad.cycles.models import Cycle
from sakrad.extensions import db
from sakrad.meetings.models import AgendaItem, Meeting, MeetingKind, MeetingSession
from sakrad.organisations.models import Organisation
from sakrad.proposals.models import ProposalState, ResponseBatch, TopicProposal
from sakrad.proposals.queries import cycles_with_open_call

BODY = "Arbetsmarknadsdepartementet"
DEMO_ACTOR = "Demodata"

# (org slug, title, focus, questions, state, response, merged into title)
ANSWERED_2017 = [
    (
        "hela-sverige-ska-leva",
        "Landsbygdens roll i etableringen av nyanlända",
        "Många nyanlända har placerats i landsbygdskommuner där lokala föreningar, byalag och "
        "företagare redan gör stora insatser. Etableringen planeras ändå utifrån storstädernas "
        "förutsättningar.",
        "Hur kan etableringsuppdraget ta tillvara lokala utvecklingsgrupper på landsbygden?\n"
        "Kan Arbetsförmedlingen få i uppdrag att samverka med byalag om praktikplatser?",
        ProposalState.ACCEPTED,
        "Antaget. Frågan om landsbygdens roll i etableringen tas upp som en egen punkt på "
        "högnivåmötet. Förslaget pekar på en verklig skillnad mellan storstad och landsbygd som "
        "vi vill förstå bättre, och Arbetsförmedlingen deltar för att svara på frågan om praktik.",
        None,
    ),
    (
        "studieforbundet-vuxenskolan",
        "Studiecirklar i svenska för nyanlända på mindre orter",
        "Svenska från dag ett i studieförbundens regi når många, men på mindre orter saknas "
        "ofta lokaler och cirkelledare.",
        "Hur kan stödet till svenska från dag ett göras långsiktigt?\n"
        "Kan kommunerna upplåta lokaler för studiecirklar?",
        ProposalState.MERGED,
        "Sammanfört med Hela Sverige ska levas förslag om landsbygdens roll i etableringen. "
        "Båda förslagen handlar om förutsättningarna på mindre orter, och frågan om "
        "studiecirklar tas upp under samma dagordningspunkt.",
        "Landsbygdens roll i etableringen av nyanlända",
    ),
    (
        "sios",
        "Långsiktig finansiering av etniska organisationer",
        "Projektbidrag gör att organisationerna lägger mycket tid på ansökningar och att "
        "kunskap försvinner när projekten tar slut.",
        "Kan organisationsbidragen bli fleråriga?\nHur kan återrapporteringen förenklas?",
        ProposalState.DEFERRED,
        "Skjutet till 2018 års dialogcykel. Förordningen om statsbidrag ses över under hösten "
        "2017 och frågan passar bättre när förslaget till ny förordning finns. Vi återkommer "
        "med en inbjudan till sakråd om översynen.",
        None,
    ),
    (
        "skyddsvarnet",
        "Boende för ensamkommande unga som fyller 18 år",
        "Unga som kom ensamma och fyller 18 förlorar ofta sitt boende och sitt nätverk mitt i "
        "skolgången.",
        "Hur kan kommunerna ges möjlighet att låta unga bo kvar tills gymnasiet är klart?",
        ProposalState.DECLINED,
        "Avslaget i denna dialogcykel. Frågan är viktig men ligger inom Socialdepartementets "
        "ansvarsområde och behandlas i ett pågående lagstiftningsarbete där. Vi har vidarebefordrat "
        "förslaget till Socialdepartementet, som har lovat att bjuda in till sakråd i frågan.",
        None,
    ),
]

CURRENT = (
    "refugees-welcome-stockholm",
    "Beredskap i civilsamhället inför nästa stora flyktingsituation",
    "Hösten 2015 visade att informella grupper som startade i sociala medier kunde ta emot "
    "tusentals människor på några dagar, men de fanns inte med i myndigheternas planering.",
    "Hur kan informella nätverk få en plats i krisberedskapen?\n"
    "Vem på myndighetssidan ska de kunna ringa första dygnet?",
)


def _body() -> ConveningBody | None:
    return db.session.scalar(sa.select(ConveningBody).where(ConveningBody.name == BODY))


def _org(slug: str) -> Organisation | None:
    return db.session.scalar(sa.select(Organisation).where(Organisation.slug == slug))


def _existing(cycle: Cycle, org: Organisation, title: str) -> TopicProposal | None:
    return db.session.scalar(
        sa.select(TopicProposal).where(
            TopicProposal.cycle_id == cycle.id,
            TopicProposal.organisation_id == org.id,
            TopicProposal.title == title,
        )
    )


def _high_level_item(cycle: Cycle) -> AgendaItem | None:
    """The high-level meeting's item where organisations raise their questions, else its first."""
    items = list(
        db.session.scalars(
            sa.select(AgendaItem)
            .join(MeetingSession, AgendaItem.session_id == MeetingSession.id)
            .join(Meeting, MeetingSession.meeting_id == Meeting.id)
            .where(Meeting.cycle_id == cycle.id, Meeting.kind == MeetingKind.HIGH_LEVEL)
            .order_by(MeetingSession.starts_at, AgendaItem.position, AgendaItem.id)
        )
    )
    return next((i for i in items if "frågor" in i.title.lower()), items[0] if items else None)


def _times(cycle: Cycle) -> tuple[datetime, datetime]:
    """When the demo proposals were written and when the responses went out."""
    submitted = (cycle.call_opens_at or datetime(2017, 2, 1, 9, tzinfo=UTC)) + timedelta(days=3)
    closes = cycle.call_closes_at or submitted + timedelta(days=30)
    return submitted, closes + timedelta(days=21)


def _seed_2017(body: ConveningBody) -> bool:
    cycle = db.session.scalar(
        sa.select(Cycle)
        .where(Cycle.convening_body_id == body.id, Cycle.year == 2017)
        .order_by(Cycle.id)
        .limit(1)
    )
    if cycle is None:
        return False
    submitted, published = _times(cycle)
    created: list[TopicProposal] = []
    by_title: dict[str, TopicProposal] = {}
    item = _high_level_item(cycle)
    for slug, title, focus, questions, state, response, merged_title in ANSWERED_2017:
        org = _org(slug)
        if org is None:
            continue
        proposal = _existing(cycle, org, title)
        if proposal is None:
            proposal = TopicProposal(
                cycle_id=cycle.id,
                organisation_id=org.id,
                title=title,
                focus=focus,
                questions=questions,
                state=state,
                response_text=response,
                created_at=submitted,
                updated_at=submitted,
                decided_at=published - timedelta(days=5),
                merged_into=by_title.get(merged_title) if merged_title else None,
                agenda_item_id=item.id if item and state == ProposalState.ACCEPTED else None,
            )
            if state == ProposalState.MERGED and proposal.merged_into is None:
                continue  # its target is missing: a merge cannot stand alone
            created.append(proposal)
        by_title[title] = proposal
    if not created:
        return False
    batch = ResponseBatch(cycle_id=cycle.id, published_at=published, proposal_count=len(created))
    db.session.add(batch)
    db.session.flush()
    for proposal in created:
        # Set before the first flush, so updated_at keeps the submission time.
        proposal.response_published_at = published
        proposal.batch_id = batch.id
        db.session.add(proposal)
    db.session.flush()
    record(
        "proposal.batch_published",
        batch,
        after={"proposal_ids": [p.id for p in created], "undecided": 0},
        actor_label=DEMO_ACTOR,
        convening_body_id=body.id,
        public=True,
    )
    return True


def _seed_current(body: ConveningBody) -> bool:
    cycles = [c for c in cycles_with_open_call() if c.convening_body_id == body.id]
    org = _org(CURRENT[0])
    if not cycles or org is None:
        return False
    cycle = cycles[0]
    slug, title, focus, questions = CURRENT
    if _existing(cycle, org, title) is not None:
        return False
    db.session.add(
        TopicProposal(
            cycle_id=cycle.id, organisation_id=org.id, title=title, focus=focus, questions=questions
        )
    )
    return True


def seed() -> bool:
    body = _body()
    if body is None:
        return False
    created = _seed_2017(body)
    return _seed_current(body) or created
