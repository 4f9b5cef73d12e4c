"""A missing source (campaign task 4; 自媒体13条 rule 3): a REPORT of a current-affairs, public-policy or
social-event fact that names no source → `source_missing`.

When is a missing source worth flagging? The rule asks for a source on 时事 / 公共政策 / 社会事件 information,
so the post must (1) touch one of those topics (`TOPICS`, cue words per family) and (2) read as a report of
fact: three distinct topic words; two with one claim part of the rumour scorer (an announcement or event
verb, a number or date, a place); or one topic word with two such parts. It is not flagged when the post cites
a source (the rumour scorer's `source` / `formal_notice` families, `declared.source`, or an outlet's own byline
such as 【XX晚报·突发】, which the `news` detector judges), or when it is not a report (a debunk, a doubt or a
question, an opinion or joke, an advertisement, safety advice), or when the post is judged a rumour: a
fabricated claim gets `rumor` (review), not a "please name your source" mark that would suggest a source could
fix it (marking both added 13 marks on rumours for 1 expected one on the campaign dev rows). news13: except a
CALM one (`calm_claim`): a rumour read from the report's own parts (an actor, an event or announcement, a date,
a figure, a place) with no informant (听说, 内部消息, 我亲眼看到, 官方瞒报) and no call to act or spread (赶紧,
别出门, 转给家人, 不交就罚). Such a post reads as news whether it is true or not (央行今天宣布下调存款准备金率0.5个
百分点…; 某国外长今日宣布…), and the writer sets mark its missing source as often as they call it a rumour: it
gets both (the mark changes no action). The claims detector calls this with its rumour score; the `topic`
detector is a thin wrapper kept for registries that name it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..detectors.news import PUSH_SURFACES, STRONG_GENRE, WEAK_GENRE, account_outlet, views_normalizer
from ..detectors.patterns import Found, find, regex, words
from ..text.credit import SOURCE_ABSENT, TEXT_NOBODY, named_source
from .voice import CLAUSE_END, OWN_VOICE, clauses, own_voice, told_by, wished

if TYPE_CHECKING:
    from .score import Score

TOPICS = {
    "current_affairs": words("topic.current_affairs", [
        "外交部", "国务院", "发言人", "记者会", "新闻发布会", "峰会", "总统", "首相", "总理", "大选", "制裁", "关税",
        "两会", "人大", "政协", "中央", "国际局势", "战争", "冲突升级", "领导人", "访华", "白宫", "军队", "军舰",
        # news14: not a bare 外交, which 境外交易 / 海外交流 hold across their word boundary (a bank's SMS)
        "局势", "停火", "政变", "外交官", "外交关系", "外交政策", "外交事务", "外交努力",
        # news13: foreign ministers and agreements, a neighbour state's nuclear discharge (外长宣布…免签, 排海)
        "外长", "外交部长", "国务卿", "免签", "互免签证", "联合国", "北约", "欧盟", "核污染水", "排海",
        # news14: a foreign official's visit and a ministry's reply to it (窜访, 议员, 大使)
        "窜访", "议员", "大使", "使馆", "领事馆",
    ]),
    "public_policy": words("topic.public_policy", [
        # not 通知 (录取通知书, 社区通知: the announcement family reads a notice) nor a bare 办法 (唯一有效的办法 is
        # a way, not a regulation)
        "政策", "新规", "条例", "管理办法", "实施办法", "暂行办法", "出台", "实施", "医保", "社保", "养老金", "退休",
        "公积金",
        "个税", "户籍", "落户", "限购", "补贴", "延迟退休", "高考改革", "教育部", "住建部", "发改委", "央行", "降息",
        "降准", "利率", "房贷", "首付", "人社部", "财政部", "市政府", "省政府", "常务会议", "印发",
        # news13: the national economy's figures (新增就业, 失业率, 存款准备金率)
        "新增就业", "失业率", "存款准备金", "准备金率", "GDP", "CPI", "经济增长", "国内生产总值",
        # news14: the economy's other published figures (出口同比增长, 社零, 工业增加值), the tax code's terms
        # (专项扣除, 起征点), exam cut-offs a province publishes (分数线, 控制线), a public transport line or road
        # opened, closed or rescheduled (地铁5号线…开通, 高架封闭施工): public affairs a source is asked for
        "同比增长", "同比下降", "环比增长", "环比下降", "出口额", "进出口", "外贸", "社会消费品零售", "社零",
        "工业增加值", "居民收入", "专项扣除", "起征点", "分数线", "控制线", "录取线", "封闭施工", "开通运营",
        "初期运营", "试运营", "通车", "延长运营",
        # news16: a tax, a fuel price, a benchmark lending rate, an exam's published headcount (购置税减免政策延续到
        # 2027年, 今晚24点油价下调, LPR降了25个基点, 高考报名人数1342万)
        "购置税", "专项附加扣除", "油价", "LPR", "贷款市场报价利率", "报名人数",
    ]),
    "social_event": words("topic.social_event", [
        "事故", "爆炸", "火灾", "大火", "起火", "着火", "地震", "洪水", "暴雨", "台风", "坍塌", "遇难", "死亡",
        "伤亡", "警方通报", "通报", "案件", "命案", "杀人案", "嫌疑人", "被抓", "失踪", "踩踏", "疫情", "救援",
        "受灾", "突发", "登陆", "泥石流", "山体滑坡", "车祸", "相撞",
        # news14: a road accident told with its casualties (两车追尾，一人受伤送医); not 受伤 alone (a workout's
        # 动作不要硬来，受伤就得不偿失)
        "追尾", "送医",
    ]),
    # news14: a numbered line of the city's transit opened, extended or suspended (地铁5号线下月底开通)
    # news17: a rule stated with the day it takes effect (明天起三条公交线路调整, 9月1日起…执行, 下月开始实施): what
    # changes for the public and from when is a public policy, whatever its subject's words
    "effective_change": regex("topic.effective_change",
                              r"(\d{1,2}月\d{1,2}[日号]|\d{1,2}[日号]|\d{4}年|明天|明日|下周[一二三四五六日天]?|下个?月|明年|即日)"
                              r"(起|开始)[^，。！？；]{0,16}(调整|调为|改为|改成|实施|执行|施行|实行|停运|开通|延长|提前|上调|下调|"
                              # news19: a price or a figure moved from one value to another (从10块调到12块)
                              r"不再|恢复|取消|收费|免费|半价|调到|调至|涨到|涨至|降到|降至|提高到|提高至)"
                              # news20: or with what "will" be from that day, whatever its verb (2025年起中小学将全面
                              # 开设…课程): a rule's future stated from its day is a public change told as fact
                              r"|(\d{1,2}月\d{1,2}[日号]|\d{4}年|明天|明日|下周[一二三四五六日天]?|下个?月|明年|即日)(起|开始)"
                              r"[，,]?[^，。！？；我]{0,10}将(?!近)"),
    # news17: a figure for the whole country, province or city (全国国内出游2.95亿人次, 全省新增就业35万人): a public
    # statistic, told with its figure
    "public_figure": regex("topic.public_figure",
                           r"(全国|全省|全市|全区|我国|全球)[^，。！？；\d]{0,12}\d+(\.\d+)?(亿|万)(人次|人|元|吨|辆|户|件|台)?"),
    "public_works": regex("topic.public_works",
                          r"(地铁|轨道交通|轻轨|城轨|公交|BRT)[^，。！？]{0,3}\d+号线|\d+号线[^，。！？]{0,8}(开通|运营|通车|停运|延长|调整|封站)"),
    # news20: a province, a city or "many places" acting in office (多地宣布取消…, 本省宣布…, 我市出台…): the public
    # administration as the subject of its act, whatever the act is about
    "public_actor": regex("topic.public_actor",
                          r"(多地|各地|多省|多个?省份|多个?城市|本省|我省|全省|本市|我市|全市|省里|市里|区里|县里)"
                          r"[^，。！？]{0,2}(宣布|发布|出台|印发|明确|决定|部署|发文|通知)"),
}
# news20: an authority acting in its own office, told as the clause's subject (外交部回应…, 教育部明确…, 国务院部署…):
# a topic word naming a public body, then within a few characters of the same clause one of its acts (`FACT`, or
# 明确 / 表态 / 宣布): the report of what a body did, which one topic word with this act makes a report of
AUTHORITY_ACT_REACH = 4
AUTHORITY_VERBS = regex("topic.authority_act", r"明确|表态|宣布|通报|发文|部署|回应|表示|发布|印发|出台|通过|决定|批准")
# An outlet's own byline or programme names the source (an unlicensed one is the `news` detector's matter):
# 【华夏晚报·突发】, 【XX新闻】, 今日新闻直播间.
# claims10: + a dateline byline (华东晨报讯 今晨…) and, through the `news` detector's strong genre cues (one home
# for them), 本号记者, （记者 李明）, 新华社…电: the outlet's own reporting names the outlet as its source. A source
# given as "the internet" (（综合网络）, 来源网络) names no one, so such a post still misses one.
BYLINE = regex("topic.byline",
               r"^\s*[【\[][^】\]]{0,10}(报|台|社|网|新闻|快讯|资讯|头条|电讯)[·・|｜ ]?[^】\]]{0,6}[】\]]"
               r"|新闻直播间|(本台|本报)(记者|消息|讯)|^\s*[\u4e00-\u9fff]{1,8}(报|台|社|网)讯")
NO_ONE = regex("topic.source_nobody", TEXT_NOBODY)  # news20: the vocabulary of `text.credit`, one home
# news20: a post that says it gives no source (截取发布会画面，未注明来源; 来源不明): the source words beside it
# (发布会) name where a clip was cut from, not a credit the reader could check; they neither block the mark nor stand
# in for a byline's credit (`text.credit.SOURCE_ABSENT`)
ABSENT = regex("topic.source_absent", SOURCE_ABSENT)
SCREENSHOT = "截图"
# ... said of the item itself: in a note beside the post's text (a media note, a caption) or in brackets after
# it (（附现场照片，未说明拍摄时间地点）), not in a sentence about other people's messages (这种消息没有来源…, 本号不
# 转发没有来源的政策消息: a warning, which the tune half's writers call innocent)
OPEN_BRACKETS, CLOSE_BRACKETS = "（(【[", "）)】]"


# news21: a post that points the reader to the document it reports (附财报链接, 详见《…实施方案》, 根据《…》) names
# where the fact can be checked: a source, if not a credit line. Not a document named as what was done
# (审议通过《…意见》) nor a link to click (点击链接: a phishing notice's call).
POINTER = regex("topic.source_pointer",
                r"(附|详见|参见|见|查看)[^，。！？]{0,6}(链接|原文|全文)"
                r"|(详见|参见|见|依据|根据)《[^》]{2,40}》")


def _annotation(views: Any, f: Found) -> bool:
    """Does a hit stand in a field other than the post's text and title, or inside brackets in its field?"""
    if f.field not in ("text", "title"):
        return True
    text = views.fields[f.field].text
    # the next bracket after the hit closes (the canonical text may drop an ASCII "(" and keep its ")")
    after = [i for i in (text.find(b, f.end) for b in (*OPEN_BRACKETS, *CLOSE_BRACKETS)) if i >= 0]
    return bool(after) and text[min(after)] in CLOSE_BRACKETS
