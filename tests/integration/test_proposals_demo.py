"""The proposals demo data: one answered proposal of each decision in 2017, published in one
batch, and one unanswered proposal in the open cycle; idempotent."""

from __future__ import annotations

import sqlalchemy as sa

from sakrad.demo.seed import ORGANISATIONS
from sakrad.extensions import db
from sakrad.organisations.models import Organisation
from sakrad.portal.proposals import published_for_cycle
from sakrad.proposals import demo
from sakrad.proposals.models import ProposalState, ResponseBatch, TopicProposal
from tests.helpers import make_body
from tests.proposals_factories import make_agenda_item, make_cycle


def test_demo_seed(app):
    with app.app_context():
        assert demo.seed() is False  # no convening body yet: skipped gracefully
        body = make_body(demo.BODY)
        for name, slug in ORGANISATIONS:
            db.session.add(Organisation(name=name, slug=slug))
        old = make_cycle(body, call="closed", year=2017)
        item = make_agenda_item(old, "Etablering i hela landet")
        current = make_cycle(body, call="open", year=2026)
        assert demo.seed() is True
        db.session.commit()
        assert demo.seed() is False  # idempotent
        old_proposals = db.session.scalars(
            sa.select(TopicProposal).where(TopicProposal.cycle_id == old.id)
        ).all()
        by_state = {p.state: p for p in old_proposals}
        assert set(by_state) == {
            ProposalState.ACCEPTED,
            ProposalState.MERGED,
            ProposalState.DEFERRED,
            ProposalState.DECLINED,
        }
        assert by_state[ProposalState.ACCEPTED].agenda_item_id == item.id
        assert by_state[ProposalState.MERGED].merged_into_id == by_state[ProposalState.ACCEPTED].id
        assert all(p.response_published_at and p.response_text for p in old_proposals)
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ResponseBatch)) == 1
        assert len(published_for_cycle(old)) == 4
        waiting = db.session.scalars(
            sa.select(TopicProposal).where(TopicProposal.cycle_id == current.id)
        ).all()
        assert [p.state for p in waiting] == [ProposalState.SUBMITTED]
        assert published_for_cycle(current) == []
