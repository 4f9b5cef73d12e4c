"""Session 14 (story14, issue 15 items 2 and 5; tasks 1, 4, 5, 6 and 10): staged stories sold as real, generated
content passed off as a real recording or capture, and jokes and verdicts about a whole group of people.

- Staged, as a meaning: a charged plot + a claim of truth (真事 没演, a closing #真实 tag, 全程真实) + a hook or a sale,
  or a sob story whose purchase is sold as charity (买一单就是献一份爱心) → `staged` ≥ 0.6, which policy 04 now keeps
  off recommendation (`limit`, with the `fictional` mark). Declared fiction (剧情演绎, `declared.fictional`), a real
  personal story told without a hook, and posts that talk about staging (别上头, 都是剧本) are spared.
- A group of people (a region's people, a generation, a trade, a sex) given one bad trait as a whole, and the stock
  jokes that stand for the trait (…回老家了，井盖终于能放心了) → `antagonism`; food and dialect jokes, people talking
  about their own hometown and rebukes of the stereotype are spared. A warning aimed at a whole group (千万别跟X人做
  生意) excuses no hostility.
- Generated content (an implicit label in the file's note, a platform detector's score) presented as a real
  recording, capture or leak (录音曝光, 凌晨拍到的, demo流出) → `aigc_deceptive` (review) with evidence of both halves;
  content said to be generated and not labelled (大模型生成的，没声明; AI生成，未标注) → `aigc_unlabeled`.

The examples are written for these tests (not taken from the blind sets in tests/data/blind, the corpus writers nor
the twin-pair sets); `engine` is the session's shared default engine (tests/conftest.py)."""

from __future__ import annotations

import pytest
from frame_classes import class_tests, decide

from qinglang.engine import Engine

ACTED = [
    # staged: family drama vouched for in two words, no hook needed beyond the denial of staging
    ({"text": "年夜饭上被大伯当着全家人的面从族谱上除名，就因为我没考公，全村都来看热闹 真事 没演"}, "staged",
     "frame.staged.denied_staging"),
    # staged: a 打脸 revenge story closing on its tags (since the merge news14's face_slap frame explains it, with the
    # closing #真实 tag read as its claimed_real cue)
    ({"text": "穿着工地的衣服去奢侈品店，店员狗眼看人低不让进，我当场掏出卡刷了二十万，店长腿都软了 #真实 #打脸"},
     "staged", "frame.staged.face_slap.claimed_real"),
    # staged: a numbered rescue series with a follow-for-the-next-episode hook
    ({"text": "【真实记录】第21次在地铁站遇到被家暴的姑娘求救，这次我出手了…关注我看下集", "kind": "video"},
     "staged", "frame.staged."),
    # staged: a sick host's sob story, the purchase sold as charity
    ({"text": "我老公确诊尿毒症，透析费还差八万😭 买一单就是献一份爱心，家人们帮帮我们", "kind": "video"},
     "staged", "frame.staged.charity_sale"),
    # aigc_unlabeled: the content said (or described) to be generated and not labelled
    ({"text": "这篇情感故事是用大模型生成的，发布时没声明，阅读量还挺高"}, "aigc_unlabeled",
     "frame.aigc_unlabeled.stated_unlabeled"),
    ({"text": "周末海边日落随手拍🌅（画面为AI生成，发布时未标注）"}, "aigc_unlabeled",
     "frame.aigc_unlabeled.stated_unlabeled"),
    # staged: the cast or the missing fiction mark told beside the plot
    ({"text": "保洁阿姨被业主当众泼了一身水，结局反转！（演员出演，未加“剧情演绎”标注）"}, "staged",
     "frame.staged.hired_cast"),
    ({"text": "地铁上捡到一个钱包，里面竟有十万现金……下集揭晓（视频未标注剧情演绎）"}, "staged", "frame.staged."),
    # antagonism: a generation, a trade, a region's people given one trait as a whole
    ({"text": "10后全是废物，一点挫折都受不了", "kind": "comment", "surface": "comment"}, "antagonism",
     "frame.antagonism.group_stereotype"),
    ({"text": "保安就是一群吃干饭的，站着拿工资", "kind": "comment", "surface": "comment"}, "antagonism",
     "frame.antagonism.group_stereotype"),
    ({"text": "江西人都是骗子，跟他们打交道留个心眼", "kind": "comment", "surface": "comment"}, "antagonism",
     "frame.antagonism."),
    # antagonism: the stock joke standing for the trait
    ({"text": "听说河南人都放假回家了，咱们小区的井盖终于安全了😂", "kind": "comment", "surface": "comment"},
     "antagonism", "frame.antagonism.stock_joke"),
]

