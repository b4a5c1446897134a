"""Signals for reactions across packages. Senders call ``send`` where a state changes; the
receivers are connected in ``create_app`` (never at import time), so importing a module never
changes behaviour."""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

# sender: the Meeting; keyword ``now``: the instant it was marked held.
meeting_held = _signals.signal("meeting-held")
# sender: the Meeting; keyword ``now``: the instant its outcome was published.
outcome_published = _signals.signal("outcome-published")