# A post that is not a report of fact, or that cites its source: no `source_missing`.
NOT_A_REPORT = frozenset({"source", "formal_notice", "debunk", "doubt", "question", "opinion_joke", "recollection",
                          "commerce", "advice", "hypothetical"})
# news14: a question or an opinion closes many unsourced reports (…GDP同比增长5.3%，姐妹们觉得今年工资能涨吗😂;
# 央行今天宣布下调存款准备金率…，房贷会不会跟着降？评论区聊聊; 外交部今天回应了…。大家怎么看？): the fact is stated,
# then talked about. These two families make a post no report only where they reach the report itself: in the
# clause that states it, or earlier in its sentence (我觉得，明年房价要涨; 央行要降准了？). `doubt` (是真的吗, 求证)
# questions the claim wherever it stands and stays post-level.
CLAUSE_SCOPED = frozenset({"question", "opinion_joke"})
# news14: the register of an issued document (审议通过, 自…起施行, 经…批准) names what an authority did, not where the
# poster read it: 国务院常务会议今天审议通过了《…条例（草案）》，将于明年3月1日起施行 is the calm report the rule asks a
# source for. Only a notice relayed whole (特此通知, 通知如下, 关于…的通知) or one that names its channel (XX台消息：,
# 公众号发布) reads as a cited document.
ISSUED_REGISTER = re.compile(r"^(审议通过|自[^，。！？]{0,12}起(施行|实施|执行)|经[^，。！？]{1,10}批准)$")
# news14: what an authority or a public body did, in a report's verbs (回应, 审议通过, 下调, 开通, 公布): with a topic
# word and a figure or date in one clause, a current-affairs fact
FACT = words("topic.fact_verb", [
    "宣布", "回应", "表示", "强调", "审议", "通过", "召开", "举行", "会见", "签署", "访问", "发布", "公布", "印发",
    "出台", "施行", "实施", "下调", "上调", "调整", "增长", "下降", "回落", "上涨", "提高", "降低", "延长", "开通",
    "通车", "封闭", "启动", "落地", "批准", "决定", "部署", "出炉", "发生", "造成", "送医", "受伤", "死亡", "遇难",
    # news16: the change told in plain words (又调了, 从1000提到2000, 降了25个基点, 延续到2027年, 方案出来了, 创新高)
    "调了", "提到", "提高到", "降到", "降至", "降了", "涨了", "涨到", "延续", "创新高", "新增", "减半",
    # news19: the other "moved to" verbs of a figure (起步价从10块调到12块, 上调至120万)
    "调到", "调至", "涨至", "提高至", "上调至", "下调至",
])
# news16: a policy released (延迟退休具体方案出来了), not any result that came out (警方通报已经出来了, 等官方结果: the
# official word cited as the answer)
RELEASED = regex("topic.fact_verb", r"(方案|政策|细则|新规|新政|办法|标准)[^，。！？]{0,2}出来了")
# news17: a figure told against its baseline (比去年少了36万, 较上月增长, 比往年多): a statistic's change, a fact verb
COMPARED = regex("topic.fact_verb", r"(比|较)(去年|上年|上个?月|上周|前年|往年|同期|上一年)[^，。！？]{0,4}"
                                    r"(多|少|增|减|涨|降|高|低|上升|下降)")
