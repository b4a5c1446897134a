"""Server-rendered SVG bar charts in the style of the selection report: ``role="img"``, a
``<title>``, a ``<desc>`` stating every number, series told apart by pattern as well as
colour, each bar labelled with its value. The pages put the same numbers in a table."""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup, escape

BAR_H, GAP, LABEL_W, PLOT_W, RIGHT = 12, 10, 230, 300, 60
FILLS = ("#4a4a4a", "hatch", "#005a9c")


def bars(
    chart_id: str,
    title: str,
    series: list[str],
    rows: list[tuple[str, list[float | None]]],
    *,
    peak: float,
    fmt: Callable[[float | None], str],
) -> Markup:
    """Horizontal grouped bars: per row one bar per series (None: no bar, "–" as text)."""
    n = len(series)
    group_h = n * BAR_H + GAP
    legend_h = 24
    height = legend_h + len(rows) * group_h + 4
    width = LABEL_W + PLOT_W + RIGHT
    peak = peak or 1.0
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    desc = "; ".join(
        f"{label}: " + ", ".join(f"{s} {fmt(v)}" for s, v in zip(series, values, strict=True))
        for label, values in rows
    )
    fill = [f"url(#{chart_id}-hatch)" if f == "hatch" else f for f in FILLS]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="followup-chart" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="{title_id} {desc_id}" id="{chart_id}">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(desc)}</desc>',
        f'<defs><pattern id="{chart_id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#005a9c"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/></pattern></defs>',
    ]
    for i, name in enumerate(series):
        x = LABEL_W + i * 110
        parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{fill[i]}"/>')
        parts.append(
            f'<text x="{x + 16}" y="14" font-size="12" fill="#1a1a1a">{escape(name)}</text>'
        )
    for i, (label, values) in enumerate(rows):
        y = legend_h + i * group_h
        short = label if len(label) <= 36 else label[:35] + "…"
        parts.append(
            f'<text x="{LABEL_W - 6}" y="{y + BAR_H + 2}" font-size="12" text-anchor="end" '
            f'fill="#1a1a1a">{escape(short)}</text>'
        )
        for j, value in enumerate(values):
            w = round(PLOT_W * (value or 0) / peak, 1)
            by = y + j * BAR_H
            parts.append(
                f'<rect x="{LABEL_W}" y="{by}" width="{w}" height="{BAR_H - 2}" fill="{fill[j]}"/>'
            )
            parts.append(
                f'<text x="{LABEL_W + w + 4}" y="{by + BAR_H - 3}" font-size="11" '
                f'fill="#1a1a1a">{escape(fmt(value))}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))
