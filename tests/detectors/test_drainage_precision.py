"""引流 / gambling / porn-diversion precision and recall classes of sessions 6-9 (issue 16, campaign task 3).

Each sentence is written here for a behaviour class, not taken from the blind or unseen sets: talk ABOUT 引流
(warnings, help-seeking, slang explanations, anti-fraud notices quoting the bait) is never acted on as 引流;
honest cross-posting to a platform named outright and handles handed to neighbours or relatives are not 引流;
porn diversion, casino bonuses with a cash-out and spelt-out digit domains are.
"""

from __future__ import annotations

import pytest

from qinglang.engine import Engine

ACTS = ("limit", "review", "block")


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


def _decide(engine: Engine, text: str, surface: str = "comment") -> tuple[str, dict[str, set[str]]]:
    d = engine.moderate({"id": "t", "text": text, "surface": surface})
    rules: dict[str, set[str]] = {}
    for lab in d.labels:
        if lab.policy_rule:
            rules.setdefault(lab.label, set()).update(e.rule for e in lab.evidence)
    return d.action, rules


@pytest.mark.parametrize("text", [
    "求助：我妈被拉进一个理财群，让下载APP充钱，说跟着导师稳赚，这是骗局吗？群号我不发了，已经报警",
    "反诈中心提醒：凡是说“返水”“带你回血”的都是网络赌博诱饵，切勿下载陌生APP",
    "【某银行】温馨提示：不法分子以“回血上岸”为名实施诈骗，请勿向陌生账户转账",
    "“私信我”“戳我”这种话基本都是引流号的套路，大家别理",
    "为什么评论区都不敢打“加V”了？因为太多人拿它引流，交友请走站内私信",
    "警方通报：打掉一个以“刷单返利”引流至境外赌博网站的团伙，抓获嫌疑人9名，凡是要求扫码进群的兼职都是诈骗",
])
def test_talk_about_bait_is_not_acted_on(engine: Engine, text: str) -> None:
    action, rules = _decide(engine, text)
    assert not ({"drainage", "gambling", "porn", "water_army"} & set(rules)), (text, action, rules)


@pytest.mark.parametrize("text", [
    "UP主抖音同名，完整版在抖音，这里只放了前半段，是教做木工的",
    "闲鱼搜我的店名就能看到，自用九成新相机，同城可面交",
    "阿姨我是隔壁单元的小李，业主群要实名进，您加我微信 li_ming_88 我拉您",
    "宝，我换手机号了，新号是 139 2345 6789，存一下 ——你表哥",
    "游戏里这个英雄回血快，打法攻略在我主页置顶",
    "话费充100送100，登录营业厅App就能办理",
])
def test_honest_pointers_and_private_handles_are_not_drainage(engine: Engine, text: str) -> None:
    action, rules = _decide(engine, text)
    assert not ({"drainage", "gambling", "porn"} & set(rules)), (text, action, rules)


@pytest.mark.parametrize(("text", "label", "frame"), [
    ("新店开业 男人专属 小妹都是05后 地址私聊", "porn", "frame.porn.diversion"),
    ("寂寞的哥哥看我签名 同城可约", "porn", "frame.porn.diversion"),
    ("充二百能提五百 秒到账 链接在我主页", "gambling", "frame.gambling.bonus_cashout"),
    ("新人体验金88 每日返水 登录 ab-bet.cc 就能玩", "gambling", "frame.gambling.bonus_cashout"),
    ("打开某宝搜“夜色”，无圣光都在那", "drainage", "frame.drainage.market_offer"),
    ("B站同名 完整版这里发不出来 去我主页看", "drainage", "frame.drainage.pointer_offer_evasion"),
    ("这里被封了 新群在电报上搜 gold_luck99", "drainage", "frame.drainage.evasion_pointer"),
])
def test_diversion_classes_fire(engine: Engine, text: str, label: str, frame: str) -> None:
    action, rules = _decide(engine, text)
    assert action in ACTS, (text, action, rules)
    assert any(r.startswith(frame + ".") for r in rules.get(label, set())), (text, rules)


def test_spelt_digit_domain_is_a_disguised_link(engine: Engine) -> None:
    action, rules = _decide(engine, "你要的都在 qq 点 66 点 top 里")
    assert action in ACTS
    assert "contact.url.obfuscated" in rules.get("drainage", set())


def test_bulk_porn_list_labels_but_never_acts_alone(engine: Engine) -> None:
    # a crime named in a discussion: the crowd-sourced porn list reports it, no action follows from it alone
    d = engine.moderate({"id": "t", "text": "这种强奸案的判决太轻了，必须严惩", "surface": "comment"})
    porn = [lab for lab in d.labels if lab.label == "porn"]
    assert porn and d.action == "pass"
    assert all(not lab.policy_rule for lab in porn)


