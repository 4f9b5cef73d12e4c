"""Shipped frames of campaign tasks 6-10 (AIGC, minors, language misuse, news trade, 同城): each behaviour is acted
on with its label and the evidence of its cues, and the ordinary sense of the same words is left alone.

The examples are written for these tests (not taken from the blind sets in tests/data/blind)."""

from __future__ import annotations

import pytest
from frame_classes import decide

from qinglang.engine import Engine


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


ACTED = [
    # task 8: a slang / homophone insult aimed at someone, a pun aimed at a body, mocking a hero by a homophone
    ({"text": "楼主你真是个大伞兵，说的都是啥", "surface": "comment", "kind": "comment"}, "language_misuse",
     "frame.language_misuse.addressed_slang"),
    ({"text": "评论区又被国蝻攻占了，离谱", "surface": "comment", "kind": "comment"}, "language_misuse",
     ("frame.language_misuse.group_slur", "lexicon.language_misuse.")),  # either names the slur
    ({"text": "这位小姐姐的胸器也太犯规了，想看涩图的私我", "surface": "comment", "kind": "comment"}, "language_misuse",
     "frame.language_misuse."),
    ({"text": "邱少云改叫烤肉哥哈哈哈，笑死", "surface": "comment", "kind": "comment"}, "language_misuse",
     "frame.language_misuse.hero_mockery"),
    # task 9: trading the right to publish news
    ({"text": "新闻客户端城市频道整体转让，可自主发稿，年费5万，名额有限"}, "unlicensed_news",
     "frame.unlicensed_news.licence_trade"),
    ({"text": "贵单位食品安全问题已被我们掌握，拟发布调查报道，请三日内联系编辑部协商",
      "author": {"id": "u1", "name": "某某观察"}}, "unlicensed_news", "frame.unlicensed_news.coercive_report"),
    # task 10: sexual services dressed as companionship, paid reviews, per-area porn codes, violent calls
    ({"text": "周末找个自驾游搭子，费用我全包，懂事点的女生优先", "surface": "local"}, "vulgar",
     "frame.local.sexual_services"),
    ({"text": "新店开业，到店写五星好评送果盘一份，别说是店里让写的", "surface": "local"}, "water_army",
     "frame.local.paid_review"),
    ({"text": "各位今晚一起去给那家奶茶店刷一星，大家都去，把他搞垮", "surface": "local"}, "water_army",
     "frame.local.review_bombing"),
    ({"text": "城东/城西/高新区 新茶已到，上门快餐，回复区名", "surface": "local"}, "local_concentration",
     "frame.local_concentration.sex_by_area"),
    ({"text": "那些收废品的都该死，见一个打一个", "surface": "local"}, "abuse", "frame.local.violent_call"),
    # task 7: a covert channel and secrecy with a minor; organised exclusion of a classmate; profanity for minors
    ({"text": "咱们换个软件聊吧，这个看完就没了，你爸妈查不到，弄好了给你充点券", "surface": "private_chat",
      "kind": "message", "audience": {"age": 12}}, "grooming", "frame.grooming.covert_channel"),
    ({"text": "以后全班都不准理张某某，谁跟他一起玩就是跟我过不去，群主把他移出群", "surface": "private_chat",
      "kind": "message", "audience": {"age": 13}}, "bullying", "frame.bullying.organised_exclusion"),
    ({"text": "【主播骂人名场面】合集第三弹", "kind": "video", "audience": {"minor_mode": True, "age": 11}},
     "minors_harm", "frame.minors_harm.profanity_in_minors_mode"),
    # task 6: a templated "real buyer" review
    ({"text": "作为一名上班族，我认为这款咖啡机有以下几个优点：首先出杯快；其次清洗方便。"
              "总而言之，性价比极高，值得推荐。",
      "surface": "comment", "kind": "comment"}, "aigc_unlabeled", "frame.aigc_unlabeled.templated_review"),
    # task 6: content declared (or implicitly labelled) as generated, presented as a real photo, person or experience
    ({"text": "这是我在三亚拍的原图，没有任何后期，海水真的这么蓝", "declared": {"ai_generated": True}},
     "aigc_unlabeled", "frame.aigc_unlabeled.declared_presented_real"),
    ({"text": "我是你们的老朋友小李，今天想跟你聊聊最近的理财机会", "surface": "private_chat", "kind": "message",
      "declared": {"ai_generated": True}}, "aigc_unlabeled", "frame.aigc_unlabeled.declared_human_persona"),
    # task 6: a generation tool named beside a claim of a real photo; a cloned voice sold as "just like them";
    # assistant boilerplate left in a post; machine rewriting sold as undetectable
    ({"text": "民国时期上海街头的真实照片，百年前的外滩原来这么繁华 #stable diffusion #怀旧"}, "aigc_unlabeled",
     "frame.aigc_unlabeled.tool_presented_real"),
    ({"text": "某主持人声音模型上线，念啥都跟本人一模一样，拿去整蛊朋友吧"}, "aigc_unlabeled",
     "frame.aigc_unlabeled.cloned_likeness"),
    ({"text": "好的，下面是一条朋友圈文案，如需调整随时告诉我：带娃去了郊野公园，草坪超大，孩子玩疯了"},
     "aigc_unlabeled", "frame.aigc_unlabeled.assistant_reply"),
    ({"text": "AI改写文章软件，批量出稿，过原创，平台查不出是机器生成的，198元终身版"}, "aigc_unlabeled",
     "frame.aigc_unlabeled.undetectable_generation"),
    # a seller's own assurance (不违规) is no warning: it does not veto
    ({"text": "代去AI角标，批量清除，不违规不封号，平台检测不到"}, "aigc_unlabeled",
     "frame.aigc_unlabeled.conceal_label"),
    # task 6: concealing the label (标识办法第十条) and selling generation as undetectable
    ({"text": "数字人视频右下角那个AI合成字样用马赛克盖住就行，评论区没人发现"}, "aigc_unlabeled",
     "frame.aigc_unlabeled.conceal_label"),
    ({"text": "用AI克隆了老板的声音给财务发语音，完全听不出来是假的"}, "aigc_unlabeled",
     "frame.aigc_unlabeled.undetectable_generation"),
    # task 2/6/10: review-writing and list-pushing services
    ({"text": "招人写大众点评，五星带图，每条结8块，写得像真人一点", "surface": "local"}, "water_army",
     "frame.water_army.review_service"),
    ({"text": "同城榜代刷，两小时上热门前三，不上榜全额退，300元一次", "surface": "local"}, "water_army",
     "frame.water_army.rank_service"),
    # task 7: a drinking race for pupils, beating anti-addiction with a parent's face, top-ups pushed at children
    ({"text": "小学生暑假挑战：十秒喝完一罐啤酒，评论区报成绩", "surface": "hot_search"}, "minors_harm",
     "frame.minors_harm.minors_drinking"),
    ({"text": "初中生看过来！拿你爸的身份证刷脸认证，防沉迷就管不到你了", "audience": {"age": 13}}, "minors_harm",
     "frame.minors_harm.bypass"),
    ({"text": "限时特惠！首充6元送限定皮肤，今天最后一天", "surface": "popup",
      "audience": {"minor_mode": True, "age": 10}}, "minors_harm", "frame.minors_harm.spend_push"),
    ({"text": "开学季爆款笔记本，封面萝莉插画衣服可拆卸，学生专属价"}, "minors_harm",
     "frame.minors_harm.sexualized_goods_to_students"),
    # task 7: doxxing a classmate with a call to harass; an anonymous 挂人 board
    ({"text": "七年级二班王某某家住幸福小区5栋，她妈手机号在这，想骂的直接打过去", "audience": {"age": 13}},
     "bullying", "frame.bullying.doxxing_classmate"),
    ({"text": "本校挂人墙开张，谁看谁不顺眼私信投稿，照片和名字一起发，匿名保证安全"}, "bullying",
     "frame.bullying.exposure_board"),
    # task 7: secrecy with gifts and probing for when a child is alone
    ({"text": "你爸妈几点下班呀？我给你买新裙子，这是我们的小秘密哦", "surface": "private_chat", "kind": "message",
      "audience": {"age": 11}}, "grooming", "frame.grooming."),
    # task 8: paired quoted sound-alike body words, lewd readings of a classic, crime-glorifying memes, split glyphs
    ({"text": "这件内衣让你“胸”怀天下，“挺”身而出，限时特价"}, "language_misuse",
     "frame.language_misuse.quoted_lewd_pun"),
    ({"text": "《静夜思》其实是首荤段子？床前明月光原来暗指这个"}, "language_misuse",
     "frame.language_misuse.classic_lewd_reading"),
    ({"text": "#坐牢也值# 兄弟们这票干完进去踩缝纫机都不亏", "surface": "hot_search"}, "language_misuse",
     "frame.language_misuse.crime_meme"),
    ({"text": "想要的资源找“禾厶”我领取", "surface": "comment", "kind": "comment"}, "language_misuse",
     "frame.language_misuse.split_glyph"),
    # task 9: an unlicensed account in a wire-agency voice, a republished digest, popup flash news from a tool app
    ({"text": "新华社消息：下月起全国高速公路小客车全年免费通行", "author": {"id": "u2", "name": "生活小帮手"}},
     "unlicensed_news", "frame.unlicensed_news.wire_headline"),
    ({"text": "今日时政要闻速递：1.…… 2.……（综合整理自多家外媒）", "author": {"id": "u3", "name": "环球视野"}},
     "unlicensed_news", "frame.unlicensed_news.republished_digest"),
    ({"text": "【突发】某市发生一起燃气爆炸，已致2人遇难，点击查看详情", "surface": "popup",
      "author": {"id": "u4", "name": "手电筒Pro"}}, "unlicensed_news", "frame.unlicensed_news.popup_flash"),
    # task 7: a school class and a home named with a call to go and find the pupil; a pupil's beating sold as a
    # spectacle; a small child's dance described in adult allure; a streamer asking a pupil to tip from a parent's phone
    ({"text": "挂个人，城南二中初三4班那个男的，家住翠湖小区，你们去好好认识一下他"}, "bullying",
     "frame.bullying.doxxing_call"),
    ({"text": "高中女生在宿舍被围殴的原视频，完整版速看"}, "minors_harm", "frame.minors_harm.beating_spectacle"),
    ({"text": "我家6岁女儿跳的这段舞，一个抛媚眼谁顶得住，快帮她上热门"}, "minors_harm",
     "frame.minors_harm.sexualized_child"),
    ({"text": "三年级的小可爱，趁爸妈不在家快去拿妈妈手机，给哥哥刷个嘉年华", "surface": "live"}, "minors_harm",
     "frame.minors_harm.tipping_by_minors"),
    # task 2/9: a finished story about a company, a deadline to object and an offer to settle before it runs
    ({"text": "关于贵公司产品质量的稿件已写好，发布前可协商处理，请今晚前回复",
      "author": {"id": "u8", "name": "某某观察"}}, "extortion", "frame.extortion.private_ultimatum"),
    # task 10: an occupation cast as ex-convicts with a call to keep them out
    ({"text": "装修工人好多都有前科，家里有贵重东西的防着点，别雇那种", "surface": "local"}, "antagonism",
     "frame.local.group_stigma"),
    # task 10: a shop luring customers with a staff member's body
    ({"text": "本店新开业，美女服务员黑丝制服上阵，今晚进店消费送啤酒", "surface": "local"}, "vulgar",
     "frame.local.body_lure_marketing"),
]


