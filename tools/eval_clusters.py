"""Score `qinglang clusters` output against a generated corpus's truth (tools/gen_campaigns.py).

Post level, over campaigns of at least --min-size posts: precision = share of posts in `water_army` clusters
that belong to a campaign (any size); recall = share of the big campaigns' posts that sit in a `water_army`
cluster. Campaign level: a big campaign is found when at least half its posts are in `water_army` clusters.
Look-alikes: posts of organic greetings / shared headlines labelled `water_army` (target: zero).

    python tools/eval_clusters.py /tmp/campaigns_a.jsonl /tmp/clusters_a.jsonl
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("clusters", type=Path)
    ap.add_argument("--min-size", type=int, default=20)
    ap.add_argument("--online", action="store_true",
                    help="also replay the corpus through the service's tracker and score the water_army signal "
                         "each post got at its own decision time (early members of a campaign get none)")
    args = ap.parse_args()
    truth = {}
    for line in args.corpus.open(encoding="utf-8"):
        it = json.loads(line)
        truth[it["id"]] = (it["truth"]["group"], it["truth"]["group_size"])
    flagged: set[str] = set()
    clusters = 0
    for line in args.clusters.open(encoding="utf-8"):
        rec = json.loads(line)
        if rec.get("type") == "cluster" and rec["label"] == "water_army":
            clusters += 1
            flagged.update(rec["members"])
    tp = sum(truth[m][0].startswith("campaign:") for m in flagged)
    big = {pid for pid, (g, n) in truth.items() if g.startswith("campaign:") and n >= args.min_size}
    found_big = len(big & flagged)
    look = sum(truth[m][0].startswith("lookalike:") for m in flagged)
    organic = sum(truth[m][0] == "organic" for m in flagged)
    per_campaign = Counter(truth[p][0] for p in big)
    hit = Counter(truth[p][0] for p in big & flagged)
    found = sum(hit[g] >= n / 2 for g, n in per_campaign.items())
    small = {pid for pid, (g, n) in truth.items() if g.startswith("campaign:") and n < args.min_size}
    out = {
        "items": len(truth), "water_army_clusters": clusters, "flagged_posts": len(flagged),
        "precision": round(tp / len(flagged), 4) if flagged else None,
        "recall_big": round(found_big / len(big), 4) if big else None,
        "campaigns_big": len(per_campaign), "campaigns_big_found": found,
        "recall_small": round(len(small & flagged) / len(small), 4) if small else None,
        "lookalike_posts_flagged": look, "organic_posts_flagged": organic,
    }
    if args.online:
        out["online"] = online(args.corpus, truth, big)
    print(json.dumps(out, ensure_ascii=False))


def online(corpus: Path, truth: dict[str, tuple[str, int]], big: set[str]) -> dict[str, object]:
    """Post-level precision / recall of the signal each post gets when it is decided, in arrival order."""
    from qinglang.clusters import ClusterTracker, TrackerConfig, WindowConfig
    from qinglang.detectors.base import Views
    from qinglang.model import Content
    from qinglang.text.normalize import default_normalizer

    norm = default_normalizer()
    items = sorted((json.loads(line) for line in corpus.open(encoding="utf-8")), key=lambda it: it["created_at"])
    tracker = ClusterTracker(TrackerConfig(window=WindowConfig(capacity=len(items))), norm)
    flagged = set()
    for it in items:
        c = Content.from_json(it)
        obs = tracker.observe(c, views=Views.build(c, norm))
        if any(sig.label == "water_army" for sig in obs.signals):
            flagged.add(c.id)
    tp = sum(truth[m][0].startswith("campaign:") for m in flagged)
    return {"flagged_posts": len(flagged), "precision": round(tp / len(flagged), 4) if flagged else None,
            "recall_big": round(len(big & flagged) / len(big), 4) if big else None,
            "lookalike_posts_flagged": sum(truth[m][0].startswith("lookalike:") for m in flagged)}


if __name__ == "__main__":
    main()
