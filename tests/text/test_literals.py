"""The literals every regex match must contain: the prefilter behind the lexicon's regex gate and the pattern
detectors. A wrong answer would silently drop matches, so it is checked against RE2 itself on random texts."""

from __future__ import annotations

import random

import pytest
import re2

from qinglang.text.literals import LiteralGate, required, required_all

PATTERNS = [
    r"1[3-9]\d{9}", r"(?:(卫星|企鹅|[扣叩口]{2})\s?[:：])|(?:(链接|网址)\s?[a-z0-9])", r"(^|x)ab", r"(a)?b",
    r"(让|叫)(了)?(gpt|ai)[^，。]{0,4}(帮我|给我)", r"[\p{Han}]{1,3}(公司|厂)",
    r"(?:[a-z]|[^\P{Han}的了]){2,4}?(司|厂)",
    r"(16|17|18)\s*[-~至]\s*(22|23)岁?", r"[（(]\s*ai", r"\d+?号", r"(ab|a)c{1,2}d", r"x(y|z){2}", r"(北|南)?京",
]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_match_holds_a_required_literal(pattern: str) -> None:
    needs = required(pattern)
    assert needs, pattern  # each of these has a literal to gate on
    parts = required_all(pattern)
    assert parts is not None and parts[0] == needs  # `required` is the best of the parts
    rx = re2.compile(pattern)
    rng = random.Random(pattern)
    tokens = [*"卫星企鹅扣叩口:：链接网址abcdxyz13579 让叫了你，。公司厂的-~至岁（(号北南京", "gpt", "ai", "帮我",
              "给我", "16", "18", "22", "23", "13800138000", "acd", "abccd", "xzy", "xyy"]
    matched = 0
    for _ in range(4000):
        text = "".join(rng.choice(tokens) for _ in range(rng.randint(0, 10)))
        if rx.search(text):
            matched += 1
            assert any(s in text for s in needs), (pattern, text, needs)
            assert all(any(s in text for s in part) for part in parts), (pattern, text, parts)
    assert matched  # the random texts did exercise the pattern


def test_product_of_small_parts_is_read() -> None:
    assert set(required(r"1[3-9]\d{9}") or ()) == {f"1{d}" for d in range(3, 10)}
    assert required(r"(让|叫)(了)?ai") is not None and "让ai" in required(r"(让|叫)(了)?ai")  # type: ignore[operator]


@pytest.mark.parametrize("pattern", [r"\d{3}", r"a?", r"(?i)abc", r"[[:alpha:]]x", r"\Qa.b\E", r"\x{4e00}", r".*"])
def test_no_literal_when_none_is_certain(pattern: str) -> None:
    """Optional parts, case folding and syntax Python's parser reads differently from RE2 give no literal."""
    assert required(pattern) is None


def test_limit_prefers_a_smaller_set() -> None:
    """Under a limit the best set that fits is chosen, not none at all."""
    assert required(r"[a-e][a-e]") == tuple(sorted(a + b for a in "abcde" for b in "abcde"))  # 25 two-letter strings
    assert required(r"[a-e][a-e]", limit=24) == tuple("abcde")  # one class fits the limit, the product does not


def test_gate_asks_for_every_part() -> None:
    """With `parts`, a pattern is a candidate only where one string of each of its parts occurs; without, one of
    its first set is enough (the claims families and live cues build the gate that way)."""
    patterns = [r"关注.{0,12}(公众号|微信)", r"(北|南)京", r"\d{3}"]
    parts = [required_all(p) or () for p in patterns]
    assert {frozenset(x) for x in parts[0]} == {frozenset({"关注"}), frozenset({"公众号", "微信"})}
    both = LiteralGate([p[0] if p else None for p in parts], [p[1:] for p in parts])
    one = LiteralGate([p[0] if p else None for p in parts])
    assert both.unknown == one.unknown == (2,)
    assert both.present("请关注我的公众号") == one.present("请关注我的公众号") == {0}
    assert both.present("关注一下北京") == {1} and one.present("关注一下北京") >= {1}
    assert both.present("加我微信") == set()