# news16: a figure with its unit (每月扣除从1000提到2000, 14.2%, 25个基点, 1342万, 2小时): a published figure is what
# makes a topic word a report (the rumour scorer's `number_date` reads dates and counts of alarm, not these)
FIGURE = regex("topic.figure", r"\d+(万|亿|%|元|块|人次|个百分点|百分点|个基点|基点|小时|分钟|周岁|岁|起)")
# news14: a question put to one interlocutor (你不知道…？, 你当…？), not to the audience (你们, 大家, 评论区). news17:
# nor the reader asked for their view (…明年1月1日开始实施。你怎么看？; 你觉得呢): the audience addressed as one
RETORT = re.compile(r"你(?!们|怎么看|觉得呢|认为呢|咋看|怎么想|会怎么选)")
# news16: the poster says the story is their own generated or simulated content (这张图是我用AI出的, 以下是一则模拟
# 新闻): what it lacks is an AI label (task 6), not a credit line for a report (the canonical text is lower case)
AI_MADE = re.compile(r"(用|拿|让)ai[^，。！？]{0,4}(生成|做|出|画|跑|写)|ai(生成|合成|创作)的|模拟新闻|ai语言模型")
# news14: the poster saw it themselves (我等红灯正好看见, 我路过的时候): an eyewitness note, not a report relayed
EYEWITNESS = re.compile(r"[我俺][^，。！？]{0,8}(看见|看到|路过|经过|亲眼|在现场|拍的|拍到)"
                        # news15: the poster presents the footage itself as the account (这是昨晚城北洪水的现场,
                        # 图为…现场, 附现场图): its own picture is what it offers for the claim, true or staged, not a
                        # relayed report missing a credit
                        r"|(这是|图为|附|配图是?|视频是|照片是)[^，。！？]{0,12}(现场|照片|视频|画面)")
