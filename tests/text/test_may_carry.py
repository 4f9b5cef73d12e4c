"""`NormalizedText.may_carry` (session 18, speed18): where it says False, no position of the canonical text names the
layer among its `layers` — the test the innuendo detector's emoji reading makes before asking position by position."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from qinglang.text import default_normalizer
from qinglang.text.normalize import LAYERS

ROOT = Path(__file__).resolve().parents[2]


def _texts() -> list[str]:
    """Writer-set texts with a pictograph or a folded character, and random strings of emoji-table characters,
    pictographs, separators, traditional and CJK characters."""
    out: list[str] = []
    for path in sorted((ROOT / "corpus" / "train").glob("*.jsonl"))[:6]:
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                text = json.loads(line).get("content", {}).get("text")
                if isinstance(text, str):
                    out.append(text)
    norm = default_normalizer()
    pool = sorted(norm.chars_of("emoji"))[:60] + list("❤😂🐍👉🈚🉑 -_.·微信加我號碼一二三幺ＡＢ①②") + ["\u200b"]
    rng = random.Random(18)
    out += ["".join(rng.choice(pool) for _ in range(rng.randint(1, 24))) for _ in range(1500)]
    return out


@pytest.mark.parametrize("layer", LAYERS)
def test_no_position_carries_a_layer_the_text_cannot_carry(layer: str) -> None:
    norm = default_normalizer()
    said_no = 0
    for text in _texts():
        nt = norm.normalize(text)
        if not nt.may_carry(layer):
            said_no += 1
            assert all(layer not in nt.layers(i, i + 1) for i in range(len(nt.text))), text
    assert said_no > 100


def test_the_emoji_layer_is_seen_where_it_folded_a_character() -> None:
    norm = default_normalizer()
    nt = norm.normalize("加微🈚信")
    assert nt.may_carry("emoji") and any("emoji" in nt.layers(i, i + 1) for i in range(len(nt.text)))
    assert not norm.normalize("今天开心❤😂").may_carry("emoji")
    assert norm.chars_of("emoji") and norm.chars_of("emoji") is norm.chars_of("emoji")
