"""Session 23 (minors23, issue 15; tasks 6 and 7): what a post's file shows read with the post's words, the skin cut
as a dare, a label covered on the file, and a label wording that is the subject of a sentence about labelling.

- A media note says what the file shows; a `shown` family (a beating, blood, a dangerous act) found there is read
  beside the post's own words, whatever the distance between the two fields (`frame._in_scene`): a pupils' beating
  shown in the video with "第三集明天更" in the caption is the beating filmed as episodes. A cue of another family in
  a note keeps to its note (皮肤 in "the compass scratches the skin" is no game skin promised to a child).
- The skin cut into as the act of a dare (用圆规在手臂上刻字 + 挑战): `minors_harm.dangerous_challenge`; a parent who
  finds marks on a daughter's wrist and asks for help is not.
- A label on the file covered or blurred (贴纸挡住"AI生成", 那行小字糊掉了): `aigc_unlabeled.label_covered`
  (标识办法 Art. 10); a reminder not to cover it is not.
- A title that opens with the label wording as the subject of a sentence (AI生成内容怎么标注？, AI合成图片须…) is a
  mention, not a label on the item (`aigc._subject_of_clause`); a notice set off by punctuation still labels.

The examples are written for these tests (not taken from the blind sets, the corpus writers nor the twin pairs);
`engine` is the session's shared default engine (tests/conftest.py)."""

from __future__ import annotations

from frame_classes import class_tests, decide

from qinglang.detectors.aigc import _labels_the_content
from qinglang.engine import Engine

MINORS_HOME = {"surface": "home_first_screen", "kind": "video", "audience": {"minor_mode": True, "age": 12}}

ACTED = [
    ({"surface": "hot_search", "kind": "video", "text": "惹我的人就是这个下场 第三集明天更 #校园",
      "media": [{"path": "v.mp4", "note": "教学楼走廊里三个学生把一个学生按在墙上扇耳光"}]},
     "minors_harm", "frame.minors_harm.serial_bullying"),
    ({**MINORS_HOME, "text": "开学勇士挑战：拿小刀在手臂上刻自己的学号，刻完晒图，谁刻得最整齐"},
     "minors_harm", "frame.minors_harm.dangerous_challenge"),
    ({"surface": "feed", "kind": "video", "text": "海边日落随手拍，太治愈了",
      "media": [{"path": "s.mp4", "note": "画面左下角一个小熊贴纸下面还露出'AI合成'几个字的笔画"}]},
     "aigc_unlabeled", "frame.aigc_unlabeled.label_covered"),
    ({"surface": "comment", "text": "那个AI生成的角标被我用马赛克糊掉了，现在谁也看不出来"},
     "aigc_unlabeled", "frame.aigc_unlabeled.label_covered"),
]

SPARED = [
    # a parent who finds marks on the daughter's wrist and asks how to help
    {"text": "今天发现女儿手腕上有几道浅浅的划痕，问她也不说，有没有懂心理的家长教教我怎么跟她聊"},
    # a reminder not to cover the label
    {"text": "提醒一下发AI作品的朋友：别用贴纸挡住'AI生成'的角标，平台会判定隐匿标识"},
    # a school's anti-bullying talk, no file of a beating, no episodes
    {"text": "第三集普法课：校园里遇到扇耳光、推搡等欺凌，要第一时间告诉老师和家长"},
    # a licensed outlet's explainer whose title asks how AI content is labelled
    {"title": "AI生成内容怎么标注？新规解读来了",
     "author": {"id": "a", "verified": True, "news_license": "10120170001"}, "declared": {"source": "新华社"},
     "text": "国家标准对生成合成内容的显式标识和隐式标识作出规定，平台应在显著位置提示。"},
]

test_behaviour_class_is_acted_on_with_its_cues, test_ordinary_sense_is_not_acted_on = class_tests(ACTED, SPARED)


def test_a_note_word_of_another_family_stays_in_its_note(engine: Engine) -> None:
    """皮肤 in a note that describes the picture (the skin scratched) pairs with no request in the caption: the
    compass dare is the challenge's, not grooming with a game skin as the gift."""
    item = {**MINORS_HOME, "text": "暑假勇士挑战，用圆规在手背上刻个字母，刻完拍照发评论区",
            "media": [{"path": "c.mp4", "note": "手背特写，圆规尖划过皮肤留下红痕"}]}
    _, labels, rules = decide(engine, item)
    assert "minors_harm" in labels and "grooming" not in labels, (labels, rules)


def test_the_beating_in_the_note_is_evidence_in_its_own_field(engine: Engine) -> None:
    """The serial frame's evidence names the beating in the note and the episode hook in the caption, each in the
    field it was read in."""
    item = {"surface": "hot_search", "kind": "video", "text": "惹我的人就是这个下场 第三集明天更 #校园",
            "media": [{"path": "v.mp4", "note": "教学楼走廊里三个学生把一个学生按在墙上扇耳光"}]}
    d = engine.moderate({"id": "x", **item})
    ev = [e for lr in d.labels if lr.label == "minors_harm" for e in lr.evidence]
    fields = {e.rule.rsplit(".", 1)[1]: (e.field, e.text) for e in ev}
    assert fields["beaten"][0] == "media[0].note" and fields["beaten"][1] in ("按在墙上", "扇耳光"), fields
    assert fields["serial_hook"] == ("text", "第三集"), fields


def test_a_label_wording_as_a_sentence_subject_labels_nothing() -> None:
    """The wording that opens a clause which goes on about labelling is a mention; a notice set off is a label."""
    for title in ("AI生成内容怎么标注？新规解读", "AI合成图片须显著标识，办法来了"):
        assert not _labels_the_content(title, 0, 4), title
    for notice in ("AI生成：海边的日落", "AI生成 仅供欣赏", "AI合成内容，请勿当真"):
        assert _labels_the_content(notice, 0, 4), notice
