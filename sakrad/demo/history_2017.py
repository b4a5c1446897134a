"""Demo: the 2017 integration cycle told to the end, from the seed report.

The ten-session sakråd on the refugee situation, convened by the state secretary: who was
invited, who answered and who came, the agencies that briefed (Migrationsverket,
Arbetsförmedlingen, the county administrative boards), and the published minutes; and the
yearly high-level meeting with the minister after the organisations' proposals, with its
invited organisations and attendance. So a visitor can answer "who was invited and who
came" on the public pages.

Idempotent: nothing is added to a meeting that already has invitations.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa

from sakrad.audit.service import record
from sakrad.db import STOCKHOLM
from sakrad.extensions import db
from sakrad.invitations.models import Delegate, Invitation, InvitationOrigin, InvitationState
from sakrad.meetings.models import Meeting, MeetingState
from sakrad.minutes.models import MinutesPublication, MinutesRevision, Outcome
from sakrad.organisations.models import Organisation

DEMO = "demo"
REFUGEE_TITLE = "Dialogmöte Flyktingsituationen"
HIGH_LEVEL_TITLE = "Högnivåmöte om integration och etablering 2017"
AGENCIES = ["Kulturdepartementet", "Migrationsverket", "Arbetsförmedlingen", "Länsstyrelserna"]

# (slug, state, attended, public delegate, reason for the invitation or the answer)
REFUGEE_INVITED = [
    ("skyddsvarnet", "accepted", True, "Nilla Helgesson",
     "Stöd till människor i utsatta livssituationer, boenden för ensamkommande."),
    ("refugees-welcome-stockholm", "accepted", True, "Linn Johansson",
     "Tog emot transitflyktingar vid Stockholms central hösten 2015."),
    ("studieforbundet-vuxenskolan", "accepted", True, "Margareta Thoresson",
     "Studiecirklar med asylsökande, bland annat på Orust."),
    ("hela-sverige-ska-leva", "accepted", True, "Lars Bergström",
     "Mottagande och integration på landsbygden."),
    ("sios", "accepted", True, "Julio Fuentes",
     "Samarbetsorgan för etniska organisationer i hela landet."),
    ("roda-korset", "accepted", True, None, "Mottagning, boenden och återföreningar."),
    ("radda-barnen", "accepted", False, None, "Barnrättsperspektivet i mottagandet."),
    ("sveriges-kristna-rad", "accepted", True, None, "Församlingarnas arbete med asylsökande."),
    ("mangfaldsmat-orust-mirakel", "declined", None, None,
     "Lokalt initiativ; tackade nej eftersom ingen kunde resa till Stockholm."),
]  # fmt: skip
HIGH_LEVEL_INVITED = [
    ("sios", "accepted", True, "Julio Fuentes", "Föreslog ämnen till högnivåmötet."),
    ("hela-sverige-ska-leva", "accepted", True, "Jan Runfors", "Föreslog ämnen till högnivåmötet."),
    ("studieforbundet-vuxenskolan", "accepted", True, None, "Föreslog ämnen till högnivåmötet."),
    ("skyddsvarnet", "accepted", True, None, "Deltog i sakrådet om flyktingsituationen."),
    ("forum-ideburna", "accepted", False, None, "Paraplyorganisation för idéburen välfärd."),
    ("refugees-welcome-stockholm", "declined", None, None, "Deltog i sakrådet om flyktingsituationen."),
]  # fmt: skip

REFUGEE_MINUTES = """# Dialogmöte Flyktingsituationen 2017

Sakrådet samlades tio gånger mellan februari och november 2017 i Rosenbad. Statssekreteraren på Kulturdepartementet bjöd in och ledde mötena.

## Deltagare

Skyddsvärnet, Refugees Welcome Stockholm, Studieförbundet Vuxenskolan, Hela Sverige ska leva, SIOS, Röda Korset och Sveriges Kristna Råd. Rädda Barnen var inbjudet men kunde inte delta. Mångfaldsmat / Orust Mirakel tackade nej.

Myndigheter som informerade: Migrationsverket, Arbetsförmedlingen och länsstyrelserna.

## Så gick mötena till

Varje möte började med att myndigheterna kort berättade vad som var aktuellt i relation till flyktingfrågan. Därefter hade organisationerna en runda där de tog upp vad myndigheterna behöver ta hänsyn till.

## Det som organisationerna tog upp

- Boendefrågan och flyttningar mellan boenden: personliga möten behövs, inte bara digitala kontakter.
- Ett glapp i finansieringen mellan december och februari gör att verksamheter tappar fart.
- Civilsamhällets arbete redan under asyltiden underlättar etableringen efter bosättning.
- Landsbygdens perspektiv: längre mellan husen men närmare mellan människorna.

