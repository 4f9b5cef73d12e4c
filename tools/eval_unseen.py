"""Score the default engine once on every unseen set (`tests/data/blind/unseen/`, frozen before tuning).

    python tools/eval_unseen.py [--dir tests/data/blind/unseen2] [--detectors REGISTRY.yaml]

The unseen sets were written blind at the start of a session (`unseen/`: session 5, `unseen2/`: session 6) and are
scored by the lead after the merges: they are the generalization measure of the campaign (tasks 1-10), 引流 /
gambling SMS, claims and livestream work. A set that has been scored and reported becomes development material for
the next session, which writes a fresh one. This prints one Markdown report using the project's own evaluators, so
the figures mean what they mean elsewhere: `eval_campaign_blind` (a violation is caught when it gets its expected
label and a non-pass action; hard negatives acted on = any action stricter than label), `eval_drainage_blind`,
`eval_claims`, `eval_live`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import eval_campaign_blind as campaign  # noqa: E402
import eval_claims as claims  # noqa: E402
import eval_drainage_blind as drainage  # noqa: E402
import eval_live as live  # noqa: E402

from qinglang.engine import Engine  # noqa: E402
from qinglang.errors import InvalidContent  # noqa: E402
from qinglang.live.room import RoomManager  # noqa: E402

UNSEEN = ROOT / "tests" / "data" / "blind" / "unseen"  # default; --dir picks another frozen set


def claims_table(engine: Engine, folder: Path = UNSEEN) -> str:
    rows = [json.loads(line) for line in (folder / "claims.jsonl").read_text("utf-8").splitlines() if line.strip()]
    decisions = list(engine.moderate_many([r["content"] for r in rows]))
    out = ["| label | precision | recall | F1 | support | hard negatives acted on |", "|---|---|---|---|---|---|"]
    # a row the contract rejects (the engine yields its InvalidContent) got no action: counted as `pass`, named below
    invalid = [r["id"] for r, d in zip(rows, decisions, strict=True) if isinstance(d, InvalidContent)]
    for label in claims.LABELS:
        c: Counter = Counter()
        for r, d in zip(rows, decisions, strict=True):
            exp = label in r["expect"]["labels"]
            acted = not isinstance(d, InvalidContent) and d.action != "pass"
            pred = acted and any(lr.label == label for lr in d.labels)
            c["tp" if exp and pred else "fp" if pred else "fn" if exp else "tn"] += 1
            if r["task"] == label and r["hard_negative"]:
                c["hn"] += 1
                c["hn_acted"] += acted and claims.RANK[d.action] > claims.RANK["label"]
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        rc = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
        out.append(f"| {label} | {p:.3f} | {rc:.3f} | {f1:.3f} | {c['tp'] + c['fn']} | {c['hn_acted']} / {c['hn']} |")
    if invalid:
        out.append(f"\nRows the contract rejects (invalid content, counted as `pass`): {', '.join(invalid)}")
    return "\n".join(out)


def live_line(engine: Engine, folder: Path = UNSEEN) -> str:
    streams = live.load(folder / "streams.jsonl")
    manager = RoomManager(engine)
    results = [live.score(s, live.replay_inprocess(manager, s)) for s in streams]
    pos = [r for r in results if r["violation"]]
    neg = [r for r in results if not r["violation"]]
    caught, sev = sum(r["caught"] for r in pos), sum(r["severity_ok"] for r in pos)
    fa = sum(r["false_action"] for r in neg)
    return (f"violating rooms with a room action within {live.WITHIN} messages: {caught}/{len(pos)}; reaching the "
            f"expected action: {sev}/{len(pos)}; innocent rooms with any room action: {fa}/{len(neg)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--detectors", type=Path, default=None, help="detector registry YAML (default: shipped)")
    ap.add_argument("--dir", type=Path, default=UNSEEN, help="folder of a frozen unseen set (default: %(default)s)")
    ap.add_argument("--without-sets", default="", help="comma-separated writer sets whose rows the semantic tier's "
                    "writer bank leaves out (a set scored by a bank that never read it: its own name, the report half)")
    args = ap.parse_args(argv)
    folder = args.dir
    engine = Engine.from_config(detectors=args.detectors) if args.detectors else Engine()
    drop = {s for s in args.without_sets.split(",") if s}
    for det in engine.detectors if drop else ():
        if getattr(det, "writers", None) is not None:
            det.writers = det.writers.without(drop)
    tasks = sorted(folder.glob("task*.jsonl"))
    print(f"## Campaign tasks 1-10 ({folder.name})\n")
    print(campaign.report(campaign.evaluate(engine, campaign.load(tasks, "all")), True))
    print("\n## 引流 posts and gambling / 引流 SMS\n")
    for path in (folder / "drainage.jsonl", folder / "gambling_sms.jsonl"):
        print(drainage.report(path.stem, "all", drainage.evaluate(engine, drainage.load(path, "all")), True))
    print("\n## Claims: rumor, false_science, clickbait\n")
    print(claims_table(engine, folder))
    print("\n## Livestream rooms\n")
    print(live_line(engine, folder))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
