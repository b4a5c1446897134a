"""Kept only for ``sakrad/portal/search_views.py`` (owned by another change) until it asks the
enums (``MeetingState.label``, ``MeetingKind.label``); remove it then. The labels live in
``sakrad.meetings.models`` next to the enums."""

from sakrad.meetings.models import MEETING_KIND_LABELS, MEETING_STATE_LABELS

__all__ = ["MEETING_KIND_LABELS", "MEETING_STATE_LABELS"]
