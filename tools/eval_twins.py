"""Score the default engine on twin-pair sets: row A a violation, row B an innocent post with the same words
(`"pair"` joins them, `"scope"` on row B names its kind of innocence: negation/refusal, education, report/quote,
warning, question/victim, sourced, official, fiction, personal, compliant).

    python tools/eval_twins.py corpus/twins/S1/s1.jsonl corpus/twins/S2/s2.jsonl [--markdown]

Per file: violations caught and innocent twins acted on (the rules of `eval_campaign_blind.judge`), pairs where both
rows are right, and the innocent twins acted on by kind of innocence (what a change in scope or stance costs).
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

from eval_campaign_blind import judge  # noqa: E402

from qinglang.engine import Engine  # noqa: E402


def score(engine: Engine, rows: list[dict]) -> dict[str, Counter]:
    """Counters: `all` (caught, violations, acted, innocent, pairs, pairs_right) and `scope` (innocent twins acted on /
    seen, per kind of innocence)."""
    tot: Counter = Counter()
    kinds: Counter = Counter()
    seen: Counter = Counter()
    right: dict[str, list[bool]] = {}
    for row in rows:
        caught, acted = judge(engine.moderate(row["content"]), row["expect"])
        ok = caught if row["expect"].get("violation") else not acted
        if row["expect"].get("violation"):
            tot["violations"] += 1
            tot["caught"] += caught
        else:
            tot["innocent"] += 1
            tot["acted"] += acted
            kind = row.get("scope") or "?"
            seen[kind] += 1
            kinds[kind] += acted
        right.setdefault(row.get("pair") or row["id"], []).append(ok)
    tot["pairs"] = sum(len(v) == 2 for v in right.values())
    tot["pairs_right"] = sum(len(v) == 2 and all(v) for v in right.values())
    return {"all": tot, "acted": kinds, "seen": seen}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="+", type=Path)
    args = ap.parse_args()
    engine = Engine()
    for path in args.files:
        rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
        res = score(engine, rows)
        t = res["all"]
        print(f"## {path.name}: {len(rows)} rows\n")
        print("| violations caught | innocent twins acted on | pairs both right |")
        print("|---|---|---|")
        print(f"| {t['caught']}/{t['violations']} | {t['acted']}/{t['innocent']} | {t['pairs_right']}/{t['pairs']} |\n")
        print("| kind of innocence | acted on |")
        print("|---|---|")
        for kind, n in sorted(res["seen"].items()):
            print(f"| {kind} | {res['acted'][kind]}/{n} |")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
