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


def _every(section: str, values: dict[str, Any], key: str = "{}") -> list[tuple[str, str, Any]]:
    """One CSV row per entry of ``values``, its key written through the template ``key``."""
    return [(section, key.format(k), v) for k, v in values.items()]


def _picked(section: str, values: dict[str, Any], keys: tuple[str, ...], key: str = "{}"):
    return _every(section, {k: values[k] for k in keys}, key)


def flat_rows(fig: dict[str, Any]) -> list[tuple[str, str, Any]]:
    """(section, key, value) for the CSV download: every number of the report."""
    m, c, p, pr = fig["meetings"], fig["concentration"], fig["proposals"], fig["principles"]
    out = [
        *_picked("meetings", m, ("announced", "held", "minutes_published", "card_complete")),
        *_every("meetings", m["held_by_kind"], "held_{}"),
        *_every("meetings", m["days_to_minutes"], "days_to_minutes_{}"),
        *_every("participation", fig["participation"]),
        *_every("profile", fig["profiles"]["sizes"], "{}_size"),
    ]
    for feature, pops in fig["profiles"]["features"].items():
        for pop, counts in pops.items():
            out += _every("profile", dict(sorted(counts.items())), f"{feature}:{pop}:{{}}")
    out += _picked(
        "concentration",
        c,
        ("top10_invitations", "top10_share", "consecutive_2_years", "consecutive_3_years"),
    )
    out.append(("concentration", "invited_to_every_meeting", len(c["invited_to_every_meeting"])))
    out += [("concentration", f"top10:{org['name']}", org["invitations"]) for org in c["top10"]]
    out += [
        *_picked("proposals", p, ("submitted", "answered", "answered_share", "on_agenda")),
        *_every("proposals", p["by_state"], "state_{}"),
        *_every("proposals", p["days_close_to_responses"], "days_close_to_responses_{}"),
        *_picked("principles", pr, ("threshold", "answers", "answers_counted", "self_assessments")),
    ]
    for code, y in pr["year"].items():
        out += _every("principles", {
            "organisations_mean": y["organisations"]["mean"],
            "previous_year_mean": y["previous_year_mean"],
            "change": y["change"],
            "self_assessment_mean": y["self_assessment"]["mean"],
        }, f"{code}:{{}}")  # fmt: skip
    out += _every("feedback_received", pr["feedback_received"])
    meeting_keys = (
        "date", "kind", "state", "card_complete", "minutes_published", "days_to_minutes",
        "selection_method", "lowest_probability",
    )  # fmt: skip
    for row in fig["meeting_list"]:
        out += _picked("meetings", row, meeting_keys, f"meeting:{row['id']}:{{}}")
    return out
