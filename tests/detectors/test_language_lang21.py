"""Session 21 (lang21): crude talk with no cloak to decode — the 擦边 comment read by its construction. A leer
(😏, 🤤: the wink table's face emoji) beside a body part aimed at someone (这腿, 姐姐这臀) or beside talk of bed, a
room, clothes on or off (`vulgar.leer_at_body`, `vulgar.leer_at_intimacy`); either alone is ordinary. And the
frames read a pictograph where the writer put it: the normalizer folds an emoji wedged between two characters away
as a separator cloak, so the frame detector reads the families' pictographs on the original text too
(`FrameDetector._folded_symbols`). Sentences written for this test, none taken from a writer set."""

from __future__ import annotations

from qinglang.detectors.base import Views
from qinglang.model import Content


def _vulgar(engine, text: str, surface: str = "comment"):
    d = engine.moderate({"id": "t", "surface": surface, "text": text})
    return d, next((lr for lr in d.labels if lr.label == "vulgar"), None)


def test_a_leer_at_a_body_aimed_at_someone_is_acted_on(engine) -> None:
    for text in ("学姐这腰真绝，看完我一晚上没睡好🤤", "小哥哥这胸肌，摸一下行不行😏"):
        d, v = _vulgar(engine, text)
        assert v is not None and v.policy_rule and d.action != "pass", text
        assert v.rule == "frame.vulgar.leer_at_body"
        rules = {e.rule for e in v.evidence}
        assert {"frame.vulgar.leer_at_body.leer", "frame.vulgar.leer_at_body.body_aimed"} <= rules
        # the evidence names the emoji and the body words as written
        assert any(e.text in ("🤤", "😏") for e in v.evidence)


def test_a_leer_at_talk_of_bed_or_clothes_is_acted_on(engine) -> None:
    d, v = _vulgar(engine, "隔壁那对小情侣昨天又开房了吧，床上动静不小😏")
    assert v is not None and v.rule == "frame.vulgar.leer_at_intimacy" and v.policy_rule and d.action != "pass"


def test_either_half_alone_is_ordinary(engine) -> None:
    for text in ("周末终于把方案交了😏 老板没话说",          # a smirk at a joke
                 "这家火锅的毛肚太绝了🤤 下次还来",           # drool at food
                 "今天吃了三个鸡腿🤤 真香",                   # a body word in a dish
                 "腰疼了一整天😏 明天还得练",                 # a body part aimed at no one
                 "这腰子烤得太香了🤤",                         # a dish named by a body part
                 "爷爷在床上躺了三天，今天终于能下地了",        # bed with no leer (💦 is read as 地: no leer)
                 "这腿是去年摔伤的，现在走路还有点瘸"):        # a body part with no leer
        _, v = _vulgar(engine, text)
        assert v is None or not v.policy_rule, text


def test_a_warning_quoting_such_a_comment_is_no_use_of_it(engine) -> None:
    _, v = _vulgar(engine, "别再在女生视频下面评论“这腿我能玩一年😏”了，这种话就是骚扰")
    assert v is None or not v.policy_rule


def test_a_pictograph_between_characters_is_read_where_the_writer_put_it(engine) -> None:
    # the normalizer drops 😏 here (a separator between two characters); the frame still reads it
    text = "美女这腰😏真细"
    nt = engine.normalizer.normalize(text)
    assert "😏" not in nt.text
    frame = next(d for d in engine.detectors if getattr(d, "name", "") == "frame")
    cues = frame.cues(Views(Content(id="t", text=text), {"text": nt}))
    leer = cues[("language_misuse", "leer")]
    assert leer and leer[0].orig == (4, 5) and leer[0].start == leer[0].end == 4
    _, v = _vulgar(engine, text)
    assert v is not None and v.policy_rule
    ev = next(e for e in v.evidence if e.rule.endswith(".leer"))
    assert (ev.start, ev.end, ev.text) == (4, 5, "😏") and "separator" in ev.layers
    # a pictograph normalization kept (at the end of the line) is found once, by the automaton
    kept = "这腿真长😏"
    nt2 = engine.normalizer.normalize(kept)
    assert frame._folded_symbols("text", nt2) == []


def test_driving_somewhere_is_no_car_slang(engine) -> None:
    # 开车 with a distance, a time or where the car goes is driving: the weak pun family does not read it
    for text in ("剧里她爸连夜开车三百公里来接她，这段我哭了", "她开车去医院送饭，路上堵了两小时"):
        d = engine.moderate({"id": "t", "text": text})
        assert all(lr.rule != "frame.language_misuse.sexual_pun_context" for lr in d.labels), text
    # car slang aimed at a streamer still reads
    d = engine.moderate({"id": "t", "surface": "comment", "text": "主播今晚开车吗，懂的都懂"})
    assert any(lr.rule == "frame.language_misuse.sexual_pun_context" for lr in d.labels)
