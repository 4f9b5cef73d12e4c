"""同城 audit: per-area/interest harmful share vs the platform share; 扎堆推送 flags; the HTML chart."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from qinglang.errors import InvalidContent
from qinglang.policy.local_audit import AuditSettings, audit, read_log, render_html


def synthetic_log(path: Path, seed: int = 7) -> Path:
    """10 cities × 3 interests; 武汉/夜生活 receives many distinct drainage items (a planted cluster)."""
    rng = random.Random(seed)
    cities = ["武汉", "成都", "西安", "长沙", "南京", "杭州", "重庆", "天津", "苏州", "郑州"]
    interests = ["美食", "夜生活", "健身"]
    lines = []
    for k in range(3000):
        city, interest = rng.choice(cities), rng.choice(interests)
        bad = rng.random() < 0.03
        if city == "武汉" and interest == "夜生活":
            bad = rng.random() < 0.4
        item = f"bad-{rng.randrange(50)}" if bad else f"ok-{k}"
        lines.append(json.dumps({"user_city": city, "interests": [interest], "item_id": item,
                                 "labels": ["drainage"] if bad else []}, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_flags_the_planted_cluster_only(tmp_path) -> None:
    report = audit(read_log(synthetic_log(tmp_path / "recs.jsonl")))
    flagged_cells = {(f.area, f.interest) for f in report.cells if f.flagged}
    assert flagged_cells == {("武汉", "夜生活")}
    wuhan = next(f for f in report.areas if f.area == "武汉")
    assert wuhan.flagged and wuhan.share > 2 * report.platform_share
    assert 0.03 < report.platform_share < 0.1


def test_one_viral_item_is_not_a_cluster() -> None:
    recs = [{"user_city": "A", "interests": ["x"], "item_id": "same", "labels": ["rumor"]} for _ in range(30)]
    recs += [{"user_city": c, "interests": ["x"], "item_id": f"ok{k}{c}", "labels": []}
             for c in "ABCDEFG" for k in range(60)]
    report = audit(recs)
    assert not report.flagged  # 30 deliveries of one item: a viral post, not 扎堆推送 of many bad items
    assert audit(recs, AuditSettings(min_distinct_items=1)).flagged


def test_geohash_areas_and_bad_lines(tmp_path) -> None:
    report = audit([{"geohash": "wt3q0abc", "item_id": "i", "labels": []}])
    assert report.areas[0].area == "wt3q0"
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"user_city": "A", "item_id": "i"}\nnot json\n', "utf-8")
    with pytest.raises(InvalidContent, match=r"bad\.jsonl:2"):
        list(read_log(bad))
    with pytest.raises(InvalidContent, match="user_city"):
        audit([{"item_id": "i"}])


def test_html_chart_is_standalone(tmp_path) -> None:
    page = render_html(audit(read_log(synthetic_log(tmp_path / "recs.jsonl"))))
    assert page.startswith("<!doctype html>") and "<svg" in page and "武汉" in page and "扎堆" in page
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "") and "<script" not in page