# Claim parts of the rumour scorer that make topic words a report (宣布辞职, 今天下午…登陆): two topic words
# need one of them, one topic word needs two (an announcement or event verb among them) or all three.
REPORT_PARTS = ("announcement", "number_date", "place")


@dataclass(frozen=True)
class SourceMissing:
    topic: str  # the topic family with the most hits
    score: float
    found: tuple[Found, ...]  # topic words, then the report parts


# news16: a scheme's card is a document the reader carries (带上身份证或医保卡就行), not the scheme's policy
CARD = "卡"


def topics(views: Any) -> dict[str, list[Found]]:
    """Topic cue-word hits per family (a word that names a card, 医保卡 / 社保卡, is no topic)."""
    out: dict[str, list[Found]] = {}
    for topic, pat in TOPICS.items():
        hits = [f for f in find(views, [pat]) if views.fields[f.field].text[f.end:f.end + 1] != CARD]
        if hits:
            out[topic] = hits
    return out


# claims10: the poster is the issuer or a licensed outlet: a verified account of an institution (XX交警, 某理工大学
# 招生办, 芝罘区某社区居委会) reporting its own notice or case, or an account holding a news licence, is the source.
ISSUER_NAME = re.compile(r"(局|厅|委|委员会|居委会|村委会|办|办公室|中心|政府|法院|检察院|派出所|公安|交警|消防|医院|"
                         r"学校|大学|学院|中学|小学|幼儿园|集团|银行|气象台|俱乐部|协会|街道|社区|报|电视台|广播电台)$")


