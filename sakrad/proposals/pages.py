"""What the pages of proposals share (and the check page before publishing responses)."""

from __future__ import annotations

from flask import flash
from flask_babel import ngettext

from sakrad.proposals.models import ResponseBatch


def flash_published(batch: ResponseBatch) -> None:
    """Tell the civil servant what a published batch of responses did."""
    flash(
        ngettext(
            "%(num)s response has been published and its organisation notified.",
            "%(num)s responses have been published and the organisations notified.",
            batch.proposal_count,
        ),
        "success",
    )
    if batch.undecided_count:
        flash(
            ngettext(
                "%(num)s proposal is still undecided; publish its response in a later batch.",
                "%(num)s proposals are still undecided; publish their responses in a later batch.",
                batch.undecided_count,
            ),
            "success",
        )
