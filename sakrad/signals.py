"""Signals for reactions across packages (blinker).

A package that changes something others react to sends a signal; the receivers are connected
in ``create_app`` (``sakrad._connect_reactions``), never at import time, so importing a module
never changes behaviour and a test app without a receiver simply has no reaction.
"""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

#: A meeting's calendar event changed for those holding it: sent with the ``Meeting`` as sender
#: after ``ical_sequence`` was raised (time or place changed while announced) or when an
#: announced meeting was cancelled. Invitations queue the updated ``.ics``.
meeting_calendar_changed = _signals.signal("meeting-calendar-changed")

# sender: the Meeting; keyword ``now``: the instant it was marked held.
meeting_held = _signals.signal("meeting-held")
# sender: the Meeting; keyword ``now``: the instant its outcome was published.
outcome_published = _signals.signal("outcome-published")
