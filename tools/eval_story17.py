"""Tasks 1, 2, 7 and 10 — Spring Festival, enterprises, minors, 同城 — on every writer set, this session's halves
(session 17, story17; issue 15).

    python tools/eval_story17.py --cache /tmp/s17.jsonl                    # figures per half, per set
    python tools/eval_story17.py --cache /tmp/s17.jsonl --misses task7     # tune-half rows only
    python tools/eval_story17.py --cache /tmp/after.jsonl --diff /tmp/before.jsonl

The recording is `writer_sets.record` (any writer-set tool's cache serves: `eval_story_sets`, `eval_story16`).
Halves (the lead's, `writer_sets.RULES_REPORT`): report (counted only: `--misses` and `--diff` never list a row of
them) = S14, t28, unseen13; tune (read, rules chosen on them) = S13, t27, unseen12 and every older set.
Per half and label (the labels tasks 1, 2, 7 and 10 ask for): precision / recall of the labels a policy acted on;
per half and per named set, tasks 1, 2, 7 and 10: violations caught and hard negatives acted on
(`eval_campaign_blind.judge`).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import eval_story16  # noqa: E402
import eval_story_sets  # noqa: E402

LABELS = ("staged", "rumor", "wealth_flaunt", "fan_frenzy", "extortion", "enterprise_smear", "minors_harm",
          "grooming", "bullying", "local_concentration", "vulgar", "porn")
TASKS = (1, 2, 7, 10)
# the sets printed one by one (every other set is in its half's total): this session's tune and report sets
NAMED = ("unseen12", "S13", "t27", "unseen11", "unseen10", "unseen13", "S14", "t28")
half = eval_story16.half  # the lead's halves of the current session (writer_sets.RULES_REPORT)


def per_set(lines: list[dict]) -> str:
    """Per named set: tasks 1, 2, 7, 10 caught / hard negatives acted on, and per label P / R (TP)."""
    return eval_story16.per_set(lines, sets=NAMED, tasks=TASKS, labels=LABELS)


def main(argv: list[str] | None = None) -> int:
    return eval_story_sets.cli(argv, __doc__, half=half, labels=LABELS, tasks=TASKS, more=per_set,
                               misses_help="a label or task<N>: the tune half's misses and false positives")


if __name__ == "__main__":
    raise SystemExit(main())
