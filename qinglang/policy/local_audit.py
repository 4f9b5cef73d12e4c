"""同城 recommendation audit (campaign 10: 严防根据用户地理位置和兴趣爱好扎堆推送违法不良信息).

Input: a recommendation log, one delivery per JSONL line::

    {"user_city": "武汉", "geohash": "wt3q0", "interests": ["美食", "夜生活"], "item_id": "p-1",
     "labels": ["drainage"]}

For each area (city, or a geohash prefix) and each (area, interest) cell we compare the share of deliveries
whose item carries a harmful label with the platform-wide share. A cell is flagged as 扎堆推送 when it has
enough deliveries, its share is `min_lift`× the platform's, the excess is statistically clear (one-sided
binomial z ≥ `min_z`), and the bad deliveries are spread over several distinct items (a cluster, not one viral
post). The report is JSON-able; `render_html` draws it as a standalone page (inline SVG, no scripts, no CDN).
"""

from __future__ import annotations

import html
import json
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InvalidContent

DEFAULT_HARMFUL = frozenset({
    "drainage", "porn", "vulgar", "gambling", "water_army", "abuse", "antagonism", "rumor", "enterprise_smear",
    "extortion", "minors_harm", "bullying", "grooming", "false_ad", "false_science",
})


@dataclass(frozen=True)
class AuditSettings:
    harmful: frozenset[str] = DEFAULT_HARMFUL
    min_deliveries: int = 20
    min_lift: float = 2.0
    min_z: float = 3.0
    min_distinct_items: int = 3
    geohash_precision: int = 5


@dataclass
class Cell:
    area: str
    interest: str | None
    deliveries: int = 0
    harmful: int = 0
    items: set[str] = field(default_factory=set)
    harmful_items: set[str] = field(default_factory=set)
    labels: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def share(self) -> float:
        return self.harmful / self.deliveries if self.deliveries else 0.0


@dataclass(frozen=True)
class Finding:
    area: str
    interest: str | None
    deliveries: int
    harmful: int
    share: float
    lift: float
    z: float
    distinct_harmful_items: int
    top_labels: tuple[tuple[str, int], ...]
    flagged: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "area": self.area, "interest": self.interest, "deliveries": self.deliveries, "harmful": self.harmful,
            "share": round(self.share, 4), "lift": round(self.lift, 2), "z": round(self.z, 2),
            "distinct_harmful_items": self.distinct_harmful_items,
            "top_labels": [list(x) for x in self.top_labels], "flagged": self.flagged,
        }


@dataclass(frozen=True)
class AuditReport:
    deliveries: int
    harmful: int
    platform_share: float
    areas: tuple[Finding, ...]
    cells: tuple[Finding, ...]
    settings: AuditSettings

    @property
    def flagged(self) -> list[Finding]:
        return [f for f in (*self.areas, *self.cells) if f.flagged]

    def to_json(self) -> dict[str, Any]:
        return {
            "deliveries": self.deliveries, "harmful": self.harmful, "platform_share": round(self.platform_share, 4),
            "flagged": [f.to_json() for f in self.flagged],
            "areas": [f.to_json() for f in self.areas], "cells": [f.to_json() for f in self.cells],
            "settings": {"min_deliveries": self.settings.min_deliveries, "min_lift": self.settings.min_lift,
                         "min_z": self.settings.min_z, "min_distinct_items": self.settings.min_distinct_items,
                         "harmful": sorted(self.settings.harmful)},
        }


def read_log(path: Path) -> Iterable[dict[str, Any]]:
    """Records of a JSONL log; a bad line raises InvalidContent with its line number."""
    try:
        fh = open(path, encoding="utf-8")
    except OSError as exc:
        raise InvalidContent(f"{path}: cannot read recommendation log: {exc.strerror}") from None
    with fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InvalidContent(f"{path}:{lineno}: invalid JSON: {exc.msg}") from None
            if not isinstance(rec, dict):
                raise InvalidContent(f"{path}:{lineno}: each line must be a JSON object")
            yield {**rec, "_line": lineno}


def _area(rec: dict[str, Any], precision: int) -> str:
    where = f"line {rec.get('_line', '?')}"
    city, gh = rec.get("user_city"), rec.get("geohash")
    if isinstance(city, str) and city:
        return city
    if isinstance(gh, str) and gh:
        return gh[:precision]
    raise InvalidContent(f"{where}: needs 'user_city' or 'geohash'")


