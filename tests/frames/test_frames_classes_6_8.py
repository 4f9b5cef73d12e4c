"""Behaviour classes of campaign tasks 6-8 added in session 8 (AI content passed off as real, minors, language
misuse): each class is acted on with its label and the evidence of its cues, in wordings other than the ones the
classes were found from, and the ordinary sense of the same words is left alone.

The examples are written for these tests (not taken from the blind sets in tests/data/blind); `engine` is the
session's shared default engine (tests/conftest.py)."""

from __future__ import annotations

from frame_classes import class_tests

from qinglang.detectors.language_misuse import split_apart
from qinglang.engine import Engine

ACTED = [
    # task 6: the generation named only in an aside while the content is spread as real
    ({"text": "董事长开会骂员工的录音流出了，大家自己听（声音拿软件克隆的，别当真哈）"}, "aigc_unlabeled",
     "frame.aigc_unlabeled.passed_off"),
    ({"text": "叫deepseek帮我编了段隔壁饭店吃出苍蝇的经历，写得跟真的一样，已经发到本地群了"}, "aigc_unlabeled",
     "frame.aigc_unlabeled."),  # passed_off or undetectable_generation: one signal per label, the stronger
    # task 6: generated writing handed in or entered as one's own work
    ({"text": "让kimi帮我写了篇征文拿去投稿了，署我的名"}, "aigc_unlabeled", "frame.aigc_unlabeled.passed_off"),
    # task 6: telling viewers not to say the host is a virtual human
    ({"text": "我是真人主播小云，谁在公屏说我是数字人就直接拉黑", "surface": "live", "kind": "transcript"},
     "aigc_unlabeled", "frame.aigc_unlabeled.concealed_nature"),
    # task 6: a host who never goes off air
    ({"text": "二十四小时在线的主播阿彩来啦，今晚的保温杯买一送一", "surface": "live", "kind": "transcript"},
     "aigc_unlabeled", "frame.aigc_unlabeled.tireless_host"),
    # task 6: a tool that crops the label's own words out
    ({"text": "批量去掉片尾「由AI生成」几个字，一次处理一百条，需要的私"}, "aigc_unlabeled",
     "frame.aigc_unlabeled.conceal_label"),
    # task 7: asking the crowd for a pupil's home and parents, to post them
    ({"text": "有人知道三班那个男生住哪吗？还有他妈电话，拿到直接挂出来", "surface": "comment", "kind": "comment"},
     "bullying", "frame.bullying.doxxing_request"),
    # task 7: paid harassment
    ({"text": "接单代喷，帮你喷室友喷到退群，一条5块，学生党优惠", "surface": "comment", "kind": "comment"},
     "bullying", "frame.bullying.harassment_for_hire"),
    # task 7: a child's distress traded for tips
    ({"text": "家人们不点小心心，今天就不给她饭吃，宝宝哭给大家看，刷个火箭吧", "surface": "live",
      "kind": "transcript"},
     "minors_harm", "frame.minors_harm.child_distress_for_tips"),
    # task 7: a pupil's beating filmed as an episode series
    ({"text": "校门口几个人把一个初二男生按在墙上打 第3期 关注看后续"}, "minors_harm",
     "frame.minors_harm.serial_bullying"),
    # task 7: a children's cartoon character with an adult marker
    ({"text": "佩奇成年版本子 r18 私信发"}, "minors_harm", "frame.minors_harm.sexualized_cartoon"),
    # task 7: gore in a remake shown to toddlers, told by what is done to a body
    ({"text": "小兔子乖乖恐怖版 兔妈妈的耳朵被剪掉了 宝宝睡前听", "audience": {"minor_mode": True, "age": 4}},
     "minors_harm", "frame.minors_harm.gore_for_children"),
    # task 7: goods whose clothes come off, sold to under-18s without checks
    ({"text": "新款手办 外套能脱下来哦 学生价 未满十八也能拍 不用实名"}, "minors_harm",
     "frame.minors_harm.sexualized_goods_to_students"),
    # task 7: harmful content or functions pushed on a child's device (the notice's 儿童智能设备)
    ({"text": "儿童手表神器，装上就能碰一碰加陌生人好友，家长看不到"}, "minors_harm", "frame.minors_harm.child_device"),
    # task 8: self-harm homophones
    ({"text": "期末挂了三科 好想原地紫砂", "surface": "hot_search", "audience": {"minor_mode": True, "age": 15}},
     "minors_harm", "frame.minors_harm.self_harm_slang"),
    # task 8: a quoted nickname for a place's people with an insinuation
    ({"text": "“偷车市”的来了，大家锁好门", "surface": "comment", "kind": "comment"}, "language_misuse",
     "frame.language_misuse.region_nickname"),
    # task 5: a degrading PK forfeit told by what the loser does to themself
    ({"text": "连麦PK输的那位，灌一整瓶酱油，再拿鞋底打自己嘴巴二十下", "surface": "live", "kind": "transcript"},
     "vulgar", "frame.vulgar.degrading_forfeit"),
    # task 8: a saying "correctly understood" as a put-down of a group
    ({"text": "“男女平等”翻译过来就是：男的干活女的享受，女的还好意思喊累？", "surface": "comment", "kind": "comment"},
     "language_misuse", "frame.language_misuse.twisted_saying"),
    # task 10: massage with sexual hints, recruiting with a quick-money promise
    ({"text": "上门按摩 美女技师 可到酒店 包夜另谈", "surface": "local"}, "vulgar", "frame.local.sexual_massage"),
    ({"text": "招男公关 日结3000 形象好 来钱快", "surface": "local"}, "vulgar", "frame.local.sexual_recruiting"),
]


