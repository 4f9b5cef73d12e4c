"""Session 20 (lang20): 烂梗 and disguised insults handed to children to use (任务8, with the Ministry of Education:
网络黑话烂梗向未成年人传播). The frame `language_misuse.slang_taught_to_children` reads who learns the words and
what the post asks them to do with them; it is an act of the post's own, so the stance stage does not read the
quoted words as a mention. Then the learned read confirmed by a cloak form (`language_carried.form_read`).
Sentences written for this test, none taken from a writer set."""

from __future__ import annotations


def _labels(d) -> dict:
    return {lr.label: lr for lr in d.labels}


def test_memes_handed_to_pupils_to_use_are_acted_on_feed_and_comment(engine) -> None:
    for surface in ("feed", "comment"):
        d = engine.moderate({"id": "t", "surface": surface,
                             "text": "开学前让小学生学起来：“泰裤辣”“尊嘟假嘟”“一整个无语住了”，去班里秀一秀"})
        lm = _labels(d).get("language_misuse")
        assert d.action != "pass" and lm is not None and lm.policy_rule
        rules = {e.rule for e in lm.evidence}
        assert "frame.language_misuse.slang_taught_to_children.child_learner" in rules
        assert "frame.language_misuse.slang_taught_to_children.use_push" in rules
        # the quoted words are what is taught: no stance discount on the frame's signal
        assert not any((e.scope or "").startswith("stance@") for e in lm.evidence if e.rule.startswith("frame."))


def test_in_minors_mode_the_same_post_scores_higher(engine) -> None:
    text = "小朋友们快学起来：“泰裤辣”“尊嘟假嘟”，明天去班里说给同桌听"
    adult = _labels(engine.moderate({"id": "a", "text": text}))["language_misuse"].score
    minor = _labels(engine.moderate({"id": "m", "text": text, "audience": {"minor_mode": True}}))["language_misuse"]
    assert minor.score > adult and minor.policy_rule


def test_teachers_and_parents_warning_children_off_the_words_pass(engine) -> None:
    for text in ("同学们，作文里不要写“泰裤辣”“尊嘟假嘟”，考试会扣分，规范用字从我做起",
                 "家长注意：孩子满嘴“一整个无语住了”“泰裤辣”，别再让他们跟着学了，这些烂梗会误导孩子",
                 "语言学老师讲解：“尊嘟假嘟”是“真的假的”的谐音，小学生为什么爱说它"):
        d = engine.moderate({"id": "t", "text": text})
        lm = _labels(d).get("language_misuse")
        assert lm is None or lm.rule != "frame.language_misuse.slang_taught_to_children", text
    # memes among adults, with no child and no push, are no part of this frame
    d = engine.moderate({"id": "t", "text": "下班了，今天一整个无语住了，泰裤辣，家人们谁懂啊"})
    assert all(lr.rule != "frame.language_misuse.slang_taught_to_children" for lr in d.labels)


# --- the learned read confirmed by a form (language_carried.form_read) ---------------------------------------------

from qinglang.detectors.base import Views  # noqa: E402
from qinglang.detectors.language_carried import LanguageCarriedDetector  # noqa: E402
from qinglang.detectors.language_misuse import split_apart  # noqa: E402
from qinglang.detectors.language_styles import spaced_apart  # noqa: E402
from qinglang.model import Content, Evidence, Signal  # noqa: E402
from qinglang.text.normalize import Normalizer  # noqa: E402


def _views(text: str) -> Views:
    return Views(Content(id="t", text=text), {"text": Normalizer().normalize(text)})


def _head(score: float) -> Signal:
    ev = Evidence(field="text", start=0, end=1, text="x", normalized="x", rule="model.recall.language_misuse",
                  detector="recall@1")
    return Signal("language_misuse", score, "model.recall.language_misuse", "recall@1", (ev,))


def test_a_line_spaced_out_character_by_character_is_a_form_and_its_split_pairs_are_all_tried() -> None:
    text = "他 女 马 的 又 在 楼 下 吵"
    assert [joined for _, _, joined in spaced_apart(text)] == ["他女马的又在楼下吵"]
    # every neighbouring pair is tried: 女 马 sits at an odd position and still reads as 妈
    assert [(text[a:b], ch) for a, b, ch in split_apart(text)] == [("女 马", "妈")]
    # words spaced as words are no such form
    assert spaced_apart("今天 天气 真好 出去 走走") == []


def test_a_head_read_with_a_cloak_form_is_the_campaign_signal_and_neither_alone_is() -> None:
    det = LanguageCarriedDetector(form_head_min=0.5)
    for text, kind in (("这 人 说 话 真 冲 啊", "spaced"), ("隔壁那个人真是个zz，天天找事", "initials"),
                       ("这种人纯纯的de子行为，寄", "pinyin")):
        got = det.detect_cascade(Content(id="t", text=text), _views(text), [_head(0.55)])
        assert len(got) == 1 and got[0].score == 0.7 and got[0].rule == "language.carried.form", text
        forms = [e for e in got[0].evidence if e.rule.startswith("language.carried.form.")]
        assert forms and forms[0].rule == f"language.carried.form.{kind}" and forms[0].normalized
        # the head's own n-grams ride along, so a reviewer sees both readings
        assert any(e.rule == "model.recall.language_misuse" for e in got[0].evidence)
    text = "这 人 说 话 真 冲 啊"
    assert det.detect_cascade(Content(id="t", text=text), _views(text), [_head(0.45)]) == []  # head too weak
    plain = "这个人说话真冲啊"
    assert det.detect_cascade(Content(id="t", text=plain), _views(plain), [_head(0.6)]) == []  # no form
    assert LanguageCarriedDetector().detect_cascade(Content(id="t", text=text), _views(text), [_head(0.6)]) == []


def test_verse_spaced_out_for_looks_passes_through_the_engine(engine) -> None:
    d = engine.moderate({"id": "t", "surface": "comment", "text": "春 眠 不 觉 晓 ， 处 处 闻 啼 鸟"})
    assert d.action == "pass"


def test_no_form_read_for_a_pictograph_or_beside_a_contact() -> None:
    det = LanguageCarriedDetector(form_head_min=0.5)
    text = "今晚的月亮🌕又大又圆"
    assert det.detect_cascade(Content(id="t", text=text), _views(text), [_head(0.6)]) == []
    text = "这 人 说 话 真 冲 啊"
    drain = Signal("drainage", 0.7, "contact.x", "contact@1", ())
    assert det.detect_cascade(Content(id="t", text=text), _views(text), [_head(0.6), drain]) == []
