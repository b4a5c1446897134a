"""What a proposing organisation may see of its own proposal, without a database."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sakrad.models import import_all_models
from sakrad.proposals.models import DECISIONS, STATE_LABELS, ProposalState, TopicProposal

import_all_models()  # relationships name classes of other packages

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)


@pytest.mark.parametrize("state", sorted(DECISIONS))
def test_a_decision_is_hidden_from_the_proposer_until_published(state):
    proposal = TopicProposal(state=state, response_text="Svar")
    assert proposal.state_for_proposer == ProposalState.UNDER_REVIEW
    proposal.response_published_at = NOW
    assert proposal.state_for_proposer == state


@pytest.mark.parametrize(
    "state", [ProposalState.SUBMITTED, ProposalState.UNDER_REVIEW, ProposalState.WITHDRAWN]
)
def test_open_and_withdrawn_states_are_shown_as_they_are(state):
    assert TopicProposal(state=state).state_for_proposer == state


def test_every_state_has_a_label():
    assert set(STATE_LABELS) == set(ProposalState)