SPARED = [
    # declared fiction, in the text and in the contract's mark
    {"text": "【剧情演绎】被大伯从族谱上除名的第二天，我开着豪车回村 第3集（本故事纯属虚构）", "kind": "video"},
    {"text": "当场掏出二十万全款，销售腿都软了，全村都来看热闹 真事 没演", "kind": "video",
     "declared": {"fictional": True}},
    # a denial of staging about someone else's channel, no plot: nothing staged is told
    {"text": "那个拍乡村生活的博主不是摆拍，他在村里住了好几年了，视频拍了很长时间"},
    # a real personal story, no hook, no sale
    {"text": "今天在地铁上看到一个小伙子给老人让座，老人非要塞给他一个橘子，挺暖的，记录一下"},
    # talk about staging
    {"text": "这种卖惨直播间基本都是剧本，大家别上头，看清楚再下单"},
    # food and dialect jokes, one's own hometown, a rebuke of the stereotype
    {"text": "四川人都爱吃辣，一顿不吃火锅就浑身难受🤣", "kind": "comment", "surface": "comment"},
    {"text": "我们河南人就是实在，过年回家一桌子烩面", "kind": "comment", "surface": "comment"},
    {"text": "别再拿河南人偷井盖开玩笑了，这种地域黑真的很无聊", "kind": "comment", "surface": "comment"},
    {"text": "作为一个00后，我承认我们这代人有点懒，但也在努力", "kind": "comment", "surface": "comment"},
    # a drama that declares itself, cast and all
    {"text": "本视频为“剧情演绎”：保洁阿姨被业主泼水，演员出演，结局反转"},
    # talk about labelling rules: a reminder, a regulator's check
    {"text": "发AI图记得在发布页勾选“内容由AI生成”，未标注的会被平台限流，别嫌麻烦"},
    {"text": "网信办开展专项检查，对AI生成却未标识的内容依法处置"},
    # declared AI stays a mark
    {"text": "【AI生成】用模型做了一段“董事长年会讲话”的搞笑配音，纯属娱乐", "declared": {"ai_generated": True},
     "media": [{"path": "a/joke.m4a", "note": 'AIGC {"Label":"1","ContentProducer":"某配音工具"}'}]},
]


test_class_acted_on, test_ordinary_sense_spared = class_tests(ACTED, SPARED)


def test_staged_sold_as_real_is_limited_with_the_fictional_mark(engine: Engine) -> None:
    d = engine.moderate({"id": "x", "text": "年夜饭上被大伯当着全家人的面从族谱上除名，全村都来看热闹 真事 没演",
                         "created_at": "2024-05-10T20:00:00+08:00"})
    assert d.action == "limit" and "fictional" in d.marks
    staged = next(lr for lr in d.labels if lr.label == "staged")
    assert staged.policy_rule == "media.staged.limit"
    rules = {ev.rule for ev in staged.evidence}
    # the plot, the claim of truth and the denial of staging each carry their span and normalized form
    assert {"frame.staged.denied_staging.charged_scene", "frame.staged.denied_staging.denial",
            "frame.staged.denied_staging.claimed_real"} <= rules
    assert all(ev.normalized for ev in staged.evidence)


