"""Use cases of topic proposals: submitting, reviewing, answering, publishing in a batch.

Access is decided here: representatives act only for organisations they represent, civil
servants only for cycles of their own convening body (admins for all).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from sakrad import errors
from sakrad.accounts.models import User
from sakrad.audit.service import record, snapshot
from sakrad.cycles.models import Cycle
from sakrad.db import utcnow
from sakrad.extensions import db
from sakrad.meetings.models import AgendaItem
from sakrad.organisations.service import represents
from sakrad.proposals import queries
from sakrad.proposals.models import (
    BACKGROUND_MAX,
    DECISIONS,
    FOCUS_MAX,
    QUESTIONS_MAX,
    RESPONSE_MAX,
    TITLE_MAX,
    ProposalState,
    ResponseBatch,
    TopicProposal,
)

# The reading API other packages use, kept importable from here.
get = queries.get
proposals_for_agenda_item = queries.proposals_for_agenda_item
proposals_for_meeting = queries.proposals_for_meeting

PROPOSAL_FIELDS = ("title", "focus", "questions", "background", "organisation_id")
DECISION_FIELDS = ("state", "response_text", "merged_into_id")
TEXT_LIMITS = {
    "title": TITLE_MAX,
    "focus": FOCUS_MAX,
    "questions": QUESTIONS_MAX,
    "background": BACKGROUND_MAX,
}
REQUIRED_TEXT = ("title", "focus", "questions")


class ProposalError(errors.Invalid):
    """A refused change. ``code`` is stable for tests, ``message`` is shown to the user and
    ``field`` names the form field it belongs to (None: the whole form)."""

    def __init__(self, code: str, message: Any, field: str | None = None) -> None:
        super().__init__(message, field=field, code=code)


class Forbidden(errors.Forbidden, ProposalError):
    """The user may not act on this proposal or cycle (403 where no view catches it)."""

    def __init__(self) -> None:
        ProposalError.__init__(self, "forbidden", "forbidden")


class Conflict(errors.Conflict, ProposalError):
    """Someone saved the proposal after this form was loaded."""

    def __init__(self) -> None:
        super().__init__(
            "stale",
            _l(
                "Someone else changed this proposal after you opened the form. Your text is "
                "kept below: check the current version and save again."
            ),
        )


CALL_CLOSED = _l("The call for topics is closed. Nothing was saved.")


# -- access ------------------------------------------------------------------------------


def can_review(user: User, cycle: Cycle) -> bool:
    """Civil servants of the cycle's convening body, and admins."""
    return user.is_authenticated and user.can_manage_body(cycle.convening_body_id)


def can_see_as_proposer(user: User, proposal: TopicProposal) -> bool:
    return user.is_authenticated and user.is_org_rep and represents(user, proposal.organisation_id)


def _require_review(user: User, cycle: Cycle) -> None:
    if not can_review(user, cycle):
        raise Forbidden()


def _require_proposer(user: User, proposal: TopicProposal) -> None:
    if not can_see_as_proposer(user, proposal):
        raise Forbidden()


def _check_version(proposal: TopicProposal, version: int | None) -> None:
    if version is not None and int(version) != proposal.version_id:
        raise Conflict()


# -- proposing ---------------------------------------------------------------------------


def _clean(data: dict[str, Any]) -> dict[str, str | None]:
    cleaned: dict[str, str | None] = {}
    for name, limit in TEXT_LIMITS.items():
        value = (data.get(name) or "").strip()
        if name in REQUIRED_TEXT and not value:
            raise ProposalError("required", _l("This field is required."), name)
        if len(value) > limit:
            raise ProposalError(
                "too_long", _l("At most %(n)s characters, please shorten it.", n=limit), name
            )
        cleaned[name] = value or None
    return cleaned


def _require_open_call(cycle: Cycle, now: datetime | None) -> None:
    if not cycle.call_is_open(now or utcnow()):
        raise ProposalError("call_closed", CALL_CLOSED)


def _record_change(
    action: str, user: User, proposal: TopicProposal, before: dict | None, fields: tuple
) -> None:
    """Audit a change of ``proposal`` by ``user``: ``before`` it, and its ``fields`` now."""
    record(
        action,
        proposal,
        before=before,
        after=snapshot(proposal, fields),
        actor=user,
        convening_body_id=proposal.cycle.convening_body_id,
    )