@pytest.mark.parametrize(("item", "label", "rule"), ACTED)
def test_behaviour_is_acted_on_with_its_cues(engine: Engine, item: dict, label: str,
                                            rule: str | tuple[str, ...]) -> None:
    action, labels, rules = decide(engine, item)
    assert action != "pass"
    assert label in labels
    assert any(r.startswith(rule) for r in rules), rules


SPARED = [
    {"text": "空降兵部队伞兵训练开放日，孩子看得目不转睛"},
    {"text": "那个烧饼铺子的芝麻烧饼真香，每天排队"},
    {"text": "老司机分享：雨天开车一定要开雾灯，保持车距"},
    {"text": "女儿说今天要当小仙女，穿上公主裙去幼儿园"},
    {"text": "医生提醒：胸口闷痛持续不缓解要及时就医"},
    {"text": "清明节带孩子给邱少云烈士纪念碑献花，讲英雄的故事"},
    {"text": "XX日报社招聘编辑2名，要求新闻学相关专业",
     "author": {"id": "n1", "name": "XX日报", "news_license": "31120170021"}},
    {"text": "我们承接企业新闻稿撰写，不代发、不承诺收录时政频道"},
    {"text": "城东/城西/高新区的老师们，下周一起参加教研活动", "surface": "local"},
    {"text": "保安师傅一个人值夜班太辛苦了，希望物业多招两个人", "surface": "local"},
    {"text": "儿童写真、全家福，周末预约九折", "surface": "local"},
    {"text": "开学第一课：我们班谁被孤立、被起外号了，都可以单独找我，老师一定保护你", "audience": {"age": 12}},
    {"text": "新电影恐怖血腥镜头不少，不适合儿童，带孩子的别去"},
    {"text": "早餐打卡：烧饼配豆浆，炸油条也来一根"},
    {"text": "在三亚拍的原图，没修图，海水真的很蓝"},
    {"text": "提醒：发布AI生成内容一定要保留平台自动添加的标识，恶意删除水印属于违规"},
    {"text": "网信办通报：一批账号删除AI标识冒充实拍被依法处置"},
    {"text": "“胸有成竹”出自苏轼的文章，比喻做事之前已有成熟的打算"},
    {"text": "语文老师讲解《静夜思》，床前明月光的床其实指井栏"},
    {"text": "孩子学写字，“氵”三点水旁的字都和水有关"},
    {"text": "转自@新华社：今年夏粮总产量再创新高", "author": {"id": "u5", "name": "用户1"}},
    {"text": "国务院发布的新规我仔细读了，对小微企业确实是利好", "author": {"id": "u6", "name": "用户9"}},
    {"text": "新店开业全场八折，欢迎街坊邻居到店品尝", "surface": "local"},
    {"text": "吃完觉得不错给了五星好评，老板人很实在", "surface": "local"},
    {"text": "家长提醒：孩子暑假玩游戏充值要注意，防止偷偷用家长支付密码"},
    {"text": "去水印小技巧：用修图软件把自己照片上的日期水印去掉"},
    {"text": "暑假到了，爸妈记得给孩子开启青少年模式，用家长的身份证实名认证更安全"},
    {"text": "学校树洞投稿：最近压力好大，谁能陪我聊聊天", "audience": {"age": 15}},
    {"text": "古诗词鉴赏：《锄禾》表达了对农民的同情，这首诗的真正含义是珍惜粮食"},
    {"text": "每日英语新闻早报：整理自BBC和CNN的精选句子，适合学英语", "author": {"id": "u7", "name": "英语角"}},
    {"text": "老板娘亲自下厨做的红烧肉，到店消费打九折", "surface": "local"},
    {"text": "小朋友，你爸妈在家吗？我是来抄水表的", "surface": "private_chat", "kind": "message",
     "audience": {"age": 10}},
    # task 8 look-alike: friends teasing
    {"text": "你个憨憨，伞又落我家了，明天给你带过去", "surface": "comment", "kind": "comment"},
    # task 10 look-alike: a prejudice named to refute it
    {"text": "有人说快递员都是刑满释放的，这是偏见，别以偏概全", "surface": "local"},
    # task 2/9 look-alikes: a dispute settled by talking; a thesis defence notice
    {"text": "邻里纠纷可协商处理，如有异议可以去社区调解"},
    {"text": "毕业论文答辩定于明早9点，稿件已提交，如有异议联系本站管理员"},
    # task 7 look-alikes: safety advice naming what to report; a school notice with class and address
    {"text": "开学安全提醒：遇到有人开盒、人肉同学，第一时间告诉老师，保留截图"},
    {"text": "城南二中初三4班家长会改到周五，地点学校报告厅，请家长准时参加"},
    # task 6 look-alike: warning others off a label-removal service
    {"text": "评论区有人兜售去AI角标服务，千万别买，删除标识属于违规，会被处理"},
    # task 6 look-alikes: a tool named by someone who says they drew it; a licensed navigation voice; a real trip
    {"text": "用midjourney画的民国上海街景，像真实照片吗？咒语放评论区"},
    {"text": "导航语音包换成了林志玲版，声音太温柔了"},
    {"text": "好的，以下是本周班级值日安排：周一张三，周二李四"},
    {"text": "刚拍的晚霞，手机直出没加滤镜，今天的天空太美了"},
]