def test_the_word_maimai_alone_is_a_mark_not_a_limit(engine: Engine) -> None:
    # 卖惨 said about someone (an insult, a warning) is below the limit rule: at most a label
    action, _, _ = decide(engine, {"text": "她那些求助帖就是卖惨，别理她"})
    assert action in ("pass", "label", "review")  # review only for the abuse, never from staged alone
    d = engine.moderate({"id": "x", "text": "卖惨"})
    assert all(lr.score < 0.6 for lr in d.labels if lr.label == "staged")


def test_a_warning_against_a_whole_group_excuses_no_hostility(engine: Engine) -> None:
    # the post is written as a warning (千万别…), but what it warns against is a region's people
    d = engine.moderate({"id": "x", "text": "福建人就是一群骗子，出门在外千万别跟福建人合伙做生意"})
    assert d.action in ("review", "block")
    assert any(lr.label == "antagonism" and lr.score >= 0.5 for lr in d.labels)
    # an anti-fraud warning names a scam, not a people: still excused
    d = engine.moderate({"id": "x", "text": "提醒大家：最近有人冒充快递员打电话要验证码，都是诈骗，千万别信"})
    assert d.action == "pass"


@pytest.mark.parametrize(("text", "note"), [
    ("某集团董事长内部讲话录音曝光：“加班是福报，不加就滚”，听完血压都上来了",
     'AIGC {"Label":"1","ContentProducer":"某语音克隆服务"}'),
    ("凌晨两点在水库边拍到的，水面上有个发光的东西在动，吓死我了，附近有人看到吗",
     'ffprobe format.tags.AIGC={"Label":"1","ProduceID":"vg-001"}'),
    ("某歌手还没发的新歌demo流出了，趁还没被删快听", 'ID3 TXXX:AIGC {"Label":"1"}'),
])
def test_generated_content_passed_off_as_a_real_record_is_reviewed(engine: Engine, text: str, note: str) -> None:
    d = engine.moderate({"id": "x", "text": text, "media": [{"path": "m/x.bin", "note": note}]})
    assert d.action in ("review", "block"), d.action
    dec = next(lr for lr in d.labels if lr.label == "aigc_deceptive")
    assert dec.policy_rule and dec.policy_rule.startswith("aigc.deceptive")
    fields = {ev.field for ev in dec.evidence}
    # both halves: the generation found in the file's note, the words that pass it off in the text
    assert "text" in fields and any(f.startswith("media[0]") for f in fields), fields
    assert any(ev.rule == "aigc.text.passed_off_record" and ev.field == "text" for ev in dec.evidence)


def test_a_debunk_of_a_generated_recording_is_not_deceptive(engine: Engine) -> None:
    d = engine.moderate({"id": "x", "text": "辟谣：网传某董事长内部讲话录音曝光系AI合成，请勿转发",
                         "media": [{"path": "m/x.bin", "note": 'AIGC {"Label":"1"}'}]})
    assert not any(lr.label == "aigc_deceptive" for lr in d.labels)


def test_a_platform_detector_score_in_a_note_says_generated(engine: Engine) -> None:
    d = engine.moderate({"id": "x", "text": "废墟里被救出来的小女孩，看哭了",
                         "media": [{"path": "m/x.jpg", "note": "平台AIGC检测分0.96，无元数据"}]})
    assert any(lr.label == "aigc_unlabeled" and lr.score > 0 for lr in d.labels)
    d = engine.moderate({"id": "x", "text": "废墟里被救出来的小女孩，看哭了",
                         "media": [{"path": "m/x.jpg", "note": "平台AIGC检测分0.02"}]})
    assert not any(lr.label == "aigc_unlabeled" and lr.score > 0 for lr in d.labels)


def test_a_stereotype_reported_is_not_the_group_frames(engine: Engine) -> None:
    # the stereotype said by others and answered (总说…我们也很生气): neither group frame fires (the comment model reads
    # the words on its own, which is its business)
    for text in ("外地人总说河南人偷井盖，我们听了也很生气，哪个地方没有坏人",
                 "我什么时候说过河南人偷井盖？别扣歧视的帽子"):
        _, _, rules = decide(engine, {"text": text})
        assert not any(r.startswith(("frame.antagonism.stock_joke", "frame.antagonism.group_stereotype"))
                       for r in rules), text
