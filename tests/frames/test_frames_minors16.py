"""Behaviour classes added in session 16 (minors16) for task 7 (issue 15): harm to children by structure, without a
trigger word — who is reached (a pupil named in the content, minors mode, a prominent slot: 首页首屏 / 弹窗 / 热搜),
what the content does to them (asks a child for their home and phone, teaches pupils romance behind their parents'
backs, scares them into forwarding a chain letter, counts the tips a child is made to drink or dance for, teaches
truancy tricks, lets adult accounts out past the anti-addiction check), and who
is surely a child (a fan collection asked of 学生党 is fan mobilisation; of 小学生 with their parents' phone, harm to
minors). Parents, teachers, the police and the same words about adults are left alone.

The examples are written for these tests (not taken from the blind sets, the corpus writers nor the twin pairs);
`engine` is the session's shared default engine (tests/conftest.py)."""

from __future__ import annotations

from frame_classes import class_tests, decide

from qinglang.engine import Engine

SUMMER = "2024-07-20T20:00:00+08:00"  # 07-summer-minors is active
SPRING_OFF = "2024-05-06T10:00:00+08:00"  # no Spring Festival window: fan posts meet the all-year rules only
MINOR = {"audience": {"minor_mode": True, "age": 11}}
CHILD_CHAT = {"surface": "private_chat", "kind": "message", "audience": {"age": 11}, "created_at": SUMMER}

ACTED = [
    # pupils fighting, on hot search
    ({"text": "#七中初一学生打群架# 四个围着一个打，还有人在旁边拍", "surface": "hot_search", "kind": "title",
      "created_at": SUMMER}, "minors_harm", "frame.minors_harm.minor_violence_prominent"),
    # a beating of a pupil in minors mode
    ({"text": "初二男生放学路上被几个人按在地上踹", **MINOR, "created_at": SUMMER}, "minors_harm",
     "frame.minors_harm.minor_violence_in_minors_mode"),
    # a child asked for their home and watch number, with a reward, in minors mode
    ({"text": "评论区留下你家小区和手表号，抽十个小朋友送限定皮肤", **MINOR, "created_at": SUMMER}, "minors_harm",
     "frame.minors_harm.personal_info_from_minors"),
    # the same ask on a children's watch, outside minors mode
    ({"text": "电话手表新玩法：私信发你家住址和班级，马上帮你加好友", "created_at": SUMMER}, "minors_harm",
     "frame.minors_harm.personal_info_on_child_device"),
    # romance taught to pupils, behind the parents' backs
    ({"text": "初一女生追到学长的攻略，第三招最管用，千万别让爸妈知道", "created_at": SUMMER}, "minors_harm",
     "frame.minors_harm.romance_taught_to_minors"),
    # a chain letter that scares pupils
    ({"text": "看到的同学马上转发给8个好友，不然三天之内就会倒霉", "created_at": SUMMER}, "minors_harm",
     "frame.minors_harm.curse_chain"),
    # a child made to drink again when the gifts reach a count
    ({"text": "我家6岁闺女敢喝啤酒 礼物满二百就让她再干一杯", "surface": "live", "created_at": SUMMER},
     "minors_harm", "frame.minors_harm.child_act_for_tips"),
    # truancy taught as a trick
    ({"text": "教你们一个逃课神器：早上喊肚子疼装病请假，亲测有效", "created_at": SUMMER}, "minors_harm",
     "frame.minors_harm.truancy_taught"),
    # adult accounts let out past the anti-addiction check
    ({"text": "暑假成年号出租 实名认证秒过 按小时算", "created_at": SUMMER}, "minors_harm",
     "frame.minors_harm.bypass_protection"),
    # pupils told to fund an idol with their parents' phone
    ({"text": "初中生也能为哥哥打榜！拿爸妈手机多注册几个小号，投完记得删记录", "created_at": SPRING_OFF},
     "minors_harm", "frame.minors_harm.minor_fan_family_money"),
    # adult accounts let out to dodge the check, said with the evasion verb
    ({"text": "租成年账号，避开防沉迷，暑假想玩多久玩多久", "created_at": SUMMER}, "minors_harm",
     "frame.minors_harm.bypass_protection"),
    # a toddler made to cry on purpose for views
    ({"text": "今天故意把儿子的积木藏起来，他哭得撕心裂肺😂 流量爆了，4岁小孩真好拍", "created_at": SUMMER},
     "minors_harm", "frame.minors_harm.child_distress_for_likes"),
    # pupils told to pay for an idol's ranking
    ({"text": "初中生姐妹每天充10块给哥哥打榜，冲上周榜第一", "created_at": SPRING_OFF}, "minors_harm",
     "frame.minors_harm.pupils_pay_for_ranking"),
    # adult content pointed at minors as open to them
    ({"text": "想看那种视频的来，这个站未成年也能进", "created_at": SUMMER}, "minors_harm",
     "frame.minors_harm.adult_content_to_minors"),
    # a paid-companion job open to pupils
    ({"text": "招线上陪聊，声音甜就行，初中生也可以，日结", "created_at": SUMMER}, "minors_harm",
     "frame.minors_harm.recruit_minor"),
    # a figure of a schoolgirl whose clothes come off, sold to students
    ({"text": "校服少女手办上新，可脱卸的裙子，学生党专享价", "created_at": SUMMER}, "minors_harm",
     "frame.minors_harm.sexualized_"),
    # a game sold to pupils as one the anti-addiction system cannot reach
    ({"text": "这款手游青少年模式管不住，半夜也能玩，初中生快来", "created_at": SUMMER}, "minors_harm",
     "frame.minors_harm.bypass_protection"),
    # grooming in private chat: a picture asked by its count after the bath, with money
    ({"text": "洗完澡拍一张发我看看，给你发100", **CHILD_CHAT}, "grooming", "frame.grooming.private_"),
    # grooming: the camera turned on, a secret shared by two, game currency promised
    ({"text": "这是咱们俩知道的秘密，把摄像头打开，给你500钻", **CHILD_CHAT}, "grooming", "frame.grooming."),
    # grooming: the child addressed as one, a photo asked for
    ({"text": "小弟弟你上几年级啦？发张你穿泳裤的照片给哥哥看看", **CHILD_CHAT}, "grooming",
     "frame.grooming.private_lure"),
    # a collection quota pushed on 学生党: fan mobilisation, kept off recommendation all year
    ({"text": "哥哥应援集资目标十万，每人至少两百，学生党也要出一份力", "created_at": SPRING_OFF}, "fan_frenzy",
     "frame.fan_frenzy.students_fund"),
]

