"""End-anchored regexes run only where one of their strings stands near the end (`literals.tail_required`, perf12):
the bound must hold for every match (checked against `re` on random texts), and the claims families must find
what they found without the gate (blind dev rows and random texts)."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from qinglang.claims.score import Cues
from qinglang.model import Content
from qinglang.stages import build_views
from qinglang.text import default_normalizer
from qinglang.text.literals import tail_required

BLIND = Path(__file__).resolve().parents[1] / "data" / "blind"
TOKENS = [*"?？!！。，a b\n\t…的吗信你", "...", "知道吗", "没人", "还敢", "　", "相信"]
PATTERNS = [
    r"(?:^|[，。！,.!\s])(?![^，。！？,.!?]*(?:没人|凭什么))[^，。！？,.!?]*(?<!知道吗)[?？]+[^。！]{0,20}$",
    r"[?？]\s*$", r"(！|!|…|\.\.\.|？！|!\?)\s*$", r"^[^，。]{0,20}[?？]$",
    r"(?:你们还|还敢)(?!信)[^。！!？?]{0,24}[?？]\s*$",
    r"吗[ \t]*[?？]{1,3}.{0,3}\Z", r"(信|你)+[a ]{0,2}$",
]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_match_holds_a_string_near_the_end(pattern: str) -> None:
    got = tail_required(pattern)
    assert got is not None, pattern
    strings, n = got
    rx = re.compile(pattern)
    rng = random.Random(pattern)
    matched = 0
    for _ in range(6000):
        text = "".join(rng.choice(TOKENS) for _ in range(rng.randint(0, 40)))
        if rx.search(text):
            matched += 1
            assert any(s in text.rstrip()[-n:] for s in strings), (pattern, text, strings, n)
    assert matched > 20


@pytest.mark.parametrize("pattern", [r"abc", r"a.*$", r"(a|b)\1$", r"(?m)a$", r"a$|b", r"(?i)a$", r"\d+\s$"])
def test_no_bound_when_none_is_certain(pattern: str) -> None:
    """Not anchored, unbounded after the strings, back-references, multi-line or case folding, a top-level
    alternation, a string that the whitespace strip could cut: no bound."""
    assert tail_required(pattern) is None


def _texts() -> list[str]:
    out = []
    for path in sorted(BLIND.rglob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            row = json.loads(line) if line.strip() else {}
            content = row.get("content") if isinstance(row, dict) else None
            if isinstance(content, dict) and row.get("split") != "holdout":
                out.extend(t for t in (content.get("title"), content.get("text")) if isinstance(t, str) and t)
    rng = random.Random(17)
    out += ["".join(rng.choice([*TOKENS, "真的", "网传", "据说", "明天", "停水"]) for _ in range(rng.randint(1, 30)))
            for _ in range(1500)]
    return out


def test_families_find_what_they_found_without_the_gate() -> None:
    cues = Cues.load()
    sets = [cues.rumor, cues.clickbait_title, cues.clickbait_body, cues.clickbait_withheld, cues.science]
    assert sum(len(s.tails) for s in sets) >= 4  # the closing-question and exclamation regexes are gated
    normalizer = default_normalizer()
    views = [build_views(Content(id=str(i), text=t, title=t[:20]), normalizer).views for i, t in enumerate(_texts())]
    gated = [[fs.find(v) for fs in sets] for v in views]
    saved = [fs.tails for fs in sets]
    try:
        for fs in sets:
            fs.tails = {}
        assert [[fs.find(v) for fs in sets] for v in views] == gated
    finally:
        for fs, tails in zip(sets, saved, strict=True):
            fs.tails = tails
