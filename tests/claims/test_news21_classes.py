"""Session-21 classes of task 4 (news21): a public body's own act told as the news names no channel it was published
in — on posts written for these tests (not the writer sets)."""

from __future__ import annotations

import pytest
from news_classes import acted_labels, evidence_rules

# --- source_missing: the body's act is the story, not its source ----------------------------------------------------


@pytest.mark.parametrize("text", [
    "外交部回应了，表示将继续扩大高水平对外开放，欢迎更多外国游客来华。",
    "突发：国务院发布新规，明年起所有城市公交实行统一票价。",
])
def test_a_public_bodys_own_act_told_as_news_misses_a_source(engine, text: str) -> None:
    assert "source_missing" in acted_labels(engine, text)
    assert evidence_rules(engine, text, "source_missing") & {"topic.current_affairs", "topic.public_policy"}


@pytest.mark.parametrize("text", [
    "据新华社报道，外交部回应了，表示将继续保持沟通。",  # a channel the reader can check
    "外交部官网发布消息：双方同意继续保持沟通。",
])
def test_the_same_act_with_a_named_channel_cites_it(engine, text: str) -> None:
    assert "source_missing" not in acted_labels(engine, text)


def test_a_reader_told_to_check_an_offices_notice_reads_no_report(engine) -> None:
    text = "看到“某小学食物中毒”这种消息先别转，去查卫健委或教育局通报再说。"
    assert "source_missing" not in acted_labels(engine, text)


# --- source_missing: a post that points to the document it reports --------------------------------------------------


@pytest.mark.parametrize("text", [
    "云帆科技今天发布半年报，营收同比增长18%，净利润扩大。附年报原文链接",
    "我市自下月起实施新的垃圾分类办法，厨余垃圾定时定点投放。详见《市生活垃圾分类管理实施方案》。",
])
def test_a_report_pointing_to_its_document_names_its_source(engine, text: str) -> None:
    assert "source_missing" not in acted_labels(engine, text)


def test_a_document_named_as_what_was_passed_is_no_pointer(engine) -> None:
    text = "国务院常务会议今天审议通过《关于促进乡村旅游发展的意见》，提出20条举措。"
    assert "source_missing" in acted_labels(engine, text)


# --- staged: the post itself shows the scene was set up ---------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "爷爷八十岁了还在山上挑柴，家里的核桃再卖不掉就要过不了冬了……（镜头外：爷爷再往前走两步，好，重来一遍）",
    "小伙子在路口扶起摔倒的大爷，围观的人都鼓掌了（场外小声：鼓掌整齐一点，好，继续）",
])
def test_a_backstage_direction_in_the_post_shows_a_staged_scene(engine, text: str) -> None:
    assert "staged" in acted_labels(engine, text)
    assert "frame.staged.backstage_direction.backstage_direction" in evidence_rules(engine, text, "staged")


@pytest.mark.parametrize("text", [
    "短剧《山里的春天》拍摄花絮：（导演：再来一条！）演员们冒着大雨拍完了这场戏，辛苦了。",
    "记者调查：部分卖惨主播在布景棚里拍摄，视频里能听到（镜头外：再哭一遍）的声音，已向平台举报。",
])
def test_declared_fiction_or_a_report_about_staging_is_not_staged(engine, text: str) -> None:
    assert "staged" not in acted_labels(engine, text)


# --- clickbait: an opening that teases an event the post reveals, later, to be something else -------------------------


@pytest.mark.parametrize("text", [
    "千万不要点开这个视频，看完你会后悔一辈子……（点开是一家奶茶店的开业活动）",
    "他走了，年仅42岁……😭 陪了我们十年的“李队长”，今晚在剧中正式下线，编剧太狠了",
])
def test_an_opening_that_teases_what_a_closing_note_or_a_drama_takes_back_is_clickbait(engine, text: str) -> None:
    assert "clickbait" in acted_labels(engine, text)
    assert "claims.clickbait.opening.reveal" in evidence_rules(engine, text, "clickbait")


@pytest.mark.parametrize("text", [
    "【短篇连载】那天夜里，镇上的桥突然断了，阿青抱着弟弟往山上跑……（本文为原创小说，人物情节均为虚构）",
    "家长一定要看！！有人在游戏里冒充客服加孩子好友，骗孩子拿爸妈手机扫码。大家跟孩子聊聊⚠️",
    "今晚有大到暴雨，请市民减少外出……（来源：市气象台）",
])
def test_a_story_a_warning_or_a_credit_line_closing_a_post_is_no_reveal(engine, text: str) -> None:
    assert "clickbait" not in acted_labels(engine, text)


def test_a_teasing_title_over_a_body_whose_closing_note_says_what_it_shows_is_clickbait(engine) -> None:
    title = "震惊！某歌手深夜被带走"
    text = "震惊！某歌手深夜被带走，原因让人泪目……（正文：他是去机场接刚回国的妈妈）"
    assert "clickbait" in acted_labels(engine, text, title=title)


def test_a_plain_title_over_a_body_with_a_closing_credit_is_no_clickbait(engine) -> None:
    title = "本周末我市有大到暴雨"
    text = "本周末我市有大到暴雨，请市民减少外出。（来源：市气象台）"
    assert "clickbait" not in acted_labels(engine, text, title=title)
