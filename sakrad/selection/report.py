"""What a confirmed selection's report shows, read from its frozen record only (never from
the registry as it is today), for the staff page and the public meeting page alike."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sakrad.selection.chart import FeatureProfile, profile_rows
from sakrad.selection.features import Labeller
from sakrad.selection.models import AdjustmentKind, Selection
from sakrad.selection.pool import panel_ids, profile


@dataclass(frozen=True)
class PooledOrganisation:
    id: int
    name: str
    probability: float
    selected: bool
    reserve_position: int | None


@dataclass(frozen=True)
class Change:
    name: str
    added: bool
    reason: str
    at: datetime


@dataclass(frozen=True)
class QuotaLine:
    label: str
    min: int
    max: int
    selected: int


def report_view(selection: Selection, labels: Labeller) -> dict[str, Any]:
    frozen = selection.pool
    candidates = frozen.get("candidates", [])
    report = selection.result.get("report", {})
    panel = panel_ids(selection)
    in_panel = {str(i) for i in panel}
    chosen = [c for c in candidates if c["id"] in in_panel]
    selected_profile = profile(chosen)
    reserve = [int(i) for i in selection.result.get("reserve", [])]
    reserve_pos = {org_id: n for n, org_id in enumerate(r for r in reserve if r not in panel)}
    marginals = selection.result.get("marginals", {})
    pooled = sorted(
        (
            PooledOrganisation(
                id=int(c["id"]),
                name=selection.name_of(c["id"]),
                probability=float(marginals.get(c["id"], 0.0)),
                selected=c["id"] in in_panel,
                reserve_position=(
                    reserve_pos[int(c["id"])] + 1 if int(c["id"]) in reserve_pos else None
                ),
            )
            for c in candidates
        ),
        key=lambda o: (not o.selected, -o.probability, o.name.lower()),
    )
    quotas = [
        QuotaLine(
            label=labels.quota(q["feature"], q["value"]),
            min=q["min"],
            max=q["max"],
            selected=selected_profile.get(q["feature"], {}).get(q["value"], 0),
        )
        for q in selection.quotas
    ]
    changes = [
        Change(
            name=selection.name_of(a.organisation_id),
            added=a.kind == AdjustmentKind.ADDED,
            reason=a.reason,
            at=a.at,
        )
        for a in selection.adjustments
    ]
    profiles: list[FeatureProfile] = profile_rows(
        profile(candidates), selected_profile, len(candidates), len(chosen), labels
    )
    return {
        "report": report,
        "panel": [selection.name_of(i) for i in panel],
        "reserve": [selection.name_of(i) for i in reserve if i not in panel],
        "pooled": pooled,
        "quotas": quotas,
        "changes": changes,
        "profiles": profiles,
        "pool_size": len(candidates),
        "panel_size": len(panel),
    }
