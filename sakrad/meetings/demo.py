"""Demo meetings from the seed report: the 2017 high-level meeting, the ten-session sakråd on
the refugee situation (agencies brief, then the organisations' round) and a second sakråd;
plus an announced sakråd in the current cycle for the selection and invitation demos."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from sakrad.cycles.demo import current_year, find_cycle
from sakrad.cycles.models import Cycle
from sakrad.db import STOCKHOLM, utcnow
from sakrad.extensions import db
from sakrad.meetings.models import (
    AgendaItem,
    Meeting,
    MeetingKind,
    MeetingSession,
    MeetingState,
    PresenterKind,
)

ROSENBAD = "Regeringskansliet, Rosenbad 4, Stockholm"
REFUGEE_TITLE = "Dialogmöte Flyktingsituationen"
# Ten meetings over several months; 22 and 29 March straddle the change to summer time.
REFUGEE_DATES = [
    date(2017, 2, 8),
    date(2017, 3, 1),
    date(2017, 3, 22),
    date(2017, 3, 29),
    date(2017, 4, 26),
    date(2017, 5, 24),
    date(2017, 6, 14),
    date(2017, 9, 6),
    date(2017, 10, 11),
    date(2017, 11, 15),
]
# (title, minutes, presenter kind, presenter): the structure the report describes.
REFUGEE_AGENDA = [
    ("Inledning", 10, PresenterKind.BODY, "Statssekreteraren"),
    ("Aktuellt från Migrationsverket", 20, PresenterKind.AGENCY, "Migrationsverket"),
    ("Aktuellt från Arbetsförmedlingen", 20, PresenterKind.AGENCY, "Arbetsförmedlingen"),
    ("Aktuellt från länsstyrelserna", 20, PresenterKind.AGENCY, "Länsstyrelserna"),
    (
        "Organisationernas runda: vad behöver myndigheterna ta hänsyn till?",
        90,
        PresenterKind.OTHER,
        "De inbjudna organisationerna",
    ),
    ("Sammanfattning och nästa steg", 20, PresenterKind.BODY, "Kulturdepartementet"),
]


def _local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=STOCKHOLM)


def _session(start: datetime, hours: float, agenda: list[tuple]) -> MeetingSession:
    session = MeetingSession(
        starts_at=start, ends_at=start + timedelta(hours=hours), place=ROSENBAD
    )
    session.agenda_items = [
        AgendaItem(
            position=n,
            title=title,
            duration_minutes=minutes,
            presenter_kind=kind,
            presenter_text=presenter,
        )
        for n, (title, minutes, kind, presenter) in enumerate(agenda)
    ]
    return session


def _exists(cycle: Cycle, title: str) -> bool:
    return (
        db.session.scalar(
            sa.select(Meeting.id).where(Meeting.cycle_id == cycle.id, Meeting.title == title)
        )
        is not None
    )


def _add(cycle: Cycle, state: MeetingState, sessions: list[MeetingSession], **data) -> Meeting:
    meeting = Meeting(
        cycle_id=cycle.id, convening_body_id=cycle.convening_body_id, state=state, **data
    )
    for n, session in enumerate(sorted(sessions, key=lambda s: s.starts_at)):
        session.position = n
        meeting.sessions.append(session)
    if state != MeetingState.DRAFT:
        first = meeting.sessions[0].starts_at
        meeting.announced_at = first - timedelta(days=30)
        if state in (MeetingState.HELD, MeetingState.DOCUMENTED):
            meeting.held_at = meeting.sessions[-1].ends_at
    db.session.add(meeting)
    return meeting


# The 2017 meetings after the refugee sakråd: (day, hour, hours, agenda) a session each.
HIGH_LEVEL_2017 = {
    "title": "Högnivåmöte om integration och etablering 2017",
    "state": MeetingState.HELD,
    "sessions": [(date(2017, 5, 16), 13, 3, [
        ("Ministern inleder", 15, PresenterKind.BODY, "Arbetsmarknadsministern"),
        ("Regeringskansliets återkoppling på organisationernas förslag", 30, PresenterKind.BODY, "Arbetsmarknadsdepartementet"),
        ("Bosättning och etablering: organisationernas frågor", 90, PresenterKind.OTHER, "De inbjudna organisationerna"),
        ("Sammanfattning", 15, PresenterKind.BODY, "Arbetsmarknadsministern"),
    ])],
    "kind": MeetingKind.HIGH_LEVEL,
    "title_en": "High-level meeting on integration and establishment 2017",
    "diary_number": "A2017/00123/I",
    "chair_title": "arbetsmarknadsminister",
    "chair_name": "Ylva Johansson",
    "chair_name_public": True,
    "participating_bodies": ["Arbetsmarknadsdepartementet", "Kulturdepartementet"],
    "seats": 20,
    "purpose": "Att organisationerna får ta upp de frågor de prioriterat direkt med ministern.",
    "policy_stage": "Budgetpropositionen för 2017 genomförs; nya former för samverkan införs.",
    "questions": "Bosättning, tidiga insatser för asylsökande och civilsamhällets villkor.",
    "out_of_scope": "Enskilda ärenden och frågor om enskilda organisationers bidrag.",
    "use_of_input": "Inspelen ingår i Regeringskansliets underlag för arbetet med etablering.",
    "feedback_plan": "Minnesanteckningar och återkoppling publiceras inom sex veckor.",
}  # fmt: skip

REFUGEE_2017 = {
    "title": REFUGEE_TITLE,
    "state": MeetingState.HELD,
    "sessions": [(day, 10, 3, REFUGEE_AGENDA) for day in REFUGEE_DATES],
    "kind": MeetingKind.SAKRAD,
    "title_en": "Dialogue meeting: the refugee situation",
    "diary_number": "Ku2017/00456",
    "chair_title": "statssekreterare",
    "chair_name": "Per Olsson Fridh",
    "chair_name_public": True,
    "participating_bodies": [
        "Kulturdepartementet", "Arbetsmarknadsdepartementet", "Justitiedepartementet",
        "Socialdepartementet", "Utbildningsdepartementet",
    ],
    "seats": 15,
    "purpose": (
        "Att ta tillvara civilsamhällets expertis om flyktingsituationen i regeringens "
        "kunskapsunderlag, och att myndigheterna hör vad de behöver ta hänsyn till."
    ),
    "policy_stage": "Mottagandet efter hösten 2015; regeringen följer läget löpande.",
    "questions": (
        "Vad ser organisationerna i mottagandet just nu? Vad behöver Migrationsverket, "
        "Arbetsförmedlingen och länsstyrelserna ta hänsyn till?"
    ),
    "out_of_scope": "Enskilda asylärenden.",
    "use_of_input": (
        "Departementen och myndigheterna tar med inspelen i sitt fortsatta arbete; "
        "frågor som kräver beslut lyfts till statssekreteraren."
    ),
    "feedback_plan": "Vid nästa träff redovisar myndigheterna vad som hänt sedan sist.",
}  # fmt: skip

EARLY_MEASURES_2017 = {
    "title": "Sakråd om tidiga insatser för asylsökande",
    "state": MeetingState.HELD,
    "sessions": [(date(2017, 9, 20), 13, 2.5, [
        ("Inledning", 10, PresenterKind.BODY, "Arbetsmarknadsdepartementet"),
        ("Länsstyrelsernas nya samordningsansvar", 25, PresenterKind.AGENCY, "Länsstyrelserna"),
        ("Erfarenheter från Orust och Haparanda", 45, PresenterKind.OTHER, "Studieförbundet Vuxenskolan, Hela Sverige ska leva"),
        ("Organisationernas runda", 60, PresenterKind.OTHER, "Alla organisationer"),
    ])],
    "kind": MeetingKind.SAKRAD,
    "title_en": "Sakråd on early measures for asylum seekers",
    "chair_title": "statssekreterare",
    "participating_bodies": ["Arbetsmarknadsdepartementet"],
    "seats": 12,
    "purpose": "Att höra hur det nya statsbidraget för tidiga insatser bör utformas.",
    "policy_stage": "Förordningen om statsbidrag för tidiga insatser bereds.",
    "questions": "Hur når insatserna asylsökande på landsbygden? Vad krånglar i dag?",
    "out_of_scope": "Nivån på anslaget, som riksdagen beslutar om.",
    "use_of_input": "Inspelen används i arbetet med förordningen.",
    "feedback_plan": "Återkoppling när förordningen beslutats, senast i december 2017.",
}  # fmt: skip

CURRENT_TITLE = "Sakråd om språkinsatser genom folkbildningen"


def _current_meetings() -> list[dict]:
    """The current cycle's announced sakråd (in six weeks, interest open for three) and a
    high-level meeting still in planning."""
    day = (utcnow() + timedelta(days=45)).astimezone(STOCKHOLM).date()
    hour = utcnow().replace(minute=0, second=0, microsecond=0)
    return [
        {
            "title": CURRENT_TITLE,
            "state": MeetingState.ANNOUNCED,
            "announced_at": utcnow() - timedelta(days=2),
            "sessions": [(day, 13, 3, [
                ("Inledning", 10, PresenterKind.BODY, "Statssekreteraren"),
                ("Folkbildningsrådet om läget", 20, PresenterKind.AGENCY, "Folkbildningsrådet"),
                ("Organisationernas runda", 120, PresenterKind.OTHER, "De inbjudna organisationerna"),
                ("Nästa steg", 15, PresenterKind.BODY, "Arbetsmarknadsdepartementet"),
            ])],
            "kind": MeetingKind.SAKRAD,
            "title_en": "Sakråd on language learning through adult education",
            "chair_title": "statssekreterare",
            "participating_bodies": ["Arbetsmarknadsdepartementet", "Utbildningsdepartementet"],
            "seats": 12,
            "interest_closes_at": hour + timedelta(days=21),
            "easy_read": (
                "Regeringen vill prata med föreningar om hur nyanlända kan lära sig svenska "
                "i studieförbund. Föreningar kan anmäla intresse. 12 föreningar bjuds in."
            ),
            "purpose": "Att höra hur språkinsatserna genom folkbildningen fungerar för deltagarna.",
            "policy_stage": "Regeringen förbereder nästa års uppdrag till Folkbildningsrådet.",
            "questions": "Vilka når insatserna och vilka når de inte? Hur kan de nå fler på landsbygden?",
            "out_of_scope": "Fördelningen av statsbidrag till enskilda studieförbund.",
            "use_of_input": "Inspelen ingår i underlaget till uppdraget till Folkbildningsrådet.",
            "feedback_plan": "Minnesanteckningar inom tre veckor och återkoppling inom två månader.",
        },
        {
            "title": "Högnivåmöte med arbetsmarknadsministern",
            "state": MeetingState.DRAFT,
            "sessions": [],
            "kind": MeetingKind.HIGH_LEVEL,
            "title_en": "High-level meeting with the Minister for Employment",
            "chair_title": "arbetsmarknadsminister",
            "participating_bodies": ["Arbetsmarknadsdepartementet"],
            "seats": 20,
            "internal_notes": "Datum bekräftas med ministerns kansli.",
        },
    ]  # fmt: skip


def demo_meeting() -> Meeting | None:
    """The current cycle's announced demo sakråd (the invitation and selection demos' own)."""
    return db.session.scalar(
        sa.select(Meeting)
        .where(Meeting.title == CURRENT_TITLE, Meeting.state == MeetingState.ANNOUNCED)
        .order_by(Meeting.id.desc())
        .limit(1)
    )


def _seed(cycle: Cycle, meetings: list[dict]) -> bool:
    """Add each meeting the cycle does not have yet (by title); True if any was added."""
    created = False
    for spec in meetings:
        if _exists(cycle, spec["title"]):
            continue
        data = {"delegates_per_org": 2, **spec}
        sessions = [
            _session(_local(d, h), hours, agenda) for d, h, hours, agenda in data.pop("sessions")
        ]
        announced_at = data.pop("announced_at", None)
        meeting = _add(cycle, data.pop("state"), sessions, **data)
        if announced_at is not None:
            meeting.announced_at = announced_at
        created = True
    return created


def seed() -> bool:
    created = False
    old = find_cycle(2017)
    if old is not None:
        created = _seed(old, [HIGH_LEVEL_2017, REFUGEE_2017, EARLY_MEASURES_2017]) or created
    current = find_cycle(current_year())
    if current is not None:
        created = _seed(current, _current_meetings()) or created
    db.session.flush()
    return created
