"""Session 20 (lang20): 烂梗 and disguised insults handed to children to use (任务8, with the Ministry of Education: 网络
黑话烂梗向未成年人传播). The frame `language_misuse.slang_taught_to_children` reads who learns the words and what the
post asks them to do with them; it is an act of the post's own, so the stance stage does not read the quoted words
as a mention. Sentences written for this test, none taken from a writer set."""

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