def poster_is_source(content: Any) -> bool:
    """Does the post name its source in its metadata: a declared source, a poster holding a news licence, or a
    verified institution account (the issuer speaking for itself)?"""
    if named_source(content.declared.source) is not None:  # news19: a credit to "the internet" names no one
        return True
    author = content.author
    if author is None:
        return False
    if author.news_license:
        return True
    return bool(author.verified and author.name and ISSUER_NAME.search(author.name.strip()))


# news15: the poster IS the news service: an account named as an outlet (天天头条快讯, 华南早报, 早知道新闻: the news
# detector's name rule, `news.outlet_name`) or an app's push (surface `popup`: a calendar or weather app pushing
# 【突发】…). Its story's source is itself; what the rules ask of it is a licence (`unlicensed_news`, the news
# detector), not a credit line, and the writer sets agree: of the tune half's rows so posted that the rule marked,
# 8 expect `unlicensed_news` alone and 1 both.
def poster_is_outlet(views: Any) -> bool:
    """Is the post published as a news service's own item: an app's push, or an account named as an outlet that
    tags its item as one (【快讯】, 据…报道: the news detector's weak genre cues, which count with such a name)?"""
    content = views.content
    if content.surface in PUSH_SURFACES:
        return True
    return account_outlet(content, views_normalizer(views)) is not None and bool(find(views, WEAK_GENRE))


def _distinct(words: set[str]) -> set[str]:
    """Distinct topic words, a word inside another hit word (退休 in 延迟退休) counted with it."""
    return {w for w in words if not any(w != o and w in o for o in words)}


