"""Engine.find_all / contains / mask: strategies, offsets through every normalization layer, per-call options."""

from __future__ import annotations

import pytest

from qinglang.engine import Engine
from qinglang.lexicon import matcher
from qinglang.wordfilter import InvalidOptions, WordHit


def spans(hits: list[WordHit]) -> list[tuple[str, int, int, str]]:
    return [(h.label, h.start, h.end, h.text) for h in hits]


def test_mask_covers_the_original_characters_and_separators_only(engine: Engine) -> None:
    text = "加我微-信，别说话"
    assert engine.mask(text) == "加我***，别说话"
    (hit,) = engine.find_all(text)
    assert (hit.start, hit.end, hit.text, hit.normalized) == (2, 5, "微-信", "微信")
    assert hit.layers == ("separator",)


@pytest.mark.parametrize(("text", "masked", "layer"), [
    ("五星紅旗飘扬", "****飘扬", "t2s"),  # traditional → simplified
    ("ｆｕｃｋ off", "**** off", "unicode"),  # full width
    ("Ⓕⓤⓒⓚ off", "**** off", "unicode"),  # enclosed letters
    ("傻\u200b逼吧", "***吧", "invisible"),  # zero-width space inside
    ("傻 逼 吧", "*** 吧", "separator"),
    ("我是傻逼逼逼啊", "我是****啊", "repeat"),  # the repeated characters belong to the span
])
def test_mask_offsets_hold_through_each_layer(engine: Engine, text: str, masked: str, layer: str) -> None:
    assert engine.mask(text) == masked
    hits = engine.find_all(text)
    assert hits and layer in hits[0].layers


def test_mask_strategies(engine: Engine) -> None:
    text = "他发黄片还骂人傻逼"
    assert engine.mask(text, char="#") == "他发##还骂人##"
    assert engine.mask(text, replacement="[屏蔽]") == "他发[屏蔽]还骂人[屏蔽]"
    assert engine.mask(text, per_label={"porn": "[色情]", "abuse": "x"}) == "他发[色情]还骂人xx"
    assert engine.mask(text, per_label={"porn": "[色情]"}) == "他发[色情]还骂人**"  # unlisted label: the char
    assert engine.mask(text, callback=lambda h: f"<{h.label}:{len(h.text)}>") == "他发<porn:2>还骂人<abuse:2>"
    with pytest.raises(InvalidOptions):
        engine.mask(text, replacement="x", callback=lambda h: "y")
    with pytest.raises(InvalidOptions):
        engine.mask(text, char="**")
    with pytest.raises(InvalidOptions):
        engine.mask(text, callback=lambda h: 3)


def test_overlapping_hits_are_all_found_and_masked_as_one_span(engine: Engine) -> None:
    hits = engine.find_all("我是中国人")
    assert spans(hits) == [("antagonism", 2, 4, "中国"), ("antagonism", 3, 5, "国人")]
    assert engine.mask("我是中国人") == "我是***"
    # the strongest hit of a merged span names it (傻逼 high beats nothing; porn high vs abuse medium)
    seen: list[str] = []
    engine.mask("中国人", callback=lambda h: seen.append(h.text) or "#")
    assert seen == ["中国"]


def test_hit_carries_evidence(engine: Engine) -> None:
    (h,) = engine.find_all("你这个sb")
    assert (h.label, h.text, h.normalized, h.variant) == ("abuse", "sb", "傻逼", "initials")
    assert h.layers[-1] == "initials" and h.rule == "lexicon.platform.abuse" and h.severity == "high"
    assert h.tags == ("平台", "辱骂")
    assert h.to_json()["tags"] == ["平台", "辱骂"]


def test_contains_and_find_all_agree(engine: Engine) -> None:
    for text in ["普通的一天", "加我weixin", "女昌", "傻逼", "南京市长江大桥", "邮箱 a@b.com", ""]:
        assert engine.contains(text) == bool(engine.find_all(text)), text


def test_contains_stops_before_the_sound_class_view_when_a_plain_hit_exists(engine: Engine, monkeypatch) -> None:
    calls: list[str] = []
    real = matcher._Units.phonetic

    def spy(self, text: str):  # type: ignore[no-untyped-def]
        calls.append(text)
        return real(self, text)

    monkeypatch.setattr(matcher._Units, "phonetic", spy)
    assert engine.contains("傻逼傻逼 weixin")
    assert calls == []  # the canonical pass found it: no phonetic view
    assert engine.contains("加我weixin")  # only the sound-class view has it
    assert len(calls) == 1
    calls.clear()
    assert not engine.contains("加我weixin", modes=["exact"])  # exact only: the phonetic pass is skipped
    assert calls == []


