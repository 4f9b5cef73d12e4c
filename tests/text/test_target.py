"""Whom an offensive text is aimed at (qinglang.text.target): the `cold` model's one offensive class is reported as
abuse for an insult to a person it addresses, antagonism for hostility to a group it names, both otherwise."""

from __future__ import annotations

import pytest

from qinglang.engine import Engine
from qinglang.text.target import aimed_at, keeps


@pytest.mark.parametrize(("text", "target"), [
    ("你这脑子是不是进水了", "person"),
    ("楼主是不是没长眼睛", "person"),
    ("这女的就是个骗子", "both"),  # 这女的 is one person, and nobody is addressed
    ("外地人素质就是差", "group"),
    ("你们这些外地人能不能别来了", "group"),  # 你们 addresses the group
    ("某省人就会插队", "group"),
    ("那帮摊贩缺斤少两", "group"),
    ("你们女人就是矫情，你也一样", "both"),
])
def test_aimed_at(text: str, target: str) -> None:
    assert aimed_at(text) == target


def test_keeps_only_picks_between_the_siblings() -> None:
    assert keeps("abuse", "person") and not keeps("abuse", "group")
    assert keeps("antagonism", "group") and not keeps("antagonism", "person")
    assert keeps("abuse", "both") and keeps("antagonism", "both") and keeps("porn", "group")


def test_the_offensive_model_reports_the_label_of_its_target(engine: Engine) -> None:
    person = engine.moderate({"id": "t1", "text": "你这脑子是不是进水了，看个新闻都能看反，真是个废物"})
    group = engine.moderate({"id": "t2", "text": "外地人素质就是差，来了我们这儿到处乱扔垃圾，恶心死了"})
    from_model = {lr.label for lr in person.labels if lr.rule == "model.cold.offensive"}
    assert from_model == {"abuse"} and person.action != "pass"
    from_model = {lr.label for lr in group.labels if lr.rule == "model.cold.offensive"}
    assert from_model == {"antagonism"} and group.action != "pass"
