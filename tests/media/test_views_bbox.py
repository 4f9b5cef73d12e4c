"""Views carry per-character boxes for extracted fields; evidence gets the union box of its span. Views are
built by the stages and immutable."""

from __future__ import annotations

import pytest

from qinglang.detectors.base import Views
from qinglang.detectors.contact import ContactDetector
from qinglang.media.boxes import split_line, union
from qinglang.media.extract import ExtractedField, Extraction
from qinglang.model import Content
from qinglang.stages import media_views
from qinglang.text.normalize import default_normalizer

TEXT = "加 微 信\nabc"
BOXES = ((0, 0, 10, 10), None, (10, 0, 20, 10), None, (20, 0, 30, 10), None,
         (0, 50, 5, 60), (5, 50, 10, 60), (10, 50, 15, 60))


def _views(text: str = TEXT, boxes: tuple = BOXES) -> Views:
    ex = Extraction(fields=(ExtractedField(name="media[0].ocr", text=text, boxes=boxes),))
    return media_views(Content(id="1", text="正文"), default_normalizer(), ex)


def test_evidence_gets_the_union_box_of_its_original_span() -> None:
    v = _views()
    nt = v.fields["media[0].ocr"]
    i = nt.text.index("微信")
    ev = v.evidence("media[0].ocr", i, i + 2, rule="r")
    assert ev.text == "微 信" and ev.bbox == (10, 0, 30, 10)
    assert v.evidence("text", 0, 2).bbox is None  # plain text fields have no boxes
    assert list(v.fields) == ["text", "media[0].ocr"]  # stage order: text, then media


def test_evidence_found_on_the_original_text_keeps_its_box() -> None:
    """The contact detector's `+` path (found on the original text) goes through the same factory."""
    text = "资源+ abc_777"
    boxes = tuple((10 * k, 0, 10 * k + 10, 10) for k in range(len(text)))
    v = _views(text, boxes)
    det = ContactDetector(default_normalizer())
    evs = [e for s in det.detect(v.content, v) for e in s.evidence if e.field == "media[0].ocr"]
    plus = [e for e in evs if e.rule == "contact.wechat"]
    assert plus and plus[0].text == "+ abc_777" and plus[0].bbox == (20, 0, 110, 10)


def test_box_count_must_match_the_text() -> None:
    with pytest.raises(ValueError, match="2 boxes for 3 characters"):
        _views("abc", ((0, 0, 1, 1),) * 2)


def test_views_are_immutable() -> None:
    v = _views()
    with pytest.raises(AttributeError, match="immutable"):
        v.media = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        v.fields["x"] = v.fields["text"]  # type: ignore[index]


def test_split_line_gives_cjk_characters_twice_the_width_of_ascii() -> None:
    parts = split_line((0, 0, 300, 20), "微信ab")
    assert [p[2] - p[0] for p in parts] == [100, 100, 50, 50]
    assert union(parts) == (0, 0, 300, 20)
