"""The bulk path's two phases (session 20, batch20): `Engine.moderate_many` runs the cheap pass of a whole batch, then
each cascade stage over the batch (the semantic tier embeds its gated items together and finds their neighbours in one
pass), then finishes each item. Its decisions must be those of `moderate`, item by item: actions, labels, scores,
evidence, to the last bit (the batched neighbour search returns each query's answer bit for bit, and the vote runs
the single item's code on it, so no tolerance is needed and none is allowed)."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qinglang.engine import Engine

BLIND = Path(__file__).resolve().parent.parent / "data" / "blind"


def _dev_rows() -> list[dict[str, Any]]:
    """The development rows of the ten task files (surfaces, audiences, authors, titles: every way into the tier's
    gate). Thread fields are dropped: a batch links a root and its replies (`link_replies`), one item alone cannot."""
    out = []
    for task in range(1, 11):
        for line in (BLIND / f"task{task:02d}.jsonl").read_text("utf-8").splitlines():
            row = json.loads(line)
            if row["split"] == "dev":
                out.append({k: v for k, v in row["content"].items() if k not in ("thread_id", "parent_id")})
    return out


ROWS = _dev_rows()


def _json(decision: Any) -> dict[str, Any]:
    out = decision.to_json()
    out.pop("elapsed_ms")
    return out


@pytest.fixture(scope="module")
def single(engine: Engine) -> dict[str, dict[str, Any]]:
    return {r["id"]: _json(engine.moderate(r)) for r in ROWS}


def _semantic(engine: Engine) -> Any:
    return next(d for d in engine.detectors if d.name == "semantic")


def test_the_batch_decides_every_dev_row_as_the_single_item_path(engine: Engine, single: dict[str, dict[str, Any]],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    sem = _semantic(engine)
    calls: list[int] = []
    many = sem.detect_cascade_many

    def spy(items: Any) -> Any:
        calls.append(len(items))
        return many(items)

    monkeypatch.setattr(sem, "detect_cascade_many", spy)
    before = dict(sem.stats)
    for size in (256, 33):
        calls.clear()
        batched = [_json(d) for d in engine.moderate_many(ROWS, batch=size)]
        assert batched == [single[r["id"]] for r in ROWS]
        assert len(calls) == -(-len(ROWS) // size) and sum(calls) == len(ROWS)  # the hook answered for every item
    gated = sem.stats["gated"] - before["gated"]
    assert gated > 200  # the rows reach the batched vote (sensitive surfaces, candidates), both runs
    voted = sum(any(ev["detector"].startswith("semantic@") for lab in d["labels"] for ev in lab["evidence"])
                for d in single.values())
    assert voted >= 10  # and the vote reports labels on some of them, which the batch reports alike


@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), size=st.integers(1, 90))
def test_order_and_batch_size_change_nothing(engine: Engine, single: dict[str, dict[str, Any]], seed: int,
                                             size: int) -> None:
    rows = random.Random(seed).sample(ROWS, 150)
    out = [_json(d) for d in engine.moderate_many(rows, batch=size)]
    assert out == [single[r["id"]] for r in rows]


def test_a_failing_batch_hook_leaves_each_item_to_its_own_stage(engine: Engine, single: dict[str, dict[str, Any]],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The hook's failure is no item's: every item is then run through the stage alone, as `moderate` runs it."""
    def broken(items: Any) -> Any:
        raise RuntimeError("bank file unreadable")

    monkeypatch.setattr(_semantic(engine), "detect_cascade_many", broken)
    rows = ROWS[:120]
    assert [_json(d) for d in engine.moderate_many(rows, batch=40)] == [single[r["id"]] for r in rows]
    monkeypatch.setattr(_semantic(engine), "detect_cascade_many", lambda items: [[]])  # too few answers
    assert [_json(d) for d in engine.moderate_many(rows, batch=40)] == [single[r["id"]] for r in rows]


def test_a_stage_that_fails_on_one_item_degrades_that_item_only(engine: Engine,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """One item breaks the tier (in the batch hook and alone): the batch falls back to the items one by one, and only
    that item is degraded, as `moderate` degrades it."""
    sem = _semantic(engine)
    one = sem.gated_text

    def fails_on_x(content: Any, views: Any, signals: Any) -> Any:
        if content.id == "x":
            raise RuntimeError("boom")
        return one(content, views, signals)

    monkeypatch.setattr(sem, "gated_text", fails_on_x)
    items = [{"id": i, "text": "今天天气很好，我们去公园散步", "surface": "live"} for i in ("a", "x", "b")]
    out = list(engine.moderate_many(items))
    assert [d.degraded for d in out] == [(), (f"{sem.name}@{sem.version}:error",), ()]
    assert [_json(d) for d in out] == [_json(engine.moderate(it)) for it in items]


def test_a_big_batch_reaches_the_encoder_and_the_search_in_bounded_pieces(engine: Engine,
                                                                           single: dict[str, dict[str, Any]],
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from qinglang.detectors import semantic

    sem = _semantic(engine)
    sizes: list[int] = []
    embed = sem.embedder.embed

    def spy(texts: list[str]) -> Any:
        sizes.append(len(texts))
        return embed(texts)

    monkeypatch.setattr(sem.embedder, "embed", spy)
    out = [_json(d) for d in engine.moderate_many(ROWS, batch=len(ROWS))]
    assert out == [single[r["id"]] for r in ROWS]
    assert len(sizes) > 1 and max(sizes) == semantic.BATCH  # split: never the whole batch at once
