"""tools/eval_labels.py: the action-level figures (session 14, prec14) — of the caught violations, how many got an
action milder or stricter than the writer's `action_at_least`."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import eval_labels  # noqa: E402


def _row(group: str, want: list[str], got: list[str], action: str, want_action: str, violation: bool = True) -> dict:
    return {"group": group, "file": "x.jsonl", "id": f"{group}-{action}-{want_action}", "violation": violation,
            "hard": not violation, "want": want, "got": got, "action": action, "caught": bool(set(want) & set(got)),
            "acted": action not in ("pass", "label"), "want_action": want_action}


def test_under_and_over_action_are_counted_per_half() -> None:
    rows = [
        _row("t1", ["enterprise_smear"], ["enterprise_smear"], "limit", "review"),   # caught, milder: under
        _row("t1", ["extortion"], ["extortion"], "block", "review"),                # caught, stricter: over
        _row("t1", ["false_ad"], ["false_ad"], "review", "review"),                 # met
        _row("t1", ["porn"], [], "pass", "block"),                                  # not caught: not counted
        _row("unseen8", ["rumor"], ["rumor"], "limit", "review"),                   # report half
    ]
    out = eval_labels.figures(rows)
    assert out["tune"]["totals"]["caught_under_action"] == 1
    assert out["tune"]["totals"]["caught_over_action"] == 1
    assert out["report"]["totals"]["caught_under_action"] == 1


def test_rows_without_the_field_are_not_counted() -> None:
    row = _row("t1", ["rumor"], ["rumor"], "limit", "review")
    del row["want_action"]
    assert eval_labels.figures([row])["tune"]["totals"].get("caught_under_action", 0) == 0
