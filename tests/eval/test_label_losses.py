"""tools/eval_label_losses (session 18, labels18): where a label's violations were lost, read off the engine's own
evidence (never scored, struck by stance / a co-label / scope, below a floor, policy chose pass), and why an innocent
row was acted on with it; the report half counted, never listed."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import eval_label_losses as ll  # noqa: E402
import writer_sets  # noqa: E402

from qinglang.model import Decision, LabelResult  # noqa: E402


def _decision(action: str, signals: list[tuple[str, float, str | None]],
              acted: tuple[str, ...] = (), scores: dict[str, float] | None = None) -> Decision:
    trace = {"signals": [{"label": lab, "score": sc, "rule": "r", "detector": "d",
                          "evidence": [{"field": "text", "start": 0, "end": 1, "scope": scope}]}
                         for lab, sc, scope in signals]}
    labels = tuple(LabelResult(lab, (scores or {}).get(lab, 0.8), "c", "r", (), policy_rule="p") for lab in acted)
    return Decision(id="x", action=action, risk=0.5, labels=labels, trace=trace)


def test_where_a_label_was_lost() -> None:
    assert ll.where_lost(_decision("pass", []), "porn") == "never scored"
    assert ll.where_lost(_decision("pass", [("porn", 0.0, None)]), "porn") == "never scored"
    assert ll.where_lost(_decision("pass", [("porn", 0.2, "stance@stance.3 p=0.1")]), "porn") == "struck by stance"
    assert ll.where_lost(_decision("review", [("clickbait", 0.2, "within:drainage")]),
                         "clickbait") == "struck by a co-label"
    assert ll.where_lost(_decision("pass", [("false_ad", 0.2, "act:education:科普")]), "false_ad") == "struck by scope"
    assert ll.where_lost(_decision("pass", [("vulgar", 0.3, None)]), "vulgar") == "below a floor"
    assert ll.where_lost(_decision("pass", [("vulgar", 0.3, None)], acted=("vulgar",)),
                         "vulgar") == "policy chose pass"


def test_why_an_innocent_row_was_acted_on() -> None:
    rides = _decision("review", [("clickbait", 0.5, None)], acted=("clickbait", "drainage"),
                      scores={"clickbait": 0.5, "drainage": 0.9})
    assert ll.why_acted(rides, "clickbait", "other") == "co-label rides along"
    weak = _decision("limit", [("porn", 0.6, "act:report:据报道")], acted=("porn",))
    assert ll.why_acted(weak, "porn", "report") == "stance or scope read it, too weakly"
    missed = _decision("limit", [("porn", 0.6, None)], acted=("porn",))
    assert ll.why_acted(missed, "porn", "warning") == "act missed"
    assert ll.why_acted(missed, "porn", "other") == "the label's own reading"
    alone = _decision("limit", [("clickbait", 0.52, None)], acted=("clickbait",), scores={"clickbait": 0.52})
    assert ll.why_acted(alone, "clickbait", "other") == "policy acts on it alone"


def test_tables_count_per_half_and_never_list_the_report_half() -> None:
    rep = writer_sets.RULES_REPORT[0]
    entries = [
        {"group": "t29", "id": "a", "label": "porn", "what": "lost", "cause": "never scored", "half": "tune",
         "row_caught": True, "kind": "violation", "got": [], "want": ["porn"], "action": "pass", "text": "甲"},
        {"group": rep, "id": "b", "label": "porn", "what": "lost", "cause": "below a floor", "half": "report",
         "row_caught": False, "kind": "violation", "got": [], "want": ["porn"], "action": "pass", "text": "乙"},
    ]
    assert ll.half("t29") == "tune" and ll.half(rep) == "report"
    table = ll.tables(entries)
    assert "| porn | 1 | 0 | 0 | 0 | 0 | 0 | 1 |" in table  # tune: never scored, the row caught by another label
    assert "| porn | 0 | 0 | 0 | 0 | 1 | 0 | 0 |" in table  # report: below a floor
    assert "| porn | 1 → 0 | 0 | 0 | 0 | 0 | 0 | 1 → 0 |" in ll.tables(entries[1:], entries)
    listed = ll.listing(entries)
    assert "t29 a" in listed and rep not in listed and "乙" not in listed


def test_label_table_gives_precision_recall_per_half_and_report_tasks() -> None:
    from qinglang.model import Decision as D

    rep = writer_sets.RULES_REPORT[-1]
    hit = D(id="x", action="review", risk=0.8, labels=(LabelResult("porn", 0.8, "c", "r", (), policy_rule="p"),))
    miss = D(id="x", action="pass", risk=0.0)
    row = {"id": "x", "content": {"id": "x", "text": "正文"}, "hard_negative": False, "task": 8,
           "expect": {"violation": True, "labels": ["porn"], "action_at_least": "review"}}
    after = [writer_sets.decision_row("t29", Path("t29.jsonl"), row, hit),
             writer_sets.decision_row(rep, Path("task08_language.jsonl"), row, hit)]
    before = [writer_sets.decision_row("t29", Path("t29.jsonl"), row, miss),
              writer_sets.decision_row(rep, Path("task08_language.jsonl"), row, hit)]
    table = ll.label_table(after, before, ("porn",))
    assert "| tune | porn | 0.00 → 1.00 | 0.00 → 1.00 | 0 / 0 / 1 → 1 / 0 / 0 |" in table
    assert "| report | porn | 1.00 | 1.00 | 1 / 0 / 0 |" in table
    assert f"| {rep} | 08 | 1/1 | 0/0 |" in table
