"""Coordination features of a cluster or ring, and the score that separates campaigns from look-alikes.

Text similarity only says "these posts say the same thing". Many people independently post 新年快乐 at
midnight or paste one news headline; what a paid campaign adds is coordination, and that is what is scored:

- `young_share`: share of accounts (of those with a known creation date) younger than `young_days`;
- `created_together`: share of accounts created within one `batch_days` stretch (accounts bought or
  registered in a batch), counted only where that is far above what the window's spread would give;
- `repeat`: posts per account above one (the same accounts post the template again and again);
- `thread_share`: share of the posts after the first under the single busiest thread (控评: one comment
  section flooded); 0 when every post is under its own thread, whatever the cluster's size;
- `burst_share`: share of posts inside the busiest `burst_s` stretch;
- `regularity`: how even the gaps between posts are (1 − coefficient of variation; scheduled posting);
- `variants` / `template_entropy`: distinct canonical texts and their spread (templates with slight edits).

The score is a noisy-OR of the weighted terms: each is evidence on its own, none is enough alone (a midnight
burst of greetings is a burst, but from old, unrelated accounts in a thousand threads). Short, generic texts
(few distinct characters) need stronger coordination, since many people write them unprompted.
"""

from __future__ import annotations

import itertools
import math
import statistics
from dataclasses import dataclass
from typing import Any

from .window import ClusterState, RingState


@dataclass(frozen=True)
class ScoreConfig:
    young_days: float = 30.0
    batch_days: float = 3.0
    batch_base: float = 0.25
    burst_s: float = 600.0
    min_size: int = 5  # smaller clusters are reported, never labelled
    min_accounts: int = 3
    threshold: float = 0.5  # coordination score at which a cluster is labelled water_army
    generic_chars: int = 6  # templates with fewer distinct characters than this …
    generic_penalty: float = 0.2  # … need this much more score
    ring_min_accounts: int = 3
    ring_threshold: float = 0.5
    accounts_prior: float = 5.0
    young_base: float = 0.2  # share of young accounts among ordinary posters, not evidence by itself
    w_young: float = 0.75
    w_together: float = 0.6
    w_repeat: float = 0.5
    w_thread: float = 0.55
    w_burst: float = 0.25
    w_regular: float = 0.35


def _densest(values: list[float], width: float) -> int:
    """Most values inside any interval of `width` (values need not be sorted)."""
    xs = sorted(values)
    best, j = 0, 0
    for i, x in enumerate(xs):
        while xs[j] < x - width:
            j += 1
        best = max(best, i - j + 1)
    return best


def cluster_features(st: ClusterState, cfg: ScoreConfig) -> dict[str, float]:
    """The features of one cluster (see the module docstring)."""
    n, accounts = st.size, max(1, len(st.accounts))
    ages = list(st.ages.values())
    known = len(ages)
    young = sum(a < cfg.young_days for a in ages)
    feats: dict[str, float] = {
        "size": n, "accounts": len(st.accounts), "span_s": max(0.0, st.last - st.first),
        "known_ages": known / accounts,
        "young_share": young / known if known else 0.0,
        # what the accounts seen so far say for sure: a handful of honest posters is often half young
        "young_share_low": wilson_lower(young, known),
        "median_age_days": statistics.median(ages) if ages else -1.0,
    }
    if known >= 5:
        # accounts registered in one batch: the densest `batch_days` stretch of creation dates (≈ post time −
        # age) holds far more accounts than an organic population gives (its young tail, ~a quarter at most)
        together = _densest(ages, cfg.batch_days) / known
        feats["created_together"] = max(0.0, (together - cfg.batch_base) / (1 - cfg.batch_base))
    else:
        feats["created_together"] = 0.0
    feats["repeat"] = min(1.0, (n / accounts - 1.0))
    threads = sum(st.threads.values())
    feats["thread_share"] = (max(st.threads.values()) - 1) / (n - 1) if threads and n > 1 else 0.0
    times = st.times
    # a burst is a peak standing out of longer activity: a cluster seen for ten minutes is all "burst"
    stands_out = min(1.0, feats["span_s"] / (3 * cfg.burst_s))
    feats["burst_share"] = _densest(times, cfg.burst_s) / len(times) * stands_out if times else 0.0
    if len(times) >= 20:  # fewer gaps than this look regular by chance
        xs = sorted(times)
        gaps = [b - a for a, b in itertools.pairwise(xs)]
        mean = sum(gaps) / len(gaps)
        cv = statistics.pstdev(gaps) / mean if mean > 0 else 0.0
        feats["regularity"] = max(0.0, 1.0 - cv)
    else:
        feats["regularity"] = 0.0
    total = sum(st.templates.values())
    ent = -sum(c / total * math.log(c / total) for c in st.templates.values()) if total else 0.0
    feats["variants"] = len(st.templates)
    feats["template_entropy"] = ent / math.log(total) if total > 1 else 0.0
    common = max(st.templates, key=st.templates.__getitem__) if st.templates else st.key
    feats["key_chars"] = len(set(common))  # of the most used wording: short, generic texts need more
    return feats


