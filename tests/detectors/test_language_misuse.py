"""The language-misuse detector (campaign 8): lexicon terms reached only through disguises; suggestions."""

from __future__ import annotations

from qinglang.detectors.language_misuse import LanguageMisuseDetector, suggest
from tests.detectors.support import run_detector as _run


def test_language_misuse_only_for_disguised_terms(engine) -> None:
    det = LanguageMisuseDetector(engine.compiled_lexicon)
    assert _run(engine, det, {"text": "傻逼"}) == []  # plain spelling: the abuse label alone
    sig = _run(engine, det, {"text": "你个傻B"})
    assert sig[0].label == "language_misuse" and sig[0].evidence[0].text == "傻B"


def test_split_glyphs_beside_a_diversion_term_are_a_disguise(engine) -> None:
    det = LanguageMisuseDetector(engine.compiled_lexicon)
    # the split word (亻尔 → 你) is harmless; writing it apart next to a "DM me" pointer hides what is offered
    sig = _run(engine, det, {"text": "“亻尔”们要的资源在这，私我"})
    assert sig and sig[0].label == "language_misuse"
    assert set(sig[0].evidence[0].layers) & {"split", "radical"}
    assert _run(engine, det, {"text": "你们要的资源在这，私我"}) == []  # the same pointer written plainly
    # a radical named, nothing harmful beside it
    assert _run(engine, det, {"text": "孩子学写字，“氵”三点水旁的字都和水有关"}) == []


def test_a_weak_term_written_as_its_components_is_a_disguise(engine) -> None:
    # session 16 (lang16): 奶子 alone weighs 0.25 (milk, dialect); written 女乃子 it is hidden on purpose
    det = LanguageMisuseDetector(engine.compiled_lexicon)
    sig = _run(engine, det, {"text": "女乃子大的来 禾厶我 有礼物送"})
    assert sig and sig[0].label == "language_misuse" and sig[0].score >= 0.65
    ev = next(e for e in sig[0].evidence if e.text == "女乃子")
    assert ev.normalized == "奶子" and ev.rule == "language.disguised.porn" and "split" in ev.layers
    # the same weak word written plainly, and ordinary words whose characters happen to be components: nothing
    for text in ("今天喝了牛奶，奶子很香", "一名女子在大学门口摔倒", "好女子不吃眼前亏"):
        assert _run(engine, det, {"text": text}) == [], text
    assert engine.moderate({"id": "t", "text": "女乃子大的来 禾厶我 有礼物送"}).action != "pass"


def test_suggest_offsets_point_into_the_original(engine) -> None:
    text = "我们要再接再励，蓝瘦香菇"
    out = suggest(text, engine.normalizer, engine.compiled_lexicon)
    assert [(s.text, s.replacement) for s in out] == [("再接再励", "再接再厉"), ("蓝瘦香菇", "难受想哭")]
    assert all(text[s.start:s.end] == s.text for s in out)
    assert suggest("今天天气很好", engine.normalizer) == []


def test_substitution_style_counts_pinyin_and_pictograph_words_between_chinese() -> None:
    from qinglang.detectors.language_misuse import substitutions

    kinds = [k for _, _, k in substitutions("今晚 wo 请你吃🍗再 qu 看电影")]
    assert kinds == ["pinyin", "emoji", "pinyin"]
    # not substitutions: English words and acronyms, a mood emoji after a finished clause, faces and hearts,
    # pinyin at the edge of the text with nothing Chinese on one side
    for text in ("老板超nice还送了冰粉", "买A股的都是韭菜", "太好吃了🍜明天再来", "笑死我😂你也太逗了", "爱你❤️宝贝",
                 "hao 的", "周末去KTV唱歌"):
        assert substitutions(text) == [], text


def test_substitution_style_is_language_misuse_when_dense_or_carrying_a_harmful_word(engine) -> None:
    det = LanguageMisuseDetector(engine.compiled_lexicon)
    dense = _run(engine, det, {"text": "小姐姐 ni 的 🍆 好 da 啊，jia 个 vx 给哥看看"})
    assert dense and dense[0].score >= 0.65 and dense[0].rule == "language.substitution"
    assert {ev.rule for ev in dense[0].evidence} >= {"language.substitution.pinyin", "language.substitution.emoji"}
    two = _run(engine, det, {"text": "今天 wo 请你吃🍗再去看电影"})
    assert two and two[0].score < 0.65  # two: only the strict surfaces (hot search, minors) act on it
    assert _run(engine, det, {"text": "今天我请你吃鸡腿，然后去看电影"}) == []


