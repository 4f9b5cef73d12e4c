"""From a Content to cluster and ring signals: the one code path both the service and the batch command run."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..clock import CN_TZ
from ..model import Content, Evidence, Signal
from ..text.normalize import NormalizedText, Normalizer
from .features import (
    ScoreConfig,
    cluster_features,
    cluster_label,
    coordination_score,
    iso_time,
    ring_score,
    ring_summary,
    summary,
)
from .minhash import canonical_key
from .window import ClusterState, ClusterWindow, Post, RingState, WindowConfig

DETECTOR = "clusters@1"
_DIGIT_OR_DOT = re.compile(r"[0-9.]")


def parse_time(value: str | None) -> float | None:
    """Epoch seconds of an ISO 8601 time (naive times are Beijing time), or None."""
    if not value:
        return None
    try:
        t = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if t.tzinfo is None:
        t = t.replace(tzinfo=CN_TZ)
    return t.timestamp()


def ring_indicators(views: Any) -> tuple[str, ...]:
    """Contact handles, URLs, QR payloads and media hashes of an item, as "kind:value" (qinglang.indicators).

    Letter-only tokens are left out of handle candidates: every 5–30 letter word would otherwise be a
    'wechat' candidate, and common words shared by many accounts are not a ring."""
    from ..indicators.extract import candidates

    # every kind kept below needs a digit or a dot in the text, or an image (QR payload, PDQ hash): most
    # comments have none, and skipping the extraction for them is most of this step's cost
    if not views.media and not any(name.endswith(".qr") for name in views.fields) and \
            not any(_DIGIT_OR_DOT.search(nt.text) for nt in views.fields.values()):
        return ()
    out = []
    for c in candidates(views):
        if c.kind in ("wechat", "qq") and not any(ch.isdigit() for ch in c.value):
            continue
        if c.kind == "domain":
            continue
        out.append(c.indicator)
    return tuple(dict.fromkeys(out))


@dataclass
class Observation:
    """What the window says about one item: its cluster and rings, scored, and the signals for its decision."""

    cluster: dict[str, Any] | None = None
    rings: list[dict[str, Any]] = field(default_factory=list)
    signals: list[Signal] = field(default_factory=list)
    account_flags: frozenset[str] = frozenset()


@dataclass(frozen=True)
class TrackerConfig:
    window: WindowConfig = field(default_factory=WindowConfig)
    score: ScoreConfig = field(default_factory=ScoreConfig)
    burst_s: float = 3600.0  # an account's own burst: posts in this span …
    burst_posts: int = 10  # … at least this many


class ClusterTracker:
    """Owns a `ClusterWindow`; turns each observed item into signals (`water_army`, ring `drainage`)."""

    def __init__(self, config: TrackerConfig | None = None, normalizer: Normalizer | None = None) -> None:
        self.config = config or TrackerConfig()
        self.window = ClusterWindow(self.config.window)
        self._normalizer = normalizer

    def post_of(self, content: Content, *, views: Any = None, now: float | None = None) -> Post:
        """The window's view of an item: canonical text of its text (or title), time, account, thread."""
        nt: NormalizedText | None = None
        if views is not None:
            nt = views.fields.get("text") or views.fields.get("title")
        if nt is None:
            raw = content.text or content.title
            if raw:
                if self._normalizer is None:
                    from ..text.normalize import default_normalizer

                    self._normalizer = default_normalizer()
                nt = self._normalizer.normalize(raw)
        ts = parse_time(content.created_at)
        if ts is None:
            ts = now if now is not None else self.window.now if self.window.now > 0 else 0.0
        return Post(
            id=content.id, account=content.author.id or f"anon:{content.id}", ts=ts,
            key=canonical_key(nt.text) if nt is not None else "",
            thread=content.thread_id or content.parent_id, account_created=parse_time(content.author.created_at),
            indicators=ring_indicators(views) if views is not None else (),
        )

    def observe(self, content: Content, *, views: Any = None, now: float | None = None) -> Observation:
        """Add an item to the window and return its observation."""
        return self.observe_post(self.post_of(content, views=views, now=now), content)

    def observe_post(self, post: Post, content: Content | None = None) -> Observation:
        cluster, rings = self.window.observe(post)
        obs = Observation()
        text = content.text if content is not None and content.text else (content.title if content else "")
        fld = "text" if content is not None and content.text else "title"
        cfg = self.config.score
        if cluster is not None:
            detail = self.describe(cluster)
            obs.cluster = detail
            if detail["label"] == "water_army":
                under_one = detail["features"]["thread_share"] >= 0.5
                rule = "cluster.control_comments" if under_one else "cluster.near_duplicate"
                obs.signals.append(Signal("water_army", detail["score"], rule, DETECTOR, (Evidence(
                    fld, 0, len(text), text, post.key, rule, DETECTOR, value=f"cluster:{cluster.id}", detail=detail),)))
        for ring in rings:
            score = ring_score(ring, cfg)
            if score <= 0:
                continue
            detail = ring_summary(ring, score)
            obs.rings.append(detail)
            if score >= cfg.ring_threshold:
                kind = ring.indicator.split(":", 1)[0]
                rule = f"cluster.ring.{kind}"
                obs.signals.append(Signal("drainage", round(score, 4), rule, DETECTOR, (Evidence(
                    fld, 0, len(text), text, post.key, rule, DETECTOR, value=ring.indicator, detail=detail),)))
        flags = set()
        created = post.account_created
        if created is not None and (post.ts - created) / 86400 < cfg.young_days and \
                self.window.account_burst(post.account, post.ts, self.config.burst_s) >= self.config.burst_posts:
            flags.add("young_burst")
        obs.account_flags = frozenset(flags)
        return obs

    def describe(self, st: ClusterState) -> dict[str, Any]:
        """The cluster's scored summary, recomputed as it grows (every post while small, then every eighth)."""
        cached = st.scored
        # re-scored every post while small, then each time it grows by an eighth: a big cluster's features
        # (sorted samples) barely move between two posts, and scoring them is the costliest step
        if cached is not None and (cached[0] == st.size or (st.size > 32 and st.size < cached[0] * 9 // 8)):
            # features and score lag a growing cluster by at most an eighth; the counts are always current
            return {**cached[1], "size": st.size, "accounts": len(st.accounts), "last_seen": iso_time(st.last)}
        cfg = self.config.score
        feats = cluster_features(st, cfg)
        score = coordination_score(feats, cfg)
        detail = summary(st, feats, score, cluster_label(feats, score, cfg))
        st.scored = (st.size, detail)
        return detail

    def ring_detail(self, ring: RingState) -> dict[str, Any]:
        return ring_summary(ring, ring_score(ring, self.config.score))
