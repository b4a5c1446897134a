"""Kept only for ``sakrad/portal/search_views.py`` (owned by another change) until it asks the
enum (``ProposalState.label``); remove it then. The labels live in ``sakrad.proposals.models``
next to the enum."""

from sakrad.proposals.models import STATE_LABELS

__all__ = ["STATE_LABELS"]