def test_per_call_options_use_the_same_compiled_lexicon(engine: Engine, monkeypatch) -> None:
    built: list[int] = []
    real = matcher.CompiledLexicon.__init__

    def count(self, *a, **kw):  # type: ignore[no-untyped-def]
        built.append(1)
        real(self, *a, **kw)

    monkeypatch.setattr(matcher.CompiledLexicon, "__init__", count)
    compiled = engine.compiled_lexicon
    text = "微-信上发黄片，傻bi，五星紅旗"
    assert {h.label for h in engine.find_all(text, labels=["porn"])} == {"porn"}
    assert [h.text for h in engine.find_all(text, tags=["国家"])] == ["五星紅旗"]
    assert [h.text for h in engine.find_all(text, modes=["exact"])] == ["微-信", "黄片", "五星紅旗"]
    assert "傻bi" in [h.text for h in engine.find_all(text, modes=["pinyin"])]
    # without the separator and t2s layers, 微-信 and 五星紅旗 are no longer the lexicon's words
    no_sep = [h.text for h in engine.find_all(text, layers=["unicode", "invisible", "lookalike", "emoji"])]
    assert "微-信" not in no_sep and "五星紅旗" not in no_sep and "黄片" in no_sep
    assert [h.text for h in engine.find_all(text, min_score=0.9)] == ["黄片", "傻bi"]
    opts = engine.filter_options(labels=["abuse"], modes=["exact", "pinyin"])
    assert engine.mask(text, opts) == "微-信上发黄片，***，五星紅旗"
    assert built == [] and engine.compiled_lexicon is compiled


@pytest.mark.parametrize("kw", [{"layers": ["nope"]}, {"modes": ["fuzzy"]}, {"labels": ["drainnage"]},
                                {"min_score": 2}, {"tags": [""]}])
def test_bad_options_are_typed_errors(engine: Engine, kw: dict) -> None:
    with pytest.raises(InvalidOptions):
        engine.find_all("x", **kw)


def test_text_must_be_a_string(engine: Engine) -> None:
    with pytest.raises(InvalidOptions):
        engine.contains(None)  # type: ignore[arg-type]


def test_global_allow_list_suppresses_hits_inside_allowed_phrases(engine: Engine) -> None:
    assert engine.find_all("南京市长江大桥") == []  # lexicon.yaml allow
    assert spans(engine.find_all("江大桥塌了")) == [("abuse", 0, 3, "江大桥")]
    assert spans(engine.find_all("三黄片黄片")) == [("porn", 3, 5, "黄片")]  # allow.txt; the free one still hits
    # the allow list is matched on canonical text too: a traditional / spaced spelling is allowed alike
    assert engine.find_all("南京市長江大橋") == []
    # moderate() honours it as well (the lexicon detector reads the same compiled lexicon)
    assert engine.moderate({"id": "a", "text": "南京市长江大桥"}).labels == ()


def test_moderate_and_find_all_report_the_same_spans(engine: Engine) -> None:
    text = "加我微-信，发黄片"
    decision = engine.moderate({"id": "x", "text": text})
    ev = {(e.start, e.end) for lab in decision.labels for e in lab.evidence}
    assert ev == {(h.start, h.end) for h in engine.find_all(text)}


def test_plain_lexicon_fast_paths_agree_with_the_general_path() -> None:
    from qinglang.lexicon import Entry
    from qinglang.lexicon.matcher import CompiledLexicon
    from qinglang.text import default_normalizer
    from qinglang.wordfilter import MaskStrategy, WordFilter, apply_mask

    norm = default_normalizer()
    words = ["微信", "五星红旗", "中国", "国人", "傻逼", "fuck"]
    compiled = CompiledLexicon([Entry(term=w, label="abuse") for w in words], norm)
    f = WordFilter(compiled, norm)
    assert compiled.spans(norm.normalize("微信")) is not None  # the fast path is taken
    for text in ["加我微-信，五星紅旗，我是中国人", "ｆｕｃｋ 傻 逼逼逼", "普通的一天", "", "微\u200b信中国人中国"]:
        for strategy in (MaskStrategy.of(), MaskStrategy.of(replacement="[x]")):
            assert f.mask(text, strategy=strategy) == apply_mask(text, f.find_all(text), strategy), text
        assert f.contains(text) == bool(f.find_all(text))