def submit(
    user: User,
    cycle: Cycle,
    organisation_id: int,
    data: dict[str, Any],
    now: datetime | None = None,
) -> TopicProposal:
    """A representative proposes a topic for one of their organisations."""
    if not (user.is_org_rep and represents(user, organisation_id)):
        raise ProposalError(
            "not_representative",
            _l("You can only propose topics for organisations you represent."),
            "organisation_id",
        )
    _require_open_call(cycle, now)
    proposal = TopicProposal(
        cycle_id=cycle.id,
        organisation_id=organisation_id,
        submitted_by_id=user.id,
        state=ProposalState.SUBMITTED,
        **_clean(data),
    )
    db.session.add(proposal)
    db.session.flush()
    _record_change("proposal.submitted", user, proposal, None, PROPOSAL_FIELDS)
    return proposal


def _require_changeable_by_proposer(proposal: TopicProposal, now: datetime | None) -> None:
    if proposal.state == ProposalState.WITHDRAWN:
        raise ProposalError("withdrawn", _l("This proposal has been withdrawn."))
    if proposal.is_published:
        raise ProposalError("answered", _l("This proposal has been answered."))
    _require_open_call(proposal.cycle, now)


def update(
    user: User,
    proposal: TopicProposal,
    data: dict[str, Any],
    version: int | None,
    now: datetime | None = None,
) -> TopicProposal:
    _require_proposer(user, proposal)
    _require_changeable_by_proposer(proposal, now)
    _check_version(proposal, version)
    before = snapshot(proposal, PROPOSAL_FIELDS)
    for name, value in _clean(data).items():
        setattr(proposal, name, value)
    _record_change("proposal.updated", user, proposal, before, PROPOSAL_FIELDS)
    return proposal


def withdraw(
    user: User, proposal: TopicProposal, version: int | None = None, now: datetime | None = None
) -> TopicProposal:
    _require_proposer(user, proposal)
    _require_changeable_by_proposer(proposal, now)
    _check_version(proposal, version)
    before = snapshot(proposal, DECISION_FIELDS)
    proposal.state = ProposalState.WITHDRAWN
    proposal.withdrawn_at = now or utcnow()
    proposal.merged_into_id = None
    proposal.agenda_item_id = None
    # Drafts that merged other proposals into this one lose their target: back to review.
    for other in db.session.scalars(
        sa.select(TopicProposal).where(
            TopicProposal.merged_into_id == proposal.id,
            TopicProposal.response_published_at.is_(None),
        )
    ):
        other.state = ProposalState.UNDER_REVIEW
        other.merged_into_id = None
        record("proposal.merge_target_withdrawn", other, actor=user)
    _record_change("proposal.withdrawn", user, proposal, before, DECISION_FIELDS)
    return proposal


# -- reviewing ---------------------------------------------------------------------------

REVIEW_STATES = (ProposalState.UNDER_REVIEW, *sorted(DECISIONS, key=list(ProposalState).index))


def decide(
    user: User,
    proposal: TopicProposal,
    *,
    state: ProposalState | str,
    response_text: str | None,
    merged_into_id: int | None = None,
    version: int | None = None,
    now: datetime | None = None,
) -> TopicProposal:
    """Set the state and draft the response. Nothing is public until the batch is published."""
    _require_review(user, proposal.cycle)
    _check_version(proposal, version)
    if proposal.state == ProposalState.WITHDRAWN:
        raise ProposalError("withdrawn", _l("This proposal has been withdrawn."))
    if proposal.is_published:
        raise ProposalError(
            "published", _l("The response has been published and can no longer be changed.")
        )
    state = ProposalState(state)
    if state not in REVIEW_STATES:
        raise ProposalError("bad_state", _l("Choose a decision."), "state")
    text = (response_text or "").strip()
    if state in DECISIONS and not text:
        raise ProposalError(
            "response_required",
            _l("Every decision needs a reasoned response. Write why."),
            "response_text",
        )
    if len(text) > RESPONSE_MAX:
        raise ProposalError(
            "too_long",
            _l("At most %(n)s characters, please shorten it.", n=RESPONSE_MAX),
            "response_text",
        )
    target = None
    if state == ProposalState.MERGED:
        target = _merge_target(proposal, merged_into_id)
    before = snapshot(proposal, DECISION_FIELDS)
    proposal.state = state
    proposal.response_text = text or None
    proposal.merged_into_id = target.id if target else None
    if state != ProposalState.ACCEPTED:
        proposal.agenda_item_id = None
    if state in DECISIONS:
        proposal.decided_at = now or utcnow()
        proposal.decided_by_id = user.id
    else:
        proposal.decided_at = proposal.decided_by_id = None
    _record_change(
        "proposal.decided" if state in DECISIONS else "proposal.under_review",
        user,
        proposal,
        before,
        DECISION_FIELDS,
    )
    return proposal


