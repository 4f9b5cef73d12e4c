"""Session-10 classes of the claims scorers (claims10), on posts written for these tests (not the blind sets):
who names the source, when a mild title is delivered, and the innocent and guilty readings the scorers now tell
apart. `engine` is the session's shared default engine (tests/conftest.py); only its normalizer is read."""

from __future__ import annotations

import pytest

from qinglang.claims.score import Cues
from qinglang.claims.title import score_title
from qinglang.detectors.base import Views
from qinglang.model import Content
from tests.detectors.support import detector_labels

POLICY = "医保新规下月起实施，退休人员养老金调整"


def test_the_poster_named_in_the_metadata_is_the_source(engine, det) -> None:
    def got(**meta: object) -> set[str]:
        return detector_labels(engine, det, POLICY, **meta)

    assert "source_missing" in got()
    # a verified institution speaking for itself, a licensed outlet, a declared source: no source to ask for
    assert "source_missing" not in got(author={"name": "某市医疗保障局", "verified": True})
    assert "source_missing" not in got(author={"name": "城市早报", "news_license": "1012"})
    assert "source_missing" not in got(declared={"source": "市医保局"})
    # an unverified account that only takes an institution's name is not one
    assert "source_missing" in got(author={"name": "某市医疗保障局", "verified": False})


def test_a_declared_source_discounts_a_rumour_reading(engine, det) -> None:
    text = "明天起全市统一停水三天，大家赶紧储水"
    assert "rumor" in detector_labels(engine, det, text)
    assert "rumor" not in detector_labels(engine, det, text, declared={"source": "市自来水公司"})


@pytest.mark.parametrize("text", [
    "收到录取通知书啦！9月1日去学校报到，开心",                      # 通知书 is a letter, not a policy notice
    "看了延迟退休的方案，我算了一下自己要到63岁才退休，慢慢熬吧",    # the poster's own sum, no public fact
    "如果明天台风登陆，地铁停运，那我们公司还要不要上班？",          # a supposition argued, not a report
    "【旧闻】2015年的今天，这里发生过一场大火，如今新楼已经建好",      # old news retold as such
])
def test_personal_posts_and_old_news_are_not_missing_a_source(engine, det, text) -> None:
    assert not detector_labels(engine, det, text) & {"source_missing", "rumor"}


def test_a_mild_title_counts_only_when_the_body_fails_it(engine) -> None:
    cues = Cues.load()

    def clickbait(title: str, text: str) -> float:
        c = Content.from_json({"id": "t", "title": title, "text": text})
        t = score_title(cues, Views.build(c, engine.normalizer))
        return t.clickbait.raw if t is not None else 0.0

    title = "芒果原来这样切最省事，后悔没早点知道"
    steps = "芒果竖着放，贴着核左右各切一刀，果肉划成井字格，再从背面往上一顶，一块块就能直接咬着吃，手也不会黏糊糊的。"
    assert clickbait(title, steps) < cues.clickbait_scale.threshold
    # the same title over a body that withholds the method and sells is bait
    bait = "方法都在我主页置顶视频里，关注我，私信领取完整教程，还送刀具优惠券。"
    assert clickbait(title, bait) >= cues.clickbait_scale.threshold
    # an absolute the body does not carry keeps the emphasis (永久 over a seven-day waiver)
    waiver = "交通部门发布通知，春节假期七天小型客车免费通行，具体时间为除夕零点至初六二十四时。"
    assert clickbait("定了！这些路段永久免费通行", waiver) >= cues.clickbait_scale.threshold


def test_an_ai_model_is_no_denial_of_the_title(engine) -> None:
    cues = Cues.load()
    c = Content.from_json({"id": "t", "title": "独家！某歌手新歌小样流出",
                           "text": "刚拿到的，音色是我用他的歌训练的AI模型唱的，大家听听像不像"})
    t = score_title(cues, Views.build(c, engine.normalizer))
    assert t is not None and not any(p.family == "denial" for p in t.clickbait.parts)
    # a replica still is one (the title's explosion was a model's)
    replica = Content.from_json({"id": "t", "title": "高铁站台发生爆炸",
                                 "text": "视频里炸掉的是个一比十的火车模型，拍摄于模型展。"})
    t = score_title(cues, Views.build(replica, engine.normalizer))
    assert t is not None
    denial = [p for p in t.clickbait.parts if p.family == "denial"]
    assert denial and {f.end - f.start for f in denial[0].found} == {2}


def test_a_prescribed_treatment_is_not_false_science_and_a_rhetorical_close_still_claims(engine, det) -> None:
    assert "false_science" not in detector_labels(
        engine, det, "乙肝小三阳，吃了医生开的抗病毒药两年，每半年复查一次，这次终于转阴了，继续听医生的")
    assert "false_science" in detector_labels(
        engine, det, "晚上洗完头不吹干，湿气会钻进骨头里，我妈说隔壁阿姨就是这样偏瘫的，你们还敢湿着头发睡？")
