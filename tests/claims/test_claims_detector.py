"""The claims detector on posts written for these tests (not the blind sets): each label, its evidence, discounts."""

from __future__ import annotations

import dataclasses

import pytest

from qinglang.detectors.base import Views
from qinglang.detectors.claims import ClaimsDetector
from qinglang.engine import Engine
from qinglang.model import Content


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.from_config()


@pytest.fixture(scope="module")
def titled() -> ClaimsDetector:
    """A detector that also reports the title-against-body rumour (`title_rumor: true`)."""
    return ClaimsDetector(title_rumor=True)


def _signals(engine: Engine, det: ClaimsDetector, text: str, title: str = "") -> dict:
    c = Content.from_json({"id": "t", "text": text, "title": title})
    return {s.label: s for s in det.detect(c, Views.build(c, engine.normalizer))}


def test_unsourced_urgent_policy_claim_is_a_rumour_with_each_part_as_evidence(engine, det) -> None:
    sig = _signals(engine, det, "紧急扩散！内部消息，明天开始全面封城，超市要关门，赶紧囤货，转给家人")["rumor"]
    assert sig.score >= 0.6
    rules = {e.rule for e in sig.evidence}
    assert {"claims.rumor.urgency_spread", "claims.rumor.hearsay", "claims.rumor.consequence"} <= rules
    assert any(e.text == "内部消息" for e in sig.evidence)


def test_debunk_of_the_same_rumour_is_not_a_rumour(engine, det) -> None:
    got = _signals(engine, det, "辟谣：网传“明天开始全面封城，赶紧囤货”不实，市政府未发布任何相关通知，请勿转发")
    assert "rumor" not in got


def test_sourced_announcement_and_opinion_are_not_rumours(engine, det) -> None:
    news = "据新华社报道，国家统计局15日发布数据，上半年国内生产总值同比增长5.0%。"
    assert "rumor" not in _signals(engine, det, news)
    assert "rumor" not in _signals(engine, det, "我觉得今年夏天特别热，哈哈，空调费要涨了")


def test_teaser_title_over_a_selling_body_is_clickbait(engine, det) -> None:
    got = _signals(engine, det, "关注我，私信领取完整名单，限时优惠。", title="震惊！这个城市竟然……")
    assert got["clickbait"].score >= 0.6
    assert any(e.field == "title" for e in got["clickbait"].evidence)


def test_title_asserting_a_death_the_body_denies_is_clickbait_and_with_title_rumor_a_rumour(engine, det,
                                                                                           titled) -> None:
    body, title = "其实是剧中角色的戏份，演员本人仍在拍戏，一切安好。", "著名演员去世，终年60岁……"
    got = _signals(engine, det, body, title=title)
    assert "clickbait" in got and "rumor" not in got  # the body tells the true event: clickbait only by default
    assert _signals(engine, titled, body, title=title)["rumor"].rule == "claims.rumor.title_denied_by_body"


def test_honest_title_is_not_clickbait(engine, det) -> None:
    got = _signals(engine, det, "11月17日6:00至12:00，比赛沿线道路实行临时交通管制。",
                   title="关于马拉松期间临时交通管制的通告")
    assert "clickbait" not in got


def test_health_myth_is_false_science_and_its_debunk_is_not(engine, det) -> None:
    got = _signals(engine, det,
                   "协和专家提醒：每天喝一杯醋能软化血管，三天降压，高血压的人赶紧转给家人，降压药都可以停了")
    assert got["false_science"].score >= 0.6
    assert "rumor" not in got  # the more specific label only
    assert "false_science" not in _signals(
        engine, det, "喝醋软化血管的说法没有科学依据，高血压患者要遵医嘱规范服药，别信偏方。")


def test_engine_acts_on_the_labels_through_the_campaign_policies(engine) -> None:
    d = engine.moderate({"id": "r", "text": "紧急扩散！内部消息，明天开始全面封城，超市要关门，赶紧囤货，转给家人",
                         "surface": "feed"})
    assert d.action in ("review", "block")
    assert any(lr.label == "rumor" and lr.evidence for lr in d.labels)