## Nästa steg

Kulturdepartementet sammanställer inspelen och återkommer om hur de tas om hand i arbetet med etableringen.
"""
REFUGEE_OUTCOME = (
    "Inspelen om boende, finansieringens glapp och landsbygdens perspektiv ingår i "
    "Regeringskansliets underlag om etableringsuppdraget. Kulturdepartementet återkopplar "
    "till de deltagande organisationerna när underlaget är klart."
)


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=STOCKHOLM).astimezone(UTC)


def _meeting(title: str) -> Meeting | None:
    return db.session.scalar(sa.select(Meeting).where(Meeting.title == title).limit(1))


def _invite(meeting: Meeting, rows: list[tuple]) -> bool:
    if meeting is None or meeting.starts_at is None:
        return False
    has_any = db.session.scalar(
        sa.select(Invitation.id).where(Invitation.meeting_id == meeting.id).limit(1)
    )
    if has_any is not None:
        return False
    first = meeting.starts_at
    for slug, state, attended, delegate, reason in rows:
        org = db.session.scalar(sa.select(Organisation).where(Organisation.slug == slug))
        if org is None:
            continue
        invitation = Invitation(
            meeting_id=meeting.id,
            organisation_id=org.id,
            state=InvitationState(state),
            origin=InvitationOrigin.MANUAL,
            origin_reason=reason,
            deadline=first - timedelta(days=7),
            sent_at=first - timedelta(days=28),
            answered_at=first - timedelta(days=14),
            decline_reason=reason if state == "declined" else None,
            attended=attended,
            created_at=first - timedelta(days=30),
        )
        if state == "accepted":
            invitation.delegates.append(
                Delegate(
                    name=delegate or f"Företrädare för {org.name}",
                    email=f"kontakt@{slug}.example.se",
                    name_public=delegate is not None,
                    attended=attended,
                )
            )
        db.session.add(invitation)
        db.session.flush()
        record(
            "invitation.sent",
            invitation,
            after={"state": "sent"},
            actor_label=DEMO,
            convening_body_id=meeting.convening_body_id,
            public=True,
        )
        if state != "sent":
            record(
                f"invitation.{state}",
                invitation,
                before={"state": "sent"},
                after={"state": state},
                actor_label=DEMO,
                convening_body_id=meeting.convening_body_id,
                public=True,
            )
    return True


def _document_refugee(meeting: Meeting) -> bool:
    if meeting is None or meeting.state != MeetingState.HELD:
        return False
    if not meeting.participating_bodies:
        meeting.participating_bodies = AGENCIES
    published = _at(date(2017, 12, 8), 10)
    revision = MinutesRevision(
        meeting_id=meeting.id,
        number=1,
        text=REFUGEE_MINUTES,
        created_at=published - timedelta(days=14),
        based_on_number=0,
    )
    db.session.add(revision)
    db.session.flush()
    publication = MinutesPublication(
        meeting_id=meeting.id, revision_id=revision.id, published_at=published
    )
    db.session.add(publication)
    db.session.add(
        Outcome(
            meeting_id=meeting.id,
            statement=REFUGEE_OUTCOME,
            feedback_when=date(2018, 3, 31),
            published_statement=REFUGEE_OUTCOME,
            published_feedback_when=date(2018, 3, 31),
            published_at=published,
        )
    )
    meeting.state = MeetingState.DOCUMENTED
    meeting.documented_at = published
    db.session.flush()
    record(
        "minutes.published",
        publication,
        after={"meeting_id": meeting.id, "revision": 1},
        actor_label=DEMO,
        convening_body_id=meeting.convening_body_id,
        public=True,
    )
    return True


def seed() -> bool:
    """Runs in a request context of the public address (the search index builds links)."""
    from flask import current_app, has_request_context

    if has_request_context():
        return _seed()
    with current_app.test_request_context(base_url=current_app.config["PUBLIC_BASE_URL"]):
        created = _seed()
        db.session.commit()
    return created


def _seed() -> bool:
    refugee = _meeting(REFUGEE_TITLE)
    high_level = _meeting(HIGH_LEVEL_TITLE)
    if refugee is None or high_level is None:
        return False  # the 2017 cycle of the meetings demo is not there
    created = _invite(refugee, REFUGEE_INVITED)
    if created:
        _document_refugee(refugee)
    created = _invite(high_level, HIGH_LEVEL_INVITED) or created
    return created
