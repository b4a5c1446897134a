"""The installation-wide report of a year, built only from the figures the convening bodies
froze when they published their reports (never from live data)."""

from __future__ import annotations

import statistics
from typing import Any

from sakrad.feedback.models import MEETING_CODES
from sakrad.followup.models import FollowupReport

SUMMED = ("invitations", "organisations_invited", "accepted", "attended", "organisations_attended")


def _add(into: dict[str, int], other: dict[str, int]) -> None:
    for k, v in other.items():
        into[k] = into.get(k, 0) + v


def _mean(rated: int, total: int) -> float | None:
    return round(total / rated, 2) if rated else None


def combine(year: int, reports: list[FollowupReport]) -> dict[str, Any]:
    meetings: dict[str, Any] = {"announced": 0, "held": 0, "held_by_kind": {}, "minutes_published": 0,
                "card_complete": 0}  # fmt: skip
    days: list[int] = []
    participation = dict.fromkeys(SUMMED, 0)
    proposals: dict[str, Any] = {"submitted": 0, "answered": 0, "on_agenda": 0, "by_state": {}}
    scores = {c: {"rated": 0, "total": 0, "self_rated": 0, "self_total": 0} for c in MEETING_CODES}
    answers = answers_counted = self_assessments = 0
    feedback = {"answers": 0, "yes": 0, "partly": 0, "no": 0, "dont_know": 0, "counted": 0}
    bodies, selections = [], []
    invited_profile: dict[str, dict[str, int]] = {}
    attending_profile: dict[str, dict[str, int]] = {}
    for report in reports:
        f = report.figures or {}
        m = f["meetings"]
        for k in ("announced", "held", "minutes_published", "card_complete"):
            meetings[k] += m[k]
        _add(meetings["held_by_kind"], m["held_by_kind"])
        days += [r["days_to_minutes"] for r in f["meeting_list"]
                 if r["held"] and r["days_to_minutes"] is not None]  # fmt: skip
        for k in SUMMED:
            participation[k] += f["participation"][k]
        p = f["proposals"]
        for k in ("submitted", "answered", "on_agenda"):
            proposals[k] += p[k]
        _add(proposals["by_state"], p["by_state"])
        pr = f["principles"]
        answers += pr["answers"]
        answers_counted += pr["answers_counted"]
        self_assessments += pr["self_assessments"]
        for c in MEETING_CODES:
            y = pr["year"][c]
            scores[c]["rated"] += y["organisations"]["rated"]
            scores[c]["total"] += y["organisations"]["total"]
            scores[c]["self_rated"] += y["self_assessment"]["rated"]
            scores[c]["self_total"] += y["self_assessment"]["total"]
        fr = pr["feedback_received"]
        feedback["answers"] += fr["answers"]
        if not fr["withheld"]:
            feedback["counted"] += fr["answers_counted"]
            for k in ("yes", "partly", "no", "dont_know"):
                feedback[k] += fr[k]
        for feature, pops in f["profiles"]["features"].items():
            _add(invited_profile.setdefault(feature, {}), pops["invited"])
            _add(attending_profile.setdefault(feature, {}), pops["attending"])
        selections += [
            {"body_id": report.convening_body_id, "title": r["title"], "date": r["date"],
             "method": r["selection_method"], "lowest_probability": r["lowest_probability"]}
            for r in f["meeting_list"] if r["selection_method"]
        ]  # fmt: skip
        c = f["concentration"]
        bodies.append(
            {
                "body_id": report.convening_body_id,
                "name": report.convening_body.name,
                "name_en": report.convening_body.name_en,
                "slug": report.convening_body.slug,
                "held": m["held"],
                "organisations_invited": f["participation"]["organisations_invited"],
                "top10_share": c["top10_share"],
                "invited_to_every_meeting": len(c["invited_to_every_meeting"]),
                "answers_counted": pr["answers_counted"],
            }
        )
    return {
        "year": year,
        "reports": len(reports),
        "bodies": bodies,
        "meetings": {
            **meetings,
            "days_to_minutes": {
                "count": len(days),
                "median": statistics.median(days) if days else None,
                "longest": max(days) if days else None,
            },
        },
        "participation": participation,
        "profiles": {"invited": invited_profile, "attending": attending_profile},
        "proposals": proposals,
        "principles": {
            "answers": answers,
            "answers_counted": answers_counted,
            "self_assessments": self_assessments,
            "year": {
                c: {
                    "organisations": _mean(s["rated"], s["total"]),
                    "self_assessment": _mean(s["self_rated"], s["self_total"]),
                }
                for c, s in scores.items()
            },
            "feedback_received": feedback,
        },
        "selections": selections,
    }
