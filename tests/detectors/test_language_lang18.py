"""Session 18 (lang18): campaign 8's cloaks read by how they are written — an abbreviation or a pictograph standing for
a word in an attack, half a word spelt in pinyin, and an abbreviation its writer spells out. Sentences written for
this test, none taken from a writer set."""

from __future__ import annotations

from qinglang.detectors.language_styles import abbreviations
from qinglang.lexicon.matcher import spelled_out
from qinglang.model import Evidence, Signal

from .support import carried_cascade as _cascade


def _sig(label: str, score: float) -> Signal:
    return Signal(label, score, f"test.{label}", "test@1", (Evidence("text", 0, 1, "x", "x", f"test.{label}"),))


def test_abbreviations_are_vowel_free_letters_beside_chinese() -> None:
    assert [w for _, _, w in abbreviations("那人就是个 sb 吧，建议zs")] == ["sb", "zs"]
    assert abbreviations("他家是不是 mq 了") == [(6, 8, "mq")]
    # English words (a vowel or y), capitals, the placeholder xx, vs, and letters far from any Chinese: none
    for text in ("今天去gym练腿", "这首歌太nice了", "买了件XL的外套", "叫xx的那个同学", "x x x的粉丝",
                 "甜党vs咸党", "see you tmrw"):
        assert abbreviations(text) == [], text


def test_an_abbreviation_spelt_out_in_brackets_reads_as_its_gloss(engine) -> None:
    assert spelled_out("周末去公园yp（约拍）吗", 5, 7) == "约拍"
    assert spelled_out("周末去公园yp（带相机）吗", 5, 7) is None  # the bracket says something else
    assert abbreviations("表哥是hg（海归），回来三年了") == []
    # the lexicon's initials reading gives way to the writer's own spelling, and only to it
    assert not any(h.normalized == "约炮" for h in engine.find_all("周末去公园yp（约拍），带反光板"))
    assert any(h.normalized == "约炮" for h in engine.find_all("同城yp，今晚见"))
    assert any(h.normalized == "约炮" for h in engine.find_all("同城yp（约炮）今晚见"))


def test_an_attack_carries_its_abbreviations_and_word_pictographs(engine) -> None:
    text = "这种人就该zs，长得跟🐷似的还出来丢人"
    out = _cascade(engine, text, [_sig("abuse", 0.7)])
    assert len(out) == 1 and out[0].label == "language_misuse" and out[0].score == 0.7
    by_text = {e.text: e for e in out[0].evidence}
    assert by_text["zs"].rule == "language.substitution.carried.initials.abuse"
    assert by_text["zs"].layers == ("initials",)
    assert by_text["🐷"].rule == "language.substitution.carried.abuse" and by_text["🐷"].value == "carries:abuse"
    # a sexual carrier is not given a pictograph or an abbreviation (a 🍑 in a porn ad is the ad's, not misuse)
    assert _cascade(engine, "新到的小妹🌸手法好，想约的dd", [_sig("porn", 0.8)]) == []
    # nothing standing, or the attack too weak: nothing
    assert _cascade(engine, text, []) == []
    assert _cascade(engine, text, [_sig("abuse", 0.3)]) == []


def test_half_a_word_in_pinyin_is_a_disguise_through_the_engine(engine) -> None:
    d = engine.moderate({"id": "t", "text": "寂寞了就来luo聊，一对一"})
    got = {lr.label: lr for lr in d.labels}
    assert "language_misuse" in got and d.action != "pass"
    ev = next(e for e in got["language_misuse"].evidence if e.rule == "language.disguised.porn")
    assert ev.text == "luo聊" and ev.normalized == "裸聊" and "pinyin" in ev.layers
    # a warning that quotes the cloak is read with its scope, as every disguised hit is
    warning = engine.moderate({"id": "t", "text": "反诈提醒：“luo聊”一对一视频是敲诈套路，千万别点"})
    assert warning.action == "pass"
    # the same weak term written whole in characters: not a disguise
    plain = engine.moderate({"id": "t", "text": "狗狗调教了三个月终于会握手"})
    assert "language_misuse" not in {lr.label for lr in plain.labels}


def test_a_mockery_quoted_to_report_it_is_no_mockery(engine) -> None:
    """The hero-mockery frame reads its mockery cue with its scope (session 18): a notice that quotes the mocking
    nickname to say it was dealt with is talk about it; the mockery written as the poster's own still acts."""
    def misuse(text: str) -> float:
        d = engine.moderate({"id": "t", "text": text, "surface": "comment", "kind": "comment"})
        return max((lr.score for lr in d.labels if lr.label == "language_misuse"), default=0.0)

    assert misuse("通报：某账号把董存瑞叫作“炸碉堡的烧烤师傅”，已依法处置，英烈不容亵渎") < 0.35
    assert misuse("董存瑞以后就叫烧烤师傅吧哈哈哈，笑死") >= 0.65


def test_the_shipped_registry_leaves_attack_cloaks_off(engine) -> None:
    d = engine.moderate({"id": "t", "text": "这种人就该zs，长得跟🐷似的还出来丢人，废物一个"})
    rules = {e.rule for lr in d.labels for e in lr.evidence}
    assert not any(r.startswith("language.substitution.carried.initials") for r in rules)