@pytest.mark.parametrize("text", ["大乐透开奖：前区 04 11 19 27 33，后区 02 09", "帮我买一注 07 13 15 22 28 30 + 11"])
def test_two_digit_number_lists_are_not_phones(engine: Engine, text: str) -> None:
    d = engine.moderate({"id": "t", "text": text, "surface": "private_chat"})
    assert not [lab for lab in d.labels if lab.label in ("contact_info", "drainage")], d.labels


# --- session 8 (drain8): notices, referrals, meet-ups, stakes, 两卡, escorts, censorship fear -------------------------

@pytest.mark.parametrize("text", [
    "【来电提醒】号码 13912345678 已被 860 位用户标记为“赌博推销”，不要回复，不要点击对方发来的链接",
    "【招商银行】提醒：“百家乐包赢”“网投稳赚”都是诈骗话术，请勿轻信陌生来电",
    "小区通知：近期有人冒充物业发“棋牌室充值返现”短信，这是诈骗，请大家提防",
    "本店承诺绝不刷单，也不搞好评返现，东西好不好您说了算",
    "跑步打卡：完成了12月跑量目标，坚持就是胜利",
])
def test_notices_and_promises_naming_the_bait_are_not_acted_on(engine: Engine, text: str) -> None:
    action, rules = _decide(engine, text, surface="private_chat")
    assert not ({"drainage", "gambling", "porn", "water_army", "language_misuse"} & set(rules)), (text, action, rules)


@pytest.mark.parametrize("text", [
    "周六早上公园篮球场打球的还差三个，场地费平摊，来的加我v：lan_qiu_zhou6",
    "下周五早上从杭州拼车回合肥，还能坐两人，油费AA，有意加我微信 hz_pinche_22",
    "我家用了三年的保洁阿姨人很好，有需要的我私信发你她电话",
    "想找靠谱装修师傅的可以私我，我家就是他做的",
])
def test_meetups_and_referrals_are_not_drainage(engine: Engine, text: str) -> None:
    action, rules = _decide(engine, text)
    assert "drainage" not in rules, (text, action, rules)


@pytest.mark.parametrize(("text", "label", "frame"), [
    ("斗地主群缺人，五块一底，打完支付宝结算，来的扣1", "gambling", "frame.gambling.stake_settle"),
    ("今晚老地方推筒子，筹码一比一百，散场现金结清", "gambling", "frame.gambling.stake_settle"),
    ("高价回收个人银行卡和实名手机卡，一套八百，有兴趣的飞机联系 @ka_huishou", "drainage", "frame.drainage.card_trade"),
    ("商务会所 模特陪酒陪唱 可出台 详情vx了解：hs_club88", "porn", "frame.porn.diversion"),
    ("这里发不了，发了也会被折叠，想要的去我主页置顶找", "drainage", "frame.drainage.evasion_pointer"),
])
def test_session8_classes_fire(engine: Engine, text: str, label: str, frame: str) -> None:
    action, rules = _decide(engine, text)
    assert action in ACTS and frame in {r.rsplit(".", 1)[0] for r in rules.get(label, set())}, (text, action, rules)


def test_a_price_per_minute_is_no_stake(engine: Engine) -> None:
    action, rules = _decide(engine, "麻将馆包间一元一分钟，走时微信结算")
    assert "gambling" not in rules, (action, rules)


@pytest.mark.parametrize("text", [
    "闲置婴儿车出售，九成新，200元，同城自取，联系电话 13766668888",
    "【饿了么】骑手已出发，骑手手机 15922223333，请保持电话畅通",
    "女儿的英语家教很负责，老师电话 18655554444，有需要的可以联系她",
    "注意！最近有人冒充快递客服，让你先加微信 kd_peifu520 再退款，全是诈骗",
])
def test_published_numbers_and_reported_moves_are_not_drainage(engine: Engine, text: str) -> None:
    action, rules = _decide(engine, text)
    assert "drainage" not in rules, (text, action, rules)


@pytest.mark.parametrize("text", [
    "兼职日结，手机号就是微信 13811112222，加我详聊",
    "手机：13911112222 微信同号，私聊发你价格",
])
def test_a_phone_offered_as_the_chat_id_stays_drainage(engine: Engine, text: str) -> None:
    action, rules = _decide(engine, text)
    assert action in ACTS and "drainage" in rules, (text, action, rules)