SPARED = [
    # a news report of a fight, in the feed, with the police
    {"text": "警方通报：两名初中生放学后发生冲突，已依法处理，提醒家长关注孩子情绪", "created_at": SUMMER},
    # a school asking parents for the child's details, in the feed
    {"text": "请各位家长私信班主任填写孩子的家庭住址和紧急联系电话，用于暑期安全登记", "created_at": SUMMER},
    # a parent asking how to talk to a pupil about romance
    {"text": "孩子初二开始谈恋爱了，作为家长该怎么引导？", "created_at": SUMMER},
    # a warning against chain letters
    {"text": "提醒家长：“不转发给10个同学就会倒霉”是谣言，告诉孩子不要相信不要转发", "created_at": SUMMER},
    # a teacher on truancy
    {"text": "班主任提醒：暑假后开学，逃课装病请假都会影响成绩，家长要配合学校", "created_at": SUMMER},
    # a platform's anti-addiction notice
    {"text": "防沉迷系统升级：未成年人需完成实名认证和人脸识别后方可登录", "created_at": SUMMER},
    # a fan club refusing collections
    {"text": "后援会声明：本站不组织任何集资，学生党请理性追星", "created_at": SPRING_OFF},
    # a model kit whose shell comes off
    {"text": "这款拼装模型可拆卸外壳，学生党入门首选", "created_at": SUMMER},
    # a mother in private chat asking her child for a photo after the bath
    {"text": "宝贝洗完澡拍一张发给妈妈，看看湿疹好点没", **CHILD_CHAT},
    # a coach asking a pupil for the training clip
    {"text": "小朋友们，今天的跳绳视频拍一段发给教练，周五前交", **CHILD_CHAT},
    # a new mother asking why her baby cries
    {"text": "宝宝一直哭得停不下来，是不是肠绞痛？新手妈妈求助", "created_at": SUMMER},
    # a summer camp open to pupils
    {"text": "暑期科技夏令营，初中高中都可以报名，专业老师全程带队", "created_at": SUMMER},
    # an adult's romance story, not aimed at children
    {"text": "和男朋友异地三年终于见面了，分享我们的恋爱日常", "created_at": SUMMER},
]


