"""qinglang.eval.perturb: each cloak kind changes only the spans asked for, deterministically per seed."""

from __future__ import annotations

import random

import pytest

from qinglang.eval.perturb import KINDS, perturb

TEXT = "加微信看视频"


@pytest.mark.parametrize("kind", KINDS)
def test_same_seed_same_cloak(kind: str) -> None:
    assert perturb(TEXT, kind, random.Random(7)) == perturb(TEXT, kind, random.Random(7))


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "fullwidth"])  # fullwidth has no CJK to change
def test_each_kind_changes_the_text(kind: str) -> None:
    assert perturb(TEXT, kind, random.Random(1)) != TEXT


def test_spans_limit_the_change() -> None:
    out = perturb("你好加微信看视频再见", "pinyin", random.Random(1), spans=[(2, 5)])
    assert out.replace(" ", "") == "你好jiaweixin看视频再见"  # evaders space syllables or not (CNTP does both)


def test_examples_of_the_kinds() -> None:
    assert perturb(TEXT, "pinyin", random.Random(1)).replace(" ", "") == "jiaweixinkanshipin"
    assert perturb(TEXT, "initials", random.Random(1)) == "jwxksp"
    assert perturb(TEXT, "traditional", random.Random(1)) == "加微信看視頻"


def test_unknown_kind_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown perturbation 'rot13'"):
        perturb(TEXT, "rot13", random.Random(1))