def test_a_pictograph_written_as_a_sexual_verb_is_misuse_by_its_position(engine) -> None:
    det = LanguageMisuseDetector(engine.compiled_lexicon)
    for text in ("昨晚刷到她的视频 想🦌", "那身材 我又🦌了两次"):
        sig = _run(engine, det, {"text": text})
        assert sig and sig[0].score >= 0.65, text
        lewd = [ev for ev in sig[0].evidence if ev.rule == "language.substitution.lewd"]
        assert [(ev.text, ev.normalized) for ev in lewd] == [("🦌", "撸")]
    for text in ("在动物园喂🦌了，好乖", "雪地里一只🦌跑过去"):  # a deer in a sentence
        assert _run(engine, det, {"text": text}) == [], text


def test_tampered_idioms_are_read_against_the_idiom_table_where_the_campaign_is_strict(engine) -> None:
    from qinglang.detectors.language_misuse import tampered_idioms

    # 一见钟情 → 一见钟晴 (qing), 迫不及待 → 迫不及袋 (dai): no word, one swapped character of the same sound
    assert [i for _, _, i in tampered_idioms("一见钟晴的好物迫不及袋")] == ["一见钟情", "迫不及待"]
    # words that cross the window (正在进一步 is not 再进一步), plain words, a real idiom
    assert tampered_idioms("案件正在进一步侦查中") == []
    assert tampered_idioms("他们一见钟情，迫不及待地结婚了") == []
    det = LanguageMisuseDetector(engine.compiled_lexicon)
    item = {"text": "新品一见钟晴，迫不及袋想分享", "surface": "popup", "kind": "message"}
    sig = _run(engine, det, item)
    assert sig and sig[0].score >= 0.65
    assert [(ev.text, ev.normalized) for ev in sig[0].evidence if ev.rule == "language.tampered_idiom"] == \
        [("一见钟晴", "一见钟情"), ("迫不及袋", "迫不及待")]
    assert _run(engine, det, {**item, "surface": "feed"}) == []  # between adults: not read


def test_two_vulgar_characters_set_off_in_quotes_are_a_pun_style(engine) -> None:
    det = LanguageMisuseDetector(engine.compiled_lexicon)
    sig = _run(engine, det, {"text": "新款冰淇淋“舔”一口就“湿”了，快来尝"})
    assert sig and sig[0].score >= 0.65
    assert [ev.normalized for ev in sig[0].evidence if ev.rule == "language.quoted_pun"] == ["舔", "湿"]
    # one quoted character, and characters named as characters in a lesson
    assert _run(engine, det, {"text": "今天真的太“爽”了，考试全过"}) == []
    assert _run(engine, det, {"text": "“草”字头和“日”字旁的字，小朋友要分清"}) == []


def test_a_sexual_pun_written_as_a_style_is_vulgar_as_well(engine) -> None:
    det = LanguageMisuseDetector(engine.compiled_lexicon)
    sig = {s.label: s for s in _run(engine, det, {"text": "这款按摩椅“爽”到你“喷”，男人都懂"})}
    assert set(sig) == {"language_misuse", "vulgar"}
    assert sig["vulgar"].rule == "language.sexual_pun" and sig["vulgar"].score == sig["language_misuse"].score
    assert [ev.normalized for ev in sig["vulgar"].evidence] == ["爽", "喷"]
    # a style with no sexual pun (pinyin and pictographs carrying a diversion word) is not vulgar
    assert all(s.label != "vulgar" for s in _run(engine, det, {"text": "“亻尔”们要的资源在这，私我"}))


def test_an_emoji_is_a_body_part_only_where_the_sentence_makes_it_one(engine) -> None:
    """Session 15 (lang15): 🐻 (xióng → 胸), 🍑, 🍈 read as a body part when a person owns it and it gets a size or
    shape, or when it is touched; the same emoji at the zoo, the market or a child's photo stand for nothing."""
    from qinglang.detectors.language_styles import body_standins

    assert body_standins("这个女主播的🐻真大啊") == [(6, 7, "胸")]
    assert body_standins("好想揉一下小姐姐的🍑") == [(9, 10, "臀")]
    for text in ("动物园的🐻好大", "超市的🍑好甜", "宝宝的🍑好圆", "我吃🍑了", "早上一杯🥛", "主播的🐻好大一只玩偶"):
        assert body_standins(text) == [], text
    det = LanguageMisuseDetector(engine.compiled_lexicon)
    sigs = {s.label: s for s in _run(engine, det, {"text": "这个女主播的🐻真大啊，天天看"})}
    assert sigs["language_misuse"].score >= 0.65 and sigs["vulgar"].score >= 0.65
    assert sigs["vulgar"].evidence[0].rule == "language.substitution.body"
    assert sigs["vulgar"].evidence[0].normalized == "胸"
    assert _run(engine, det, {"text": "动物园的🐻好大，孩子看呆了"}) == []