@pytest.mark.parametrize(("item", "label", "action"), [
    ({"id": "c", "title": "震惊！这个城市竟然……", "text": "关注我，私信领取完整名单。", "surface": "feed"}, "clickbait",
     "limit"),
    ({"id": "f", "text": "协和专家提醒：每天喝一杯醋能软化血管，三天降压，降压药都可以停了，转给家人",
      "surface": "feed"}, "false_science", "review"),
    ({"id": "l", "text": "听说我们市下个月出租车全部停运，司机都要下岗了，内部消息", "surface": "local"},
     "rumor", "review"),
])
def test_campaign_policies_act_on_claims_labels(engine, item, label, action) -> None:
    d = engine.moderate(item)
    assert any(lr.label == label and lr.policy_rule for lr in d.labels)
    assert d.action == action


def test_current_affairs_report_without_source_is_source_missing_not_rumour(engine, det) -> None:
    report = "台风“海葵”今天下午在福建连江沿海登陆，登陆时中心附近最大风力14级。"
    got = _signals(engine, det, report)
    sig = got["source_missing"]
    assert sig.rule == "claims.social_event.source_missing" and sig.score >= 0.6
    assert {"台风", "登陆"} <= {e.text for e in sig.evidence}
    assert "rumor" not in got
    assert "source_missing" not in _signals(engine, det, "据新华社报道，" + report)


def test_a_post_judged_a_rumour_is_not_also_marked_source_missing(engine, det) -> None:
    got = _signals(engine, det, "紧急扩散！内部消息，国务院明天宣布取消公积金，赶紧取出来，转给家人")
    assert "rumor" in got and "source_missing" not in got


def test_a_calm_unsourced_report_judged_a_rumour_is_also_marked_source_missing(engine, det) -> None:
    # news13: no informant, no call to act: it reads as news, true or not, and needs a source either way
    got = _signals(engine, det, "教育部明年起将在全国推行中考取消英语科目，改为选修，各地将陆续出台细则。")
    assert "rumor" in got and "source_missing" in got
    assert got["source_missing"].rule.endswith(".source_missing")
    # the same claim passed on with a call to act is a rumour only (a source would not fix it)
    alarm = _signals(engine, det, "教育部明年起将在全国推行中考取消英语科目，改为选修，赶紧转给家长，别再报英语班了！")
    assert "rumor" in alarm and "source_missing" not in alarm


def test_a_news_outlets_byline_names_a_source(engine, det) -> None:
    report = "今天下午XX高速发生多车连环追尾，目前已造成3人死亡，事故原因正在调查中。"
    assert "source_missing" in _signals(engine, det, report)
    assert "source_missing" not in _signals(engine, det, "【华夏晚报·突发】" + report)


def test_opinion_on_a_topic_is_not_a_report(engine, det) -> None:
    assert "source_missing" not in _signals(engine, det, "我觉得医保政策挺好的，哈哈，退休以后就靠它了")


def test_post_that_withholds_its_content_until_liked_is_clickbait_without_a_title(engine, det) -> None:
    sig = _signals(engine, det, "那个走丢的孩子后来怎么样了……点赞过五万我就公布结局。")["clickbait"]
    assert sig.score >= 0.6
    assert any(e.rule == "claims.clickbait.body.withheld" for e in sig.evidence)
    assert "clickbait" not in _signals(engine, det, "那个走丢的孩子已经找到了，家人接回了家，谢谢大家关心。")


def test_title_whose_strong_event_the_body_never_carries_is_a_rumour_with_title_rumor(engine, titled) -> None:
    got = _signals(engine, titled, "他参加了一档综艺节目的录制，现场观众反响热烈，节目下月播出。",
                   title="突发！知名歌手被抓，现场曝光")
    assert got["rumor"].rule == "claims.rumor.title_not_in_body"
    asked = _signals(engine, titled, "他参加了一档综艺节目的录制，现场观众反响热烈，节目下月播出。",
                     title="知名歌手被抓了？")
    assert "rumor" not in asked


