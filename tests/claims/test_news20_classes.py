"""Session-20 classes of tasks 4 and 9 (news20): a post that says it gives no source, a rule's future stated from its
day, what a post asks the reader to do as the price of what it promises, an authority said to be bought, the truth
promised to an audience, a media company's reporter — on posts written for these tests (not the writer sets)."""

from __future__ import annotations

import pytest
from news_classes import acted_labels, evidence_rules

# --- source_missing: a post that says it gives no source -----------------------------------------------------------

def test_a_clip_whose_note_says_no_source_is_given_misses_one(engine) -> None:
    content = {"kind": "video", "media": [{"note": "剪自新闻发布会的片段，没有注明出处"}]}
    text = "国务院新闻办公室今天举行发布会，介绍今年前三季度外贸进出口情况。"
    assert "source_missing" in acted_labels(engine, text, **content)
    assert "topic.source_absent" in evidence_rules(engine, text, "source_missing", **content)


def test_the_same_clip_with_no_note_cites_the_press_conference(engine) -> None:
    text = "国务院新闻办公室今天举行发布会，介绍今年前三季度外贸进出口情况。"
    assert "source_missing" not in acted_labels(engine, text, kind="video", media=[{"note": "新闻发布会现场画面"}])


@pytest.mark.parametrize("declared", ["未注明来源", "来源不明"])
def test_a_declared_absence_of_source_names_no_one(declared: str) -> None:
    from qinglang.text.credit import named_source

    assert named_source(declared) is None


@pytest.mark.parametrize("text", [
    "今天中午城北一座人行天桥发生垮塌，两人受伤送医。（视频无时间地点，未说明拍摄来源）",  # footage lacking when/where
    # a relayed screenshot, said to be unsourced
    "某国外长今日宣布辞职，目前情况不明。（截图转自其他账号，无原始出处）",
])
def test_an_event_said_to_lack_its_source_or_its_time_and_place_misses_a_source(engine, text) -> None:
    assert "source_missing" in acted_labels(engine, text)


def test_a_warning_about_messages_with_no_source_is_no_report_missing_one(engine) -> None:
    """The absence is read only of the item itself (a note, brackets), not of the messages a warning talks about."""
    text = "像“某小学食物中毒，三十多个学生住院”这种消息，没有来源、没有通报，先查教育局通报再转。"
    assert "source_missing" not in acted_labels(engine, text)


def test_a_debunk_saying_the_rumour_has_no_source_stays_clean(engine) -> None:
    text = "网传“城北天桥垮塌”的视频没有任何出处，经核实系多年前外地旧视频，请勿转发。"
    assert "source_missing" not in acted_labels(engine, text)


# --- source_missing: a public body's act, told as news ------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "人社部明确，今年起灵活就业人员可在就业地参加职工养老保险。",  # an authority acting, its act right after it
    "多地宣布延长中小学暑假一周，开学时间推迟到9月8日。",  # many places acting in office
])
def test_a_public_bodys_act_told_with_no_source_misses_one(engine, text) -> None:
    assert "source_missing" in acted_labels(engine, text)


@pytest.mark.parametrize("text", [
    "老师说人社部明确了，具体怎么办我也没听懂。",  # relayed from someone met
    "我觉得外交部回应得挺好的，不卑不亢。",  # an opinion about the act
    "强烈希望人大常委会通过这部法律！",  # an act demanded, not reported
    "据新华社报道，人社部明确，今年起灵活就业人员可在就业地参加职工养老保险。",  # sourced
])
def test_a_public_bodys_act_relayed_judged_or_sourced_misses_none(engine, text) -> None:
    assert "source_missing" not in acted_labels(engine, text)


# --- source_missing: a rule's future stated from its day -------------------------------------------------------------

def test_a_rule_that_will_hold_from_its_day_with_no_source_misses_one(engine) -> None:
    text = "交通运输部：2026年起全国高速公路服务区将统一配建充电桩，每个服务区不少于四个车位。"
    assert "source_missing" in acted_labels(engine, text)


@pytest.mark.parametrize("text", [
    "明年起我将去外地读研，家里的猫就拜托爸妈了。",  # the poster's own plan
    "据交通运输部官网今天发布的通知，2026年起高速公路服务区将统一配建充电桩。",  # the same rule, sourced
])
def test_an_own_plan_or_a_sourced_rule_misses_none(engine, text) -> None:
    assert "source_missing" not in acted_labels(engine, text)


# --- clickbait: what the post asks the reader to do, as the price of what it promises --------------------------------

@pytest.mark.parametrize("text", [
    "挑战第30天：点赞过五万明天就去冰湖里泡十分钟，说到做到！",  # any act put on a like count
    "每满一千个转发我就往山区小学寄一箱书，大家帮我转起来！",
    "那只走丢的猫最后找没找到？私信我回复“猫”告诉你结局",  # the answer sent once the reader writes in
    "关于那位网红的全部录音我都拿到了，今晚9点一次性公布，先点关注别错过！",  # a reveal put off, a follow asked now
])
def test_a_promise_put_on_the_readers_engagement_is_clickbait(engine, text) -> None:
    assert "clickbait" in acted_labels(engine, text)


@pytest.mark.parametrize("text", [
    "今天终于涨到一千个粉丝了，谢谢大家一直以来的陪伴！",  # a count reached, nothing promised for it
    "有问题可以私信我，看到都会回复的。",  # an offer to answer, nothing withheld
    "新书今晚8点在官网公布目录，感兴趣的朋友可以去看看。",  # a time announced, no follow asked as the price
])
def test_engagement_named_without_a_promise_bought_with_it_is_no_clickbait(engine, text) -> None:
    assert "clickbait" not in acted_labels(engine, text)


# --- rumor: the authority that handled it said to be bought; the truth promised to an audience ----------------------

def test_a_case_said_to_be_covered_up_by_bought_police_is_a_rumour(engine) -> None:
    text = ("我是那个被打外卖员的表哥，跟大家说句实话，打人的家里有关系，派出所收了好处，这事就这么算了，"
            "求大家帮忙顶上去")
    assert "rumor" in acted_labels(engine, text)


def test_an_opinion_opened_by_shuo_shihua_stays_an_opinion(engine) -> None:
    assert "rumor" not in acted_labels(engine, "说实话，这家店的面一般，汤头有点咸。")


def test_a_debunk_that_the_police_were_bought_stays_clean(engine) -> None:
    text = "网传“警察收了钱才放人”系谣言，市公安局已发布警情通报，当事人已依法行政拘留。"
    assert "rumor" not in acted_labels(engine, text)


# --- unlicensed_news: a media company's reporter --------------------------------------------------------------------

def test_a_self_introduced_media_company_reporter_is_unlicensed_news(engine) -> None:
    text = "我是某某传媒的记者，今天暗访了这家驾校的考场，教练收钱包过的事我们都拍下来了。"
    assert "news.genre.self_introduced_reporter" in evidence_rules(engine, text, "unlicensed_news")


def test_a_schools_little_reporter_is_no_news_service(engine) -> None:
    assert "unlicensed_news" not in acted_labels(engine, "我是学校融媒体中心的小记者，今天采访了食堂的阿姨。")
