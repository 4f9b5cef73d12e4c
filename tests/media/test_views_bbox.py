"""Views carry per-character boxes for extracted fields; evidence gets the union box of its span."""

from __future__ import annotations

import pytest

from qinglang.detectors.base import Views
from qinglang.media.boxes import split_line, union
from qinglang.model import Content
from qinglang.text.normalize import default_normalizer


def test_evidence_gets_the_union_box_of_its_original_span() -> None:
    v = Views.build(Content(id="1", text="正文"), default_normalizer())
    text = "加 微 信\nabc"
    boxes = [(0, 0, 10, 10), None, (10, 0, 20, 10), None, (20, 0, 30, 10), None,
             (0, 50, 5, 60), (5, 50, 10, 60), (10, 50, 15, 60)]
    nt = v.add("media[0].ocr", text, boxes=boxes)
    i = nt.text.index("微信")
    ev = v.evidence("media[0].ocr", i, i + 2, rule="r")
    assert ev.text == "微 信" and ev.bbox == (10, 0, 30, 10)
    assert v.evidence("text", 0, 2).bbox is None  # plain text fields have no boxes


def test_box_count_must_match_the_text() -> None:
    v = Views.build(Content(id="1"), default_normalizer())
    with pytest.raises(ValueError, match="2 boxes for 3 characters"):
        v.add("media[0].qr", "abc", boxes=[(0, 0, 1, 1)] * 2)


def test_split_line_gives_cjk_characters_twice_the_width_of_ascii() -> None:
    parts = split_line((0, 0, 300, 20), "微信ab")
    assert [p[2] - p[0] for p in parts] == [100, 100, 50, 50]
    assert union(parts) == (0, 0, 300, 20)
