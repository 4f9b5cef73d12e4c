"""`read_text` searches only the act patterns whose required literals occur (perf12): it must read every text as
searching them all does — on the repository's blind dev rows and on random texts made of the patterns' literals."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from qinglang.text import acts

BLIND = Path(__file__).resolve().parents[1] / "data" / "blind"


def _rows() -> list[str]:
    out = []
    for path in sorted(BLIND.rglob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            row = json.loads(line) if line.strip() else {}
            content = row.get("content") if isinstance(row, dict) else None
            if not isinstance(content, dict) or row.get("split") == "holdout":
                continue
            out.extend(t for t in (content.get("title"), content.get("text")) if isinstance(t, str) and t)
    return out


def _random_texts(n: int = 6000) -> list[str]:
    rng = random.Random(12)
    strings = sorted({s for parts in acts._PARTS for part in parts for s in part})
    filler = [*"我的你被了是不吗？。！，：:\n 【关于据局部门内外全", "本站", "怎么办", "发布", "数据", "红包"]
    return ["".join(rng.choice(strings) if rng.random() < 0.4 else rng.choice(filler)
                    for _ in range(rng.randint(1, 12))) for _ in range(n)]


def test_gate_names_every_pattern_that_matches() -> None:
    texts = _random_texts()
    matched = 0
    for text in texts:
        may = acts._candidates(text)
        for rx in acts._GATED:
            if rx.search(text) is not None:
                matched += 1
                assert rx in may, (rx.pattern[:40], text)
    assert matched > len(texts)  # the texts did exercise the patterns


@pytest.mark.parametrize("verified", [False, True])
def test_read_text_is_the_ungated_reading(monkeypatch: pytest.MonkeyPatch, verified: bool) -> None:
    texts = _rows() + _random_texts(2000)
    assert len(texts) > 2000
    gated = [acts.read_text([t], "某某公安", verified) for t in texts]
    monkeypatch.setattr(acts, "_candidates", lambda text: set(acts._GATED))
    assert [acts.read_text([t], "某某公安", verified) for t in texts] == gated
    assert sum(bool(p.acts) for p in gated) > 500


def test_a_pattern_outside_the_gate_is_still_searched(monkeypatch: pytest.MonkeyPatch) -> None:
    """A pattern added to `read_text` but not to `_GATED` is searched on every text, not silently skipped."""
    text = "本站不接删帖"
    want = acts.read_text([text])
    assert want.kinds == ("refusal",)
    monkeypatch.setattr(acts, "_GATED_SET", acts._GATED_SET - {acts._REFUSAL_RX})
    monkeypatch.setattr(acts, "_candidates", lambda text: set())
    assert acts.read_text([text]) == want
