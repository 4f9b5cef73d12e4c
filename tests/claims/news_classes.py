"""What the news class tests (news16, 17, 19, 20) read of a decision: the labels of an acted-on post, and the rules
of one label's evidence."""

from __future__ import annotations

from qinglang.engine import Engine


def acted_labels(engine: Engine, text: str, **extra: object) -> set[str]:
    """The labels of the post's decision, or nothing when it passes."""
    d = engine.moderate({"id": "t", "text": text, **extra})
    return {lr.label for lr in d.labels} if d.action != "pass" else set()


def evidence_rules(engine: Engine, text: str, label: str, **extra: object) -> set[str]:
    """The rules behind one label's evidence in the post's decision."""
    d = engine.moderate({"id": "t", "text": text, **extra})
    return {ev.rule for lr in d.labels if lr.label == label for ev in lr.evidence}
