"""A meeting announced with organisations that accepted, marked held through the meetings
service (so the signal sends the feedback links), and the links read from the outbox."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from sakrad.accounts.models import Role, User
from sakrad.cycles.models import CycleState
from sakrad.extensions import db
from sakrad.mail.models import OutboxMessage
from sakrad.meetings import service as meetings
from sakrad.meetings.models import Meeting, MeetingState
from sakrad.organisations.models import Organisation
from tests.cycles_factories import make_cycle, make_meeting
from tests.helpers import make_body, make_organisation, make_user
from tests.minutes_factories import attend

LINK = re.compile(r"/feedback/([A-Za-z0-9_\-]+)\?lang=(sv|en)")


@dataclass
class Held:
    meeting_id: int
    staff: User
    orgs: list[Organisation]
    reps: list[User]
    held_at: datetime

    @property
    def meeting(self) -> Meeting:
        return db.session.get(Meeting, self.meeting_id)


def held_meeting(n: int = 3, *, languages: dict[int, str] | None = None,
                 absent: tuple[int, ...] = ()) -> Held:  # fmt: skip
    body = make_body()
    staff = make_user(Role.CIVIL_SERVANT, body=body)
    cycle = make_cycle(body, user=staff, state=CycleState.OPEN)
    meeting = make_meeting(
        cycle, user=staff, state=MeetingState.ANNOUNCED, title="Sakråd om etablering"
    )
    reps = [make_user(Role.ORG_REP) for _ in range(n)]
    orgs = [make_organisation(f"Förening {chr(65 + i)}", reps=(reps[i],)) for i in range(n)]
    for i, org in enumerate(orgs):
        org.language = (languages or {}).get(i, "sv")
        inv = attend(meeting, org)
        if i in absent:
            inv.attended = False
    db.session.commit()
    held_at = meeting.starts_at + timedelta(hours=1)
    meetings.mark_held(staff, meeting, now=held_at)
    db.session.commit()
    return Held(meeting.id, staff, orgs, reps, held_at)


def feedback_mail(topic_prefix: str = "feedback-") -> list[OutboxMessage]:
    return list(
        db.session.scalars(
            sa.select(OutboxMessage)
            .where(OutboxMessage.topic.startswith(topic_prefix))
            .order_by(OutboxMessage.id)
        )
    )


def links(messages: list[OutboxMessage]) -> dict[str, str]:
    """Recipient email -> token of the link in the message."""
    out = {}
    for m in messages:
        found = LINK.search(m.body_text)
        assert found, m.body_text
        for r in m.recipients:
            out[r] = found.group(1)
    return out