def source_missing(views: Any, rumor: Score, min_hits: int = 2) -> SourceMissing | None:
    """The missing-source finding of a post, given its rumour score (see the module docstring); None when the
    post declares or cites a source, is not a report of fact, or touches no listed topic."""
    if poster_is_source(views.content) or poster_is_outlet(views):
        return None
    parts = {p.family: p for p in rumor.parts}
    blocking = NOT_A_REPORT & parts.keys()
    absent = [f for f in find(views, [ABSENT]) if _annotation(views, f)]
    if absent:
        # what the post says lacks a source is the item it relays: its source words (截取发布会画面) and a screenshot
        # (a debunk's tell elsewhere: 截图为其他账号转述，无原始出处) name where it was taken from, not a credit
        blocking.discard("source")
        if "debunk" in blocking and all(views.fields[f.field].text[f.start:f.end] == SCREENSHOT
                                        for f in parts["debunk"].found):
            blocking.discard("debunk")
    # news21: a public body's own act told as the news (外交部回应了…) names no channel it was published in
    found: dict[str, list[Found]] | None = None  # the topic hits, read once (here where the credit needs them)
    if "source" in blocking:
        found = topics(views)
        if _source_is_own_act(views, parts["source"].found, found):
            blocking.discard("source")
    if "formal_notice" in blocking and all(
            ISSUED_REGISTER.match(views.fields[f.field].text[f.start:f.end]) for f in parts["formal_notice"].found):
        blocking.discard("formal_notice")
    # news13: an event with its figures that closes on advice or an all-clear (…11人死亡，大家出行注意安全; 4.2级地震…
    # 暂无人员伤亡) is a report, unless the poster tells what they saw themselves (我下楼问了…已经扑灭): that is
    # personal experience, not news
    if blocking == {"advice"} and {"announcement", "number_date"} <= parts.keys() and not any(
            OWN_VOICE.search(nt.text) for nt in views.fields.values()):
        blocking = set()
    scoped = blocking & CLAUSE_SCOPED
    # (news20: footage the post offers as its account, said to lack its time and place, is no eyewitness note)
    if blocking - scoped or any((EYEWITNESS.search(nt.text) and not absent) or AI_MADE.search(nt.text)
                                for nt in views.fields.values()):
        return None
    if "question" in scoped and any(RETORT.search(views.fields[f.field].text, f.start, f.end)
                                    for f in parts["question"].found):
        return None  # a question put to one person (你不知道…？) answers an argument: a reply, not a report
    found = topics(views) if found is None else found
    if not found:
        return None
    hits = [f for fs in found.values() for f in fs]
    if all(own_voice(views, f) for f in hits):
        return None  # news14: every topic word stands in the poster's own story (我上个月刚把个税专项扣除改成…)
    # news17: a figure for the whole country or city is a published statistic: it states its own fact
    # news19: so does a rule stated with the day it takes effect (明年起…正式实行): its change verb is the fact —
    # when the poster states it, not when the post relays what someone it met said (客服小姐姐说9月1号起学生卡半价)
    facts = [*find(views, [FACT, RELEASED, COMPARED]), *found.get("public_figure", ()),
             *(f for f in found.get("effective_change", ()) if not told_by(views, f))]
    if scoped:
        # a question or opinion stops the post being a report unless a clause it does not reach states the fact
        stated = reported_clauses(views, hits, facts, parts, [f for b in scoped for f in parts[b].found])
        if not stated:
            return None
        hits = [f for f in hits if any(_within(f, c) for c in stated)]
    distinct = _distinct({views.fields[f.field].text[f.start:f.end] for f in hits})
    report = [parts[f] for f in REPORT_PARTS if f in parts]
    if facts and "announcement" not in parts:
        report = [FactVerbs("announcement", tuple(facts)), *report]
    if "number_date" not in parts and (figures := find(views, [FIGURE])):
        report.append(FactVerbs("number_date", tuple(figures)))
    acting = _authority_acts(views, hits)
    if not (len(distinct) > min_hits or (len(distinct) == min_hits and report) or report_enough(report)
            or (absent and (report or len(distinct) >= min_hits))  # news20: the post says its source is missing
            or acting):  # news20: a public body's act, told as news
        return None
    if (find(views, [BYLINE]) or find(views, STRONG_GENRE)) and not absent and not find(views, [NO_ONE]):
        return None
    if not absent and find(views, [POINTER]):
        return None
    score = min(1.0, 0.5 + 0.1 * len(distinct) + 0.1 * (len(found) - 1) + 0.05 * len(report))
    topic = max(found, key=lambda t: len(found[t]))
    shown: dict[tuple[str, str, int, int], Found] = {}
    # a topic hit that is its own fact verb shows once; a stated absence of source shows as the reason
    for f in (*hits, *(f for p in report for f in p.found), *absent, *acting):
        shown.setdefault((f.pattern.rule, f.field, f.start, f.end), f)
    return SourceMissing(topic, round(score, 4), tuple(shown.values()))


Clause = tuple[str, int, int]  # field, canonical start, end

# The topic families whose words name a public body (外交部, 国务院, 教育部, 央行, 多地…), not an event or a figure.
BODY_TOPICS = frozenset({"topic.current_affairs", "topic.public_policy", "topic.public_actor"})


def _authority_acts(views: Any, hits: list[Found]) -> list[Found]:
    """The acts of office (`AUTHORITY_VERBS`) that follow a public body's topic word within `AUTHORITY_ACT_REACH`
    characters of its clause, the body not in the poster's own voice nor relayed from someone met (…说)."""
    out = []
    for f in hits:
        if f.pattern.rule not in BODY_TOPICS or own_voice(views, f) or told_by(views, f) or wished(views, f):
            continue
        if f.pattern.rule == "topic.public_actor":  # the hit holds its act (多地宣布)
            out.append(f)
            continue
        text = views.fields[f.field].text
        window = text[f.end:f.end + AUTHORITY_ACT_REACH + 2]
        stop = CLAUSE_END.search(window)
        window = window[:stop.start()] if stop else window
        m = AUTHORITY_VERBS.regex.search(window)
        if m is not None and m.start() <= AUTHORITY_ACT_REACH:
            out.append(Found(AUTHORITY_VERBS, f.field, f.end + m.start(), f.end + m.end()))
    return out


def _source_is_own_act(views: Any, sources: tuple[Found, ...], found: dict[str, list[Found]]) -> bool:
    """news21: is every "source" the rumour scorer read only a public body's own act of office, told as the clause's
    subject (外交部回应了…, 教育部发布新规…: `_authority_acts`)? The body is what the report is about; the post names no
    channel a reader could check it in (据…报道, 官网, 公告, 发布会, 来源：…), so it cites nothing. `found`: the post's
    topic hits (`topics`)."""
    acts = _authority_acts(views, [f for fs in found.values() for f in fs])
    return bool(sources) and all(any(f.field == a.field and f.start < a.end and a.start < f.end for a in acts)
                                 for f in sources)


