"""Offline clustering of a JSONL corpus with the online code: items replayed in time order through a tracker.

Each item goes through the same `ClusterTracker` the service uses (same canonical text, same window, same
scoring); the batch keeps every cluster a post joined, so the records list all members, and scores each
cluster once more on its final state.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..detectors.base import Views
from ..errors import InvalidContent
from ..model import Content
from ..text.normalize import Normalizer, default_normalizer
from .features import ring_score
from .tracker import ClusterTracker, TrackerConfig, parse_time
from .window import ClusterState


@dataclass
class BatchResult:
    clusters: list[dict[str, Any]] = field(default_factory=list)  # records, biggest first
    rings: list[dict[str, Any]] = field(default_factory=list)
    items: int = 0
    errors: list[str] = field(default_factory=list)
    times: dict[str, list[float]] = field(default_factory=dict)  # cluster id → post times (for the report)


def _root(st: ClusterState) -> ClusterState:
    while st.merged_into is not None:
        st = st.merged_into
    return st


def cluster_items(items: Iterable[dict[str, Any]], *, config: TrackerConfig | None = None,
                  normalizer: Normalizer | None = None, min_size: int = 2) -> BatchResult:
    """Cluster decoded JSON items; bad items are listed in `errors`, not fatal."""
    norm = normalizer or default_normalizer()
    res = BatchResult()
    joined: dict[str, ClusterState] = {}
    meta: dict[str, tuple[str, float, str | None]] = {}
    tracker = ClusterTracker(config, norm)
    tracker.window.on_join = lambda pid, st: joined.__setitem__(pid, st)
    rows: list[tuple[float, int, Content]] = []
    for i, raw in enumerate(items):
        try:
            c = Content.from_json(raw)
        except InvalidContent as exc:
            res.errors.append(f"item {i + 1}: {exc.message}")
            continue
        ts = parse_time(c.created_at)
        if ts is None:
            res.errors.append(f"item {i + 1} ({c.id}): no valid 'created_at'; clustering needs a time")
            continue
        rows.append((ts, i, c))
    rows.sort(key=lambda r: (r[0], r[1]))
    rings: dict[str, Any] = {}
    for ts, _, c in rows:
        views = Views.build(c, norm)
        post = tracker.post_of(c, views=views, now=ts)
        meta[c.id] = (post.account, ts, post.thread)
        _, found = tracker.window.observe(post)
        for ring in found:
            rings[ring.indicator] = ring
        res.items += 1
    groups: dict[int, tuple[ClusterState, list[str]]] = {}
    for pid, st in joined.items():
        root = _root(st)
        groups.setdefault(id(root), (root, []))[1].append(pid)
    for root, members in groups.values():
        if len(members) < min_size:
            continue
        root.scored = None
        detail = tracker.describe(root)
        accounts = sorted({meta[m][0] for m in members})
        times = sorted(meta[m][1] for m in members)
        threads: dict[str, int] = {}
        for m in members:
            if meta[m][2]:
                threads[meta[m][2]] = threads.get(meta[m][2], 0) + 1
        rec = {
            "cluster": root.id, "label": detail["label"], "score": detail["score"], "size": len(members),
            "members": sorted(members, key=lambda m: meta[m][1]), "accounts": accounts,
            "span": {"first": detail["first_seen"], "last": detail["last_seen"], "seconds": times[-1] - times[0]},
            "template": root.key, "top_threads": sorted(threads.items(), key=lambda kv: -kv[1])[:5],
            "account_age_days": detail["account_age_days"], "features": detail["features"],
        }
        res.clusters.append(rec)
        res.times[root.id] = times
    res.clusters.sort(key=lambda r: (r["label"] != "water_army", -r["size"]))
    cfg = tracker.config.score
    for ring in rings.values():
        score = ring_score(ring, cfg)
        if score > 0:
            detail = tracker.ring_detail(ring)
            detail["label"] = "drainage_ring" if score >= cfg.ring_threshold else "shared_indicator"
            res.rings.append(detail)
    res.rings.sort(key=lambda r: -r["score"])
    return res


def read_jsonl(lines: Iterable[str], errors: list[str]) -> Iterator[dict[str, Any]]:
    """Decoded objects of a JSONL stream; a line that is not JSON goes to `errors`."""
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            yield json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"line {n}: not JSON ({exc.msg})")
