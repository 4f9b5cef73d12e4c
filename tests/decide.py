"""What the tests read back from one decision (session 16, prec16: many test modules had their own `_labels`).

Each helper moderates one item with the given engine: `item` is the post's text, or a dict of Content fields (an
`id` is added when missing); `extra` adds fields (surface, author, audience…). They differ only in what they read:

- `labels`: every label of the decision, acted on or not.
- `labels_if_acted`: every label, or none when the action is `pass`.
- `acted_labels`: the labels a policy rule acted on, none when the action is `pass`.
- `acted_scores`: label → score of every label, none when the action is `pass`.
- `label_results`: label → its `LabelResult` (score, rule, policy rule, evidence).
"""

from __future__ import annotations

from typing import Any

from qinglang.engine import Engine
from qinglang.model import Decision, LabelResult


def moderate(engine: Engine, item: str | dict[str, Any], **extra: Any) -> Decision:
    """The decision on `item` (a text or Content fields) with `extra` fields, under the id "t" unless it has one."""
    fields = {"text": item} if isinstance(item, str) else dict(item)
    return engine.moderate({"id": "t", **fields, **extra})


def labels(engine: Engine, item: str | dict[str, Any], **extra: Any) -> set[str]:
    """Every label of the decision, acted on or not."""
    return {lr.label for lr in moderate(engine, item, **extra).labels}


def labels_if_acted(engine: Engine, item: str | dict[str, Any], **extra: Any) -> set[str]:
    """Every label of the decision; none when it passes."""
    d = moderate(engine, item, **extra)
    return set() if d.action == "pass" else {lr.label for lr in d.labels}


def acted_labels(engine: Engine, item: str | dict[str, Any], **extra: Any) -> set[str]:
    """The labels a policy rule acted on; none when the decision passes."""
    d = moderate(engine, item, **extra)
    return set() if d.action == "pass" else {lr.label for lr in d.labels if lr.policy_rule}


def acted_scores(engine: Engine, item: str | dict[str, Any], **extra: Any) -> dict[str, float]:
    """Label → score of every label of the decision; empty when it passes."""
    d = moderate(engine, item, **extra)
    return {} if d.action == "pass" else {lr.label: lr.score for lr in d.labels}


def label_results(engine: Engine, item: str | dict[str, Any], **extra: Any) -> dict[str, LabelResult]:
    """Label → its `LabelResult` (score, rule, policy rule, evidence)."""
    return {lr.label: lr for lr in moderate(engine, item, **extra).labels}