@dataclass(frozen=True)
class FactVerbs:
    """A report's fact verbs standing in for the rumour scorer's announcement part (the scorer's list is of
    alarming events; a report also says what an authority decided, opened or published)."""

    family: str
    found: tuple[Found, ...]


def _within(f: Found, clause: Clause) -> bool:
    return f.field == clause[0] and clause[1] <= f.start < clause[2]


def _lead(text: str, f: Found) -> int:
    """Where a hit's words begin: a closing-question match opens on the comma before its clause."""
    i = f.start
    while i < f.end and (text[i] in "，,。！？!?；; \n"):
        i += 1
    return i


def reported_clauses(views: Any, topic_hits: list[Found], facts: list[Found], parts: dict[str, Any],
                     blockers: list[Found]) -> list[Clause]:
    """The clauses that state a current-affairs fact — a topic word with a fact verb, a figure or a date, not in
    the poster's own voice (我…) — that no question or opinion cue reaches: none in the clause itself, none earlier
    in its sentence (news14)."""
    figures = [f for name in ("number_date", "announcement") if name in parts for f in parts[name].found]
    out = []
    for name, nt in views.fields.items():
        for a, b, sentence in clauses(nt.text):
            clause = (name, a, b)
            if not any(_within(f, clause) for f in topic_hits):
                continue
            if not any(_within(f, clause) for f in (*facts, *figures)) or OWN_VOICE.search(nt.text, a, b):
                continue
            if any(f.field == name and sentence <= _lead(nt.text, f) < b for f in blockers):
                continue
            out.append(clause)
    return out


# news13: the rumour families that make a claim more than an unsourced report: an informant or a claimed cover-up
# (the post names where it comes from, only not a checkable source), or a call to act or to spread.
ALARM = frozenset({"hearsay", "vouching", "counter_official", "leak", "urgency_spread", "consequence",
                   "sanction_threat",
                   # news17: and a claim its replies doubt (假的，已经辟谣了 under it): disputed, not a plain report
                   "replies"})


def calm_claim(rumor: Score) -> bool:
    """Is a post judged a rumour still a plain unsourced report: no informant, no call to act or spread
    (`ALARM`)? Then its missing source is marked beside the rumour."""
    return not any(p.family in ALARM and p.contribution > 0 for p in rumor.parts)


def report_enough(report: list[Any]) -> bool:
    """One topic word is a report with two claim parts, one of them an announcement or event verb."""
    return len(report) >= 3 or (len(report) == 2 and report[0].family == "announcement")


# news15: a calm report in an institution's measured register — a named authority (央行, 国务院常务会议) doing a
# routine act of office (下调, 审议, 部署, 延长…至) or stating a precise figure (0.5个百分点, 同比增长5.3%), with no
# claim part beyond a plain report's (an informant, an absolute, a call on the reader, a vague actor…) and no
# sweeping scope (全国…一律取消, 统一改成, 所有人): the missing credit is what is wrong with it, not the content.
# Fabricated policies in official language carry the sweep and the reader's stake instead (全国新建商品房一律取消公摊;
# 养老金…统一降到每月80块).
PLAIN_REPORT = frozenset({"authority", "announcement", "number_date", "place", "domain"})
MEASURED = regex("claims.source.measured",
                 # the canonical text drops a decimal point (0.5个百分点 reads 05个百分点)
                 r"\d+个百分点|同比|环比|下调|上调|审议|部署|召开|签署|会见|"
                 r"延长[^，。！？]{0,16}至")
SWEEPING = re.compile(r"全国|全省|全市|一律|统一|全部|所有|取消|每人|人人|都要|必须")


def measured_report(views: Any, rumor: Score) -> list[Found]:
    """The routine acts and precise figures (MEASURED) of a calm rumour that reads as an institution's measured
    report — a named authority, nothing beyond a plain report's parts, no sweeping scope; [] when it does not."""
    families = {p.family for p in rumor.parts if p.contribution > 0}
    if "authority" not in families or not families <= PLAIN_REPORT:
        return []
    if any(SWEEPING.search(nt.text) for nt in views.fields.values()):
        return []
    return find(views, [MEASURED])
