"""The tables of the follow-up report, for the PDF download."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from sakrad.followup import pdf, present


def body_pdf(body, year: int, report, fig: dict[str, Any], lang: str) -> bytes:
    p = present
    m, part, conc, prop = (
        fig["meetings"],
        fig["participation"],
        fig["concentration"],
        fig["proposals"],
    )
    pr = fig["principles"]
    sections = [
        (_("Meetings"), [_("Figure"), _("Value")], [
            [_("Meetings held"), m["held"]],
            *[[p.kind_label(k), n] for k, n in m["held_by_kind"].items()],
            [_("Minutes published"), m["minutes_published"]],
            [_("Days to published minutes, median"), m["days_to_minutes"]["median"]],
            [_("Days to published minutes, longest"), m["days_to_minutes"]["longest"]],
            [_("Complete expectations card when announced"), m["card_complete"]],
        ]),
        (_("Meetings of the year"), [_("Date"), _("Meeting"), _("Minutes"), _("Selection method"),
                                     _("Lowest selection probability")], [
            [r["date"], r["title_en"] if lang == "en" and r["title_en"] else r["title"],
             _("Yes") if r["minutes_published"] else _("No"), r["selection_method"] or "–",
             p.pct(r["lowest_probability"]) if r["lowest_probability"] is not None else "–"]
            for r in fig["meeting_list"]
        ]),
        (_("Invitations and participation"), [_("Figure"), _("Value")], [
            [_("Invitations sent"), part["invitations"]],
            [_("Organisations invited"), part["organisations_invited"]],
            [_("Invitations accepted"), part["accepted"]],
            [_("Attended"), part["attended"]],
            [_("Organisations that took part"), part["organisations_attended"]],
        ]),
        (_("Concentration"), [_("Figure"), _("Value")], [
            [_("Share of seats held by the ten most invited organisations"), p.pct(conc["top10_share"])],
            [_("Organisations invited to every meeting of the year"), len(conc["invited_to_every_meeting"])],
            [_("Invited this year and the year before"), conc["consecutive_2_years"]],
            [_("Invited three years in a row"), conc["consecutive_3_years"]],
        ]),
        (_("Topic proposals"), [_("Figure"), _("Value")], [
            [_("Submitted"), prop["submitted"]],
            *[[p.state_label(s), n] for s, n in prop["by_state"].items()],
            [_("Share answered"), p.pct(prop["answered_share"])],
            [_("Days from the call's close to published responses, longest"),
             prop["days_close_to_responses"]["longest"]],
            [_("Taken up on an agenda"), prop["on_agenda"]],
        ]),
        (_("The six principles"), [_("Principle"), _("Organisations"), _("Previous year"),
                                   _("Change"), _("Self-assessment")], [
            [r["label"], p.score(r["orgs"]), p.score(r["previous"]),
             "–" if r["change"] is None else f"{r['change']:+.1f}", p.score(r["self"])]
            for r in present.principle_rows(pr["year"])
        ]),
    ]  # fmt: skip
    title = _("Follow-up report %(year)s: %(body)s", year=year, body=body.display_name(lang))
    summary = report.summary_for(lang) if report else ""
    state = _("Published") if report and report.is_published else _("Draft (live figures)")
    return pdf.render(title, summary, sections, f"Sakråd - {state}")
