"""qinglang.eval.metrics: per-label counts and the gold-label conventions every eval shares."""

from __future__ import annotations

from pathlib import Path

import pytest

from qinglang.errors import InvalidContent
from qinglang.eval.metrics import Counts, confusion, gold_labels, read_jsonl


def test_counts_give_precision_recall_f1_fpr() -> None:
    c = confusion([(True, True)] * 8 + [(True, False)] * 2 + [(False, True)] * 1 + [(False, False)] * 9)
    assert (c.tp, c.fn, c.fp, c.tn, c.n) == (8, 2, 1, 9, 20)
    assert c.precision == pytest.approx(8 / 9) and c.recall == pytest.approx(0.8)
    assert c.f1 == pytest.approx(2 * (8 / 9) * 0.8 / (8 / 9 + 0.8)) and c.fpr == pytest.approx(0.1)
    assert c.to_json()["f1"] == round(c.f1, 4)


def test_empty_counts_are_zero_not_errors() -> None:
    c = Counts()
    assert (c.precision, c.recall, c.f1, c.accuracy, c.fpr) == (0.0, 0.0, 0.0, 0.0, 0.0)


def test_gold_label_conventions() -> None:
    assert gold_labels({"labels": ["porn", "drainage"]}, None) == {"porn", "drainage"}
    assert gold_labels({"label": 1}, "abuse") == {"abuse"} and gold_labels({"label": 0}, "abuse") == set()
    assert gold_labels({"label": "pass"}, None) == set() and gold_labels({"label": "rumor"}, None) == {"rumor"}
    with pytest.raises(InvalidContent, match="--label"):
        gold_labels({"label": 1}, None)


def test_malformed_jsonl_names_the_line(tmp_path: Path) -> None:
    p = tmp_path / "d.jsonl"
    p.write_text('{"id": 1}\n\n{"id": \n', "utf-8")
    rows = read_jsonl(p)
    assert next(rows) == {"id": 1}
    with pytest.raises(InvalidContent, match=r"d\.jsonl:3: malformed JSON"):
        next(rows)