SPARED = [
    # anti-fraud advice about cloned voices, a photographer answering "is this AI", a how-to on ticking the label
    {"text": "爸，现在有人能用AI克隆我的声音打电话要钱，你先挂掉再打我电话确认，千万别转账", "surface": "private_chat",
     "kind": "message"},
    {"text": "真不是AI，别再私信问我用的什么AI了，这张是我熬了一个通宵画的", "surface": "feed"},
    # a parent warning other parents about a child's secret top-ups
    {"text": "给宝妈们提个醒：别让孩子用你手机充游戏，我家娃偷偷充了800，记得打开青少年模式"},
    # a parent's complaint about the same device, a device review
    {"text": "才发现孩子学习机里竟然有恋爱短剧，已经投诉了"},
    {"text": "儿童手表推荐：防水、定位准，家长可以远程设置好友白名单"},
    # a school rule against handing in generated homework
    {"text": "老师说了，用AI写的作文交上去算作弊，大家别这么干"},
    # a pupil's safety, a court report on doxxing, a teapot, a real province in quotes
    {"text": "孩子被同学骂了，老师说可以告诉家长，我们已经找班主任沟通"},
    {"text": "检察院对一名在网上“开盒”多名学生的男子提起公诉", "declared": {"source": "法治日报"}},
    {"text": "这把紫砂壶直接收了，泥料不错", "surface": "comment", "kind": "comment"},
    {"text": "“浙江省”的人都很会做生意，一听口音就知道是老乡", "surface": "comment", "kind": "comment"},
    # ordinary massage, job ads, a live host saying when the stream runs
    {"text": "上门推拿 中医正骨 一对一 三十年老师傅", "surface": "local"},
    {"text": "招聘KTV服务员 日结300 包吃住 当天上岗", "surface": "local"},
    {"text": "主播今天播到晚上十点，明天24点前下单都有优惠", "surface": "live", "kind": "transcript"},
    # a PK forfeit that degrades nobody
    {"text": "今天连麦PK，输了的给对方唱首歌，大家吃一口饭再来", "surface": "live", "kind": "transcript"},
    # spaced-out lyrics are not split characters
    {"text": "人 人 都 说 日 月 明", "surface": "comment", "kind": "comment"},
]


test_behaviour_class_is_acted_on_with_its_cues, test_ordinary_sense_is_not_acted_on = class_tests(ACTED, SPARED)


def test_characters_written_apart_are_a_substitution_with_the_character_they_make(engine: Engine) -> None:
    text = "想认识 弓 虽 壮的，最好 女 干 过的那种"
    assert [ch for _, _, ch in split_apart(text)] == ["强", "奸"]
    d = engine.moderate({"id": "x", "text": text, "surface": "comment", "kind": "comment"})
    evs = [ev for lr in d.labels if lr.label == "language_misuse" for ev in lr.evidence]
    assert d.action != "pass"
    assert [(ev.text, ev.normalized) for ev in evs if ev.rule == "language.substitution.split"] == \
        [("弓 虽", "强"), ("女 干", "奸")]
