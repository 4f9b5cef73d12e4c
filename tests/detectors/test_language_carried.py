"""The language_carried cascade stage (session 15, lang15): a pinyin word between Chinese characters in an item whose
vulgar / porn / abuse / antagonism stands is campaign 8's disguise. Examples written for this test."""

from __future__ import annotations

from qinglang.model import Evidence, Signal

from .support import carried_cascade as _cascade


def _sig(label: str, score: float) -> Signal:
    return Signal(label, score, f"test.{label}", "test@1", (Evidence("text", 0, 1, "x", "x", f"test.{label}"),))


def test_a_pinyin_word_in_a_vulgar_post_is_the_disguise(engine) -> None:
    text = "小姐姐这身段绝了，看得我都 ying 了"
    out = _cascade(engine, text, [_sig("vulgar", 0.7)])
    assert len(out) == 1 and out[0].label == "language_misuse" and out[0].score == 0.7
    ev = out[0].evidence[0]
    assert ev.text == "ying" and ev.rule == "language.substitution.carried.vulgar" and ev.value == "carries:vulgar"
    assert ev.layers == ("pinyin",)


def test_nothing_without_a_standing_harm_or_a_pinyin_word(engine) -> None:
    text = "小姐姐这身段绝了，看得我都 ying 了"
    assert _cascade(engine, text, []) == []  # no harmful label found: a pinyin word alone is the detector's business
    assert _cascade(engine, text, [_sig("vulgar", 0.3)]) == []  # below the carrier floor
    assert _cascade(engine, text, [_sig("rumor", 0.9)]) == []  # not a label the notice's disguise carries
    # the harm written plainly, an emoji or an English word beside it: no pinyin disguise
    assert _cascade(engine, "小姐姐这身段绝了🍑看得我都硬了", [_sig("vulgar", 0.7)]) == []
    assert _cascade(engine, "这主播真nice，身段绝了", [_sig("vulgar", 0.7)]) == []
    # language_misuse already stands at the campaign's limit: nothing added
    assert _cascade(engine, text, [_sig("vulgar", 0.7), _sig("language_misuse", 0.8)]) == []


def test_through_the_engine_the_label_and_its_evidence(engine) -> None:
    d = engine.moderate({"id": "t", "text": "这腿我能玩一年🤤 姐姐今晚有空吗 想和你深入 jiao 流一下"})
    got = {lr.label: lr for lr in d.labels}
    assert d.action != "pass" and "vulgar" in got and "language_misuse" in got
    assert any(e.rule.startswith("language.substitution.carried") for e in got["language_misuse"].evidence)
    assert engine.moderate({"id": "t", "text": "今天 wo 请你吃饭，然后去看电影"}).action == "pass"


def test_a_place_name_written_by_sound_carries_a_regional_attack(engine) -> None:
    from qinglang.detectors.language_styles import place_puns

    assert place_puns("胡南银就是抠门") == [(0, 2, "湖南")]
    assert place_puns("冻北人都这样") == [(0, 2, "东北")]
    # the place itself, another place that sounds alike, grammar characters: no pun
    for text in ("河南人很好客", "陕西人爱吃面", "他和被人打的孩子回家了", "隔壁那个泼妇贱人又来了"):
        assert place_puns(text) == [], text
    text = "胡南银就是抠门，一个个的"
    out = _cascade(engine, text, [_sig("antagonism", 0.8)])
    assert out and out[0].evidence[0].rule == "language.substitution.carried.place.antagonism"
    assert out[0].evidence[0].normalized == "湖南" and out[0].evidence[0].text == "胡南"
    assert _cascade(engine, text, [_sig("vulgar", 0.8)]) == []  # a place pun carries an attack, not a sexual pun


def _head(score: float, text: str = "楼上") -> Signal:  # its evidence: the text's first two characters
    return Signal("language_misuse", score, "model.recall.language_misuse", "recall@1",
                  (Evidence("text", 0, 2, text[:2], text[:2], "model.recall.language_misuse"),))


