"""Tasks 6 and 7 — AI content and minors — on every writer set, this session's halves (session 18, aigc18; issue 15
§5).

    python tools/eval_aigc18.py --cache /tmp/a18.jsonl                    # figures per half, per set
    python tools/eval_aigc18.py --cache /tmp/a18.jsonl --misses task6     # tune-half rows only
    python tools/eval_aigc18.py --cache /tmp/after.jsonl --diff /tmp/before.jsonl

The recording is `writer_sets.record` (any writer-set tool's cache serves). Halves (the lead's,
`writer_sets.RULES_REPORT`): report (counted only: `--misses` and `--diff` never list a row of them) = S15, S17, t30,
unseen15; tune (read) = S16, S18, t29, unseen14 and every older set.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import eval_story16  # noqa: E402
import eval_story_sets  # noqa: E402

LABELS = ("aigc_unlabeled", "aigc_explicit", "rumor", "impersonation", "minors_harm", "grooming", "bullying")
TASKS = (6, 7)
# the sets printed one by one (every other set is in its half's total): this session's tune and report sets
NAMED = ("unseen14", "S16", "S18", "t29", "S13", "t27", "S9", "unseen15", "S15", "S17", "t30")
half = eval_story16.half  # the lead's halves of the current session (writer_sets.RULES_REPORT)


def per_set(lines: list[dict]) -> str:
    """Per named set: tasks 6 and 7 caught / hard negatives acted on, and per label P / R (TP)."""
    return eval_story16.per_set(lines, sets=NAMED, tasks=TASKS, labels=LABELS)


def main(argv: list[str] | None = None) -> int:
    return eval_story_sets.cli(argv, __doc__, half=half, labels=LABELS, tasks=TASKS, more=per_set,
                               misses_help="a label or task<N>: the tune half's misses and false positives")


if __name__ == "__main__":
    raise SystemExit(main())
