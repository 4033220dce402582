"""Server-rendered SVG charts: no JavaScript, no CDN, readable in any browser and in PDFs."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

PALETTE = ["#2563eb", "#f59e0b", "#16a34a", "#dc2626", "#7c3aed", "#0891b2"]
W, H = 760, 240
LEFT, RIGHT, TOP, BOTTOM = 60, 28, 28, 36
# Font sizes in viewBox units: two charts side by side shrink to about 0.8 of them.
TEXT, VALUE, TITLE = 12, 13, 15


def line_chart(
    *,
    title: str,
    days: Sequence[date],
    series: dict[str, dict[date, float | None]],
    percent: bool = False,
) -> SafeString:
    """One line per series over ``days``, with a legend. Counts: a missing day counts 0.
    Percentages (ratios, 0..1): a missing or ``None`` day is a gap in the line."""
    known = [v for s in series.values() for v in s.values() if v is not None]
    top = 1.0 if percent else _nice_max(max(known, default=0))
    plot_w, plot_h = W - LEFT - RIGHT, H - TOP - BOTTOM
    step = plot_w / max(len(days) - 1, 1)
    parts = _frame(title, top, plot_h, percent)
    for i, (name, values) in enumerate(series.items()):
        colour = PALETTE[i % len(PALETTE)]
        points: list[tuple[float, float] | None] = []
        for n, d in enumerate(days):
            value = values.get(d) if percent else values.get(d, 0)
            y = None if value is None else TOP + plot_h - value / top * plot_h
            points.append(None if y is None else (LEFT + n * step, y))
        # Later series dashed and thinner, so equal series stay visible on top of each other.
        dash = ' stroke-dasharray="6 4"' if i else ""
        for run in _runs(points):
            xy = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
            parts.append(
                f'<polyline fill="none" stroke="{colour}" stroke-width="{3 - i}"{dash} '
                f'points="{xy}"/>'
            )
        if len(days) <= 62:
            parts += [
                f'<circle cx="{p[0]:.1f}" cy="{p[1]:.1f}" r="{3 - i}" fill="{colour}"/>'
                for p in points
                if p is not None
            ]
        parts.append(
            f'<rect x="{W - 200 + i * 95}" y="8" width="10" height="10" fill="{colour}"/>'
            f'<text x="{W - 186 + i * 95}" y="17" font-size="{TEXT}">{escape(name)}</text>'
        )
    every = max(1, len(days) // 8)
    for n, d in enumerate(days):
        if n % every == 0:
            parts.append(
                f'<text x="{LEFT + n * step:.1f}" y="{H - 14}" font-size="{TEXT}" '
                f'text-anchor="middle">{d.strftime("%d %b")}</text>'
            )
    return _svg(title, parts)


def _runs(points: list[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    """The unbroken stretches of a line: ``None`` points split it."""
    runs: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if point is None:
            runs.append([])
        else:
            runs[-1].append(point)
    return [run for run in runs if run]


def bar_chart(
    *, title: str, bars: Sequence[tuple[str, float | None]], percent: bool = False
) -> SafeString:
    """Vertical bars with their value above; ``None`` bars are shown as 'n/a'."""
    top = 1.0 if percent else _nice_max(max((v or 0 for _, v in bars), default=0))
    plot_w, plot_h = W - LEFT - RIGHT, H - TOP - BOTTOM
    slot = plot_w / max(len(bars), 1)
    width = min(slot * 0.6, 60)
    parts = _frame(title, top, plot_h, percent)
    for n, (label, value) in enumerate(bars):
        x = LEFT + n * slot + (slot - width) / 2
        height = (value or 0) / top * plot_h if top else 0
        y = TOP + plot_h - height
        shown = "n/a" if value is None else (f"{value:.0%}" if percent else f"{value:g}")
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" '
            f'fill="{PALETTE[n % len(PALETTE)]}"><title>{escape(label)}: {shown}</title></rect>'
            f'<text x="{x + width / 2:.1f}" y="{y - 4:.1f}" font-size="{VALUE}" '
            f'text-anchor="middle">{shown}</text>'
            f'<text x="{x + width / 2:.1f}" y="{H - 14}" font-size="{TEXT}" '
            f'text-anchor="middle">{escape(label[:18])}</text>'
        )
    return _svg(title, parts)


def comparison_chart(
    *,
    title: str,
    unit: str,
    groups: Sequence[tuple[str, float | None, float | None]],
    legend: tuple[str, str],
    percent: bool = False,
) -> SafeString:
    """Per group (a plant, or the whole platform) two bars: the previous period, paler, and
    the current one, each with its value above ('n/a' when there is none); the y axis says
    ``unit``; ``legend`` names the two periods."""
    values = [v for _, a, b in groups for v in (a, b) if v is not None]
    top = 1.0 if percent else _nice_max(max(values, default=0))
    plot_w, plot_h = W - LEFT - RIGHT, H - TOP - BOTTOM
    slot = plot_w / max(len(groups), 1)
    width = min(slot * 0.35, 56)
    parts = _frame(title, top, plot_h, percent, unit=unit)
    colours = ("#93c5fd", PALETTE[0])
    for n, (label, *pair) in enumerate(groups):
        for k, value in enumerate(pair):
            x = LEFT + n * slot + slot / 2 - width + k * width
            height = (value or 0) / top * plot_h if top else 0
            y = TOP + plot_h - height
            shown = _shown(value, percent)
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{width - 2:.1f}" height="{height:.1f}" '
                f'fill="{colours[k]}"><title>{escape(label)}, {escape(legend[k])}: {shown}'
                f"</title></rect>"
                f'<text x="{x + width / 2 - 1:.1f}" y="{y - 4:.1f}" font-size="{TEXT}" '
                f'text-anchor="middle">{shown}</text>'
            )
        parts.append(
            f'<text x="{LEFT + n * slot + slot / 2:.1f}" y="{H - 14}" font-size="{TEXT}" '
            f'text-anchor="middle">{escape(label[:18])}</text>'
        )
    for k, name in enumerate(legend):
        parts.append(
            f'<rect x="{W - 250 + k * 125}" y="8" width="10" height="10" fill="{colours[k]}"/>'
            f'<text x="{W - 236 + k * 125}" y="17" font-size="{TEXT}">{escape(name)}</text>'
        )
    return _svg(title, parts)


def _shown(value: float | None, percent: bool) -> str:
    if value is None:
        return "n/a"
    return f"{value:.0%}" if percent else f"{value:.3g}"


def _frame(
    title: str, top: float, plot_h: float, percent: bool = False, unit: str = ""
) -> list[str]:
    parts = [
        f'<text x="{LEFT}" y="17" font-size="{TITLE}" font-weight="bold">{escape(title)}</text>'
    ]
    if unit:
        middle = TOP + plot_h / 2
        parts.append(
            f'<text transform="translate(10 {middle:.1f}) rotate(-90)" font-size="{TEXT}" '
            f'text-anchor="middle">{escape(unit)}</text>'
        )
    for k in range(5):
        value = top * k / 4
        y = TOP + plot_h - plot_h * k / 4
        label = f"{value:.0%}" if percent else f"{value:g}"
        parts.append(
            f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d1d5db"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" font-size="{TEXT}" '
            f'text-anchor="end">{label}</text>'
        )
    return parts


def _svg(title: str, parts: list[str]) -> SafeString:
    body = "".join(parts)
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="100%" '
        f'class="c2m-chart-svg" role="img" aria-label="{escape(title)}" '
        f'font-family="sans-serif" fill="currentColor">{body}</svg>'
    )


def _nice_max(value: float) -> float:
    """A round upper bound for the axis (1, 2, 5 × 10ⁿ), at least 1."""
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(int(value))) - 1)
    for factor in (1, 2, 5, 10):
        if value <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude
