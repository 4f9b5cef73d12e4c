"""A declared source that names no one (news19): 网络 and its kin are no credit line (`qinglang.text.credit`)."""

from __future__ import annotations

import pytest

from qinglang.claims.source import poster_is_source
from qinglang.model import Content
from qinglang.scoping import credited_source
from qinglang.text.credit import named_source


@pytest.mark.parametrize("declared", ["网络", "来源：网络", "转自网络", "互联网", "网友爆料", "朋友圈", " 网上 ",
                                      "未知"])
def test_a_credit_to_the_internet_names_no_one(declared: str) -> None:
    assert named_source(declared) is None


@pytest.mark.parametrize("declared", ["新华社", "中国互联网联合辟谣平台", "市公安局网络安全保卫支队",
                                      "国家互联网信息办公室"])
def test_a_named_body_is_a_source_even_with_network_in_its_name(declared: str) -> None:
    assert named_source(declared) == declared


def test_the_claims_scorer_and_the_scope_pass_read_the_same_credit() -> None:
    nobody = Content.from_json({"id": "t", "text": "x", "declared": {"source": "网络"}})
    named = Content.from_json({"id": "t", "text": "x", "declared": {"source": "新华社"}})
    assert not poster_is_source(nobody) and credited_source(nobody) is None
    assert poster_is_source(named) and credited_source(named) == "新华社"


def test_a_policy_rumour_credited_to_the_internet_is_still_a_rumour(engine) -> None:
    d = engine.moderate({"id": "t", "title": "定了！明年取消小学期末考试",
                         "text": "据悉，某市教育局决定明年取消小学期末考试，将改为平时成绩。",
                         "declared": {"source": "网络"}})
    assert "rumor" in {lr.label for lr in d.labels} and str(d.action) != "pass"


def test_the_text_credit_line_and_the_declared_source_share_one_vocabulary() -> None:
    """news20: `claims.source.NO_ONE` reads a text's credit line with `text.credit`'s words (one list)."""
    from qinglang.claims.source import NO_ONE
    from qinglang.text.credit import ONLINE

    for place in ONLINE:
        assert NO_ONE.regex.search(f"（转自{place}）")
        assert named_source(place) is None