def test_question_title_over_an_asserting_body_is_not_doubt(engine, det) -> None:
    body = "紧急扩散！内部消息，下个月起银行存款统一征收利息税，赶紧取出来，转给家人"
    assert "rumor" in _signals(engine, det, body, title="存款要交税了？")
    assert "rumor" not in _signals(engine, det, "下个月起银行存款要统一征收利息税了？有谁知道是真的吗")


def test_claim_parts_inside_quotes_of_a_refutation_do_not_count(engine, det) -> None:
    det_parts = det.cues
    from qinglang.claims.score import score_rumor

    c = Content.from_json({"id": "q", "text": "有人转发“明天开始全城停水，赶紧囤水”，自来水公司说这是谣言。"})
    s = score_rumor(det_parts, Views.build(c, engine.normalizer))
    consequence = [p for p in s.parts if p.family == "consequence"]
    assert not consequence  # 赶紧 stands inside the quotation


# Written for these tests (session 6, issue 17): real-comment chatter, denied health claims, honest titles.
def test_a_personal_story_about_school_and_hometown_is_not_a_rumour(engine, det) -> None:
    story = "我也是河南人，小时候我们学校那边有个老师特别凶，听说后来调到市里的学校了"
    got = _signals(engine, det, story)
    assert "rumor" not in got
    assert "rumor" in _signals(engine, det, "我表哥在教育局上班，他说下个月起全市学校统一停课，不交钱的直接取消学籍")


def test_an_insider_relative_and_a_leaked_notice_are_hearsay_not_sources(engine, det) -> None:
    sig = _signals(engine, det, "我二姨夫在发改委上班，他说今年年底猪肉要涨到80一斤，现在赶紧囤")["rumor"]
    assert any(e.rule == "claims.rumor.hearsay" and e.text.startswith("我二姨夫") for e in sig.evidence)
    leaked = "地震台网内部通报：近日断裂带活动异常，不排除发生7级以上地震，内部资料请勿外传，告诉家人提前准备"
    got = _signals(engine, det, leaked)
    assert "rumor" in got
    assert not any(e.rule == "claims.rumor.source" for e in got["rumor"].evidence)  # the leak cancels the source


def test_denied_or_asked_health_claims_are_not_false_science(engine, det) -> None:
    denied = "三伏贴对部分慢性病可以辅助调理，但不能“根治”哮喘，皮肤敏感的人慎用。"
    assert "false_science" not in _signals(engine, det, denied)
    assert "false_science" not in _signals(engine, det, "请问大家，手机放床头睡觉真的会致癌吗？")
    no_health_subject = "只要挖得足够快，就能彻底远离大陆，永不沉没"
    assert "false_science" not in _signals(engine, det, no_health_subject)
    sig = _signals(engine, det, "小区装了5G基站，附近老人一年得了好几个癌，千万别住基站旁边，转给家人")["false_science"]
    assert any(e.rule == "claims.false_science.cause_myth" for e in sig.evidence)
    assert "false_science" in _signals(engine, det, "孩子发烧千万别吃退烧药，伤脑子！捂一身汗就好了，比去医院强")


def test_labelled_ads_and_institution_titles_are_not_clickbait(engine, det) -> None:
    ad = "某品牌护膝开学季促销，下单立减30元，限时三天。"
    assert "clickbait" not in _signals(engine, det, ad, "【广告】护膝开学季促销")
    assert "clickbait" not in _signals(engine, det, "近一周接到中暑相关呼救46起，提醒避免正午外出。",
                                       "市急救中心：高温天中暑病例增多，这些人要特别注意")
    # a qualifying body counts against an asserting title only
    table = "退休年龄按出生年月逐月延迟1个月至4个月不等。"
    assert "clickbait" not in _signals(engine, det, table, "延迟退休对我有什么影响")
    assert "clickbait" in _signals(engine, det, "记者走访多家金店，客流与平日差不多。", "金价暴跌！金店门口排起长龙")