def wilson_lower(k: int, n: int, z: float = 1.645) -> float:
    """Lower bound of the Wilson score interval for k successes of n (one-sided 95 %); 0 for n = 0."""
    if n <= 0:
        return 0.0
    p = k / n
    den = 1 + z * z / n
    mid = p + z * z / (2 * n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, (mid - half) / den)


def coordination_score(feats: dict[str, float], cfg: ScoreConfig) -> float:
    """Noisy-OR of the weighted coordination terms, in [0, 1]."""
    # account shares over a handful of accounts are noise (an organic population has young accounts too):
    # they count in proportion to how many accounts back them
    sure = feats["accounts"] / (feats["accounts"] + cfg.accounts_prior)
    # the young share counts by its lower confidence bound: 6 young of 8 is weaker evidence than 60 of 80
    young = feats.get("young_share_low", feats["young_share"])
    terms = [
        cfg.w_young * max(0.0, young - cfg.young_base) / (1 - cfg.young_base)
        * min(1.0, feats["known_ages"] * 2) * sure,
        cfg.w_together * feats["created_together"] * sure,
        cfg.w_repeat * feats["repeat"],
        cfg.w_thread * feats["thread_share"],
        cfg.w_burst * feats["burst_share"],
        cfg.w_regular * feats["regularity"],
    ]
    miss = 1.0
    for t in terms:
        miss *= 1.0 - max(0.0, min(1.0, t))
    return 1.0 - miss


def cluster_label(feats: dict[str, float], score: float, cfg: ScoreConfig) -> str:
    """`water_army` for a coordinated cluster, `look_alike` for same text without coordination, else `small`."""
    if feats["size"] < cfg.min_size or feats["accounts"] < cfg.min_accounts:
        return "small"
    need = cfg.threshold + (cfg.generic_penalty if feats["key_chars"] < cfg.generic_chars else 0.0)
    return "water_army" if score >= need else "look_alike"


def ring_score(st: RingState, cfg: ScoreConfig) -> float:
    """How much a shared indicator looks like an 引流 ring: many accounts, young ones, in [0, 1]."""
    n = len(st.accounts)
    if n < cfg.ring_min_accounts:
        return 0.0
    ages = [a for a in st.accounts.values() if a is not None]
    young = sum(a < cfg.young_days for a in ages) / len(ages) if ages else 0.0
    spread = 1.0 - math.exp(-(n - cfg.ring_min_accounts + 1) / 4)
    return 1.0 - (1.0 - 0.45 * spread) * (1.0 - 0.7 * young)


def summary(st: ClusterState, feats: dict[str, float], score: float, label: str) -> dict[str, Any]:
    """The evidence detail of a cluster: id, size, accounts, ages, first/last seen, a few member ids."""
    ages = sorted(st.ages.values())
    return {
        "cluster": st.id, "size": st.size, "accounts": len(st.accounts),
        "account_age_days": {"min": round(ages[0], 1), "median": round(ages[len(ages) // 2], 1),
                             "max": round(ages[-1], 1)} if ages else None,
        "first_seen": iso_time(st.first), "last_seen": iso_time(st.last), "members": st.members[:3],
        "score": round(score, 4), "label": label,
        "features": {k: round(v, 4) if isinstance(v, float) else v for k, v in feats.items()},
    }


def ring_summary(st: RingState, score: float) -> dict[str, Any]:
    ages = sorted(a for a in st.accounts.values() if a is not None)
    return {
        "indicator": st.indicator, "posts": st.posts, "accounts": list(st.accounts)[:20],
        "account_count": len(st.accounts),
        "account_age_days": {"min": round(ages[0], 1), "median": round(ages[len(ages) // 2], 1)} if ages else None,
        "first_seen": iso_time(st.first), "last_seen": iso_time(st.last), "members": st.members[:3],
        "score": round(score, 4),
    }


def iso_time(ts: float) -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(ts, dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
