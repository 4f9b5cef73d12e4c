"""Session-13 classes of the claims scorers (news13), on posts written for these tests (not the writer sets): calm
local rumours told with a call to stay away, a forwarded chain message that names a family group, and the
personal and sourced posts that share their words."""

from __future__ import annotations

import pytest

from qinglang.detectors.base import Views
from qinglang.detectors.claims import ClaimsDetector
from qinglang.engine import Engine
from qinglang.model import Content
from qinglang.text.acts import read_text


def _signals(engine: Engine, det: ClaimsDetector, text: str, title: str = "") -> dict:
    c = Content.from_json({"id": "t", "text": text, "title": title})
    return {s.label: s for s in det.detect(c, Views.build(c, engine.normalizer))}


@pytest.mark.parametrize("text", [
    # a crime told calmly: the night before, a household, a culprit at large, stay in
    "前天夜里西街那边一家三口被杀了，凶手至今没落网，这几天晚上别出门",
    # a structure gone, unattributed footage, stay away
    "实拍！昨天傍晚城北那座老桥垮了，十几辆车掉进河里，大家千万绕开",
])
def test_a_calm_local_rumour_with_a_call_to_stay_away_is_a_rumour(engine, det, text) -> None:
    sig = _signals(engine, det, text)["rumor"]
    assert sig.score >= 0.6
    assert {"claims.rumor.number_date", "claims.rumor.consequence"} <= {e.rule for e in sig.evidence}


@pytest.mark.parametrize("text", [
    # the poster's own footage of the weather, with where and when: a note, not a rumour
    "2024年6月3日下午4点，解放路口雨太大了，积水快到小腿了，大家绕开走。本人实拍。",
    # the police's own account of a case it solved
    "警情通报：昨晚南街发生一起持刀伤人案，犯罪嫌疑人已被抓获，伤者无生命危险。",
])
def test_a_personal_note_and_a_police_notice_are_not_rumours(engine, det, text) -> None:
    assert "rumor" not in _signals(engine, det, text)


def test_a_family_group_the_reader_is_told_to_forward_to_is_no_personal_notice() -> None:
    assert not read_text(["重要通知！明年起这三类人的医保将停缴，看完转给家人群"]).acts
    assert [a.kind for a in read_text(["今晚家人群里发红包，我抢了88"]).acts] == ["personal"]


def _clickbait(engine: Engine, title: str, body: str) -> float:
    from qinglang.claims.score import Cues
    from qinglang.claims.title import score_title

    c = Content.from_json({"id": "t", "title": title, "text": body})
    s = score_title(Cues.load(), Views.build(c, engine.normalizer))
    return s.clickbait.raw if s is not None else 0.0


def test_a_deadline_title_is_bait_only_over_a_body_about_something_else(engine) -> None:
    threshold = 1.0  # cues.yaml clickbait scale
    solstice = "今天是冬至，北方吃饺子南方吃汤圆，夜最长的一天，早点休息。"
    sale = "冬装清仓活动今天是最后一天，全场五折，门店在城西商场三楼。"
    assert _clickbait(engine, "最后一天！错过再等一年", solstice) >= threshold
    assert _clickbait(engine, "最后一天！冬装清仓五折", sale) < threshold


@pytest.mark.parametrize(("title", "body"), [
    # a lively honest title: 看完了 is a verb's end, not "it's over"
    ("三亚春节实测 坑都替你们踩完了",
     "1. 机票提前两个月订 2. 海鲜去菜市场自己买再加工 3. 亚龙湾人少水清 4. 防晒一定要带足"),
    # a secret the body tells
    ("牙医教你：刷牙的小秘密",
     "刷牙要用巴氏刷牙法，牙刷和牙龈呈45度，每次两分钟，三个月换一次牙刷，睡前刷完别再吃东西。"),
    # a post renouncing the shock style names it (震惊体) and counts its clicks (点击是高了)
    ("我们号不再用“震惊体”标题了", "以前用过“震惊！”这种标题，点击是高了，可读者骂得对，以后标题只写事实。"),
])
def test_honest_titles_that_share_bait_words_are_not_clickbait(engine, title, body) -> None:
    assert _clickbait(engine, title, body) < 1.0


@pytest.mark.parametrize("text", [
    # an event with its figures that closes on a well-wish (大家注意安全 is no alarm)
    "今天凌晨3时许，四川某县发生4.6级地震，震源深度12公里，暂无人员伤亡。大家注意安全。",
    # a national figure, with no issuer named
    "今年前三季度全国城镇新增就业1022万人，调查失业率平均5.1%。",
    # a neighbour state's act, reported with its figures
    "东京电力今天开始新一轮核污染水排海，计划排放约7800吨。",
])
def test_an_unsourced_report_of_a_current_affair_is_marked_source_missing(engine, det, text) -> None:
    got = _signals(engine, det, text)
    assert "source_missing" in got
    assert "rumor" not in got


def test_the_posters_own_account_with_an_all_clear_is_no_report(engine, det) -> None:
    text = "昨晚我们楼下来了两辆消防车，我下去问了，是一户人家油锅起火，已经扑灭，没有人受伤"
    assert not _signals(engine, det, text).keys() & {"source_missing", "rumor"}


def test_a_residents_outage_note_with_the_repair_in_hand_is_no_rumour(engine, det) -> None:
    text = "我们楼今天上午突然停水了，物业说是主水管爆了，师傅正在抢修，估计下午能来水，大家先接点水备用"
    assert "rumor" not in _signals(engine, det, text)


def test_a_science_correction_that_says_it_cannot_harm_is_no_false_science(engine, det) -> None:
    text = "手机信号是非电离辐射，能量根本伤害不了细胞，国家有电磁辐射限值标准，别自己吓自己"
    assert "false_science" not in _signals(engine, det, text)


def test_an_outlets_own_casualty_report_is_a_licence_matter_not_an_unsourced_rumour(engine) -> None:
    text = "【快讯】今天上午9时许，城南大桥发生多车相撞，目前已造成2人死亡。本台记者正在现场跟进。"
    d = engine.moderate({"id": "t", "text": text, "author": {"name": "城南快讯"}})
    assert "unlicensed_news" in {lr.label for lr in d.labels} and d.action != "pass"
    assert not any(e.rule.startswith("frame.rumor.unsourced_casualty") for lr in d.labels for e in lr.evidence)
    # the same report with no outlet behind it is an unsourced casualty report
    bare = engine.moderate({"id": "t", "text": "突发！今天上午9时许，城南大桥发生多车相撞，目前已造成2人死亡。"})
    assert any(e.rule.startswith("frame.rumor.unsourced_casualty") for lr in bare.labels for e in lr.evidence)


def test_a_source_that_names_no_one_checkable_cites_nothing(engine, det) -> None:
    claim = "下个月起全市公交全部停运改成共享单车，赶紧把公交卡里的钱退了"
    for nobody in ("（消息来源：网络）", "来源：我表姐同事的老公"):
        assert "rumor" in _signals(engine, det, claim + nobody)
    assert "rumor" not in _signals(engine, det, claim + "（来源：市交通运输局官网）")


def test_a_question_an_expert_answers_is_no_clickbait_but_a_withheld_answer_is(engine) -> None:
    answered = "网上常说“剩饭千万别吃了”。医院营养科提醒：剩饭及时冷藏、24小时内吃完并热透，一般是安全的。"
    assert _clickbait(engine, "剩饭能不能吃？营养师这样说", answered) < 1.0
    assert _clickbait(engine, "剩饭能不能吃？营养师这样说", "想知道答案的关注我，私信回复剩饭领取完整版") >= 1.0
