"""Shipped frames of campaign tasks 6-10 (AIGC, minors, language misuse, news trade, 同城): each behaviour is acted
on with its label and the evidence of its cues, and the ordinary sense of the same words is left alone.

The examples are written for these tests (not taken from the blind sets in tests/data/blind)."""

from __future__ import annotations

import pytest

from qinglang.engine import Engine


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


def _labels(engine: Engine, item: dict) -> tuple[str, set[str], list[str]]:
    d = engine.moderate({"id": "x", **item})
    rules = [ev.rule for lr in d.labels for ev in (lr.evidence or ())]
    return d.action, {lr.label for lr in d.labels}, rules


ACTED = [
    # task 8: a slang / homophone insult aimed at someone, a pun aimed at a body, mocking a hero by a homophone
    ({"text": "楼主你真是个大伞兵，说的都是啥", "surface": "comment", "kind": "comment"}, "language_misuse",
     "frame.language_misuse.addressed_slang"),
    ({"text": "评论区又被国蝻攻占了，离谱", "surface": "comment", "kind": "comment"}, "language_misuse",
     ("frame.language_misuse.group_slur", "lexicon.language_misuse.")),  # either names the slur
    ({"text": "这位小姐姐的胸器也太犯规了，想看涩图的私我", "surface": "comment", "kind": "comment"}, "language_misuse",
     "frame.language_misuse."),
    ({"text": "邱少云改叫烤肉哥哈哈哈，笑死", "surface": "comment", "kind": "comment"}, "language_misuse",
     "frame.language_misuse.hero_mockery"),
    # task 9: trading the right to publish news
    ({"text": "新闻客户端城市频道整体转让，可自主发稿，年费5万，名额有限"}, "unlicensed_news",
     "frame.unlicensed_news.licence_trade"),
    ({"text": "贵单位食品安全问题已被我们掌握，拟发布调查报道，请三日内联系编辑部协商",
      "author": {"id": "u1", "name": "某某观察"}}, "unlicensed_news", "frame.unlicensed_news.coercive_report"),
    # task 10: sexual services dressed as companionship, paid reviews, per-area porn codes, violent calls
    ({"text": "周末找个自驾游搭子，费用我全包，懂事点的女生优先", "surface": "local"}, "vulgar",
     "frame.local.sexual_services"),
    ({"text": "新店开业，到店写五星好评送果盘一份，别说是店里让写的", "surface": "local"}, "water_army",
     "frame.local.paid_review"),
    ({"text": "各位今晚一起去给那家奶茶店刷一星，大家都去，把他搞垮", "surface": "local"}, "water_army",
     "frame.local.review_bombing"),
    ({"text": "城东/城西/高新区 新茶已到，上门快餐，回复区名", "surface": "local"}, "local_concentration",
     "frame.local_concentration.sex_by_area"),
    ({"text": "那些收废品的都该死，见一个打一个", "surface": "local"}, "abuse", "frame.local.violent_call"),
    # task 7: a covert channel and secrecy with a minor; organised exclusion of a classmate; profanity for minors
    ({"text": "咱们换个软件聊吧，这个看完就没了，你爸妈查不到，弄好了给你充点券", "surface": "private_chat",
      "kind": "message", "audience": {"age": 12}}, "grooming", "frame.grooming.covert_channel"),
    ({"text": "以后全班都不准理张某某，谁跟他一起玩就是跟我过不去，群主把他移出群", "surface": "private_chat",
      "kind": "message", "audience": {"age": 13}}, "bullying", "frame.bullying.organised_exclusion"),
    ({"text": "【主播骂人名场面】合集第三弹", "kind": "video", "audience": {"minor_mode": True, "age": 11}},
     "minors_harm", "frame.minors_harm.profanity_in_minors_mode"),
    # task 6: a templated "real buyer" review
    ({"text": "作为一名上班族，我认为这款咖啡机有以下几个优点：首先出杯快；其次清洗方便。"
              "总而言之，性价比极高，值得推荐。",
      "surface": "comment", "kind": "comment"}, "aigc_unlabeled", "frame.aigc_unlabeled.templated_review"),
]


@pytest.mark.parametrize(("item", "label", "rule"), ACTED)
def test_behaviour_is_acted_on_with_its_cues(engine: Engine, item: dict, label: str,
                                            rule: str | tuple[str, ...]) -> None:
    action, labels, rules = _labels(engine, item)
    assert action != "pass"
    assert label in labels
    assert any(r.startswith(rule) for r in rules), rules


SPARED = [
    {"text": "空降兵部队伞兵训练开放日，孩子看得目不转睛"},
    {"text": "那个烧饼铺子的芝麻烧饼真香，每天排队"},
    {"text": "老司机分享：雨天开车一定要开雾灯，保持车距"},
    {"text": "女儿说今天要当小仙女，穿上公主裙去幼儿园"},
    {"text": "医生提醒：胸口闷痛持续不缓解要及时就医"},
    {"text": "清明节带孩子给邱少云烈士纪念碑献花，讲英雄的故事"},
    {"text": "XX日报社招聘编辑2名，要求新闻学相关专业",
     "author": {"id": "n1", "name": "XX日报", "news_license": "31120170021"}},
    {"text": "我们承接企业新闻稿撰写，不代发、不承诺收录时政频道"},
    {"text": "城东/城西/高新区的老师们，下周一起参加教研活动", "surface": "local"},
    {"text": "保安师傅一个人值夜班太辛苦了，希望物业多招两个人", "surface": "local"},
    {"text": "儿童写真、全家福，周末预约九折", "surface": "local"},
    {"text": "开学第一课：我们班谁被孤立、被起外号了，都可以单独找我，老师一定保护你", "audience": {"age": 12}},
    {"text": "新电影恐怖血腥镜头不少，不适合儿童，带孩子的别去"},
    {"text": "早餐打卡：烧饼配豆浆，炸油条也来一根"},
]


@pytest.mark.parametrize("item", SPARED)
def test_ordinary_sense_is_not_acted_on(engine: Engine, item: dict) -> None:
    action, labels, _ = _labels(engine, item)
    assert action == "pass", labels


def test_a_journalists_own_account_is_not_an_outlet(engine: Engine) -> None:
    base = {"text": "今天在暴雨一线采访，晚上见报", "surface": "feed"}
    own = engine.moderate({"id": "a", **base, "author": {"id": "j1", "name": "某某晚报记者王芳"}})
    outlet = engine.moderate({"id": "b", **base, "author": {"id": "j2", "name": "某某晚报快报"}})
    assert "unlicensed_news" not in {lr.label for lr in own.labels}
    assert "unlicensed_news" in {lr.label for lr in outlet.labels}


def test_naming_ai_content_at_the_start_is_not_a_label(engine: Engine) -> None:
    mention = engine.moderate({"id": "a", "text": "AI生成的视频要怎么标注？平台规则整理如下"})
    notice = engine.moderate({"id": "b", "text": "AI生成：夕阳下的古镇"})
    # The AIGC part only: the retrained `cold` model (session 5) gives this sentence abuse p≈0.82 from 平台, a known
    # false positive of that model (docs/models.md), not an AI-content label.
    assert not mention.marks
    assert not {"aigc_unlabeled", "aigc_deceptive"} & {lr.label for lr in mention.labels}
    assert "aigc_explicit" in notice.marks
