"""The helpers the frame test modules share: a custom frame file written to a folder and an engine of that folder's
frames alone (`write_frames`, `frame_engine`); and the check every behaviour-class test module of the frames shares
(test_frames_classes_*.py): decide an item with the session's shared default engine and read back its action, labels
and the rules of its evidence; and the two tests each such module declares over its own ACTED / SPARED tables
(`class_tests`, one declaration for all of them)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from qinglang.engine import Engine, EngineConfig


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


def class_tests(acted: Sequence[tuple[dict, str, str]], spared: Sequence[dict], *,
                absent_unless_pass: frozenset[str] = frozenset()) -> tuple[Callable[..., None], Callable[..., None]]:
    """The two tests of a behaviour-class module, parametrized over its tables: every `acted` (item, label, rule) is
    acted on with its label and a rule of that prefix (`assert_acted_on`); every `spared` item is spared
    (`assert_spared`) and, unless passed outright, carries none of `absent_unless_pass`. A module binds them under
    their test names (session 16, prec16: seven modules had declared the same two tests):

        test_behaviour_class_is_acted_on_with_its_cues, test_ordinary_sense_is_not_acted_on = class_tests(ACTED, SPARED)
    """

    @pytest.mark.parametrize(("item", "label", "rule"), list(acted))
    def test_behaviour_class_is_acted_on_with_its_cues(engine: Engine, item: dict, label: str, rule: str) -> None:
        assert_acted_on(engine, item, label, rule)

    @pytest.mark.parametrize("item", list(spared))
    def test_ordinary_sense_is_not_acted_on(engine: Engine, item: dict[str, Any]) -> None:
        action, labels = assert_spared(engine, item)
        assert action == "pass" or not labels & absent_unless_pass, labels

    return test_behaviour_class_is_acted_on_with_its_cues, test_ordinary_sense_is_not_acted_on


def write_frames(tmp_path: Path, text: str, name: str = "custom.yaml") -> Path:
    """A frames folder under `tmp_path` holding `text` as the file `name`."""
    d = tmp_path / "frames"
    d.mkdir(exist_ok=True)
    (d / name).write_text(text, "utf-8")
    return d


def frame_engine(tmp_path: Path, frames_dir: Path) -> Engine:
    """An engine whose only detector is a frame detector on `frames_dir` (the shipped frames off)."""
    reg = tmp_path / "detectors.yaml"
    params = f"{{shipped: false, dirs: ['{frames_dir}']}}"
    reg.write_text(f"detectors:\n  - {{name: frame, type: frame, params: {params}}}\n", "utf-8")
    return Engine(EngineConfig(detectors=reg))
