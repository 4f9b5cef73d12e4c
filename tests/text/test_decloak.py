"""The de-cloaked model view: cloaked spellings of the words posters cloak are written back, ordinary text is not
touched, and every written-back character maps to the cloaked span it came from."""

from __future__ import annotations

import pytest

from qinglang.models.features import views_of
from qinglang.models.linear import LinearModel, single
from qinglang.text import Normalizer
from qinglang.text.decloak import cloak_words, decloak


@pytest.fixture(scope="module")
def norm() -> Normalizer:
    return Normalizer()


@pytest.mark.parametrize(("text", "expected"), [
    ("jl举报的呗", "基佬举报的呗"),                  # pinyin initials of a whole word
    ("受不了了，txl真ex", "受不了了，同性恋真恶心"),  # two initials spellings in one post
    ("来看看佬基的光荣事迹", "来看看基佬的光荣事迹"),  # swapped order inside the word
    ("那岂不是标自都不如", "那岂不是婊子都不如"),    # a sound-alike (CNTP: 婊子 → 标自)
    ("ji lao 都是这样", "基佬都是这样"),             # spaced full pinyin
    ("你是shabi吗", "你是煞笔吗"),                   # pinyin written back as a lexicon term (not CNTP’s 沙币)
])
def test_cloaked_spellings_are_written_back(norm: Normalizer, text: str, expected: str) -> None:
    dec = decloak(norm.normalize(text))
    assert dec is not None
    assert dec.text == expected


@pytest.mark.parametrize("text", [
    "I love you so much ok",           # English words are not initials
    "HR沟通也挺客气，补偿给的N+1",       # an acronym in capitals
    "上海男人确实很好，顾家疼老婆",       # a dictionary word that sounds like a table word (男人 / 南人)
    "我的女朋友今天生日",                # 的女 across words
    "有时间黑人不如好好生活",            # the word as written is itself (嘿人 → 黑人, never the reverse)
    "傻逼不分男女",                      # a table word as written stays (though 煞笔 leads their sound)
    "我记得之前看过说其实黑人的皮肤最嫩",  # 其实黑人 holds the ordinary word 其实: not a sound-alike of 歧视黑人
    "女权是什么都不重要",                # 女权是 is 女权 + 是, not 女拳师
    "AI生成的视频要怎么标注？平台规则整理如下",
    "A和B两个方案",                     # letters mixed with characters (和B ≠ 河北)
])
def test_ordinary_text_is_left_alone(norm: Normalizer, text: str) -> None:
    assert decloak(norm.normalize(text)) is None


def test_written_back_characters_map_to_the_cloaked_span(norm: Normalizer) -> None:
    nt = norm.normalize("来看看jl的光荣事迹")
    t = views_of(nt)[0]
    assert t.text.startswith("来看看基佬的")
    a, b = t.span(3, 5)  # 基佬 in the view
    assert nt.text[a:b] == "jl"
    assert nt.span(a, b) == (3, 5)  # and on to the original field
    assert t.span(5, 6) == (5, 6)  # characters after it keep their place


def test_shuffled_word_maps_to_its_whole_span(norm: Normalizer) -> None:
    nt = norm.normalize("来看看佬基的光荣事迹")
    t = views_of(nt)[0]
    assert t.text == "来看看基佬的光荣事迹"
    assert t.span(3, 4) == (3, 5) and t.span(4, 5) == (3, 5)


def test_table_is_shipped_with_modes() -> None:
    words = {w: (modes, shuffles) for w, modes, shuffles in cloak_words()}
    assert len(words) > 500
    assert "initials" in words["基佬"][0] and "佬基" in words["基佬"][1]
    # one spelling per sound: 嘿人 is written back as 黑人, never the reverse
    assert "homophone" in words["黑人"][0]
    assert "嘿人" not in words or "homophone" not in words["嘿人"][0]


def test_route_r_keeps_the_text_models_verdict_when_more_confident(norm: Normalizer) -> None:
    model = LinearModel.shipped("cold")
    fused = single(model)
    texts = ["这女的也太肤浅了", "这也的女太浅肤了", "佬基炼铜是人尽皆知的", "今天天气不错，我们去公园散步吧",
             "软杀谐狗，音才用", "AI生成的视频要怎么标注？平台规则整理如下"]
    seen_r = False
    from qinglang.models.features import keys

    for text in texts:
        s = fused.score(keys(views_of(norm.normalize(text))))[0]
        if s.coverage < model.coverage_min and s.route != "latin":
            seen_r = True
            assert s.p == pytest.approx(max(model.calibrate(s.raw_r, "r"), model.calibrate(s.raw_t, "t")))
    assert seen_r
