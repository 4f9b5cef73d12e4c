"""Session-16 classes of task 4 and the claims (news16): clickbait by structure, a public figure's change told in plain
words, an app's push, a refuted health claim — on posts written for these tests (not the writer sets)."""

from __future__ import annotations

from typing import Any

import pytest
from news_classes import acted_labels, evidence_rules

from qinglang.claims.score import score_rumor
from qinglang.detectors.claims import REFUTED_FACTOR, ClaimsDetector
from qinglang.engine import Engine
from qinglang.model import Content, Evidence, Signal
from qinglang.stages import build_views

# --- clickbait: a title that stops short ------------------------------------------------------------------------------

def test_a_title_that_stops_short_is_clickbait(engine) -> None:
    body = "一位老人在自家菜园里挖出一个陶罐，文物部门鉴定为清代普通民用器物，已由当地博物馆收藏。"
    assert "clickbait" in acted_labels(engine, body, title="老人在菜园里挖出一个罐子，专家连夜赶来……")
    assert "clickbait" not in acted_labels(engine, body, title="老人菜园挖出清代陶罐，已由博物馆收藏")


def test_a_life_told_in_the_posters_own_voice_under_such_a_title_is_not_bait(engine) -> None:
    got = acted_labels(engine, "外公前天夜里在医院走了，走得很安详。小时候他每天骑车送我上学，以后再也见不到他了。",
                  title="他走了……")
    assert "clickbait" not in got


# --- clickbait: a caption that withholds its answer ------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "小区门口的早餐店突然排起长队，原因竟然是……看完我也去排了",
    "这条一定要看到最后，前面都是铺垫 #生活小技巧",
])
def test_a_caption_that_cuts_off_its_answer_or_asks_to_watch_to_the_end_is_clickbait(engine, text) -> None:
    assert "clickbait" in acted_labels(engine, text)


def test_the_full_pictures_held_back_for_a_follow_is_clickbait(engine) -> None:
    assert "clickbait" in acted_labels(engine, "某网红餐厅后厨被拍到的画面太离谱了，完整照片关注后私信获取")


def test_a_body_saying_there_is_no_such_plan_takes_the_title_back(engine) -> None:
    got = acted_labels(engine, "网传全市路边停车将全面免费。交通部门表示，目前并无该计划，现行收费标准继续执行。",
                  title="重磅！下月起全市停车全面免费")
    assert "clickbait" in got


def test_a_plain_caption_is_not(engine) -> None:
    assert "clickbait" not in acted_labels(engine, "早餐店今天开始卖豆腐脑了，三块钱一碗，味道不错，推荐给邻居们")


# --- clickbait: a title's sweeping claim over a narrowing body -------------------------------------------------------

NARROWED = "本市部分公交线路将于周末调整首末班时间，其余线路运营时间不变。"


def test_a_sweeping_title_over_a_body_that_narrows_it_is_clickbait(engine) -> None:
    assert "clickbait" in acted_labels(engine, NARROWED, title="刚刚，公交全面停运！")
    # the evidence shows the title's sweep and the body's narrowing words
    rules = evidence_rules(engine, NARROWED, "clickbait", title="刚刚，公交全面停运！")
    assert {"claims.clickbait.title.overclaim", "claims.clickbait.body.narrowing"} <= rules


def test_a_title_that_says_what_the_body_says_is_not(engine) -> None:
    # the title names the part itself (部分), or the body carries the sweep
    assert "clickbait" not in acted_labels(engine, NARROWED, title="部分公交线路周末调整首末班时间")


def test_an_unnamed_subject_after_a_breaking_word_over_a_smaller_story_is_clickbait(engine) -> None:
    got = acted_labels(engine, "某业余乐队的鼓手在社交平台发文，称因手腕受伤将暂停演出两个月，感谢大家关心。",
                  title="刚刚，他宣布退出乐坛")
    assert "clickbait" in got


# --- clickbait: a trending event's hashtag as the hook for a sale ----------------------------------------------------

def test_a_trending_events_hashtag_over_a_sale_is_clickbait(engine) -> None:
    text = "#某地台风# 台风天在家别出门，顺便说下我家的充电宝今天限时特价，链接在橱窗"
    assert "clickbait" in acted_labels(engine, text)


def test_a_trending_events_hashtag_over_help_is_not(engine) -> None:
    assert "clickbait" not in acted_labels(engine, "#某地台风# 台风天大家别出门，阳台的花盆收一收，注意安全")


