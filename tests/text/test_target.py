"""Whom an insult is aimed at (qinglang.text.target), and the model detector keeping only the label that fits it
(param `target_split`: cold reports abuse and antagonism at once). Our own sentences, written for these tests."""

from __future__ import annotations

import pytest

from qinglang.detectors import Views
from qinglang.errors import ConfigError
from qinglang.model import Content
from qinglang.models.detector import ModelDetector
from qinglang.text.normalize import default_normalizer
from qinglang.text.target import group_cue, group_word, person_cue, read_target


@pytest.mark.parametrize(("text", "kind"), [
    ("山西人都是抠门精，跟他们合伙就是找罪受", "group"),            # a people of a place, universal predicate
    ("女的就是不行，停个车都停不进去", "group"),                     # a sex, 就是
    ("这帮外地佬把物价都抬上去了，全滚回老家", "group"),             # a collective determiner
    ("搞IT的没一个好东西，秃头还自大", "group"),
    ("那个省的人天生就爱占便宜", "group"),                            # a place named only by a demonstrative
    ("你这种废物也配开直播？回家种地去吧", "person"),                # second person
    ("楼主脑子进水了吧，说的什么玩意", "person"),                     # a thread role
    ("这女的一看就是装的，恶心", "person"),                           # a demonstrative of one
    ("河北人都是骗子，你也是一样的货色", None),                       # both: the model's two labels stand
    ("今天的天气真让人烦躁", None),                                   # neither
])
def test_target_kind(text: str, kind: str | None) -> None:
    assert read_target(text) == kind


@pytest.mark.parametrize(("text", "kind"), [
    # session 14 (prec14): negative universals, a few words between the people and the predicate, a group sent off
    # at once, a people of a place as the subject of the deed; our own sentences
    ("开车的女的就不该上高速，太吓人", "group"),
    ("城里人素质就是高？别逗了", "group"),
    ("某某省人就没一个老实的", "group"),
    ("建议这些键盘侠全体回炉重造", "group"),
    ("外省人滚出我们小区", "group"),
    ("这帮外地佬素质就这样", "group"),                  # the determiner is read before the noun-predicate pattern
    ("吃咸粽子的北方人都是怪人", "group"),               # a possessive phrase before the people noun is read past
    ("他的视频就是垃圾，别看了", None),                   # someone's thing, not a people
    ("把她拉进群里大家一起骂", "person"),                 # one person in the third person
    ("这种垃圾老师就该被开除", "person"),
    ("这个律师收了黑钱吧", "person"),
    ("你家孩子就是欠管", "person"),                       # 你家: a household, no group
])
def test_target_kind_session14(text: str, kind: str | None) -> None:
    assert read_target(text) == kind


def test_the_reader_and_the_speaker_are_no_group_and_discourse_you_is_no_person() -> None:
    assert group_cue("我们都是普通人，大家都是打工的") is None
    assert person_cue("你懂的，这种事大家都见过") is None
    assert person_cue("你知道吗，物价又涨了") is None


def _signals(det: ModelDetector, text: str) -> dict[str, tuple[float, str | None]]:
    c = Content(id="t", text=text)
    out = {}
    for s in det.detect(c, Views.build(c, default_normalizer())):
        out[s.label] = (s.score, s.evidence[0].scope if s.evidence else None)
    return out


SPLIT = {"abuse": "person", "antagonism": "group"}


def test_cold_keeps_the_label_of_the_target_and_discounts_the_other() -> None:
    plain = ModelDetector.shipped(["cold"], min_score=0.5)
    split = ModelDetector.shipped(["cold"], min_score=0.5, target_split=SPLIT, target_factor=0.3)
    group = "黑鬼都是垃圾，滚出中国去"
    before, after = _signals(plain, group), _signals(split, group)
    assert set(before) == {"abuse", "antagonism"}
    assert after["antagonism"] == before["antagonism"]  # the group target's label stands
    assert after["abuse"][0] == pytest.approx(before["abuse"][0] * 0.3, abs=1e-4)
    assert "target:group:" in (after["abuse"][1] or "")  # the reading is in the evidence