test_behaviour_class_is_acted_on_with_its_cues, test_ordinary_sense_is_not_acted_on = class_tests(ACTED, SPARED)


def test_violence_needs_a_prominent_slot_or_minors_mode(engine: Engine) -> None:
    """The same fight among pupils told in an adult's feed gets no minors_harm from the surface frames."""
    item = {"text": "#七中初一学生打群架# 四个围着一个打，还有人在旁边拍", "kind": "title", "created_at": SUMMER}
    _, _, feed_rules = decide(engine, {**item, "surface": "feed"})
    _, labels, hot_rules = decide(engine, {**item, "surface": "hot_search"})
    assert not any(r.startswith("frame.minors_harm.minor_violence") for r in feed_rules)
    assert "minors_harm" in labels
    assert any(r.startswith("frame.minors_harm.minor_violence_prominent") for r in hot_rules)


def test_students_fund_is_fan_frenzy_not_minors_harm(engine: Engine) -> None:
    """学生党 alone does not make the funded fans children: the minors_harm frame reads only a sure child."""
    _, labels, rules = decide(engine, {"text": "哥哥应援集资目标十万，每人至少两百，学生党也要出一份力",
                                       "created_at": SPRING_OFF})
    assert "fan_frenzy" in labels
    assert not any(r.startswith("frame.minors_harm.minor_fan_collection") for r in rules)
    _, labels, rules = decide(engine, {"text": "哥哥应援集资目标十万，小学生把压岁钱拿出来也要出一份力",
                                       "created_at": SPRING_OFF})
    assert any(r.startswith("frame.minors_harm.minor_fan_collection") for r in rules)


def test_a_pupils_romance_alone_is_kept_off_prominent_slots_and_minors_mode(engine: Engine) -> None:
    """No push, no teaching: on 弹窗 or in minors mode it is acted on; in an adult's feed it is an ordinary post."""
    item = {"text": "初三女生为了男朋友天天逃晚自习", "created_at": SUMMER}
    _, labels, rules = decide(engine, {**item, "surface": "popup"})
    assert "minors_harm" in labels and any(r.startswith("frame.minors_harm.romance_on_prominent_slot") for r in rules)
    _, labels, rules = decide(engine, {**item, **MINOR})
    assert "minors_harm" in labels and any(r.startswith("frame.minors_harm.romance_in_minors_mode") for r in rules)
    _, _, rules = decide(engine, {**item, "surface": "feed"})
    assert not any(r.startswith("frame.minors_harm.romance_") for r in rules)


def test_romance_frames_leave_private_chat_to_grooming(engine: Engine) -> None:
    """A man courting a pupil in private chat is grooming's business, not a post that teaches pupils romance."""
    _, _, rules = decide(engine, {"text": "你才初一啊，做我女朋友好不好，别让你爸妈知道", "surface": "private_chat",
                                  "kind": "message", "audience": {"age": 12}, "created_at": SUMMER})
    assert not any(r.startswith("frame.minors_harm.romance_") for r in rules)


def test_a_protection_fee_is_not_a_fight_shown(engine: Engine) -> None:
    """The surface frames read a fight shown (打群架, 扇耳光, 几个打一个), not every form of bullying."""
    _, _, rules = decide(engine, {"text": "每周交十块保护费，不交就在厕所里等着", **MINOR, "created_at": SUMMER})
    assert not any(r.startswith("frame.minors_harm.minor_violence") for r in rules)


def test_evidence_shows_span_and_normalized_form(engine: Engine) -> None:
    text = "评论区留下你家小区和手表号，抽十个小朋友送限定皮肤"
    d = engine.moderate({"id": "x", "text": text, **MINOR, "created_at": SUMMER})
    lr = next(lr for lr in d.labels if lr.label == "minors_harm")
    ev = [e for e in lr.evidence if e.rule.startswith("frame.minors_harm.personal_info_from_minors.")]
    assert {e.rule.rsplit(".", 1)[1] for e in ev} >= {"info_ask", "info_lure"}
    for e in ev:
        assert text[e.start:e.end] == e.text and e.normalized and e.detector.startswith("frame@")
