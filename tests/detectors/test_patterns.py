"""`patterns.required`: the literal gate that lets `find` skip a regex must never skip a text it matches."""

from __future__ import annotations

import random
import re

from qinglang.detectors import enterprise, news, topic
from qinglang.detectors.patterns import Pattern, required


def test_required_reads_literals_alternatives_repeats_and_small_classes() -> None:
    assert required(re.compile(r"[\u4e00-\u9fff]{2,16}?(有限公司|公司|厂)")) == ("公司", "厂")
    assert required(re.compile(r"\d{1,2}月\d{1,2}日电")) == ("日电",)
    assert required(re.compile(r"[市县]|小区")) == ("小区", "县", "市")
    assert required(re.compile(r"(ab)?c*")) is None  # nothing is required: no gate
    assert required(re.compile(r"\d+")) is None
    assert required(re.compile(r"(?i)abc")) is None  # case-folded literals are not plain substrings
    assert required(re.compile(r"[^a]b|c")) == ("b", "c")


def _shipped_regexes() -> list[Pattern]:
    """The module-level patterns of three detectors. Read from the modules, not `gc.get_objects()`: an engine built
    earlier in the process freezes them (`gc.freeze`), and frozen objects are not listed."""
    found: list[Pattern] = []

    def walk(value: object) -> None:
        if isinstance(value, Pattern):
            found.append(value)
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)

    for module in (enterprise, news, topic):
        for value in vars(module).values():
            walk(value)
    return [p for p in found if p.automaton is None and p.needs]


def test_the_gate_never_rejects_a_text_the_regex_matches() -> None:
    extra = [r"(发|拍|给)[^，。！？]{0,4}(照片|视频)", r"(?:[局委部]|中心)(?:发布|通报)[:：]?", r"x(?=y)z?|q{2,3}"]
    pats = [(p.regex, p.needs) for p in _shipped_regexes()]
    pats += [(rx, required(rx)) for rx in map(re.compile, extra)]
    assert len(pats) >= 8
    rng = random.Random(11)
    for rx, needs in pats:
        alphabet = sorted({ch for ch in rx.pattern if not ch.isascii() or ch.isalnum()} | set("，。 1"))
        hits = 0
        for _ in range(400):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
            if rx.search(text):
                hits += 1
                assert needs is None or any(s in text for s in needs), (rx.pattern, text)
        assert hits or needs is not None