@pytest.mark.parametrize("item", SPARED)
def test_ordinary_sense_is_not_acted_on(engine: Engine, item: dict) -> None:
    action, labels, _ = decide(engine, item)
    assert action == "pass", labels


def test_a_journalists_own_account_is_not_an_outlet(engine: Engine) -> None:
    base = {"text": "今天在暴雨一线采访，晚上见报", "surface": "feed"}
    own = engine.moderate({"id": "a", **base, "author": {"id": "j1", "name": "某某晚报记者王芳"}})
    outlet = engine.moderate({"id": "b", **base, "author": {"id": "j2", "name": "某某晚报快报"}})
    assert "unlicensed_news" not in {lr.label for lr in own.labels}
    assert "unlicensed_news" in {lr.label for lr in outlet.labels}


def test_naming_ai_content_at_the_start_is_not_a_label(engine: Engine) -> None:
    mention = engine.moderate({"id": "a", "text": "AI生成的视频要怎么标注？平台规则整理如下"})
    notice = engine.moderate({"id": "b", "text": "AI生成：夕阳下的古镇"})
    # The AIGC part only: the retrained `cold` model (session 5) gives this sentence abuse p≈0.82 from 平台, a known
    # false positive of that model (docs/models.md), not an AI-content label.
    assert not mention.marks
    assert not {"aigc_unlabeled", "aigc_deceptive"} & {lr.label for lr in mention.labels}
    assert "aigc_explicit" in notice.marks