def test_a_body_that_carries_its_title_delivers_it(engine, det) -> None:
    # a plain title over the ad it names: its words recur in the body (title_coverage), so nothing is withheld
    ad = _signals(engine, det, "城东店招收银员两名，每天八小时，包午饭，月薪四千，有意向的私信我们。",
                  title="城东店招收银员，包午饭")
    assert "clickbait" not in ad
    # the same selling body under a title it never delivers is bait
    bait = _signals(engine, det, "城东店招收银员两名，每天八小时，包午饭，月薪四千，有意向的私信我们。",
                    title="震惊！这家店的秘密终于曝光了")
    assert "clickbait" in bait


def test_a_body_that_only_repeats_its_title_is_no_body(engine, det) -> None:
    title = "千万别再这样晾衣服了！很多人后悔没早知道……"
    got = _signals(engine, det, title, title=title)
    assert any(e.rule == "claims.clickbait.title.teaser" for e in got["clickbait"].evidence)


def test_a_first_person_title_tells_the_posters_story_not_a_claim(engine, titled) -> None:
    body = "一个人带孩子，每天六点起床做饭送学校，晚上接回来辅导作业，周末去兼职，攒下了两万块。"
    assert "rumor" not in _signals(engine, titled, body, title="我离婚后的第一年：带娃、上班和存钱")
    assert _signals(engine, titled, body, title="知名主持人离婚，原因曝光")["rumor"].rule == \
        "claims.rumor.title_not_in_body"


def test_a_description_without_a_claim_core_is_not_a_rumour(engine, det) -> None:
    # an issuer, numbers, a place and a topic describe; nothing happened, was passed on or asks the reader to act
    assert "rumor" not in _signals(engine, det, "街道办今年给辖区12个小区的物业配了新的垃圾分类亭，有洗手池和雨棚。")
    assert "rumor" in _signals(engine, det, "街道办明天起停水三天，赶紧囤水，转给家人")


def test_doubt_words_count_only_in_a_sentence_that_asks(engine, det) -> None:
    spread = "紧急通知！明年起这几类人的医保将被取消，赶紧看看有没有你家老人，看完转到家族群"
    assert "rumor" in _signals(engine, det, spread)
    assert "rumor" not in _signals(engine, det, "听说明年起这几类人的医保将被取消，有没有人知道是真的？")


def test_a_rhetorical_question_asserts_rather_than_doubts(engine, det) -> None:
    got = _signals(engine, det, "内部消息，城西化工厂昨晚爆炸死了好几个人，到现在都没人管？？大家扩散")
    assert "rumor" in got


def test_a_local_incident_naming_the_body_is_a_rumour_and_a_cure_claim_false_science(engine, det) -> None:
    told = "我朋友说城南那个小学有个孩子被体育老师打断了腿，校方在压消息，大家扩散，转够200个就有人管了"
    incident = _signals(engine, det, told)
    assert "rumor" in incident and "false_science" not in incident
    cure = _signals(engine, det, "每天喝三杯芹菜汁，七天血压降下来，降压药都停了，老中医的秘方，转给家人")
    assert "false_science" in cure and "rumor" not in cure


def test_a_teasing_title_over_a_body_about_something_else_is_clickbait(engine, det) -> None:
    body = "该品牌在新版本里把设置页的字体调大了一号，其余功能不变。"
    assert "clickbait" in _signals(engine, det, body, title="某手机巨头突然宣布！用户都沸腾了")
    assert "clickbait" not in _signals(engine, det, body, title="某手机品牌新版本调大设置页字体")


def test_a_negation_inside_a_myth_span_denies_it_and_a_prohibition_commands_it(engine, det) -> None:
    assert "false_science" not in _signals(engine, det, "流感疫苗不会导致白血病，医生建议老人和孩子每年按时接种。")
    assert "false_science" in _signals(engine, det, "打了这个疫苗孩子就不会说话了，千万别打，转给家人")
    myth = "宝宝发烧别急着去医院，用生姜水泡脚再捂一身汗，马上就退烧了，比去医院打点滴强多了"
    assert "false_science" in _signals(engine, det, myth)


# Session 8 (claims8): behaviour classes, each on a post written here (none copied from a blind set).

