"""What a post is doing: its speech act, read once per post, for the scope pass (`qinglang.scoping`).

Span-level scope (`qinglang.text.scope`) asks whether one hit is negated, quoted or reported where it stands. A post
can also be innocent as a whole: a platform's statement that it runs no funding and takes no deletion orders, a
lawyer explaining an offence, a warning to parents, a victim asking what to do, a figure cited from a named body, an
official notice, declared fiction, a lost-dog poster. Each of these is a *kind of act* with a closed class of
function words and structure that marks it — a speaker and a negated service verb (本站不开展…), a statute frame
(构成…罪, 《…法》第…条), a reporting frame (据…报道, 记者…获悉), a warning address (提醒大家, 千万别), a victim's
question (我被…怎么办), an attribution to a named body (据…局发布, 来源：), a verified institutional author with a
notice header, a work of fiction (第…章, 小说), a personal notice (寻狗启事) — none of them topic words, so a
reading learnt on 集资 reaches 删帖, a 统计局 figure reaches a 卫健委 one.

The reverse is read here too (`PostActs.own`): violators wear the same frames as cloaks (声明：本号不接删帖…私信详谈;
科普：…加微信领取; 不是广告 before an ad). A post that, besides the innocent frame, makes its own offer — an
imperative to add, message or scan, to pay or claim, a deal to discuss — is still doing the thing, and the scope
pass leaves its evidence alone. An offer word negated (不要转账), quoted, or put in a third party's mouth (骗子会让
你转账) is not the post's own offer.

Why one module: the cue classes and the guard stand on one page; `qinglang.scoping` decides what each kind of act
discounts, and nothing else reads these tables.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from .literals import LiteralGate, required_all
from .sale import sale_cue
from .scope import REPORTED, scope_at, scope_view
from .target import group_cue

if TYPE_CHECKING:
    from ..detectors.base import Views

_S = r"[^。！？!?\n]"  # a character of the same sentence
_C = r"[^。！？!?\n，,；;]"  # a character of the same clause
_W = r"[^。！？!?\n，,；;\s]"  # a character of the same clause, no space (a space parts clauses in comments)

# A speaker that declares its own conduct (本站, 本号, 我们…) and a negated verb of doing business from a closed class
# of light verbs (开展, 组织, 接, 提供, 做, 收取…): the post says what it does not do.
SPEAKERS = ("本站", "本号", "本店", "本人", "本群", "本账号", "本平台", "本公司", "本团队", "本工作室", "本机构",
            "本媒体", "本频道", "本直播间", "本栏目", "本社", "我司", "我方", "我们", "我店", "小店", "后援会",
            "节目组", "主办方")
DECL_NEGATORS = ("从来没有", "从来不", "从未", "从不", "绝不", "决不", "坚决不", "一律不", "均不", "概不", "不会",
                 "拒绝", "并未", "未曾", "没有", "不")
LIGHT_VERBS = ("开展", "组织", "承接", "接受", "接", "提供", "做", "收取", "参与", "参加", "代", "办", "出售",
               "销售", "售卖", "卖", "发布", "搞", "进行", "从事", "索要", "要求", "私下", "刷", "发起", "涉及",
               "花钱", "请人", "雇",
               "以任何", "向任何", "向", "会以")
_REFUSAL_RX = re.compile(
    f"(?:{'|'.join(SPEAKERS)}){_W}{{0,8}}?(?:{'|'.join(DECL_NEGATORS)})(?:任何|过|再|会|得)?"
    f"(?:{'|'.join(LIGHT_VERBS)})")
# A list of refusals (不接删帖、不接负面处理): two negated light verbs in a row, with or without a speaker.
_NEG_LIGHT = f"(?:{'|'.join(DECL_NEGATORS)})(?:任何|过|再)?(?:{'|'.join(LIGHT_VERBS)})"
_REFUSAL_LIST_RX = re.compile(f"{_NEG_LIGHT}{_C}{{1,12}}[、，,；;]\\s*(?:也|更|还|亦)?{_NEG_LIGHT}")
_DECLARED_RX = re.compile(f"(?:声明|郑重声明|承诺|公告){_S}{{0,6}}(?:{'|'.join(DECL_NEGATORS)})"
                          f"(?:任何|过|再)?(?:{'|'.join(LIGHT_VERBS)})")
# Session 23 (story23): a question put to the poster (私信问我接不接…, 问我卖不卖) answered with its own verb negated
# (统一回复：不接): the post names the service to turn it down, as a declared refusal does (S29, S15, unseen11).
_ANSWERED_RX = re.compile(f"问(?:过)?我{_S}{{0,24}}?(接|做|卖|收|带|刷|代|出)不\\1{_S}{{0,30}}?"
                          "(?:回复|答复)?[：:，,]?\\s*(?:不|一律不|都不|概不)\\1")

# Explaining a law, a scam or a treatment: a statute frame, an explainer's address, a how-to-recognise question.
_EDUCATION_RX = re.compile(
    f"构成{_C}{{0,12}}罪|涉嫌{_C}{{0,10}}罪|属于违法|违法行为|违反{_C}{{0,10}}(?:法|规定|条例)|"
    r"(?:依据|根据|按照)《|《[^》]{1,20}(?:法|条例|规定|办法)》|(?:法|条例|规定|》)第[一二三四五六七八九十百零\d]+条|"
    "律师(?:说法|提醒|解读|建议|讲|科普)|普法|科普|以案说法|法律常识|法律规定|"
    "(?:如何|怎么|怎样|教你)(?:识别|辨别|分辨|判断|防范|避免|识破)|常见(?:套路|骗局|手法|话术)|典型(?:套路|骗局|手法)|"
    f"(?:医生|医师|药师){_C}{{0,4}}(?:提醒|建议|说|讲|表示)|遵医嘱|遵照医嘱|在医生指导下|听医生的|"
    # an explainer's address (给大家讲清楚, 跟你们解释一下) and safety teaching to children (小朋友记住, 要马上告诉家长)
    "(?:给|跟|和|帮|向)(?:大家|各位|你们|网友们)(?:讲清楚|说清楚|讲明白|说明白|科普|解释|普及)|"
    "(?:小朋友|同学们|孩子们|小朋友们)(?:要)?(?:记住|注意|要知道)|"
    "(?:马上|及时|第一时间|一定要)告诉(?:家长|老师|爸爸妈妈|爸妈|大人)|"
    # session 23 (story23): a reader's reaction to having learned how a thing works (原来…是这么运作的，涨知识了; t20,
    # t26, unseen9, unseen24): the post is about the thing from outside. Not the #涨知识 tag a bait post wears.
    f"(?<!#)(?:涨知识|长知识|长见识|涨姿势)了|原来{_C}{{1,20}}?是(?:这么|这样|怎么)(?:运作|操作|回事|来的)")

# Reporting what others said or did: attribution of a report, a journalist's frame, quoting a message received.
_REPORT_RX = re.compile(
    f"据{_C}{{1,14}}?(?:报道|消息|通报|介绍|了解|披露)|记者{_C}{{0,6}}(?:获悉|了解到|采访|调查|核实|从)|"
    f"(?:通报|公告|通告)(?:称|显示|指出)|"
    f"(?:收到|看到|刷到|接到){_C}{{0,10}}(?:短信|私信|消息|评论|帖子|视频|电话|留言)[^。\n]{{0,6}}[：:“\"「]")

# The poster says they have reported the thing (已报警, 截图交给派出所): scope.REPORTED, read over the post.
_REPORTED_RX = re.compile("|".join(sorted(REPORTED, key=len, reverse=True)) + "|交给(?:了)?派出所")

# A warning addressed to readers, against a scheme it names as a scam or a crime (SCHEME: a rumour or a clickbait
# headline also says 千万别 and 提醒大家, about a danger it invents).
SCHEME = ("骗子", "诈骗", "骗局", "被骗", "上当", "冒充", "假冒", "套路", "陷阱", "违法", "犯罪", "敲诈", "勒索",
          "报警", "举报", "110", "96110", "12377", "12321")
_WARNING_RX = re.compile(
    "千万(?:别|不要)|切勿|谨防|警惕|注意防范|"
    "不要(?:相信|轻信|点击|扫码|转账|添加|随意|理会)|别(?:信|点|扫|理)|都是诈骗|均为诈骗|一律是诈骗|"
    f"遇到{_S}{{0,20}}(?:一定要|千万|不要|别|立即|及时|马上|第一时间)")

# A warning's address to its readers (提醒大家, 各位家长) or a plea not to believe (千万别信): a warning standing alone.
# news19: 家长们 addressed (家长们，…; 家长们注意), not as what a sentence tells of (家长们都坐不住了, 家长们纷纷…)
_ADDRESS_RX = re.compile("提醒(?:大家|各位|广大|家长)|各位家长|家长们(?![都也纷已还却就在被把对说觉])|"
                         "(?:千万)?(?:别信|别相信|不要相信|不要轻信)")
# A victim telling what befell them and asking for help, or a question whether a thing is allowed / true.
_VICTIM_RX = re.compile(
    f"(?:我|我家|我们|孩子|我妈|我爸|老人|家里人|朋友|女儿|儿子){_S}{{0,8}}(?:被|遭遇|遇到|碰到|上当|被骗)"
    f"{_S}{{0,60}}(?:怎么办|咋办|怎么处理|该怎么|如何维权|怎么维权|能追回|找谁)|求助[：:!！]|求助帖|"
    # session 17 (prec17): another's demand made of the poster, told by the poster, then a plea (一直让我开视频…该怎么
    # 办？; 让我把衣服脱了…好害怕，该怎么办): the one it was demanded of asks for help; no 被 needed
    f"(?:让|要|叫|逼|骗|哄|要求|威胁)我{_S}{{0,40}}(?:怎么办|咋办|该怎么|怎么处理|找谁)|"
    "(?:是不是|算不算|是否|算是)(?:违规|违法|犯法|诈骗|骗局|真的)|(?:去哪里?|在哪里?|找哪|怎么|如何)(?:投诉|举报|维权)|"
    "(?:是真的吗|真的假的|有懂行的|求辟谣)|(?:该|要|能|可以|应该)去?(?:报警|报案|投诉|举报)吗")

# 部 names a ministry or a department (教育部, 宣传部), never 内部/外部/全部/局部: "数据来源：行业内部" cites nobody (an
# insider is the rumour's own cue, issue 17), found on session 11's fresh set after it was scored.
_BU = "(?<![内外全局])部"
_BODY = f"局|委|{_BU}|院|署|厅|办|政府|官网|公报|年鉴|新华社|日报|晚报|电视台|中心|研究所|协会|大学|官方网站"
# A claim attributed to a named, checkable body (…局, …委, 官网, 统计公报) or a stated source.
_SOURCED_RX = re.compile(
    f"据{_C}{{0,12}}?(?:局|委|{_BU}|院|署|厅|办|政府|官网|公报|年鉴|新华社|日报|研究所|中心)"
    f"{_C}{{0,6}}(?:发布|公布|数据|通报|显示|统计|公告)|"
    f"(?:来源|数据来源|信息来源|出处|资料来源)[：:]{_C}{{0,14}}?(?:{_BODY})|"
    # a named body speaking in its own name at the head of the post (教育部教育考试院：…)
    "^[^。！？!?\n，,：:]{2,14}(?:局|委员会|院|署|厅|办公室|中心|政府|法院|检察院|公安|派出所)[：:]|"
    f"(?:局|委|官网|公报|年鉴)(?:发布|公布)的?{_C}{{0,10}}(?:数据|显示|公报|报告|通报)")

# An official notice: a verified institution's header or closing formula.
_INSTITUTION_END = ("公安", "警方", "派出所", "法院", "检察院", "政府", "局", "委", "办", "厅", "署", "部", "中心",
                    "日报", "晚报", "新闻", "电视台", "广播", "融媒", "网信", "学校", "小学", "中学", "大学", "医院")
_NOTICE_RX = re.compile("特此(?:公告|通知|通告|声明)|^[【\\[]?(?:通知|公告|通告|情况通报|警情通报|温馨提示|关于)")

# Declared fiction: a work named as such (小说, 连载, 第…章), or a kind of work (故事, 短剧, 本文) declared invented
# (纯属虚构, 杜撰). A disclaimer alone does not make a smear a story, and a script a show follows (按剧本) is staging.
# A serial announced as what comes next (否则下周开始连载, 继续连载) is a threat's schedule, not a work named (story22).
# a declaration said to be missing (未标注剧情演绎, 未加“剧情演绎”标注: quotes are gone in the canonical text) declares
# nothing (story14)
_FICTION_RX = re.compile(r"小说|(?<!开始)(?<!继续)(?<!接着)连载|第[一二三四五六七八九十百零\d]{1,3}[章回]|番外|同人文?|"
                         r"(?<![未没加注标明])(?<![未没加注标明][\"“「『])剧情演绎|"
                         r"(?:故事|短剧|本文|本剧|情节|人物)(?:纯属|均为|系)?(?:虚构|杜撰|演绎)")

# A story does not call its readers to act on what it tells (别买, 扩散): a "纯属虚构" over such a call is a cloak.
_CALL_RX = re.compile("别买|不要买|别去|不要去|千万别|转发|扩散|抵制|告诉身边|避雷")

# A personal, non-commercial notice.
_KIN = "(?:爸妈|爸爸|妈妈|父母|爷爷|奶奶|外公|外婆|姥姥|姥爷|孩子|家人|老人|侄子|侄女|外甥|外甥女|亲戚|长辈|晚辈|小辈)"
_PERSONAL_RX = re.compile(r"寻(?:狗|猫|宠|人|物|主)|启事|走失|失物招领|找领养|求领养|"
                          # news13: not a group the post tells its readers to forward to (看完转给家人群): a
                          # chain message's target, not the poster's own family or class
                          r"(?<!转)(?<!转给)(?<!转到)(?<!发到)(?<!发给)(?<!转发到)(?<!转发给)(?<!分享到)(?<!分享给)"
                          r"(?:家族|家庭|亲戚|同学|班级|家人)(?:群|聚会|聚餐)|"
                          f"(?:给|帮|替){_KIN}{_C}{{0,8}}红包")
_COMMERCIAL_RX = re.compile("出售|售价|优惠|促销|代理|加盟|招聘|兼职|日赚|日结|返利|下单|包邮|代购|批发|团购|价格|"
                            "接单|有偿|收费|报价|佣金|提成|到账")

# The post's own offer: an imperative to add, message, scan or join (CONTACT), or to pay, claim or strike a deal (DEAL).
# A personal notice asks to be contacted (有线索请加微信…): there only a DEAL keeps the post doing the thing.
CONTACT_OFFERS = ("加我", "加v", "加V", "加微", "加vx", "加wx", "加企鹅", "加扣扣", "私我", "私聊", "滴滴我", "dd我",
                  "DD我", "扫码", "扫二维码", "进群", "加群", "入群", "点击链接", "戳链接", "点链接", "看主页",
                  "主页有", "见主页", "私信我", "搜小程序", "搜公众号", "搜app", "搜APP", "搜索小程序")
DEAL_OFFERS = ("带价", "报价", "价格私", "详谈", "细聊", "领取", "下单", "转账", "付款", "打款", "汇款", "充值", "有偿",
               "接单", "可接", "代办", "代做", "包过", "包删", "私信详", "私信咨询", "私信领取", "私信了解", "私信获取")
_OFFER_RX = re.compile("|".join(sorted({*CONTACT_OFFERS, *DEAL_OFFERS}, key=len, reverse=True)))
_DEALS = frozenset(DEAL_OFFERS)
_RECORDS = ("记录", "截图", "凭证", "明细", "信息", "页面", "短信")
# Someone else's demand or offer described (骗子会让你转账, 要求受害人扫码, 有人私信我): reported, not the post's own.
_CAUSED_RX = re.compile("(?:(?:让|叫|要|要求|诱导|骗|引导|逼|哄)"
                        "(?:你|您|受害人|受害者|用户|网友|大家|人|孩子|老人|对方|家长|我)"
                        "|(?:有人|对方|骗子|他们|商家|客服|陌生人|那人|这人|被人|被))"
                        f"{_C}{{0,8}}$")

_STATUTE_RX = re.compile(f"构成{_C}{{0,12}}罪|涉嫌{_C}{{0,10}}罪|涉嫌{_C}{{0,6}}(?:违法|非法)|属于违法|违法行为")
_ENDS = re.compile("[。！？!?\n]")


def _sentence(text: str, start: int, end: int) -> str:
    lo = max((m.end() for m in _ENDS.finditer(text, 0, start)), default=0)
    m = _ENDS.search(text, end)
    return text[lo:m.start() if m else len(text)]


# `read_text`'s patterns, searched only in a text holding their required literals (`literals.required_all`: one of
# the strings of every part of the pattern; a pattern with none known is always searched): one Aho–Corasick pass
# names the few that may match, instead of up to fifteen searches a post. A match is the pattern's own search.
_GATED = (_REFUSAL_RX, _DECLARED_RX, _REFUSAL_LIST_RX, _ANSWERED_RX, _EDUCATION_RX, _REPORT_RX, _REPORTED_RX,
          _ADDRESS_RX, _WARNING_RX, _VICTIM_RX, _SOURCED_RX, _NOTICE_RX, _CALL_RX, _FICTION_RX, _PERSONAL_RX,
          _COMMERCIAL_RX)
_PARTS = [required_all(rx.pattern, rx.flags) or () for rx in _GATED]
_GATE = LiteralGate([p[0] if p else None for p in _PARTS], [p[1:] for p in _PARTS])


_GATED_SET = frozenset(_GATED)


def _candidates(text: str) -> set[re.Pattern[str]]:
    """The patterns of `_GATED` that may match `text` (all whose literals occur, and those without literals)."""
    return {_GATED[k] for k in (*_GATE.present(text), *_GATE.unknown)}


KINDS = ("refusal", "education", "report", "warning", "question", "sourced", "official", "fiction", "personal")


class Act(NamedTuple):
    kind: str  # one of KINDS
    cue: str  # the words that mark it, as the canonical text writes them

    @property
    def tag(self) -> str:
        return f"act:{self.kind}:{self.cue}"


class PostActs(NamedTuple):
    acts: tuple[Act, ...]  # the innocent readings of the post, in KINDS order
    own: str | None  # the post's own offer that keeps it doing the thing (None: no offer of its own)
    deal: bool = False  # the offer is a DEAL (pay, claim, a price to discuss), not only a way to get in touch
    # the people a warning is aimed at, run down as a whole (东北人就是一群骗子…千万别跟东北人做生意): such a warning is
    # an exclusion call, which excuses no group hostility (`scoping`, antagonism only); None: no such group
    against_group: str | None = None
    # the words a post that wears an explainer's frame sells with (这款, 我们这个, 一个39块: `qinglang.text.sale`); a
    # 科普 that sells is the advertisement's cloak (`scoping.SALE_CLOAKS`); None: no sale, or no such frame
    sale: str | None = None

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(a.kind for a in self.acts)


NONE = PostActs((), None)


def read_acts(views: Views) -> PostActs:
    """The post's acts, read once per post (memoized on its first text field)."""
    fields = [nt for name, nt in views.fields.items() if name in ("title", "text")]
    if not fields:
        return NONE
    memo = fields[0].cache.get(PostActs)
    if memo is not None:
        return memo  # type: ignore[return-value]
    author = views.content.author
    texts = [scope_view(nt).text for nt in fields]
    out = read_text(texts, author.name or "", bool(author.verified))
    if out.acts:  # the offer is read only where an innocent frame was found
        own = own_offer(texts)
        if own is not None:
            out = out._replace(own=own, deal=own in _DEALS or own_offer(texts, deals_only=True) is not None)
        if "warning" in out.kinds:
            out = out._replace(against_group=group_cue("\n".join(texts)))
        if "education" in out.kinds:
            out = out._replace(sale=sale_cue(texts))
    for nt in fields:
        nt.cache[PostActs] = out
    return out


