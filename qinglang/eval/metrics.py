"""Binary metrics per label, computed the same way for every eval in the project."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InvalidContent


@dataclass(frozen=True, slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, gold: bool, pred: bool) -> Counts:
        return Counts(
            self.tp + (gold and pred), self.fp + (pred and not gold), self.fn + (gold and not pred),
            self.tn + (not gold and not pred),
        )

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        return (self.tp + self.tn) / self.n if self.n else 0.0

    @property
    def fpr(self) -> float:
        return self.fp / (self.fp + self.tn) if self.fp + self.tn else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "n": self.n, "tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn,
            "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
            "accuracy": round(self.accuracy, 4), "fpr": round(self.fpr, 4),
        }


def gold_labels(row: dict[str, Any], label: str | None) -> set[str]:
    """Gold labels of a row: `label` 1/0 means the label under evaluation; a string or `labels` list names them."""
    if "labels" in row and isinstance(row["labels"], list):
        return {str(x) for x in row["labels"]}
    val = row.get("label")
    if isinstance(val, bool) or isinstance(val, int):
        if label is None:
            raise InvalidContent("row has a 0/1 'label'; pass --label to say which label it stands for")
        return {label} if val else set()
    if isinstance(val, str):
        return {val} if val not in ("", "0", "none", "pass") else set()
    return set()


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InvalidContent(f"{path}:{n}: malformed JSON: {exc.msg}") from None


def confusion(pairs: Iterable[tuple[bool, bool]]) -> Counts:
    c = Counts()
    for gold, pred in pairs:
        c = c.add(gold, pred)
    return c
