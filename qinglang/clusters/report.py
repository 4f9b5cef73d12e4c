"""A self-contained HTML report for an investigations team: one section per cluster, inline SVG timelines."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

from ..clock import CN_TZ
from .batch import BatchResult

_W, _H, _BINS = 640, 90, 48


def timeline_svg(times: list[float]) -> str:
    """Posts over the cluster's span as an SVG bar chart (no script, no external resource)."""
    if not times:
        return ""
    t0, t1 = times[0], times[-1]
    span = max(t1 - t0, 1.0)
    counts = [0] * _BINS
    for t in times:
        counts[min(_BINS - 1, int((t - t0) / span * _BINS))] += 1
    peak = max(counts)
    bw = _W / _BINS
    bars = "".join(
        f'<rect x="{k * bw:.1f}" y="{_H - 20 - c / peak * (_H - 30):.1f}" width="{bw - 1:.1f}" '
        f'height="{c / peak * (_H - 30):.1f}"><title>{c}</title></rect>'
        for k, c in enumerate(counts) if c)
    a = dt.datetime.fromtimestamp(t0, CN_TZ).strftime("%m-%d %H:%M:%S")
    b = dt.datetime.fromtimestamp(t1, CN_TZ).strftime("%m-%d %H:%M:%S")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{_W}" height="{_H}" role="img" '
            f'aria-label="时间线 {a} – {b}"><g fill="#b3402a">{bars}</g>'
            f'<line x1="0" y1="{_H - 19}" x2="{_W}" y2="{_H - 19}" stroke="#888"/>'
            f'<text x="0" y="{_H - 4}" font-size="11">{a}</text>'
            f'<text x="{_W}" y="{_H - 4}" font-size="11" text-anchor="end">{b}（北京时间）</text></svg>')


def _row(k: str, v: Any) -> str:
    return f"<tr><th>{escape(k)}</th><td>{escape(str(v))}</td></tr>"


def render(res: BatchResult, *, title: str = "清朗 · 协同行为聚类报告", limit: int = 200) -> str:
    """The HTML page: summary, then labelled clusters first, then rings."""
    parts = [f"<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'><title>{escape(title)}</title>",
             "<style>body{font-family:sans-serif;margin:2em;max-width:60em}section{border-top:1px solid #ccc;"
             "padding:.5em 0}th{text-align:left;padding-right:1em;font-weight:normal;color:#555}"
             ".water_army h2{color:#b3402a}.tag{font-size:.8em;padding:0 .4em;border:1px solid}</style></head><body>",
             f"<h1>{escape(title)}</h1>",
             f"<p>条目 {res.items} · 聚类 {len(res.clusters)} · 其中水军 "
             f"{sum(c['label'] == 'water_army' for c in res.clusters)} · 引流团伙 "
             f"{sum(r['label'] == 'drainage_ring' for r in res.rings)}</p>"]
    for c in res.clusters[:limit]:
        f = c["features"]
        parts.append(f"<section class='{escape(c['label'])}'><h2>{escape(c['cluster'])} "
                     f"<span class='tag'>{escape(c['label'])}</span> score {c['score']}</h2>")
        parts.append(f"<p>模板：{escape(c['template'][:120])}</p>")
        parts.append(timeline_svg(res.times.get(c["cluster"], [])))
        parts.append("<table>" + "".join([
            _row("条数 / 账号", f"{c['size']} / {len(c['accounts'])}"),
            _row("首次 / 最近", f"{c['span']['first']} / {c['span']['last']}"),
            _row("账号年龄（天）", c["account_age_days"]),
            _row("年轻账号占比", f["young_share"]), _row("同批注册", f["created_together"]),
            _row("单帖集中度", f["thread_share"]), _row("爆发占比", f["burst_share"]),
            _row("节奏规律性", f["regularity"]), _row("变体数", f["variants"]),
            _row("热门帖子", c["top_threads"][:3]), _row("成员（前 5）", ", ".join(c["members"][:5])),
            _row("账号（前 10）", ", ".join(c["accounts"][:10])),
        ]) + "</table></section>")
    for r in res.rings[:limit]:
        parts.append(f"<section><h2>{escape(r['indicator'])} <span class='tag'>{escape(r['label'])}</span> "
                     f"score {r['score']}</h2><table>" + "".join([
                         _row("条数 / 账号", f"{r['posts']} / {r['account_count']}"),
                         _row("首次 / 最近", f"{r['first_seen']} / {r['last_seen']}"),
                         _row("账号年龄（天）", r["account_age_days"]),
                         _row("账号", ", ".join(r["accounts"][:10])), _row("成员", ", ".join(r["members"])),
                     ]) + "</table></section>")
    parts.append("</body></html>")
    return "\n".join(parts)
