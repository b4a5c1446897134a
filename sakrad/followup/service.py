"""Use cases of the follow-up report: the live draft, the written summary, and publishing
(which freezes the figures for good). Never commits."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from sakrad.accounts.models import ConveningBody, User
from sakrad.db import utcnow
from sakrad.errors import Conflict, Forbidden, Invalid, NotFound
from sakrad.extensions import db
from sakrad.followup import figures
from sakrad.followup.models import SUMMARY_MAX, FollowupReport


def body_by_slug(slug: str) -> ConveningBody:
    body = db.session.scalar(sa.select(ConveningBody).where(ConveningBody.slug == slug))
    if body is None:
        raise NotFound()
    return body


def check_year(year: int) -> None:
    if not 2000 <= year <= 2100:
        raise NotFound()


def require_manage(user: User | None, body: ConveningBody) -> None:
    if not (user and user.is_authenticated and user.can_manage_body(body.id)):
        raise Forbidden()


def get(body: ConveningBody, year: int) -> FollowupReport | None:
    return db.session.scalar(
        sa.select(FollowupReport).where(
            FollowupReport.convening_body_id == body.id, FollowupReport.year == year
        )
    )


def published(body: ConveningBody, year: int) -> FollowupReport:
    """The public may read a report only once it is published."""
    report = get(body, year)
    if report is None or not report.is_published:
        raise NotFound()
    return report


def figures_of(body: ConveningBody, year: int, report: FollowupReport | None) -> dict[str, Any]:
    """The frozen figures of a published report; the live ones of a draft."""
    if report is not None and report.figures is not None:
        return report.figures
    return figures.compute(body.id, year)


def _check_version(report: FollowupReport, expected: int | None) -> None:
    if expected is not None and report.id is not None and expected != report.version_id:
        raise Conflict(_l("Someone else changed the report after you opened the form."))


def save_summary(user: User, body: ConveningBody, year: int, summary: str,
                 summary_en: str | None, *, expected_version: int | None) -> FollowupReport:  # fmt: skip
    require_manage(user, body)
    report = get(body, year)
    if report is not None and report.is_published:
        raise Conflict(_l("The report has been published; it can no longer be changed."),
                       code="published")  # fmt: skip
    summary = (summary or "").strip()
    summary_en = (summary_en or "").strip() or None
    errors: dict[str, list] = {}
    if not summary:
        errors["summary"] = [_l("Write a short summary of the year.")]
    for name, text in (("summary", summary), ("summary_en", summary_en or "")):
        if len(text) > SUMMARY_MAX:
            errors[name] = [_l("The summary is too long (at most 8 000 characters).")]
    if errors:
        raise Invalid(_l("The summary needs correcting."), errors=errors)
    if report is None:
        report = FollowupReport(convening_body_id=body.id, year=year)
        db.session.add(report)
    else:
        _check_version(report, expected_version)
    report.summary = summary
    report.summary_en = summary_en
    db.session.flush()
    return report


def publish(user: User, body: ConveningBody, year: int, *, expected_version: int | None,
            now: datetime | None = None) -> FollowupReport:  # fmt: skip
    """Freeze the figures as they are now and publish the report with its summary."""
    from sakrad.audit.service import record

    require_manage(user, body)
    report = get(body, year)
    if report is None or not report.summary.strip():
        raise Invalid(_l("Write and save the summary before publishing."), field="summary",
                      code="no_summary")  # fmt: skip
    if report.is_published:
        raise Conflict(_l("The report has already been published."), code="published")
    _check_version(report, expected_version)
    now = now or utcnow()
    report.figures = figures.compute(body.id, year, now=now)
    report.published_at = now
    report.published_by_id = user.id
    db.session.flush()
    record(
        "followup.published",
        report,
        after={"year": year, "convening_body_id": body.id},
        convening_body_id=body.id,
        public=True,
    )
    return report


def published_reports(year: int) -> list[FollowupReport]:
    return list(
        db.session.scalars(
            sa.select(FollowupReport)
            .where(FollowupReport.year == year, FollowupReport.published_at.is_not(None))
            .order_by(FollowupReport.convening_body_id)
        )
    )


def published_years() -> list[int]:
    return list(
        db.session.scalars(
            sa.select(FollowupReport.year)
            .where(FollowupReport.published_at.is_not(None))
            .distinct()
            .order_by(FollowupReport.year.desc())
        )
    )