def test_declared_ai_content_with_its_own_notice_only_gets_the_mark(engine: Engine) -> None:
    # Declared generated content that carries a notice (非原片, 本视频由AI生成) is the platform's mark, not a violation,
    # even when it speaks of photos or a presenter.
    for text in ("AI修复老照片（非原片），爷爷奶奶年轻时真好看", "数字人主播小美为您播报今日天气（本视频由AI生成）"):
        d = engine.moderate({"id": "x", "text": text, "declared": {"ai_generated": True}})
        assert d.action == "label" and "aigc_explicit" in d.marks
        assert not {"aigc_unlabeled", "aigc_deceptive"} & {lr.label for lr in d.labels}


@pytest.mark.parametrize("text", [
    "你之前发我的照片我都存着呢，不再发几张新的，我就发到你们班群里",
    "用加密相册发给我，这样别人看不到，乖",
    "咱们玩个游戏，你按我说的做动作，录下来发我，赢了有奖励",
    "我是童装品牌的摄影师，想请你当小模特，先发几张只穿内衣的试镜照",
])
def test_grooming_of_a_minor_in_private_chat(engine: Engine, text: str) -> None:
    d = engine.moderate({"id": "g", "text": text, "surface": "private_chat", "kind": "message",
                         "audience": {"age": 12}})
    assert "grooming" in {lr.label for lr in d.labels} and d.action != "pass"


@pytest.mark.parametrize("text", [
    "宝贝，周末爸爸来接你放学，给你带了礼物",
    "乖，作业写完了拍照发给妈妈检查，写完奖励你看半小时动画",
    "小宝，奶奶给你买了新衣服，穿上拍个照片给奶奶看看",
    "同学们把手抄报拍照发到班群，优秀作品有奖励",
])
def test_family_and_teachers_asking_a_child_for_photos_is_not_grooming(engine: Engine, text: str) -> None:
    d = engine.moderate({"id": "k", "text": text, "surface": "private_chat", "kind": "message",
                         "audience": {"age": 9}})
    assert "grooming" not in {lr.label for lr in d.labels}