def _payload(label: str, score: float, text: str, word: str) -> Signal:
    a = text.index(word)
    return Signal(label, score, f"lexicon.{label}.{label}", "lexicon@1",
                  (Evidence("text", a, a + len(word), word, word, f"lexicon.{label}.{label}"),))


def test_a_learned_head_reading_misuse_with_a_payload_standing_acts(engine) -> None:
    # session 16 (lang16): the head alone is capped under the campaign's limit; with the payload it is the disguise
    text = "楼上真是个 s b 吧，滚出去"
    out = _cascade(engine, text, [_head(0.62), _payload("abuse", 0.9, text, "s b")])
    assert len(out) == 1 and out[0].rule == "language.carried.head" and out[0].score == 0.7
    ev = out[0].evidence[0]
    assert ev.text == "s b" and ev.rule == "language.carried.head.abuse" and ev.value == "carries:abuse"
    assert any(e.rule == "model.recall.language_misuse" for e in out[0].evidence)  # the head's own read is shown


def test_the_head_read_needs_both_and_leaves_porn_pointers_to_the_drainage_family(engine) -> None:
    text = "楼上真是个 s b 吧，滚出去"
    assert _cascade(engine, text, [_head(0.62)]) == []  # no payload: the head alone stays under the limit
    assert _cascade(engine, text, [_head(0.55), _payload("abuse", 0.9, text, "s b")]) == []  # head below head_min
    assert _cascade(engine, text, [_head(0.62), _payload("abuse", 0.4, text, "s b")]) == []  # payload below the floor
    assert _cascade(engine, text, [_head(0.62), _payload("source_missing", 0.9, text, "s b")]) == []  # a mark
    # a rule-made language_misuse (not a head) below the limit is not a head read
    rule_made = Signal("language_misuse", 0.62, "frame.language_misuse.x", "frame@1", ())
    assert _cascade(engine, text, [rule_made, _payload("abuse", 0.9, text, "s b")]) == []
    ad = "想看完整版的看我主页"
    pointer = Signal("drainage", 0.65, "contact.pointer", "contact@1", ())
    assert _cascade(engine, ad, [_head(0.62, ad), _payload("porn", 0.62, ad, "完整版"), pointer]) == []
    # with a vulgar payload beside the pointer, the head read stands (only porn pointers are the 引流 family's)
    out = _cascade(engine, ad, [_head(0.62, ad), _payload("vulgar", 0.7, ad, "完整版"), pointer])
    assert out and out[0].evidence[0].value == "carries:vulgar"


def test_through_the_engine_a_head_read_with_its_payload_is_limited(engine) -> None:
    d = engine.moderate({"id": "t", "text": "楼上是真的 s b 吧 nmsl 滚出去"})
    got = {lr.label: lr for lr in d.labels}
    assert d.action != "pass" and "abuse" in got and "language_misuse" in got
    lm = got["language_misuse"]
    assert lm.rule == "language.carried.head" and lm.policy_rule == "lang.slang.limit"
    # one span, one evidence (the engine keeps the first detector's): the payload's span is shown, and what it was
    # read as stands on the payload's own label
    assert any(e.text == "s b" for e in lm.evidence)
    assert any(e.text == "s b" and e.normalized == "傻逼" for e in got["abuse"].evidence)


def test_a_head_read_carries_the_notices_other_harms_but_not_drainage_itself(engine) -> None:
    text = "wx找我 bo彩 首存送88 dd我 稳"
    out = _cascade(engine, text, [_head(0.62, text), _payload("gambling", 0.83, text, "bo彩")])
    assert out and out[0].evidence[0].value == "carries:gambling" and out[0].evidence[0].text == "bo彩"
    # the 引流 pointer alone is the drainage family's: no payload of the notice's kind
    assert _cascade(engine, text, [_head(0.62, text), _payload("drainage", 0.85, text, "wx")]) == []
    # a mark, not a harm
    assert _cascade(engine, text, [_head(0.62, text), _payload("aigc_unlabeled", 0.9, text, "bo彩")]) == []