@pytest.mark.parametrize("text", [
    "刚听小区保安说了，明晚起水厂停水三天，物业压着不让说，赶紧存水",  # a relayed informant, a claimed cover-up
    "我表哥在税务局上班，透露了个消息：下个月起摆摊收入超过三万的，一律按两成补税，早做准备",  # insider leak + rule
    "昨晚化工厂那场火根本不是新闻说的没人受伤，我同学就住旁边，抬出来好几个，现在都不让往外传",  # counter-official
])
def test_unsourced_inside_knowledge_claims_are_rumours(engine, det, text) -> None:
    assert "rumor" in _signals(engine, det, text)


@pytest.mark.parametrize("text", [
    "群里转的那个医保卡年底清零是假的，我打了社保局电话，根本没有这个通知，大家别乱转",  # the notice denied
    "听说下月起没上牌的电动车一律没收，有人知道真假吗？我查了交警公众号没找到",  # a question of truth
])
def test_refuting_or_checking_a_circulating_claim_is_not_a_rumour(engine, det, text) -> None:
    assert "rumor" not in _signals(engine, det, text)


@pytest.mark.parametrize("text", [
    "胆囊炎不用去医院，每天空腹喝一碗醋，一个月石头就化掉了",  # treatment waved off, a condition not in the list
    "我妈坚持喝这个茶两个月，血压从180降到120，降压药都停了",  # a testimonial in numbers
    "yi苗打得越多孩子越笨，我家老二一针都不打",  # a cloaked vaccine myth
])
def test_health_myths_in_other_words_are_false_science(engine, det, text) -> None:
    assert "false_science" in _signals(engine, det, text)


@pytest.mark.parametrize("text", [
    "坚持夜跑半年，体重从75公斤降到66公斤，饮食也清淡了，记录一下",  # weight lost by exercise, no cure claim
    "我爸看了个喝醋软化血管的视频要停药，我拉他去问了心内科医生，醋根本化不了斑块，总算劝住了",  # a myth refuted
])
def test_honest_health_posts_are_not_false_science(engine, det, text) -> None:
    assert "false_science" not in _signals(engine, det, text)


def test_a_doctors_advice_to_keep_to_medicine_is_not_false_science(engine, det) -> None:
    text = "我是社区医院内分泌科医生，糖尿病患者的降糖药千万别自己随便减，保健品也不能代替药物，血糖控制不好要及时复诊"
    assert "false_science" not in _signals(engine, det, text)


def test_a_product_disclaimer_does_not_excuse_its_cure_claim(engine, det) -> None:
    text = "这款降糖茶喝一个月血糖从13降到6，很多糖友都停药了，本品不能代替药物，下单链接在主页"
    assert "false_science" in _signals(engine, det, text)


@pytest.mark.parametrize("text", [
    "据接近交易所的人士透露，下周起散户炒股一律加收两成印花税，消息绝对可靠",  # an unnamed insider, vouched for
    "某某集团老总昨天在高铁站被带走了，消息百分之百属实，明天股价必跌",  # an arrest vouched for
])
def test_vouched_insider_claims_are_rumours(engine, det, text) -> None:
    assert "rumor" in _signals(engine, det, text)


def test_a_most_people_title_is_a_teaser_though_the_normalizer_drops_its_percent_sign(engine, det) -> None:
    # "98%的人" normalizes to "98的人" (a symbol between a digit and a Chinese character reads as a cloak separator)
    got = _signals(engine, det, "", title="98%的人都洗错了！难怪碗总是油")
    assert "clickbait" in got


@pytest.mark.parametrize("text", [
    "想问一下，微波炉热过的饭真的会致癌吗？家里老人天天念叨",  # a yes/no question mid-post asks, it does not claim
    "把冬天的被子卷起来竖着放，衣柜一层就能放下四床，找起来一眼就能看到",  # 能放下 / 一眼: no remedy, no body
])
def test_asked_claims_and_household_tips_are_not_false_science(engine, det, text) -> None:
    assert "false_science" not in _signals(engine, det, text)


