"""Factories for selection tests: a sakråd open for interest, a pool with profiles, and a
confirmed selection."""

from __future__ import annotations

import itertools
from datetime import timedelta

from sakrad.accounts.models import Role, User
from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.meetings.models import Meeting, MeetingState
from sakrad.organisations.models import Organisation
from sakrad.organisations.service import ensure_reference_lists
from sakrad.selection.models import Interest, Selection
from sakrad.selection.service import Settings, confirm
from tests.cycles_factories import make_cycle, make_meeting
from tests.helpers import make_body, make_organisation, make_user

_seq = itertools.count(1)

FORMS = ("ideell_forening", "trossamfund", "stiftelse", "informell_grupp")
COUNTIES = ("01", "12", "14", "25", "09", "00")


def open_meeting(body=None, *, closes_in: timedelta = timedelta(days=10), **data) -> Meeting:
    """An announced sakråd whose interest window closes ``closes_in`` from now."""
    from sakrad.cycles.models import CycleState

    body = body or make_body()
    cycle = make_cycle(body, state=CycleState.OPEN)
    meeting = make_meeting(cycle, state=MeetingState.ANNOUNCED, **data)
    meeting.interest_closes_at = utcnow() + closes_in
    db.session.commit()
    return meeting


def profiled_org(n: int, *, reps: tuple[User, ...] = ()) -> Organisation:
    """An organisation whose form and county cycle through a few values, deterministically."""
    org = make_organisation(f"Förening {n:03d} {next(_seq)}", reps=reps)
    org.form = FORMS[n % len(FORMS)]
    org.county = COUNTIES[n % len(COUNTIES)]
    org.size = ("1-20", "21-100", "101-1000")[n % 3]
    db.session.commit()
    return org


def make_pool(meeting: Meeting, size: int = 12) -> list[Organisation]:
    """``size`` organisations that registered interest in ``meeting``."""
    ensure_reference_lists()
    orgs = [profiled_org(n) for n in range(size)]
    for org in orgs:
        db.session.add(
            Interest(meeting_id=meeting.id, organisation_id=org.id, motivation="Vi vill.")
        )
    db.session.commit()
    return orgs


def staff(meeting: Meeting) -> User:
    return make_user(Role.CIVIL_SERVANT, body=meeting.convening_body)


def make_selection(
    meeting: Meeting,
    *,
    seats: int = 4,
    quotas: list[dict] | None = None,
    user: User | None = None,
    seed: int | None = 12345,
) -> Selection:
    user = user or staff(meeting)
    selection = confirm(
        user, meeting, Settings(seats=seats, quotas=quotas or []), seed=seed, time_budget=10
    )
    db.session.commit()
    return selection


def big_pool_quotas() -> list[tuple[str, int, int | None]]:
    """Quota rows (group, min, max) on every county, form and size: with them the big pool
    has several hundred types, and leximin on 3 000 organisations takes well over 10 s."""
    from sakrad.organisations import reference

    rows: list[tuple[str, int, int | None]] = []
    rows += [(f"county={c}", 1, 3) for c in reference.COUNTY_CODES]
    rows += [(f"form={f}", 2, 10) for f in reference.ORG_FORMS]
    rows += [(f"size={s}", 3, 15) for s in reference.ORG_SIZES]
    return rows


def make_big_pool(meeting: Meeting, size: int, *, umbrellas: int = 0) -> list[int]:
    """``size`` organisations with varied profiles that registered interest, inserted in bulk
    (a national call for interest). With ``umbrellas``, that many national organisations
    are added too and every pooled organisation is a branch of one of them."""
    import random

    import sqlalchemy as sa

    from sakrad.organisations import reference

    ensure_reference_lists()
    rng = random.Random(size)
    tag = next(_seq)
    umbrella_ids: list[int] = []
    for n in range(umbrellas):
        umbrella = make_organisation(f"Riksförbund {n} {tag}")
        umbrella.county = "00"
        umbrella_ids.append(umbrella.id)
    db.session.flush()
    rows = [
        {
            "name": f"Lokalförening {n:04d} {tag}",
            "slug": f"lokalforening-{tag}-{n}",
            "form": rng.choice(list(reference.ORG_FORMS)),
            "county": rng.choice(list(reference.COUNTY_CODES)),
            "size": rng.choice(list(reference.ORG_SIZES)),
            "verified": rng.random() < 0.5,
            "umbrella_id": umbrella_ids[n % umbrellas] if umbrellas else None,
        }
        for n in range(size)
    ]
    db.session.execute(sa.insert(Organisation), rows)
    ids = list(
        db.session.scalars(
            sa.select(Organisation.id).where(Organisation.slug.like(f"lokalforening-{tag}-%"))
        )
    )
    db.session.execute(
        sa.insert(Interest),
        [{"meeting_id": meeting.id, "organisation_id": i, "created_at": utcnow()} for i in ids],
    )
    db.session.commit()
    return ids
