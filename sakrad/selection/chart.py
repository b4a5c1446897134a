"""Pool profile versus selected profile: the rows both the table and the SVG chart show.

The chart is rendered on the server as SVG with ``role="img"``, a ``<title>`` and a
``<desc>`` that states every number; the same numbers are in a table next to it, so nothing
depends on seeing the picture or telling colours apart (the two series also differ in
pattern and carry their percentage as text).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from sakrad.selection.features import FEATURES, Labeller


@dataclass(frozen=True)
class ProfileRow:
    code: str
    label: str
    pool: int
    pool_share: float
    selected: int
    selected_share: float


@dataclass(frozen=True)
class FeatureProfile:
    feature: str
    label: str
    rows: list[ProfileRow]


def profile_rows(
    pool_profile: dict[str, dict[str, int]],
    selected_profile: dict[str, dict[str, int]],
    pool_size: int,
    panel_size: int,
    labels: Labeller,
) -> list[FeatureProfile]:
    """One entry per feature, values present in the pool, largest pool share first."""
    out = []
    for feature in [f for f in FEATURES if f in pool_profile] + sorted(
        set(pool_profile) - set(FEATURES)
    ):
        counts = pool_profile[feature]
        chosen = selected_profile.get(feature, {})
        rows = [
            ProfileRow(
                code=code,
                label=labels.value(feature, code),
                pool=n,
                pool_share=n / pool_size if pool_size else 0.0,
                selected=chosen.get(code, 0),
                selected_share=chosen.get(code, 0) / panel_size if panel_size else 0.0,
            )
            for code, n in counts.items()
        ]
        rows.sort(key=lambda r: (-r.pool, r.label))
        out.append(FeatureProfile(feature, labels.feature(feature), rows))
    return out


def _pct(x: float) -> str:
    return f"{round(x * 100)} %"


BAR_H, GAP, LABEL_W, PLOT_W, RIGHT = 12, 10, 220, 300, 60
POOL_FILL, SELECTED_FILL = "#4a4a4a", "#005a9c"


def svg(profile: FeatureProfile, texts: dict[str, Any], chart_id: str) -> Markup:
    """A horizontal grouped bar chart: for each value the pool share and the selected share.

    ``texts`` holds the translated words: title, pool, selected, desc_row (a format string
    with label, pool, selected).
    """
    rows = profile.rows
    group_h = 2 * BAR_H + GAP
    legend_h = 24
    height = legend_h + len(rows) * group_h + 4
    width = LABEL_W + PLOT_W + RIGHT
    peak = max([r.pool_share for r in rows] + [r.selected_share for r in rows] + [0.01])
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    desc = "; ".join(
        str(texts["desc_row"]).format(
            label=r.label, pool=_pct(r.pool_share), selected=_pct(r.selected_share)
        )
        for r in rows
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="selection-chart" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="{title_id} {desc_id}" id="{chart_id}">',
        f'<title id="{title_id}">{escape(texts["title"])}</title>',
        f'<desc id="{desc_id}">{escape(desc)}</desc>',
        f'<defs><pattern id="{chart_id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{SELECTED_FILL}"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/></pattern></defs>',
        f'<rect x="{LABEL_W}" y="4" width="12" height="12" fill="{POOL_FILL}"/>',
        f'<text x="{LABEL_W + 18}" y="14" font-size="12" fill="#1a1a1a">{escape(texts["pool"])}</text>',
        f'<rect x="{LABEL_W + 140}" y="4" width="12" height="12" fill="url(#{chart_id}-hatch)"/>',
        f'<text x="{LABEL_W + 158}" y="14" font-size="12" fill="#1a1a1a">'
        f"{escape(texts['selected'])}</text>",
    ]
    for i, r in enumerate(rows):
        y = legend_h + i * group_h
        label = r.label if len(r.label) <= 34 else r.label[:33] + "…"
        parts.append(
            f'<text x="{LABEL_W - 6}" y="{y + BAR_H + 4}" font-size="12" text-anchor="end" '
            f'fill="#1a1a1a">{escape(label)}</text>'
        )
        for j, (share, fill) in enumerate(
            ((r.pool_share, POOL_FILL), (r.selected_share, f"url(#{chart_id}-hatch)"))
        ):
            w = round(PLOT_W * share / peak, 1)
            by = y + j * BAR_H
            parts.append(
                f'<rect x="{LABEL_W}" y="{by}" width="{w}" height="{BAR_H - 2}" fill="{fill}"/>'
            )
            parts.append(
                f'<text x="{LABEL_W + w + 4}" y="{by + BAR_H - 3}" font-size="11" '
                f'fill="#1a1a1a">{_pct(share)}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))
