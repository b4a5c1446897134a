"""The feedback settings every part of the package reads (lowest file of the package)."""

from __future__ import annotations

from flask import current_app


def min_answers() -> int:
    """Aggregates are shown only from this many answers; never below 3 whatever is configured."""
    return max(3, int(current_app.config.get("FEEDBACK_MIN_ANSWERS", 5)))
