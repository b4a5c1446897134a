"""Old name of ``agenda`` and ``schedule``, kept only for ``sakrad/portal/meetings.py`` (owned
by another change) until it imports ``sakrad.meetings.schedule``; remove it then."""

from sakrad.meetings.schedule import ScheduledItem, schedule

__all__ = ["ScheduledItem", "schedule"]