def read_text(texts: list[str], author: str = "", verified: bool = False) -> PostActs:
    """The acts of a post given its fields' texts (canonical, scope punctuation restored) and its author."""
    text = "\n".join(texts)
    acts: list[Act] = []
    skip = _GATED_SET.difference(_candidates(text))  # a pattern not in `_GATED` is always searched

    def search(rx: re.Pattern[str]) -> re.Match[str] | None:
        return None if rx in skip else rx.search(text)

    def add(kind: str, m: re.Match[str] | None) -> None:
        if m is not None:
            acts.append(Act(kind, m.group()))

    add("refusal", search(_REFUSAL_RX) or search(_DECLARED_RX) or search(_REFUSAL_LIST_RX) or search(_ANSWERED_RX))
    add("education", search(_EDUCATION_RX))
    add("report", search(_REPORT_RX) or search(_REPORTED_RX))
    if (m := search(_ADDRESS_RX)) is not None or any(w in text for w in SCHEME):
        add("warning", m or search(_WARNING_RX))
    add("question", search(_VICTIM_RX))
    add("sourced", search(_SOURCED_RX))
    if verified and (author.endswith(_INSTITUTION_END) or search(_NOTICE_RX) is not None):
        acts.append(Act("official", author or "verified"))
    if search(_CALL_RX) is None:
        add("fiction", search(_FICTION_RX))
    if (m := search(_PERSONAL_RX)) is not None and search(_COMMERCIAL_RX) is None:
        acts.append(Act("personal", m.group()))
    return PostActs(tuple(acts), None)


def own_offer(texts: list[str], *, deals_only: bool = False) -> str | None:
    """The first offer word the post makes its own: not negated, quoted or mentioned, not another's demand."""
    for text in texts:
        for m in _OFFER_RX.finditer(text):
            if deals_only and m.group() not in _DEALS:
                continue
            if text.startswith(_RECORDS, m.end()):
                continue  # a noun (转账记录, 付款截图): evidence kept, not an offer made
            if _CAUSED_RX.search(text, max(0, m.start() - 14), m.start()) is not None:
                continue
            if _STATUTE_RX.search(_sentence(text, m.start(), m.end())) is not None:
                continue  # an offence explained (有偿删帖…涉嫌非法经营): the offer is the offence described
            cues = scope_at(text, m.start(), m.end(), sentence_frames=False)
            if any(c.kind in ("negation", "quotation", "mention") for c in cues):
                continue
            return m.group()
    return None
