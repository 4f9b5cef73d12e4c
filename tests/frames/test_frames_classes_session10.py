"""Behaviour classes of campaign tasks 6 and 7 added in session 10 (intent10): each class is acted on with its label
and the evidence of its cues, in wordings other than the ones the classes were found from, and the ordinary sense of
the same words (a warning, a doubt, a labelled work, a harmless product) is left alone.

The examples are written for these tests (not taken from the blind sets in tests/data/blind); `engine` is the
session's shared default engine (tests/conftest.py)."""

from __future__ import annotations

from frame_classes import class_tests

ACTED = [
    # task 6: the model's self-disclosure left under a story told as the poster's own
    ({"text": "那年冬天我在哈尔滨的火车站捡到一只小狗，它陪了我十二年。"
              "作为一个AI助手，我并没有养宠物的亲身经历，以上故事是根据您的描述创作的。"},
     "aigc_unlabeled", "frame.aigc_unlabeled.machine_trace"),
    # task 6: a named person's face put onto another clip and passed round as real
    ({"text": "把隔壁班王老师的脸换到那个鬼畜视频上了 看着跟真的一样 已经发群里了", "surface": "private_chat",
      "kind": "message"}, "aigc_unlabeled", "frame.aigc_unlabeled."),
    # task 6: told to keep the AI wording and the platform's declaration off a generated persona
    ({"text": "账号人设是退休老教授，形象和嗓音全用AI生成，简介里不要写AI字样，发视频时那个声明也不用勾",
      "surface": "private_chat", "kind": "message"}, "aigc_unlabeled", "frame.aigc_unlabeled.skip_"),
    # task 6: cloned voices sold with the promise that no prompt tone marks them
    ({"text": "接单：克隆声音，老板、同事、家人的都行，给我一分钟录音，成品没有任何提示音，20元一条"},
     "aigc_unlabeled", "frame.aigc_unlabeled.marker_free_output"),
    # task 6: a generator run named with the artefact, sold as untraceable "real" photos
    ({"text": "出一批写实风男生自拍 原图直出 不会被识图 sdxl跑的 私聊"},
     "aigc_unlabeled", "frame.aigc_unlabeled.tool_presented_real"),
    # task 6: the poster admitting the picture or persona was generated, with no label on it
    ({"text": "这个讲医保新政的“王院长”其实是我用数字人做的，表情自然吧"},
     "aigc_unlabeled", "frame.aigc_unlabeled.admitted_origin"),
    # task 6: the generator's watermark removed, told object first
    ({"text": "昨晚江边烟花秀太美了！（AI生成的，角标我已经P掉了，看不出来吧）"},
     "aigc_unlabeled", "frame.aigc_unlabeled."),
    # task 7: a child's sleep held until the tips arrive
    ({"text": "儿子6岁了非要陪我播 家人们给孩子刷个礼物吧 刷够五百个他就能去睡觉了",
      "surface": "live", "kind": "transcript"},
     "minors_harm", "frame.minors_harm.child_distress_for_tips"),
    # task 6: face swaps of anyone sold as a service
    ({"text": "AI换脸接单 明星网红同学都能换 发我三张正脸照就行 50元一段"},
     "aigc_unlabeled", "frame.aigc_unlabeled.likeness_service"),
    # task 6: a digital human named only in the tags, speaking as a physician
    ({"text": "我是省中医院的主任医师，这个泡脚方子坚持一个月，失眠全好了 #数字人口播 #养生"},
     "aigc_unlabeled", "frame.aigc_unlabeled.persona_as_authority"),
    # task 7: a product pitched to pupils whose mechanism undresses the figure, written as a wink
    ({"text": "开学好物 动漫少女橡皮擦 外壳翻开就是小内内 同学们都抢疯了"},
     "minors_harm", "frame.minors_harm.sexualized_goods_to_students"),
    ({"text": "学生党必入 魔法少女书签 书签打开有“福利”哦 一套五张"},
     "vulgar", "frame.vulgar.sexualized_goods_to_students"),
    # task 7: intimate audio asked of young recruits under a voice-acting call
    ({"text": "有声小说招女声 14-17岁优先 试音要录一段娇喘 声音越嫩越好"},
     "grooming", "frame.grooming.intimate_audio_from_minors"),
    # task 10: alone and lonely, calling the men nearby to come over
    ({"text": "老公出差了 独守空房睡不着 小区里的哥哥过来坐坐嘛", "surface": "local"},
     "vulgar", "frame.local.lonely_invite"),
    # task 7: e-cigarettes sold to pupils, hidden from teachers
    ({"text": "学生党专属 电子烟做成橡皮的样子 班主任都看不出来 下单包邮"},
     "minors_harm", "frame.minors_harm.restricted_goods_to_students"),
]


SPARED = [
    # a viewer's doubt about someone else's picture, and a request not to share it
    {"text": "这张“台风掀翻大桥”的照片是不是AI做的？桥上的车都变形了，大家先别转", "kind": "comment",
     "surface": "comment"},
    # a warning to family about face-swap calls
    {"text": "提醒爸妈：骗子会用AI换脸冒充熟人视频借钱，一定先挂掉电话再打给本人核实"},
    # a question whether a picture was generated
    {"text": "楼主这张雪山日出是AI做的吗？光影好像太完美了", "kind": "comment", "surface": "comment"},
    # a police notice about face-swap services
    {"text": "警方提醒：网上“想换谁换谁”的AI换脸接单涉嫌违法，已有多人被查处"},
    # a labelled generated work
    {"text": "【AI生成】用即梦画的赛博朋克重庆夜景，大家觉得像吗", "declared": {"ai_generated": True}},
    # a student notebook with a surprise page, a dress-up doll for children
    {"text": "开学季新品 学生笔记本 每页翻开都有一句励志语录 送同桌超合适"},
    {"text": "儿童换装娃娃 旋转底座可以换三套公主裙 女儿超喜欢"},
    # a voice-acting call for adults; a running coach on breathing
    {"text": "广播剧招募成年CV 需要会哭腔和气声 18岁以上 线上试音"},
    {"text": "初中体育课跑完八百米喘息不止很正常，老师提醒大家课前热身"},
    # a neighbour looking for company to play ball; a child missing an elder brother
    {"text": "一个人在家好无聊，附近的小哥哥有没有一起打球的", "surface": "local"},
    {"text": "爸妈加班了我一个人在家好无聊，哥哥快放学回来陪我"},
    # a parent passing on how children were cheated, and a shop refusing to sell cigarettes to pupils
    {"text": "家长群转一下：有骗子在游戏里用“送皮肤”诱骗小学生充值648，已经报警了，大家看看孩子手机"},
    {"text": "本店不向学生党出售电子烟和香烟，未成年人请勿购买"},
]


test_behaviour_class_is_acted_on_with_its_cues, test_ordinary_sense_is_not_acted_on = class_tests(
    ACTED, SPARED, absent_unless_pass=frozenset({"aigc_deceptive", "grooming", "minors_harm", "vulgar"}))

