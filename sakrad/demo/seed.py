"""``flask sakrad seed-demo``: a realistic setting from the seed report.

Idempotent: every record is looked up by a natural key before it is created, so running it
twice changes nothing. Each package adds its part through its ``demo.seed()`` (``STEPS``).
"""

from __future__ import annotations

import sqlalchemy as sa

from sakrad.accounts import service as accounts
from sakrad.accounts.models import BodyKind, ConveningBody, Role, User
from sakrad.cycles import demo as cycles_demo
from sakrad.demo import history_2017
from sakrad.extensions import db
from sakrad.feedback import demo as feedback_demo
from sakrad.followup import demo as followup_demo
from sakrad.invitations import demo as invitations_demo
from sakrad.meetings import demo as meetings_demo
from sakrad.minutes import demo as minutes_demo
from sakrad.organisations import demo as organisations_demo
from sakrad.organisations.models import Organisation, Representation
from sakrad.proposals import demo as proposals_demo
from sakrad.selection import demo as selection_demo

# Stated in the README; development only.
DEMO_PASSWORD = "sakrad-demo-2026"

BODIES = [
    ("Arbetsmarknadsdepartementet", "Ministry of Employment", BodyKind.MINISTRY),
    ("Kulturdepartementet", "Ministry of Culture", BodyKind.MINISTRY),
    ("Region Skåne", "Region Skåne", BodyKind.REGION),
]

# (name, slug) of organisations the report names.
ORGANISATIONS = [
    ("Studieförbundet Vuxenskolan", "studieforbundet-vuxenskolan"),
    ("Hela Sverige ska leva", "hela-sverige-ska-leva"),
    ("Refugees Welcome Stockholm", "refugees-welcome-stockholm"),
    ("Skyddsvärnet", "skyddsvarnet"),
    ("SIOS – Samarbetsorgan för etniska organisationer i Sverige", "sios"),
    ("Mångfaldsmat / Orust Mirakel", "mangfaldsmat-orust-mirakel"),
    ("Forum – idéburna organisationer med social inriktning", "forum-ideburna"),
    ("Sveriges Kristna Råd", "sveriges-kristna-rad"),
    ("Röda Korset", "roda-korset"),
    ("Rädda Barnen", "radda-barnen"),
    ("MHF-Ungdom", "mhf-ungdom"),
    ("Folkbildningsrådet", "folkbildningsradet"),
]

USERS = [
    ("admin@demo.sakrad.se", "Alva Administratör", Role.ADMIN, None),
    (
        "handlaggare@demo.sakrad.se",
        "Hanna Handläggare",
        Role.CIVIL_SERVANT,
        "Arbetsmarknadsdepartementet",
    ),
    ("kultur@demo.sakrad.se", "Kalle Kulturhandläggare", Role.CIVIL_SERVANT, "Kulturdepartementet"),
    ("skane@demo.sakrad.se", "Sara Skånehandläggare", Role.CIVIL_SERVANT, "Region Skåne"),
    ("foretradare@demo.sakrad.se", "Farid Företrädare", Role.ORG_REP, None),
]

REPRESENTS = {
    "foretradare@demo.sakrad.se": ["studieforbundet-vuxenskolan", "hela-sverige-ska-leva"]
}


def _body(name: str) -> ConveningBody | None:
    return db.session.scalar(sa.select(ConveningBody).where(ConveningBody.name == name))


# Each package's part of the demo, in the order of the dialogue cycle, each able to use what
# the ones before it created; each returns True if it created anything.
STEPS = (
    organisations_demo.seed,
    cycles_demo.seed,
    meetings_demo.seed,
    proposals_demo.seed,
    selection_demo.seed,
    invitations_demo.seed,
    minutes_demo.seed,
    history_2017.seed,
    feedback_demo.seed,
    followup_demo.seed,
)


def seed() -> bool:
    """Load what is missing; True if anything was created."""
    created = _seed_foundation()
    for step in STEPS:
        db.session.flush()
        created = step() or created
    return created


def _seed_foundation() -> bool:
    created = False
    for name, name_en, kind in BODIES:
        if _body(name) is None:
            accounts.create_body(name=name, name_en=name_en, kind=kind)
            created = True
    for name, slug in ORGANISATIONS:
        if db.session.scalar(sa.select(Organisation.id).where(Organisation.slug == slug)) is None:
            db.session.add(
                Organisation(name=name, slug=slug, contact_email=f"info@{slug}.example.se")
            )
            created = True
    db.session.flush()
    for email, name, role, body_name in USERS:
        if accounts.find_user_by_email(email) is None:
            body = _body(body_name) if body_name else None
            accounts.create_user(
                email=email,
                name=name,
                password=DEMO_PASSWORD,
                role=role,
                convening_body_id=body.id if body else None,
            )
            created = True
    db.session.flush()
    for email, slugs in REPRESENTS.items():
        user = db.session.scalars(sa.select(User).where(User.email == email)).one()
        for slug in slugs:
            org = db.session.scalars(sa.select(Organisation).where(Organisation.slug == slug)).one()
            exists = db.session.scalar(
                sa.select(Representation.id).where(
                    Representation.user_id == user.id, Representation.organisation_id == org.id
                )
            )
            if exists is None:
                db.session.add(Representation(user=user, organisation=org))
                created = True
    return created
