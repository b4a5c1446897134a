"""The feedback package's reactions to other packages' state changes, connected by
``create_app``: a meeting marked held sends the questionnaire, a published outcome the
follow-up question."""

from __future__ import annotations

from datetime import datetime

from flask import Flask

from sakrad import signals


def _on_meeting_held(meeting, now: datetime | None = None, **_: object) -> None:
    from sakrad.feedback import service

    service.meeting_held(meeting, now=now)


def _on_outcome_published(meeting, now: datetime | None = None, **_: object) -> None:
    from sakrad.feedback import service

    service.outcome_published(meeting, now=now)


def connect(app: Flask) -> None:
    # Strong references: the receivers are module functions, connected once per process.
    signals.meeting_held.connect(_on_meeting_held, weak=False)
    signals.outcome_published.connect(_on_outcome_published, weak=False)
