"""Inline SVG charts (no script, no CDN): horizontal bars and stacked daily columns, HTML-escaped labels."""

from __future__ import annotations

from markupsafe import Markup, escape

PALETTE = ("#1f77b4", "#e8590c", "#2b8a3e", "#862e9c", "#c92a2a", "#1098ad", "#e67700", "#5c7cfa", "#868e96",
           "#d6336c", "#20c997", "#fab005")


def bars(data: dict[str, float], *, title: str, width: int = 560, unit: str = "") -> Markup:
    """One horizontal bar per key, the value printed at the end of the bar."""
    rows = list(data.items())
    h = 30 + 24 * max(1, len(rows))
    top = max([v for _, v in rows] or [0]) or 1
    out = [f'<svg class="chart" role="img" viewBox="0 0 {width} {h}" width="{width}" height="{h}" '
           f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
           f'<text x="4" y="16" font-size="13" font-weight="bold">{escape(title)}</text>']
    for i, (k, v) in enumerate(rows):
        y = 26 + 24 * i
        w = (width - 260) * v / top
        out.append(f'<text x="4" y="{y + 14}" font-size="12">{escape(k[:18])}</text>'
                   f'<rect x="200" y="{y + 2}" width="{w:.1f}" height="16" fill="{PALETTE[i % len(PALETTE)]}"/>'
                   f'<text x="{204 + w:.1f}" y="{y + 14}" font-size="12">{escape(_num(v))}{escape(unit)}</text>')
    if not rows:
        out.append('<text x="4" y="44" font-size="12">暂无数据</text>')
    out.append("</svg>")
    return Markup("".join(out))


def stacked_days(series: dict[str, dict[str, int]], *, title: str, width: int = 560) -> Markup:
    """Daily columns, one colour per series (e.g. campaign), with a legend below."""
    days = sorted({d for s in series.values() for d in s})
    names = sorted(series)
    legend_rows = (len(names) + 1) // 2
    h = 200 + 18 * legend_rows
    top = max([sum(series[n].get(d, 0) for n in names) for d in days] or [0]) or 1
    col = (width - 40) / max(1, len(days))
    out = [f'<svg class="chart" role="img" viewBox="0 0 {width} {h}" width="{width}" height="{h}" '
           f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
           f'<text x="4" y="16" font-size="13" font-weight="bold">{escape(title)}</text>'
           f'<text x="4" y="34" font-size="11">最高 {top}</text>']
    for i, d in enumerate(days):
        x, base = 30 + i * col, 170.0
        for j, n in enumerate(names):
            v = series[n].get(d, 0)
            if v:
                bh = 130 * v / top
                base -= bh
                out.append(f'<rect x="{x:.1f}" y="{base:.1f}" width="{max(1.0, col - 3):.1f}" height="{bh:.1f}" '
                           f'fill="{PALETTE[j % len(PALETTE)]}"><title>{escape(n)} {escape(d)}：{v}</title></rect>')
        out.append(f'<text x="{x:.1f}" y="184" font-size="9">{escape(d[-5:])}</text>')
    for j, n in enumerate(names):
        x, y = 4 + (j % 2) * (width // 2), 200 + 18 * (j // 2)
        out.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{PALETTE[j % len(PALETTE)]}"/>'
                   f'<text x="{x + 14}" y="{y}" font-size="11">{escape(n[:24])}</text>')
    if not days:
        out.append('<text x="4" y="60" font-size="12">暂无数据</text>')
    out.append("</svg>")
    return Markup("".join(out))


def _num(v: float) -> str:
    return f"{v:.0f}" if float(v).is_integer() else f"{v:.1f}"
