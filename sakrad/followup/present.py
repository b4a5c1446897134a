"""Figures → what the pages, the PDF and the CSV show: labelled rows and the charts."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from sakrad.feedback.models import MEETING_CODES
from sakrad.feedback.questions import CODE_LABELS
from sakrad.followup.chart import bars
from sakrad.followup.figures import PROFILE_FEATURES
from sakrad.meetings.models import MEETING_KIND_LABELS
from sakrad.proposals.models import STATE_LABELS
from sakrad.selection.features import Labeller

METHOD_LABELS = {"leximin": "Leximin", "legacy": "Legacy"}


def share(n: int | None, total: int | None) -> float | None:
    return n / total if n is not None and total else None


def pct(x: float | None) -> str:
    return "–" if x is None else f"{round(x * 100)} %"


def score(x: float | None) -> str:
    return "–" if x is None else f"{x:.1f}"


def kind_label(code: str) -> str:
    return next((str(v) for k, v in MEETING_KIND_LABELS.items() if k.value == code), code)


def state_label(code: str) -> str:
    return next((str(v) for k, v in STATE_LABELS.items() if k.value == code), code)


def principle_rows(year: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "code": c,
            "label": str(CODE_LABELS[c]),
            "orgs": year[c]["organisations"]["mean"],
            "rated": year[c]["organisations"]["rated"],
            "previous": year[c]["previous_year_mean"],
            "change": year[c]["change"],
            "self": year[c]["self_assessment"]["mean"],
        }
        for c in MEETING_CODES
    ]


def profile_tables(profiles: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    labels = Labeller(lang)
    sizes = profiles["sizes"]
    out = []
    for feature in PROFILE_FEATURES:
        pops = profiles["features"][feature]
        codes = sorted(
            set().union(*(pops[p].keys() for p in pops)),
            key=lambda c: (-pops["registry"].get(c, 0), c),
        )
        rows = [
            {
                "label": labels.value(feature, code),
                **{p: pops[p].get(code, 0) for p in pops},
                **{f"{p}_share": share(pops[p].get(code, 0), sizes[p]) for p in pops},
            }
            for code in codes
        ]
        out.append({"feature": feature, "label": labels.feature(feature), "rows": rows})
    return out


def principles_chart(rows: list[dict[str, Any]], chart_id: str = "chart-principles"):
    return bars(
        chart_id,
        _("The six principles: organisations' average and the self-assessment (scale 1–5)"),
        [_("Organisations"), _("Self-assessment")],
        [(r["label"], [r["orgs"], r["self"]]) for r in rows],
        peak=5.0,
        fmt=score,
    )


def profile_chart(table: dict[str, Any], chart_id: str):
    rows = table["rows"][:12]
    return bars(
        chart_id,
        _("%(feature)s: registry, invited and attending (share)", feature=table["label"]),
        [_("Registry"), _("Invited"), _("Attending")],
        [(r["label"], [r["registry_share"], r["invited_share"], r["attending_share"]])
         for r in rows],
        peak=max([v for r in rows for v in (r["registry_share"], r["invited_share"],
                                            r["attending_share"]) if v] + [0.01]),
        fmt=pct,
    )  # fmt: skip


def flat_rows(fig: dict[str, Any]) -> list[tuple[str, str, Any]]:
    """(section, key, value) for the CSV download: every number of the report."""
    out: list[tuple[str, str, Any]] = []
    m = fig["meetings"]
    for k in ("announced", "held", "minutes_published", "card_complete"):
        out.append(("meetings", k, m[k]))
    for kind, n in m["held_by_kind"].items():
        out.append(("meetings", f"held_{kind}", n))
    for k, v in m["days_to_minutes"].items():
        out.append(("meetings", f"days_to_minutes_{k}", v))
    for k, v in fig["participation"].items():
        out.append(("participation", k, v))
    for pop, n in fig["profiles"]["sizes"].items():
        out.append(("profile", f"{pop}_size", n))
    for feature, pops in fig["profiles"]["features"].items():
        for pop, counts in pops.items():
            for code, n in sorted(counts.items()):
                out.append(("profile", f"{feature}:{pop}:{code}", n))
    c = fig["concentration"]
    for k in ("top10_invitations", "top10_share", "consecutive_2_years", "consecutive_3_years"):
        out.append(("concentration", k, c[k]))
    out.append(("concentration", "invited_to_every_meeting", len(c["invited_to_every_meeting"])))
    for org in c["top10"]:
        out.append(("concentration", f"top10:{org['name']}", org["invitations"]))
    p = fig["proposals"]
    for k in ("submitted", "answered", "answered_share", "on_agenda"):
        out.append(("proposals", k, p[k]))
    for state, n in p["by_state"].items():
        out.append(("proposals", f"state_{state}", n))
    for k, v in p["days_close_to_responses"].items():
        out.append(("proposals", f"days_close_to_responses_{k}", v))
    pr = fig["principles"]
    for k in ("threshold", "answers", "answers_counted", "self_assessments"):
        out.append(("principles", k, pr[k]))
    for code, y in pr["year"].items():
        out.append(("principles", f"{code}:organisations_mean", y["organisations"]["mean"]))
        out.append(("principles", f"{code}:previous_year_mean", y["previous_year_mean"]))
        out.append(("principles", f"{code}:change", y["change"]))
        out.append(("principles", f"{code}:self_assessment_mean", y["self_assessment"]["mean"]))
    for k, v in pr["feedback_received"].items():
        out.append(("feedback_received", k, v))
    for row in fig["meeting_list"]:
        key = f"meeting:{row['id']}"
        for k in (
            "date",
            "kind",
            "state",
            "card_complete",
            "minutes_published",
            "days_to_minutes",
            "selection_method",
            "lowest_probability",
        ):
            out.append(("meetings", f"{key}:{k}", row[k]))  # fmt: skip
    return out
