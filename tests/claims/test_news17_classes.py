"""Session-17 classes of tasks 4 and 9 (news17): a title against its body by structure, a rule stated as fact with its
effective date, who does the reporting — on posts written for these tests (not the writer sets)."""

from __future__ import annotations

import pytest

from qinglang.claims.headline import body_quotes_title
from qinglang.engine import Engine


def _labels(engine: Engine, text: str, **extra: object) -> set[str]:
    d = engine.moderate({"id": "t", "text": text, **extra})
    return {lr.label for lr in d.labels} if d.action != "pass" else set()


# --- clickbait: a title that shares nothing with the body that answers it ---------------------------------------------

def test_a_withholding_title_over_a_body_about_something_it_never_names_is_clickbait(engine) -> None:
    body = "市自然资源局今天发布公告，城东新区两宗住宅用地将于下月15日挂牌出让，起始价合计18亿元。"
    assert "clickbait" in _labels(engine, body, title="终于来了！")
    # the same emphasis over a body about what the title names delivers it
    assert "clickbait" not in _labels(engine, "城东新区两宗住宅用地将于下月15日挂牌出让，起始价合计18亿元，"
                                              "由市自然资源局组织。", title="城东新区两宗住宅用地终于来了")


# --- clickbait: the body quotes the title's claim as something going round --------------------------------------------

def test_a_title_stating_what_its_body_quotes_as_hearsay_is_clickbait(engine) -> None:
    body = "最近群里流传“高速公路全面取消收费”的消息。交通部门工作人员表示，收费政策没有调整，请以官方发布为准。"
    assert "clickbait" in _labels(engine, body, title="高速公路全面取消收费，下月执行")


@pytest.mark.parametrize(("title", "body", "quoted"), [
    # hearsay framing before or after the quote, the title stating it
    ("高速公路全面取消收费", "网上流传“高速公路全面取消收费”的说法，交通部门已回应。", True),
    # a quoted name is no hearsay (the campaign's name in quotes)
    ("网信办部署暑期网络环境整治", "中央网信办启动“清朗·暑期网络环境整治”专项行动。", False),
    # the title attributes or quotes its words itself
    ("专家：高速公路全面取消收费不可能", "网上流传“高速公路全面取消收费”的说法不实。", False),
    ("“高速公路全面取消收费”是假的", "网传“高速公路全面取消收费”的说法不实。", False),
])
def test_body_quotes_title_reads_a_quote_framed_as_hearsay(title, body, quoted) -> None:
    assert (body_quotes_title(title, body) is not None) is quoted


# --- clickbait: the post puts its announced content somewhere else ----------------------------------------------------

@pytest.mark.parametrize("text", [
    "下个月起有一件事和每个上班族都有关，具体是什么，评论区见",
    "这三类家电千万别放在阳台，具体是哪三类请看我主页置顶",
])
def test_a_post_that_points_away_from_itself_for_its_own_content_is_clickbait(engine, text) -> None:
    assert "clickbait" in _labels(engine, text)


def test_a_shop_pointing_to_its_store_for_prices_is_not_withheld_content(engine) -> None:
    assert "clickbait" not in _labels(engine, "本店新到一批秋季毛衣，价格详见橱窗，欢迎选购")
