"""Small inline SVG charts for the self-contained HTML report (no plotting library, no files)."""

from __future__ import annotations

import html
import math

PALETTE = ("#154273", "#e17000", "#39870c", "#a90061", "#007bc7", "#673327", "#ffb612",
           "#42145f", "#8fcae7", "#d52b1e")


def _e(text: object) -> str:
    return html.escape(str(text))


def bars(title: str, items: list[tuple[str, float | None]], minimum: int) -> str:
    """Horizontal bars of shares (0..1); None is drawn as 'verborgen' (a group of fewer than
    `minimum` officers)."""
    row, width, label_w = 22, 620, 230
    height = row * len(items) + 30
    out = [f'<svg role="img" aria-label="{_e(title)}" width="{width}" height="{height}" '
           f'xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="12">',
           f'<text x="0" y="14" font-weight="bold">{_e(title)}</text>']
    for i, (label, value) in enumerate(items):
        y = 24 + i * row
        out.append(f'<text x="0" y="{y + 14}">{_e(label)}</text>')
        if value is None or (isinstance(value, float) and math.isnan(value)):
            out.append(f'<text x="{label_w}" y="{y + 14}" fill="#777">'
                       f'verborgen (&lt; {minimum})</text>')
            continue
        w = max(1, int((width - label_w - 60) * max(0.0, min(1.0, value))))
        out.append(f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{row - 8}" '
                   f'fill="{PALETTE[0]}"/>')
        out.append(f'<text x="{label_w + w + 4}" y="{y + 14}">{value:.0%}</text>')
    out.append("</svg>")
    return "".join(out)


def lines(title: str, series: dict[str, list[tuple[str, float]]]) -> str:
    """Lines over months (x labels shared, values 0..1)."""
    months = sorted({m for pts in series.values() for m, _ in pts})
    if not months:
        return ""
    width, height, left, top, bottom = 640, 260, 40, 24, 40
    plot_w, plot_h = width - left - 150, height - top - bottom
    step = plot_w / max(1, len(months) - 1)
    x_of = {m: left + i * step for i, m in enumerate(months)}
    out = [f'<svg role="img" aria-label="{_e(title)}" width="{width}" height="{height}" '
           f'xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="11">',
           f'<text x="0" y="14" font-weight="bold" font-size="12">{_e(title)}</text>',
           f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
           f'stroke="#999"/>']
    for frac in (0.0, 0.5, 1.0):
        y = top + plot_h * (1 - frac)
        out.append(f'<text x="0" y="{y + 4}">{frac:.0%}</text>')
    for i, m in enumerate(months):
        if len(months) <= 12 or i % max(1, len(months) // 12) == 0:
            out.append(f'<text x="{x_of[m] - 16}" y="{top + plot_h + 16}">{_e(m)}</text>')
    for k, (name, pts) in enumerate(sorted(series.items())):
        colour = PALETTE[k % len(PALETTE)]
        good = [(m, v) for m, v in pts if v == v]
        if not good:
            continue
        path = " ".join(f"{x_of[m]:.1f},{top + plot_h * (1 - v):.1f}" for m, v in sorted(good))
        out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{path}"/>')
        ly = top + 12 + k * 14
        lx = left + plot_w
        out.append(f'<rect x="{lx + 10}" y="{ly - 8}" width="10" height="10" fill="{colour}"/>'
                   f'<text x="{lx + 24}" y="{ly + 1}">{_e(name)}</text>')
    out.append("</svg>")
    return "".join(out)
