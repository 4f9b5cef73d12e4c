"""Tasks 1 (Spring Festival), 6 (AI content) and 10 (同城) on every writer set, a tune half and a report half
(session 15, local15; issue 15).

    python tools/eval_local_sets.py --cache /tmp/local.jsonl [--rerun]
    python tools/eval_local_sets.py --cache /tmp/local.jsonl --misses wealth_flaunt   # tune-half rows only
    python tools/eval_local_sets.py --cache /tmp/after.jsonl --diff /tmp/before.jsonl  # changed rows (tune listed)

The decisions are recorded by `writer_sets.record` (every `writer_sets.rows()` row through the default engine, the
blind holdout never; the one recorder), so any writer-set tool's cache serves; the tables are `eval_story_sets`'s,
read with this tool's halves, tasks and labels. Halves are the learned stages' halves of session 15 (the
brief): **report** = unseen7, unseen8, unseen10, S2, S3, S6, S8, S10 (never read row by row: `--misses` and `--diff`
refuse to list them); **tune** = every other writer set (corpus t1–t24, blind A–E dev rows, unseen … unseen6,
unseen9, S1, S4, S5, S7, S9).

Per half: campaign tasks 1, 6 and 10 (violations caught = an expected label and a non-pass action; hard negatives
acted on = stricter than the writer's floor; `eval_campaign_blind.judge`), and per label of these tasks precision,
recall, rows at the writer's action and innocent rows acted on with it (labels a policy acted on).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import eval_story_sets as story  # noqa: E402
from train_stance import OOS_REPORT  # noqa: E402

REPORT = frozenset(OOS_REPORT)  # the learned stages' report half (the stance trainer's, its one home)
LABELS = ("staged", "wealth_flaunt", "fan_frenzy", "minors_harm", "rumor", "local_concentration", "vulgar",
          "water_army", "drainage", "antagonism", "abuse", "aigc_unlabeled", "aigc_deceptive")
TASKS = (1, 6, 10)


def half(group: str) -> str:
    """'report' or 'tune' for a writer set."""
    return "report" if group in REPORT else "tune"


def main(argv: list[str] | None = None) -> int:
    return story.cli(argv, __doc__, half=half, labels=LABELS, tasks=TASKS,
                     misses_help="a label or task1/task6/task10: the tune half's errors")

if __name__ == "__main__":
    raise SystemExit(main())