# --- source_missing: a public figure's change told in plain words ----------------------------------------------------

@pytest.mark.parametrize("text", [
    "公积金贷款利率又调了，首套从3.1降到2.85，还贷的朋友下个月开始少还一点",
    "城乡居民医保个人缴费标准出来了，明年每人每年380元，比今年涨了30元",
])
def test_a_public_figures_change_told_in_plain_words_misses_its_source(engine, text) -> None:
    assert "source_missing" in acted_labels(engine, text)


@pytest.mark.parametrize("text", [
    # the poster's own life, not a report
    "我这个月公积金贷款又还了3000，还剩二十年，慢慢还吧",
    # the official word cited as where the answer is
    "我家就在那个路口，警方通报已经出来了，原因还在调查，大家别乱猜，等官方结果",
])
def test_a_life_or_a_cited_official_word_is_not(engine, text) -> None:
    assert "source_missing" not in acted_labels(engine, text)


@pytest.mark.parametrize("text", [
    # a scheme's card is a document the reader brings
    "街道卫生站本周日上午9点到11点免费测血糖，带上社保卡就行，65岁以上优先",
    # the poster's own generated story: an AI label is what it lacks
    "这张“洪水里消防员背老人”的图是我用AI生成的，发出去一天转发过万，下次再做一组台风的",
])
def test_a_card_or_the_posters_own_ai_story_is_no_report_missing_a_source(engine, text) -> None:
    assert "source_missing" not in acted_labels(engine, text)


# --- unlicensed_news: an app's push ----------------------------------------------------------------------------------

def test_an_apps_push_of_tagged_current_affairs_news_is_an_unlicensed_news_service(engine) -> None:
    text = "【要闻】外交部今日举行例行记者会，就近期国际局势回答记者提问"
    app = {"name": "好运万年历", "verified": True}
    assert "unlicensed_news" in acted_labels(engine, text, surface="popup", author=app)
    # the same words shared by a person on their feed cite a news item; no news service
    assert "unlicensed_news" not in acted_labels(engine, text, surface="feed", author={"name": "爱跑步的小林"})


# --- a learned false_science reading of a post that refutes the claim ------------------------------------------------

def _views(text: str, engine: Engine) -> Any:
    return build_views(Content(id="t", text=text), engine._state.normalizer).views


def _learned(text: str) -> Signal:
    ev = Evidence("text", 0, 2, text[:2], text[:2], "model.recall.false_science", "recall@x")
    return Signal("false_science", 0.62, "model.recall.false_science", "recall@x", (ev,))


def test_a_learned_false_science_signal_on_a_plain_refutation_is_taken_back(engine) -> None:
    det = ClaimsDetector()
    text = "说吃醋能软化血管的别害人了，我爸血管斑块就是按医生开的药控制的，药也不能自己停"
    views = _views(text, engine)
    det.detect(Content(id="t", text=text), views)
    got = det.adjust(Content(id="t", text=text), views, [_learned(text)])
    assert got[0].score == pytest.approx(0.62 * REFUTED_FACTOR)
    assert got[0].evidence[0].scope == "claims:refuted"


@pytest.mark.parametrize("text", [
    "高血压别吃药了，吃什么降压药都没用，每天喝一杯芹菜汁一个月就好",
    # a myth calls the sound view a scam: 骗人的, 骗局, 谣言 do not take the learned reading back
    "说打流感疫苗有用的都是骗人的，我家孩子从来不打，喝姜汤就不会感冒",
    "少吃盐能降血压是骗局，盐吃少了人没力气，血压高了多喝醋就降下来了",
])
def test_a_myth_keeps_the_learned_reading(engine, text) -> None:
    det = ClaimsDetector()
    views = _views(text, engine)
    got = det.adjust(Content(id="t", text=text), views, [_learned(text)])
    assert got[0].score == pytest.approx(0.62)


# --- masked credits and sob stories ----------------------------------------------------------------------------------

def test_a_national_programme_credited_for_a_masked_scandal_is_a_claimed_credit(engine) -> None:
    det = ClaimsDetector()
    views = _views("昨晚新闻联播说某知名演员偷税被查了", engine)
    assert "masked_attribution" in {p.family for p in score_rumor(det.cues, views).parts}


def test_a_body_broken_at_work_sold_with_a_plea_is_staged_sympathy(engine) -> None:
    assert "staged" in acted_labels(engine, "在工地上摔残了，媳妇跑了，家里还有俩娃要养，家人们点点小黄车帮帮我")