@pytest.mark.parametrize(("text", "rule"), [
    ("看这里👇 威❤搜：mm5201x 备注 暗号“西瓜”", "contact.wechat"),
    ("晚上睡不着就去搜小程序“午夜剧场”，第二集开始有惊喜，你懂的", "frame.drainage.channel_offer"),
    ("某书搜【私房合集】，看完赶紧删，别被举报了", "frame.drainage.pointer_offer"),
])
def test_search_instructions_and_decorated_weak_cues_are_drainage(engine: Engine, text: str, rule: str) -> None:
    action, rules = _decide(engine, text)
    assert action in ACTS and any(r.startswith(rule) for r in rules.get("drainage", set())), (text, action, rules)


def test_searching_an_official_app_by_name_is_not_drainage(engine: Engine) -> None:
    action, rules = _decide(engine, "交社保可以在微信里搜“国家社会保险公共服务平台”小程序，认准官方")
    assert "drainage" not in rules, (action, rules)


def test_directions_to_an_institutions_resources_are_not_drainage(engine: Engine) -> None:
    action, rules = _decide(engine, "新生须知：论文数据库的入口在图书馆主页，校外用校园VPN登录就能下载全文资源")
    assert "drainage" not in rules, (action, rules)


def test_gambling_ad_written_in_pinyin(engine: Engine) -> None:
    action, rules = _decide(engine, "bai jia le zhen ren，shou chong song 50%，wang zhi：hgyl 6 6 dian vip")
    assert action in ACTS and "gambling" in rules, (action, rules)


# --- session 9 (drain9): a scam called a scam, sighting notices, premises, no-money games; online betting, paid votes

@pytest.mark.parametrize("text", [
    "提醒一下新手：招聘里说先交两百押金才能上岗的，百分百是骗子，别去",
    "我妈问我：有人说加个微信帮忙点赞就给钱，这是不是骗人的？",
    "【某快递】近期有人自称客服打电话要求您添加微信办理理赔，均为诈骗，请通过官方渠道处理",
    "京东客服电话是官网那个，凡是让你下载陌生软件共享屏幕的都是骗子",
])
def test_a_scam_called_a_scam_is_no_abuse_or_smear(engine: Engine, text: str) -> None:
    action, rules = _decide(engine, text)
    assert not ({"abuse", "antagonism", "enterprise_smear", "drainage"} & set(rules)), (text, action, rules)


@pytest.mark.parametrize("text", [
    "寻狗启事：白色比熊昨晚在滨江公园附近跑丢了，戴红色项圈，好心人有线索请联系 13588886666，必有重谢",
    "在地铁2号线捡到一个黑色钱包，里面有身份证，失主看到请联系我 15877776666",
    "老字号理发店搬新址啦 营业执照齐全 地址：中山北路126号 预约电话0571-86661234 欢迎老顾客",
    "世界杯决赛前来猜比分，猜对的送球队签名球衣一件，纯属娱乐，不涉及任何金钱",
    "我们店不做好评返现，觉得好用就随手评一句，有问题联系我们售后",
    "婚纱照工作室十月档期还有空，样片看合集，喜欢的私信我约档期",
    "千万别买粉，买来的全是僵尸粉，还会被限流",
])
def test_notices_shops_and_free_games_are_not_acted_on(engine: Engine, text: str) -> None:
    action, rules = _decide(engine, text)
    assert not ({"drainage", "gambling", "water_army"} & set(rules)), (text, action, rules)


@pytest.mark.parametrize(("text", "label", "frame"), [
    ("【福彩】今晚双色球奖池9亿，手机投注更方便，点这里 fc-cp.vip 立即下注", "gambling", "frame.gambling.online_bet"),
    ("帮我宝贝投票呀，每一票给你2元，拉人头另外算，投完截图找我", "water_army", "frame.water_army.paid_engagement"),
    ("你懂的 看我的昵称就行", "drainage", "frame.drainage.pointer_offer"),
    ("新号没人看？真人活粉五千只要六十，v：zf_shop123", "water_army", "frame.water_army.engagement_sale"),
    ("私人会所 可上门 技师颜值高 详情见主页第一个视频", "drainage", "frame.drainage.pointer_offer"),
    ("不是广告，真的能提现，一天赚两百，下载方式在评论区第一条", "drainage", "frame.drainage.pointer_offer"),
])
def test_session9_classes_fire(engine: Engine, text: str, label: str, frame: str) -> None:
    action, rules = _decide(engine, text)
    assert action in ACTS and frame in {r.rsplit(".", 1)[0] for r in rules.get(label, set())}, (text, action, rules)