def _merge_target(proposal: TopicProposal, merged_into_id: int | None) -> TopicProposal:
    target = db.session.get(TopicProposal, merged_into_id) if merged_into_id else None
    if target is None:
        raise ProposalError(
            "merge_target_required",
            _l("Choose the proposal this one is merged into."),
            "merged_into_id",
        )
    if target.id == proposal.id or target.cycle_id != proposal.cycle_id:
        raise ProposalError(
            "merge_target_cycle",
            _l("A proposal can only be merged into another proposal of the same cycle."),
            "merged_into_id",
        )
    if target.state in (ProposalState.MERGED, ProposalState.WITHDRAWN):
        raise ProposalError(
            "merge_target_state",
            _l("That proposal is itself merged or withdrawn; choose the one it was merged into."),
            "merged_into_id",
        )
    has_merged_in = db.session.scalar(
        sa.select(TopicProposal.id).where(TopicProposal.merged_into_id == proposal.id).limit(1)
    )
    if has_merged_in:
        raise ProposalError(
            "merge_chain",
            _l("Other proposals are merged into this one; it cannot be merged itself."),
            "state",
        )
    return target


def link_agenda_item(
    user: User, proposal: TopicProposal, agenda_item_id: int | None
) -> TopicProposal:
    """Link an accepted proposal to the agenda item that takes it up (or unlink it)."""
    _require_review(user, proposal.cycle)
    item = None
    if agenda_item_id:
        if proposal.state != ProposalState.ACCEPTED:
            raise ProposalError(
                "not_accepted",
                _l("Only an accepted proposal can be linked to an agenda item."),
                "agenda_item_id",
            )
        item = db.session.get(AgendaItem, agenda_item_id)
        if item is None or item.session.meeting.cycle_id != proposal.cycle_id:
            raise ProposalError(
                "agenda_item_cycle",
                _l("Choose an agenda item of a meeting in the same cycle."),
                "agenda_item_id",
            )
    before = {"agenda_item_id": proposal.agenda_item_id}
    proposal.agenda_item_id = item.id if item else None
    record(
        "proposal.agenda_linked" if item else "proposal.agenda_unlinked",
        proposal,
        before=before,
        after={"agenda_item_id": proposal.agenda_item_id},
        actor=user,
        convening_body_id=proposal.cycle.convening_body_id,
        # Once the response is public, the link is shown on public pages too.
        public=proposal.is_published,
    )
    return proposal


def publish_batch(user: User, cycle: Cycle, now: datetime | None = None) -> ResponseBatch:
    """Publish every decided but unpublished response of the cycle at once and tell each
    proposing organisation. Undecided proposals wait for a later batch."""
    from sakrad.proposals.mail import queue_batch_mail

    _require_review(user, cycle)
    proposals = queries.unpublished_decided(cycle)
    if not proposals:
        raise ProposalError(
            "nothing_to_publish", _l("There are no decided responses waiting to be published.")
        )
    now = now or utcnow()
    batch = ResponseBatch(
        cycle_id=cycle.id,
        published_at=now,
        published_by_id=user.id,
        proposal_count=len(proposals),
        undecided_count=queries.undecided_count(cycle),
    )
    db.session.add(batch)
    db.session.flush()
    by_org: dict[int, list[TopicProposal]] = defaultdict(list)
    for proposal in proposals:
        proposal.response_published_at = now
        proposal.batch_id = batch.id
        by_org[proposal.organisation_id].append(proposal)
        record(
            "proposal.response_published",
            proposal,
            after={
                "state": proposal.state,
                "response_text": proposal.response_text,
                "merged_into_id": proposal.merged_into_id,
                "agenda_item_id": proposal.agenda_item_id,
            },
            actor=user,
            convening_body_id=cycle.convening_body_id,
            public=True,
        )
    record(
        "proposal.batch_published",
        batch,
        after={"proposal_ids": [p.id for p in proposals], "undecided": batch.undecided_count},
        actor=user,
        convening_body_id=cycle.convening_body_id,
        public=True,
    )
    for org_proposals in by_org.values():
        queue_batch_mail(cycle, org_proposals[0].organisation, org_proposals)
    return batch
