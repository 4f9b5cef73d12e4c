"""The check every behaviour-class test module of the frames shares (test_frames_classes_*.py): decide an item with
the session's shared default engine and read back its action, labels and the rules of its evidence."""

from __future__ import annotations

from qinglang.engine import Engine


def decide(engine: Engine, item: dict) -> tuple[str, set[str], list[str]]:
    """(action, labels, evidence rules) of `item` moderated under the id "x"."""
    d = engine.moderate({"id": "x", **item})
    rules = [ev.rule for lr in d.labels for ev in (lr.evidence or ())]
    return d.action, {lr.label for lr in d.labels}, rules


def assert_acted_on(engine: Engine, item: dict, label: str, rule: str) -> None:
    """The class is acted on (any action but pass) with `label`, and some evidence comes from a rule starting `rule`."""
    action, labels, rules = decide(engine, item)
    assert action != "pass" and label in labels, (action, labels)
    assert any(r.startswith(rule) for r in rules), rules


def assert_spared(engine: Engine, item: dict) -> tuple[str, set[str]]:
    """The ordinary sense of a class's words is not acted on: `pass`, or only a compliance mark (`label`). Returns
    (action, labels) for a module's own extra checks."""
    action, labels, _ = decide(engine, item)
    assert action in ("pass", "label"), (action, labels)
    return action, labels
