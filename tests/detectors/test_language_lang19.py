"""Session 19 (lang19): the quoted pun decoded — a character written in quotes as its components (“女干”), and one put
in quotes in place of a same-sound character that makes the ordinary word (“射”交 for 社交). Sentences written for
this test, none taken from a writer set."""

from __future__ import annotations

from qinglang.detectors.language_styles import quoted_lewd, quoted_puns

HARMFUL = frozenset("奸婊死贱操鸡")


def test_quoted_components_are_read_as_the_character_they_make() -> None:
    text = "那部片子讲“女干”夫，台词“扌喿”蛋得很"
    got = [(ch, how) for _, _, ch, how in quoted_puns(text, HARMFUL)]
    assert got == [("奸", "split"), ("操", "split")]
    a, b, _, _ = quoted_puns(text, HARMFUL)[0]
    assert text[a:b] == "女干"  # the span is the written cloak, inside its quotes
    # components of a harmless character, or no harmful set given: nothing decoded
    assert quoted_puns("他写了“木木”两个字", HARMFUL) == []
    assert quoted_puns(text, frozenset()) == []


def test_a_quoted_homophone_that_makes_the_ordinary_word_is_a_pun() -> None:
    text = "她的“婊”现不错，挺会“鸡”智应变"
    assert [(ch, how) for _, _, ch, how in quoted_puns(text, HARMFUL)] == [("婊", "sound"), ("鸡", "sound")]
    # as written the pair is a word (鸡蛋), or no same-sound swap makes one: a quotation, not a pun
    assert quoted_puns("今天买了“鸡”蛋", HARMFUL) == []
    assert quoted_puns("他说“死”也不去", HARMFUL) == []
    # a character outside the harmful set is never read by sound
    assert quoted_puns("她的“表”现不错", HARMFUL) == []
    # the old reading is unchanged: lewd characters in quotes, whatever stands beside them
    assert [ch for _, _, ch in quoted_lewd("“草”莓配“爽”肤水")] == ["草", "爽"]


def test_two_decoded_puns_are_misuse_and_a_sexual_one_is_vulgar_through_the_engine(engine) -> None:
    d = engine.moderate({"id": "t", "text": "新剧主打一个“女干”情，男二“扌喿”心得很，今晚更新"})
    got = {lr.label: lr for lr in d.labels}
    assert d.action != "pass" and {"language_misuse", "vulgar"} <= set(got)
    evs = [e for lr in d.labels for e in lr.evidence if e.rule == "language.quoted_pun.split"]
    assert {(e.text, e.normalized) for e in evs} == {("女干", "奸"), ("扌喿", "操")}
    # the same cloaks quoted in a report of them are talk about the cloak
    report = engine.moderate({"id": "t", "text": "已举报：有人用“女干”“扌喿”这种拆字在评论区骂人，大家别学"})
    assert report.action == "pass"


def test_an_insult_cloaked_in_quotes_is_no_sexual_pun(engine) -> None:
    d = engine.moderate({"id": "t", "text": "那家“女干”商卖假货，老板早点“歹匕”吧"})
    got = {lr.label: lr for lr in d.labels}
    assert "language_misuse" in got and d.action != "pass"
    assert not any(e.rule.startswith("language.quoted_pun") for e in getattr(got.get("vulgar"), "evidence", ()))
