"""A contact for the poster's own errand is not 引流 (qinglang.text.personal; issue 16, session 11).

Sentences written here for each class of the relation, not taken from any blind or unseen set: a notice seeking
or returning something, a group of people who know each other, a meet-up that shares its cost, and a number
masked on purpose. None of them excuses a lure or a gambling offer.
"""

from __future__ import annotations

import pytest

from qinglang.engine import Engine
from qinglang.text.personal import PERSONAL_CONTACT, PERSONAL_CONTACT_TERMS, personal_errand
from tests.decide import acted_labels

DIVERSION = {"drainage", "gambling", "porn", "water_army"}


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


@pytest.mark.parametrize("text", [
    "我家泰迪昨晚在公园东门走丢了，灰色卷毛，有见到的麻烦加我微信 teddy_home1 ，谢谢大家",
    "地铁二号线上捡到一个黑色钱包，里面有身份证和工牌，失主请加微信 zhao_kk2020 来拿",
    "周六早上拼车去机场，还差两个人，车费分摊，加我vx：pinche_66",
    "下周六同学聚会定在老校区旁边的饭馆，地址发同学群了，到场的人我发红包",
    "老人走失，身穿蓝色外套，如有发现请联系 1375 678 ****，必有重谢",
])
def test_personal_errand_contacts_are_not_acted_on(engine: Engine, text: str) -> None:
    assert not acted_labels(engine, text, surface="comment") & DIVERSION, text


@pytest.mark.parametrize("text", [
    "同学群里都在做的兼职日结，手机就能做，加我vx：jz_8888",
    "拼车群里的兄弟都在玩百家乐，充100送100，加微信 bjl_7777",
])
def test_a_lure_is_not_excused_by_a_personal_word(engine: Engine, text: str) -> None:
    assert acted_labels(engine, text, surface="comment") & DIVERSION, text


def test_the_classes_leave_out_forms_of_address_and_topics() -> None:
    # spam greets its reader with these, and a sport or a relative's mention is a topic, not the audience
    for word in ("家人们", "同学", "老乡", "宝妈", "楼上", "楼下"):
        assert word not in PERSONAL_CONTACT_TERMS and personal_errand(word) is None
    assert "篮球" in PERSONAL_CONTACT["known"] and "篮球" not in PERSONAL_CONTACT_TERMS
    assert personal_errand("别告诉爸妈哦") == "爸妈" and "爸妈" not in PERSONAL_CONTACT_TERMS


def test_a_notice_declaring_every_such_request_fake_is_talk_about_it(engine: Engine) -> None:
    # text/diversion ABOUT_DIVERSION_RX: 均为/皆为/都是 + 假冒/诈骗 (the notice names the move to refuse it)
    notice = "校招季：任何以内推为名要求添加私人QQ并缴纳培训费的，皆为假冒"
    assert not acted_labels(engine, notice, surface="comment") & DIVERSION


def test_a_shared_short_link_that_nothing_points_to_is_not_a_diversion(engine: Engine) -> None:
    # Weibo writes every link its users paste as t.cn: a citation in an argument, not a move to another channel
    cited = "你先看看这条新闻再说话 http://t.cn/A6qWeRtY 说的根本不是这回事"
    assert not acted_labels(engine, cited, surface="comment") & DIVERSION
    assert acted_labels(engine, "深夜福利合集都在这，戳 t.cn/A6qWeRtY 打不开换浏览器", surface="comment") & DIVERSION


@pytest.mark.parametrize("text", [
    # Weibo's 首页 is the reader's own timeline: seen there, not sent there
    "最近总能在首页看到有人吵代孕合不合法，我首页那几个博主天天转",
    # 自私，ends a word, not a private chat; 一次一次 is repetition, not a rate
    "说到底这种人就是自私，什么都想占便宜",
    "朋友就是一次一次拉你出坑的人，别的都不重要",
])
def test_words_of_argument_are_not_a_pointer_or_a_channel(engine: Engine, text: str) -> None:
    assert not acted_labels(engine, text, surface="comment") & DIVERSION, text


def test_a_homepage_the_reader_is_sent_to_still_points(engine: Engine) -> None:
    assert acted_labels(engine, "想要无删减资源的看我首页，置顶有福利，懂的来", surface="comment") & DIVERSION