def test_a_rhetorical_question_after_a_myth_still_claims(engine, det) -> None:
    got = _signals(engine, det, "微波炉热过的饭会致癌，你还敢吃吗？赶紧转给家里人")
    assert "false_science" in got or "rumor" in got


def test_a_scare_title_over_a_correct_body_is_clickbait_not_false_science(engine, det) -> None:
    got = _signals(engine, det, "苹果皮有一些膳食纤维，洗干净连皮吃没问题，怕农残就削皮，营养差别不大。",
                   title="吃这种水果的人，很多都活不过70岁！")
    assert "false_science" not in got and "clickbait" in got


def test_relief_promised_within_a_stated_time_is_a_cure_claim(engine, det) -> None:
    got = _signals(engine, det, "孩子咳嗽不用吃药，睡前喝一碗冰糖炖梨，一晚上就好了，比医院开的药管用多了")
    assert "false_science" in got


# claims9: classes of innocence and of unsupported claims (posts written for these tests, not the blind sets)

def test_an_event_the_poster_negates_is_not_claimed_but_a_stated_change_is(engine, det) -> None:
    assert "rumor" not in _signals(engine, det, "今晚流星雨最多，放心，不会引发地震，也不会停电，大家出门看吧")
    got = _signals(engine, det, "内部消息，下个月起公园不再免费，改成按次收费，赶紧转给家人")
    assert any(e.text == "免费" for e in got["rumor"].evidence)  # 不再 states the change the rumour claims


def test_a_word_split_across_a_compound_and_a_self_issued_rule_are_no_claim(engine, det) -> None:
    story = "从医院辞职一年了，说点实话：房租一年5万，收入30万，扣掉进货和人工，剩下大概6万。"
    assert "rumor" not in _signals(engine, det, story)
    joke = "我宣布！明天起本寝室全面禁止吃榴莲，违者罚请奶茶一周，最终解释权归寝室长所有"
    assert "rumor" not in _signals(engine, det, joke)


def test_a_claim_quoted_then_corrected_by_what_was_measured_is_a_debunk(engine, det) -> None:
    post = "网上说的“剩饭放冰箱一夜亚硝酸盐超标致癌”，实际测过的数据是：冷藏一夜含量远低于国家标准，正常吃没问题。"
    assert "rumor" not in _signals(engine, det, post)


def test_a_posted_notice_advice_and_a_case_report_cite_their_source(engine, det) -> None:
    posted = "转一下，我们小区明晚8点到10点停水检修，通知贴在单元门上了，大家提前接水"
    assert "rumor" not in _signals(engine, det, posted)
    assert "rumor" not in _signals(engine, det, "交社保直接用官方APP，认准官方渠道，陌生人发的“补缴链接”一律别点。")
    assert "rumor" not in _signals(engine, det, "警方破获一起网络赌博案，抓获犯罪嫌疑人5名，涉案金额300余万元。")


def test_a_local_panic_with_a_witness_and_a_hidden_report_is_a_rumour(engine, det) -> None:
    alarm = "各位家长注意！！最近有辆黑色轿车在二中门口转悠，已经丢了两个孩子了，派出所都出动了，接送一定看好娃！"
    assert "rumor" in _signals(engine, det, alarm)
    covered = "别去西湖边钓鱼了，昨晚又捞上来两个人，上面压着不让发，我同事就在现场"
    assert "rumor" in _signals(engine, det, covered)


def test_a_screenshot_that_vouches_is_not_a_debunk(engine, det) -> None:
    got = _signals(engine, det, "注意了！明年开始高速节假日不再免费，改成每年两次免费额度，文件已经下到各省了，"
                                "群里有截图。赶紧趁今年多跑几趟")
    assert "rumor" in got
    assert "rumor" not in _signals(engine, det, "网传“高速节假日不再免费”的截图是P的，交通部门未发布任何此类通知")