def audit(records: Iterable[dict[str, Any]], settings: AuditSettings | None = None) -> AuditReport:
    """Per-area and per-(area, interest) harmful shares against the platform-wide share."""
    s = settings or AuditSettings()
    areas: dict[str, Cell] = {}
    cells: dict[tuple[str, str], Cell] = {}
    total = bad = 0
    for rec in records:
        area = _area(rec, s.geohash_precision)
        item = rec.get("item_id")
        if not isinstance(item, (str, int)) or isinstance(item, bool):
            raise InvalidContent(f"line {rec.get('_line', '?')}: 'item_id' must be a string")
        labels = rec.get("labels") or []
        interests = rec.get("interests") or []
        if not isinstance(labels, list) or not isinstance(interests, list):
            raise InvalidContent(f"line {rec.get('_line', '?')}: 'labels' and 'interests' must be lists")
        harmful = [lab for lab in labels if lab in s.harmful]
        total += 1
        bad += bool(harmful)
        targets = [areas.setdefault(area, Cell(area, None))]
        for interest in interests:
            targets.append(cells.setdefault((area, str(interest)), Cell(area, str(interest))))
        for c in targets:
            c.deliveries += 1
            c.items.add(str(item))
            if harmful:
                c.harmful += 1
                c.harmful_items.add(str(item))
                for lab in harmful:
                    c.labels[lab] += 1
    p0 = bad / total if total else 0.0
    return AuditReport(
        deliveries=total, harmful=bad, platform_share=p0,
        areas=tuple(sorted((_finding(c, p0, s) for c in areas.values()), key=lambda f: (-f.share, f.area))),
        cells=tuple(sorted((_finding(c, p0, s) for c in cells.values()),
                           key=lambda f: (-f.flagged, -f.z, f.area, f.interest or ""))),
        settings=s,
    )


def _finding(c: Cell, p0: float, s: AuditSettings) -> Finding:
    share = c.share()
    if 0 < p0 < 1:
        z = (c.harmful - c.deliveries * p0) / math.sqrt(c.deliveries * p0 * (1 - p0))
    else:
        z = 0.0 if c.harmful == 0 or p0 >= 1 else math.inf
    lift = share / p0 if p0 else (math.inf if share else 0.0)
    flagged = (c.deliveries >= s.min_deliveries and lift >= s.min_lift and z >= s.min_z
               and len(c.harmful_items) >= s.min_distinct_items)
    top = tuple(sorted(c.labels.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
    return Finding(c.area, c.interest, c.deliveries, c.harmful, share, lift if math.isfinite(lift) else 99.0,
                   z if math.isfinite(z) else 99.0, len(c.harmful_items), top, flagged)


def render_html(report: AuditReport, title: str = "同城推荐审计（扎堆推送）") -> str:
    """A standalone HTML page: bar chart of areas vs the platform share, then the flagged cells."""
    e = html.escape
    areas = list(report.areas)[:40]
    width, bar_h, left = 760, 22, 120
    height = 40 + bar_h * len(areas)
    vmax = max([f.share for f in areas] + [report.platform_share, 0.01])
    scale = (width - left - 80) / vmax
    rows = []
    for k, f in enumerate(areas):
        y = 30 + k * bar_h
        color = "#c0392b" if f.flagged else "#7f8c8d"
        rows.append(
            f'<text x="{left - 8}" y="{y + 15}" text-anchor="end">{e(f.area)}</text>'
            f'<rect x="{left}" y="{y + 3}" width="{max(1.0, f.share * scale):.1f}" height="{bar_h - 6}" '
            f'fill="{color}"><title>{e(f.area)}: {f.harmful}/{f.deliveries}</title></rect>'
            f'<text x="{left + f.share * scale + 6:.1f}" y="{y + 15}">{f.share:.1%}'
            f'{" ⚠ 扎堆" if f.flagged else ""}</text>'
        )
    px = left + report.platform_share * scale
    line = (f'<line x1="{px:.1f}" y1="20" x2="{px:.1f}" y2="{height - 5}" stroke="#2c3e50" stroke-dasharray="4 3"/>'
            f'<text x="{px + 4:.1f}" y="16">全平台 {report.platform_share:.1%}</text>')
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="13">{line}{"".join(rows)}</svg>')
    flagged = [f for f in report.cells if f.flagged] or []
    trs = "".join(
        f"<tr><td>{e(f.area)}</td><td>{e(f.interest or '')}</td><td>{f.harmful}/{f.deliveries}</td>"
        f"<td>{f.share:.1%}</td><td>{f.lift:.1f}×</td><td>{f.z:.1f}</td><td>{f.distinct_harmful_items}</td>"
        f"<td>{e(', '.join(f'{lab}×{n}' for lab, n in f.top_labels))}</td></tr>"
        for f in flagged
    ) or '<tr><td colspan="8">无扎堆推送</td></tr>'
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{e(title)}</title>
<style>body{{font-family:sans-serif;margin:24px;color:#222}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:4px 8px;text-align:left}}th{{background:#f4f4f4}}.note{{color:#666}}</style>
</head><body>
<h1>{e(title)}</h1>
<p>共 {report.deliveries} 次推送，含有害标签 {report.harmful} 次（全平台 {report.platform_share:.1%}）。
红色 = 该地区有害内容占比显著高于全平台（≥{report.settings.min_lift}×，z≥{report.settings.min_z}，
≥{report.settings.min_distinct_items} 个不同有害条目）。</p>
<h2>各地区有害内容占比</h2>
{svg}
<h2>扎堆推送（地区 × 兴趣）</h2>
<table><tr><th>地区</th><th>兴趣</th><th>有害/推送</th><th>占比</th><th>倍数</th><th>z</th><th>不同条目</th>
<th>主要标签</th></tr>{trs}</table>
<p class="note">依据：“清朗·同城版块信息内容问题整治”——严防根据用户地理位置和兴趣爱好扎堆推送违法不良信息。</p>
</body></html>
"""
