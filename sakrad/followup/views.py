"""The follow-up report: the body's live draft and publishing it, the public published
reports and the installation-wide one, their CSV/JSON/PDF downloads and the API."""

from __future__ import annotations

import csv
import io
from typing import Any

from flask import Response, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from sakrad.accounts.access import staff_required
from sakrad.errors import NotFound
from sakrad.followup import installation, present, service
from sakrad.followup.blueprint import bp
from sakrad.followup.forms import PublishForm, SummaryForm
from sakrad.followup.models import FollowupReport
from sakrad.shell.filters import current_lang
from sakrad.shell.usecase import REFUSED, attempt, submitted


def _context(body, year: int, report: FollowupReport | None) -> dict[str, Any]:
    lang = current_lang()
    fig = service.figures_of(body, year, report)
    principles = present.principle_rows(fig["principles"]["year"])
    profiles = present.profile_tables(fig["profiles"], lang)
    return {
        "body": body,
        "year": year,
        "report": report,
        "fig": fig,
        "principles": principles,
        "profiles": profiles,
        "principles_chart": present.principles_chart(principles),
        "profile_charts": {
            t["feature"]: present.profile_chart(t, f"chart-{t['feature']}")
            for t in profiles
            if t["feature"] in ("form", "county")
        },
        "p": present,
        "can_manage": bool(current_user.is_authenticated and current_user.can_manage_body(body.id)),
    }


def _managed(slug: str, year: int):
    """The convening body the current user manages and its report of ``year`` (or None)."""
    service.check_year(year)
    body = service.body_by_slug(slug)
    service.require_manage(current_user, body)
    return body, service.get(body, year)


@bp.route("/manage/followup/<slug>/<int:year>", methods=["GET", "POST"])
@staff_required
def manage(slug: str, year: int):
    body, report = _managed(slug, year)
    form = SummaryForm(
        version=str(report.version_id) if report else "",
        summary=report.summary if report and request.method == "GET" else None,
        summary_en=report.summary_en if report and request.method == "GET" else None,
    )
    if not (report and report.is_published) and form.validate_on_submit():
        saved = attempt(
            lambda: service.save_summary(
                current_user, body, year, form.summary.data, form.summary_en.data,
                expected_version=_int(form.version.data),
            ),
            form=form,
            done=_("The summary has been saved."),
        )  # fmt: skip
        if saved is not REFUSED:
            return redirect(url_for("followup.manage", slug=slug, year=year), code=303)
    return render_template("followup/manage.html", form=form, **_context(body, year, report))


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@bp.route("/manage/followup/<slug>/<int:year>/publish", methods=["GET", "POST"])
@staff_required
def publish(slug: str, year: int):
    """Check your answers: the summary and the figures as they will be frozen."""
    body, report = _managed(slug, year)
    if report is None or report.is_published:
        return redirect(url_for("followup.manage", slug=slug, year=year), code=303)
    form = PublishForm(version=str(report.version_id))
    if REFUSED is not submitted(
        form,
        lambda: service.publish(current_user, body, year, expected_version=_int(form.version.data)),
        done=_("The follow-up report has been published."),
    ):
        return redirect(url_for("followup.public", slug=slug, year=year), code=303)
    return render_template("followup/publish.html", form=form, **_context(body, year, report))


@bp.get("/followup/")
def index():
    return render_template("followup/index.html", years=service.published_years())


@bp.get("/followup/<slug>/<int:year>")
def public(slug: str, year: int):
    service.check_year(year)
    body = service.body_by_slug(slug)
    report = service.published(body, year)
    return render_template("followup/public.html", **_context(body, year, report))


def _readable(slug: str, year: int):
    """A published report for anyone; the live draft for the body's own staff."""
    service.check_year(year)
    body = service.body_by_slug(slug)
    report = service.get(body, year)
    if report is None or not report.is_published:
        service.require_manage(current_user, body)
    return body, report


def _csv(rows: list[tuple[str, str, Any]], filename: str) -> Response:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "figure", "value"])
    for section, key, value in rows:
        writer.writerow([section, key, "" if value is None else value])
    return Response(
        "\ufeff" + out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.get("/followup/<slug>/<int:year>/report.<fmt>")
def download(slug: str, year: int, fmt: str):
    if fmt not in ("csv", "json", "pdf"):
        raise NotFound()
    body, report = _readable(slug, year)
    fig = service.figures_of(body, year, report)
    name = f"uppfoljning-{body.slug}-{year}.{fmt}"
    if fmt == "json":
        data = {"published": bool(report and report.is_published),
                "summary": report.summary if report else None,
                "summary_en": report.summary_en if report else None, "figures": fig}  # fmt: skip
        response = jsonify(data)
        response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    if fmt == "csv":
        return _csv(present.flat_rows(fig), name)
    from sakrad.followup.pdf_sections import body_pdf

    pdf = body_pdf(body, year, report, fig, current_lang())
    return Response(pdf, mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})  # fmt: skip


@bp.get("/followup/<int:year>")
def installation_report(year: int):
    service.check_year(year)
    combined = installation.combine(year, service.published_reports(year))
    return render_template("followup/installation.html", year=year, fig=combined, p=present)


@bp.get("/followup/<int:year>/report.<fmt>")
def installation_download(year: int, fmt: str):
    if fmt not in ("csv", "json"):
        raise NotFound()
    service.check_year(year)
    combined = installation.combine(year, service.published_reports(year))
    if fmt == "json":
        return jsonify(combined)
    rows = [("installation", k, v) for k, v in _flatten(combined)]
    return _csv(rows, f"uppfoljning-{year}.csv")


def _flatten(value: Any, prefix: str = "") -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        return [kv for k, v in value.items() for kv in _flatten(v, f"{prefix}{k}.")]
    if isinstance(value, list):
        return [kv for i, v in enumerate(value) for kv in _flatten(v, f"{prefix}{i}.")]
    return [(prefix.rstrip("."), value)]


# -- the API (read-only, published reports only) --------------------------------------------


@bp.get("/api/v1/followup/<int:year>")
def api_installation(year: int):
    service.check_year(year)
    return jsonify(installation.combine(year, service.published_reports(year)))


@bp.get("/api/v1/followup/<slug>/<int:year>")
def api_body(slug: str, year: int):
    service.check_year(year)
    body = service.body_by_slug(slug)
    report = service.published(body, year)
    assert report.published_at is not None  # service.published returns published reports only
    return jsonify(
        {
            "convening_body": {"slug": body.slug, "name": body.name, "name_en": body.name_en},
            "year": year,
            "published_at": report.published_at.isoformat(),
            "summary": report.summary,
            "summary_en": report.summary_en,
            "figures": report.figures,
        }
    )


@bp.app_template_global()
def followup_url(cycle) -> str | None:
    """Where the cycle timeline's follow-up date links: the published report, or for the
    body's own staff the draft; nothing for the public before publication."""
    report = service.get(cycle.convening_body, cycle.year)
    if report is not None and report.is_published:
        return url_for("followup.public", slug=cycle.convening_body.slug, year=cycle.year)
    if current_user.is_authenticated and current_user.can_manage_body(cycle.convening_body_id):
        return url_for("followup.manage", slug=cycle.convening_body.slug, year=cycle.year)
    return None