def test_false_science_precision_classes(engine, det) -> None:
    # a drug-safety note: the time after stopping a drug is no cure claim
    note = "吃头孢期间和停药后7天内都别喝酒，会引起双硫仑样反应，严重时血压下降。"
    assert "false_science" not in _signals(engine, det, note)
    # a link looked for and not found
    qa = "有人问：疫苗会导致孩子自闭吗？答：大量研究均未发现疫苗与自闭症存在关联，请按时接种。"
    assert "false_science" not in _signals(engine, det, qa)
    # a finding reported with its limits
    hedged = "研究发现某种蔬菜提取物在小鼠实验中能抑制部分肿瘤细胞生长，研究者表示尚需人体研究验证。"
    assert "false_science" not in _signals(engine, det, hedged)
    assert "false_science" not in _signals(engine, det, "从小就拼命想长高，羡慕个子高的同学，现在一米六也挺好")


def test_false_science_recall_classes(engine, det) -> None:
    assert "false_science" in _signals(engine, det, "路由器辐射杀精是真的，我表哥把wifi关了半年老婆就怀上了")
    hpv = "查出HPV阳性我没听医生的，每天艾灸把寒气逼出去，三个月复查转阴，姐妹们别被医院吓到"
    assert "false_science" in _signals(engine, det, hpv)


def test_a_title_whose_change_the_body_says_is_only_proposed_is_clickbait(engine, det) -> None:
    got = _signals(engine, det, "有代表提交建议，提出将产假延长至一年。目前该建议仍在研究中，现行产假仍为158天。",
                   title="重磅！产假延长到一年，下月起实施！")
    assert "clickbait" in got


def test_the_semantic_tier_does_not_read_a_refuted_myth_as_the_myth(det) -> None:
    """A post that corrects a health myth holds the myth's words; the claims scorers read it as refuting, and the
    semantic tier (a bag of those words) gives no `false_science` for it (claims9: `ClaimsDetector.refuted`). Shown
    with the authored bank, which reports false_science; the writer bank (session 17) has no false_science floor and
    reads `refuted` in `SemanticDetector.leaves_alone`."""
    from qinglang.detectors.semantic import tier_registry

    engine = Engine.from_config(detectors=tier_registry("static"))
    post = "我爸信了吃醋软化血管，我把医生的科普给他看了：醋进胃就被中和了，不能软化血管，降脂还是得按医嘱吃药。"
    c = Content.from_json({"id": "t", "text": post})
    assert det.refuted(Views.build(c, engine.normalizer)) == {"false_science"}
    myth = Content.from_json({"id": "m", "text": "每天喝一杯醋，三个月血管就软化了，降压药都停了，转给家人"})
    assert det.refuted(Views.build(myth, engine.normalizer)) == frozenset()
    sem = next(d for d in engine.detectors if d.name == "semantic")
    assert sem.claims is not None
    saved, sem.claims = sem.claims, None
    # the post-level scope pass (qinglang.scoping) reads 医生的科普 as an explanation and discounts the cheap
    # signals before the tier sees them; it is set aside here to show the tier's own check
    state, engine._state = engine._state, dataclasses.replace(engine._state, scope_acts=False)
    try:
        unbound = engine.moderate({"id": "1", "text": post}, explain=True)
    finally:
        sem.claims, engine._state = saved, state
    bound = engine.moderate({"id": "1", "text": post}, explain=True)
    assert any(s["label"] == "false_science" for s in unbound.trace["signals"])  # the tier alone reads the myth
    assert not any(s["label"] == "false_science" for s in bound.trace["signals"])
    assert "false_science" not in {lr.label for lr in bound.labels}


def test_an_issued_notice_in_its_own_register_is_not_a_rumour_but_a_fake_one_threatening_is(engine, det) -> None:
    notice = "因道路施工，8路、21路公交自6月3日起临时改道，不停靠体育馆站，恢复时间另行通知。"
    assert "rumor" not in _signals(engine, det, notice, title="关于调整部分公交线路的通告")
    fake = ("根据上级要求，各村2010年以前买的电动车必须在月底前报废，不报废的一律不予办理医保和低保，特此通知。"
            "河口镇人民政府")
    assert "rumor" in _signals(engine, det, fake, title="关于全面清理电动车的通知")
