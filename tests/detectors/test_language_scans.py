"""The language-misuse scans find pictographs with one regex scan (perf12); they must give what the per-character
loops they replaced gave, on texts full of the characters at and around the ranges' edges."""

from __future__ import annotations

import random

from qinglang.detectors.language_misuse import _MOOD, _PICTOGRAPHS, _pictograph, substitutions
from qinglang.detectors.language_styles import LEWD_VERBS, lewd_verbs


def _edges() -> list[str]:
    cps = {0x1F2FF, 0x1F300, 0x1FA00, 0x10FFFF, 0xFFFF, 0x10000}
    for a, b in (*_PICTOGRAPHS, *_MOOD):
        cps.update({a - 1, a, a + 1, b - 1, b, b + 1})
    return [chr(c) for c in sorted(cps)]


def _texts(n: int = 3000) -> list[str]:
    rng = random.Random(12)
    alphabet = [*"我的你好吃了吧直接想去进一发次回 ni qiao shi ok", "\u3000", *LEWD_VERBS, *_edges(), "🍑", "🐴", "😀"]
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(n)]


def _emoji_loop(text: str) -> list[int]:
    return [i for i, ch in enumerate(text) if ord(ch) >= 0x1F300 and _pictograph(ch)]


def test_pictograph_scan_is_the_character_loop() -> None:
    from qinglang.detectors import language_misuse as lm

    for text in _texts():
        assert [m.start() for m in lm._PICTOGRAPH_RX.finditer(text) if _pictograph(m.group())] == _emoji_loop(text)
        want = [(i, i + 1, "emoji") for i in _emoji_loop(text)
                if lm._han(lm._neighbour(text, i - 1, -1)) and lm._han(lm._neighbour(text, i + 1, 1))
                and lm._neighbour(text, i - 1, -1) not in lm._PARTICLE]
        assert [s for s in substitutions(text) if s[2] == "emoji"] == want


def test_lewd_scan_is_the_character_loop() -> None:
    from qinglang.detectors import language_styles as ls

    for text in _texts():
        assert [m.start() for m in ls._LEWD_RX.finditer(text)] == [i for i, ch in enumerate(text) if ch in LEWD_VERBS]
    assert lewd_verbs("直接🦌了") == [(2, 3, "撸")]
    assert lewd_verbs("喂🦌") == []