def test_a_person_target_keeps_abuse() -> None:
    plain = ModelDetector.shipped(["cold"], min_score=0.5)
    split = ModelDetector.shipped(["cold"], min_score=0.5, target_split=SPLIT)
    text = "你这个傻逼，滚出去，看见你就恶心"
    before, after = _signals(plain, text), _signals(split, text)
    if not before:
        pytest.skip("cold does not flag this sentence")
    assert after["abuse"] == before["abuse"]
    assert after["antagonism"][0] < before["antagonism"][0]
    assert "target:person:" in (after["antagonism"][1] or "")


def test_a_single_label_model_is_not_split() -> None:
    det = ModelDetector.shipped(["swsr"], min_score=0.5, target_split=SPLIT)
    plain = ModelDetector.shipped(["swsr"], min_score=0.5)
    text = "你这种女的就该在家带孩子"
    assert _signals(det, text) == _signals(plain, text)


def test_bad_target_split_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        ModelDetector.shipped(["cold"], target_split={"abuse": "crowd"})
    with pytest.raises(ConfigError):
        ModelDetector.shipped(["cold"], target_split=SPLIT, target_factor=1.5)


@pytest.mark.parametrize(("text", "word"), [
    # session 16 (story16): a people noun anywhere, generalized or not; our own sentences
    ("湖南佬做生意就是精", "湖南佬"),
    ("这代00后真难带", "00后"),
    ("外卖骑手今天又闯红灯", "外卖骑手"),
    ("普信到这种地步也是少见", "普信"),
    ("一群人在楼下吵了一晚上", "一群"),
    ("今天的天气真让人烦躁", None),
    ("卖这种东西的商家不得好死", None),
    # a race, a nation, a city's people, a place named bare, a sex; a verb or a household before 人 is no people
    ("日本人的综艺看多了", "日本人"),
    ("莆田人开的店", "莆田人"),
    ("恶心的东北再也不回去了", "东北"),
    ("女生宿舍今晚停电", "女生"),
    ("全村人都来帮忙杀年猪", None),
    ("这么多人骂人也没用", None),
])
def test_group_word(text: str, word: str | None) -> None:
    assert group_word(text) == word


def test_no_people_noun_at_all_keeps_abuse_and_discounts_antagonism() -> None:
    plain = ModelDetector.shipped(["cold"], min_score=0.5, target_split=SPLIT)
    need = ModelDetector.shipped(["cold"], min_score=0.5, target_split=SPLIT, need_group_word=True)
    text = "真是垃圾玩意儿，滚吧，恶心死了，赶紧去死"
    before, after = _signals(plain, text), _signals(need, text)
    if "antagonism" not in before:
        pytest.skip("cold does not flag this sentence")
    assert read_target(text) is None and group_word(text) is None
    assert after["abuse"] == before["abuse"]                     # the insult stands
    assert after["antagonism"][0] == pytest.approx(before["antagonism"][0] * 0.3, abs=1e-4)
    assert "target:person:none" in (after["antagonism"][1] or "")
    # a people noun in the post (not generalized): both labels stand as before
    text = "外地人真是垃圾玩意儿，滚吧，恶心死了"
    assert _signals(need, text).get("antagonism") == _signals(plain, text).get("antagonism")


def test_a_people_noun_with_no_one_person_in_sight_keeps_antagonism_and_discounts_abuse() -> None:
    # session 17 (lang17): our own sentences; a people noun not generalized by the grammar, and nobody addressed
    plain = ModelDetector.shipped(["cold"], min_score=0.5, target_split=SPLIT)
    grp = ModelDetector.shipped(["cold"], min_score=0.5, target_split=SPLIT, group_by_people_noun=True)
    text = "外地人真是垃圾玩意儿，滚吧，恶心死了"
    before, after = _signals(plain, text), _signals(grp, text)
    if "abuse" not in before:
        pytest.skip("cold does not flag this sentence")
    assert read_target(text) is None and group_word(text) == "外地人"
    assert after["antagonism"] == before["antagonism"]           # the people run down stands
    assert after["abuse"][0] == pytest.approx(before["abuse"][0] * 0.3, abs=1e-4)
    assert "target:group:外地人" in (after["abuse"][1] or "")
    # one person in sight (addressed, or named by her things): both labels stand as before
    for text in ("外地人真是垃圾玩意儿，你滚吧，恶心死了", "外地人真是垃圾玩意儿，她的脸恶心死了"):
        assert _signals(grp, text) == _signals(plain, text)
