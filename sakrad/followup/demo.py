"""A published 2017 follow-up report for Arbetsmarknadsdepartementet (after the feedback demo)."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from sakrad.accounts.models import ConveningBody, User
from sakrad.extensions import db
from sakrad.followup import service

SUMMARY = (
    "Under 2017 höll Arbetsmarknadsdepartementet ett högnivåmöte och en serie sakråd om "
    "integration och etablering. Organisationerna gav dialogen gott betyg men efterfrågade "
    "tydligare besked om hur deras synpunkter tas om hand; det arbetar vi vidare med 2018."
)
SUMMARY_EN = (
    "In 2017 the Ministry of Employment held a high-level meeting and a series of sakråd on "
    "integration and establishment. The organisations rated the dialogue well but asked for "
    "clearer word on how their views are taken care of; we continue that work in 2018."
)


def seed() -> bool:
    body = db.session.scalar(
        sa.select(ConveningBody).where(ConveningBody.name == "Arbetsmarknadsdepartementet")
    )
    if body is None or service.get(body, 2017) is not None:
        return False
    staff = db.session.scalar(sa.select(User).where(User.email == "handlaggare@demo.sakrad.se"))
    if staff is None:
        return False
    service.save_summary(staff, body, 2017, SUMMARY, SUMMARY_EN, expected_version=None)
    service.publish(staff, body, 2017, expected_version=None,
                    now=datetime(2018, 2, 15, 9, tzinfo=UTC))  # fmt: skip
    return True
