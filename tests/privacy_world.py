"""A world with personal data of every retention category, each both due and not yet due.

Timestamps are relative to the real clock (``now``) so ``flask sakrad retention run`` sees
the same ages as the test does: ``old`` rows are a day past their period, ``young`` ones a
day short of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sakrad.accounts.models import Role
from sakrad.cycles.models import Cycle, CycleState
from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.invitations.models import Delegate, Invitation, InvitationOrigin, InvitationState
from sakrad.mail.models import OutboxMessage, OutboxState
from sakrad.meetings.models import Meeting, MeetingKind, MeetingSession, MeetingState
from sakrad.minutes.models import MinutesPublication, MinutesRevision
from sakrad.organisations.models import EmailConfirmation, RepresentativeInvite
from sakrad.selection.models import Interest, Selection
from tests.helpers import make_body, make_organisation, make_user

DAY = timedelta(days=1)


@dataclass
class World:
    now: datetime
    meetings: dict[str, Meeting] = field(default_factory=dict)
    delegates: dict[str, int] = field(default_factory=dict)
    due: dict[str, set[int]] = field(default_factory=dict)
    kept: dict[str, set[int]] = field(default_factory=dict)


def _meeting(cycle: Cycle, title: str, held: datetime) -> Meeting:
    m = Meeting(
        cycle_id=cycle.id, convening_body_id=cycle.convening_body_id, kind=MeetingKind.SAKRAD,
        title=title, state=MeetingState.HELD, announced_at=held - 30 * DAY, held_at=held,
    )  # fmt: skip
    m.sessions.append(MeetingSession(starts_at=held - timedelta(hours=3), ends_at=held))
    db.session.add(m)
    db.session.flush()
    return m


def _publish(m: Meeting, text: str, at: datetime) -> None:
    rev = MinutesRevision(meeting_id=m.id, number=1, text=text, based_on_number=0)
    db.session.add(rev)
    db.session.flush()
    db.session.add(MinutesPublication(meeting_id=m.id, revision_id=rev.id, published_at=at))
    m.state = MeetingState.DOCUMENTED
    m.documented_at = at


def _delegate(inv: Invitation, name: str, email: str, *, needs: bool, public: bool) -> Delegate:
    d = Delegate(
        name=name, email=email, needs=["vegetarian"] if needs else [],
        needs_note="Rullstol" if needs else None, name_public=public, attended=True,
    )  # fmt: skip
    inv.delegates.append(d)
    db.session.flush()
    return d


def build(app) -> World:
    """Returns the world; ``due`` and ``kept`` map each category to row ids."""
    c = app.config
    now = utcnow()
    w = World(now=now)
    body = make_body("Retentionsdepartementet")
    admin = make_user(Role.ADMIN, email="admin@example.se", name="Alva Admin")
    rep = make_user(Role.ORG_REP, email="rep@example.se", name="Rut Representant")
    org = make_organisation("Förening Gallring", reps=(rep,))
    cycle = Cycle(
        convening_body_id=body.id, year=2024, policy_area="Gallring", state=CycleState.OPEN
    )
    db.session.add(cycle)
    db.session.flush()
    needs_days = c["RETENTION_DELEGATE_NEEDS_DAYS"]
    ident_days = c["RETENTION_DELEGATE_IDENTITY_DAYS"]
    motiv_days = c["RETENTION_INTEREST_MOTIVATION_DAYS"]
    # Meeting "old": held long ago, minutes published past the identity period.
    old = _meeting(cycle, "Gammalt möte", now - (ident_days + 30) * DAY)
    _publish(old, "# Protokoll\n\nNärvarande: Pia Publicerad.", now - (ident_days + 1) * DAY)
    # Meeting "young": held a day short of the needs period, minutes just published.
    young = _meeting(cycle, "Nytt möte", now - (needs_days - 1) * DAY)
    _publish(young, "# Protokoll\n\nNärvarande: Nils Ny.", now - 2 * DAY)
    w.meetings = {"old": old, "young": young}
    deadline_old = now - 60 * DAY
    inv_old = Invitation(
        meeting_id=old.id, organisation_id=org.id, origin=InvitationOrigin.MANUAL,
        origin_reason="test", state=InvitationState.ACCEPTED, deadline=deadline_old,
        token_hash="a" * 64, answered_at=deadline_old - DAY,
    )  # fmt: skip
    inv_young = Invitation(
        meeting_id=young.id, organisation_id=org.id, origin=InvitationOrigin.MANUAL,
        origin_reason="test", state=InvitationState.ACCEPTED, deadline=now + 5 * DAY,
        token_hash="b" * 64, answered_at=now - 20 * DAY,
    )  # fmt: skip
    db.session.add_all([inv_old, inv_young])
    db.session.flush()
    pia = _delegate(inv_old, "Pia Publicerad", "pia@example.se", needs=True, public=True)
    olle = _delegate(inv_old, "Olle Åström", "olle@example.se", needs=True, public=False)
    nils = _delegate(inv_young, "Nils Ny", "nils@example.se", needs=True, public=True)
    w.delegates = {"pia": pia.id, "olle": olle.id, "nils": nils.id}
    w.due["delegate_needs"] = {pia.id, olle.id}
    w.kept["delegate_needs"] = {nils.id}
    w.due["delegate_identity"] = {pia.id, olle.id}
    w.kept["delegate_identity"] = {nils.id}
    w.due["answer_tokens"] = {inv_old.id}
    w.kept["answer_tokens"] = {inv_young.id}
    # Interests: selection confirmed past the motivation period (old) and recently (young).
    for m, confirmed in ((old, now - (motiv_days + 1) * DAY), (young, now - 30 * DAY)):
        db.session.add(Selection(
            meeting_id=m.id, algorithm="legacy", seed=1, seats=1, pool={}, result={},
            confirmed_at=confirmed,
        ))  # fmt: skip
    i_old = Interest(meeting_id=old.id, organisation_id=org.id, motivation="Vi vill delta.",
                     registered_by_id=rep.id)  # fmt: skip
    i_young = Interest(meeting_id=young.id, organisation_id=org.id,
                       motivation="Vi vill också delta.", registered_by_id=rep.id)  # fmt: skip
    db.session.add_all([i_old, i_young])
    db.session.flush()
    w.due["interest_motivation"] = {i_old.id}
    w.kept["interest_motivation"] = {i_young.id}
    # Registrations: one unconfirmed past 48 hours, one unconfirmed fresh, one confirmed old.
    hours = c["RETENTION_UNCONFIRMED_REGISTRATION_HOURS"]
    stale_user = make_user(Role.ORG_REP, email="stale@example.se", name="Sven Sen", active=False)
    fresh_user = make_user(Role.ORG_REP, email="fresh@example.se", name="Fia Färsk", active=False)
    confs = []
    for user, created, confirmed in (
        (stale_user, now - timedelta(hours=hours + 1), None),
        (fresh_user, now - timedelta(hours=hours - 1), None),
        (rep, now - 400 * DAY, now - 399 * DAY),
    ):
        conf = EmailConfirmation(
            user_id=user.id, token_hash=f"{user.id:064d}", payload={"name": "Föreningen"},
            created_at=created, expires_at=created + timedelta(hours=hours),
            confirmed_at=confirmed,
        )  # fmt: skip
        db.session.add(conf)
        confs.append(conf)
    db.session.flush()
    w.due["unconfirmed_registration"] = {confs[0].id}
    w.kept["unconfirmed_registration"] = {confs[1].id, confs[2].id}
    out_days = c["RETENTION_OUTBOX_DAYS"]
    msgs = []
    for sent_at, state in (
        (now - (out_days + 1) * DAY, OutboxState.SENT),
        (now - (out_days - 1) * DAY, OutboxState.SENT),
        (None, OutboxState.QUEUED),
    ):
        msg = OutboxMessage(
            message_id=f"<{len(msgs)}@test>", recipients=["olle@example.se"],
            subject="Inbjudan", body_text="Hej Olle Åström, svara här: http://x/t/abc",
            state=state, sent_at=sent_at, created_at=now - 60 * DAY,
        )  # fmt: skip
        db.session.add(msg)
        msgs.append(msg)
    db.session.flush()
    w.due["outbox"] = {msgs[0].id}
    w.kept["outbox"] = {msgs[1].id, msgs[2].id}
    invites = []
    for expires, accepted in (
        (now - DAY, None),
        (now + DAY, None),
        (now - 9 * DAY, now - 10 * DAY),
    ):
        ri = RepresentativeInvite(
            organisation_id=org.id, email=f"ny{len(invites)}@example.se",
            token_hash=f"{len(invites) + 7:064d}", invited_by_id=rep.id,
            expires_at=expires, accepted_at=accepted,
        )  # fmt: skip
        db.session.add(ri)
        invites.append(ri)
    db.session.flush()
    w.due["representative_invites"] = {invites[0].id}
    w.kept["representative_invites"] = {invites[1].id, invites[2].id}
    cycle.state = CycleState.OPEN
    db.session.commit()
    w.admin_email = admin.email  # type: ignore[attr-defined]
    return w


def aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)