@pytest.mark.parametrize("text", [
    "周末线上开德州局，入桌300起，想来的私我",
    "新平台送88试玩金，输了算我的，注册链接发你",
    "打麻将来真钱的，底分五块，三缺一",
])
def test_session9_gambling_classes_fire(engine: Engine, text: str) -> None:
    action, rules = _decide(engine, text)
    assert action in ACTS and "gambling" in rules, (text, action, rules)


def test_a_family_game_without_money_is_no_gambling(engine: Engine) -> None:
    action, rules = _decide(engine, "过年一家人打麻将，底分是一颗瓜子，不来钱，输了的洗碗")
    assert "gambling" not in rules, (action, rules)


# Session 10 (drain10): classes from the spent unseen5 / unseen4 / unseen3 sets, each sentence written here.
@pytest.mark.parametrize("text", [
    # a consumer's own refusal or complaint of the bait
    "找兼职的同学注意：什么打字员、点赞员、刷单返利，我一律不碰，正经工作不会先让你垫钱",
    "避雷这家网店！包裹里塞了张好评返现的卡片，我直接投诉给平台了，别被诱导",
    # asking whether it is a scam before going near it
    "同事拉我做点赞任务说日结，加个微信就行，是不是骗人的？我没加",
    # a bare 接龙: the sign-up list of a group-buy or a class
    "楼里团购群今天团草莓，要的在群里接龙，团长扫码收款，下午自提",
    # a private seller's used item, priced in the platform's own messages
    "转一台自用的空气炸锅，八成新，同城面交，价格私信",
    # an employer's vacancy with a contract's terms, denying it is a task scam
    "诚聘电商客服两名，底薪加提成，五险一金，简历请投 jobs@example-shop.cn，不是刷单兼职，不收任何费用",
])
def test_session10_innocent_classes_are_not_acted_on(engine: Engine, text: str) -> None:
    action, rules = _decide(engine, text)
    assert not ({"drainage", "gambling", "water_army", "fraud"} & set(rules)), (text, action, rules)


@pytest.mark.parametrize("text", [
    # the ad's own reassurance does not excuse a per-like recruitment
    "不是刷单哦 就是帮店铺点赞收藏 一单一结 想做的宝妈评论区扣1",
    # a mentor who leads the bets back to even, the group behind the avatar
    "扫我头像进群 老师每天带你们回血 之前输的都能赢回",
])
def test_session10_classes_fire(engine: Engine, text: str) -> None:
    action, rules = _decide(engine, text)
    assert action in ACTS and {"drainage", "water_army", "gambling"} & set(rules), (text, action, rules)


@pytest.mark.parametrize("text", [
    "【顺丰】您的快件已到达小区驿站，取件码 3-2-1108，超过3天未取将退回，回T退订",
    "【京东】尊敬的会员，您的优惠券将于本周日过期，请在App内使用",
])
def test_a_companys_own_sms_notice_is_no_smear(engine: Engine, text: str) -> None:
    action, rules = _decide(engine, text, surface="private_chat")
    assert "enterprise_smear" not in rules, (text, action, rules)


@pytest.mark.parametrize(("text", "label"), [
    # reviews written to a merchant's order, paid per piece
    ("接单写种草笔记，按品牌给的文案发笔记，每篇25元，想做的私我", "water_army"),
    # reads sold by the ten thousand
    ("公众号阅读量便宜出 5w阅读只要120 需要的滴滴", "water_army"),
    # the contact verb in full pinyin
    ("完整视频不方便发 jia wo weixin 发你", "drainage"),
])
def test_session10_water_army_and_pinyin_channel(engine: Engine, text: str, label: str) -> None:
    action, rules = _decide(engine, text)
    assert action in ACTS and label in rules, (text, action, rules)


@pytest.mark.parametrize("text", [
    "收卡收跑分，支付宝收款码都要，每万给佣金120，日结，联系 tg：pf_8899",
    "网赌输的钱能追回，不成功不收费，加v：zhui_hui66 免费咨询",
    "刷单兼职 先垫小单 佣金秒返 拍单后本金+佣金一起返 加v：sd_2024x",
])
def test_session10_fraud_lures_are_fraud(engine: Engine, text: str) -> None:
    action, rules = _decide(engine, text, surface="private_chat")
    assert action in ACTS and "fraud" in rules, (text, action, rules)


def test_a_phones_benchmark_score_is_no_wager(engine: Engine) -> None:
    action, rules = _decide(engine, "想换手机 预算三千 跑分高一点的 有推荐的私我")
    assert not ({"gambling", "fraud"} & set(rules)), (action, rules)
