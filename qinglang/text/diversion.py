"""Talk ABOUT 引流 (campaign task 3): the cue classes with which a 引流 term, handle or frame is read.

A post that warns about, reports, explains or refuses a diversion — or points to an official channel instead —
names the bait (加v, 刷单, 彩金, 看主页) without doing it. This is their one home: the 引流 lexicon (`about: diversion`
on its entries, through `qinglang.text.scope.scope_at(..., about="diversion")`), the contact detector's 暗号, lures
and bare numbers, and the frames' veto families (`shared: about_diversion` / `diversion_warning`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .normalize import NormalizedText

# The classes, each a closed set rather than a list of posts.
# Its strict core, warnings and enforcement: a gambling or scam notice that names the bait to warn (银行提醒：“博彩漏洞
# 稳赚”均为诈骗; 号码已被N人标记为“博彩推广”) — without the refusals and reassurances an ad itself writes (请勿外传,
# 不是刷单), so it can veto the gambling frames, whose ads say those.
DIVERSION_WARNING: tuple[str, ...] = (
    # warning and anti-fraud vocabulary (the bait is described so that readers avoid it)
    "举报", "别信", "不要信", "骗子", "防骗", "谨防", "警惕", "反诈", "诈骗", "骗局", "被骗", "上当", "识破", "诱饵",
    "不法分子", "冒充", "仿冒", "是假的", "都是假的", "实为诈骗", "涉黄", "涉诈", "涉赌", "防范",
    # a notice's own refusal (不要点击, 不要回复, 请勿轻信), and a caller-ID / spam-filter notice that users have marked
    # a number (已被N人标记为“博彩推广”): a report of the bait, not the bait
    "请勿点击", "请勿添加", "不要点击", "不要点开", "不要回复", "不要轻信", "不要相信", "不要添加", "不要扫码",
    "勿回复", "勿轻信", "被标记", "标记为", "骚扰号码", "骚扰电话", "疑似诈骗", "疑似推广",
    # enforcement and case reports (police, regulators, courts)
    "警方", "警察", "公安", "派出所", "警方提醒", "警方通报", "通报", "打击", "破获", "抓获", "打掉", "犯罪团伙",
    "犯罪嫌疑人", "赌博犯罪", "严禁", "依法", "涉嫌", "整治", "治理", "查处", "扫黄", "清理", "已被处理", "报警",
    "报案", "戒赌", "远离",
)
# A disclosure that the post is not paid for (非广告，自费购买; 无广): it speaks to sponsorship, so it keeps a review's
# shopping words from reading as clickbait bait, but an ad writes it too ("不是广告 真的能提 … 评论区第一条有下载方式"),
# so it does not veto the 引流 frames (a pointer plus a money offer): their veto family is ABOUT_DIVERSION without it.
AD_DISCLAIMER: tuple[str, ...] = ("不是广告", "非广告", "无广")
# The task ad's own reassurance (不是刷单！是"流量任务" 关注+点赞就结算; 不是兼职是副业): it still discounts the bare
# word it denies (the lexicon's 刷单 under scope), but a recruitment that pays per like or per order around it is the
# water army all the same, so it does not veto the frames either. A warning that says it names the scam as well
# (不是兼职，是诈骗): DIVERSION_WARNING vetoes that.
AD_REASSURANCE: tuple[str, ...] = ("不是刷单", "不是兼职", "不是骗", "并非刷单", "并非兼职", "并非骗")
ABOUT_DIVERSION: tuple[str, ...] = (
    *DIVERSION_WARNING,
    "套路", "引流", "陌生链接", "提醒大家", "提醒一下", "求助",
    # prohibitions and refusals of the move (别加, 请勿添加, 不加私人, 不用加)
    "请勿", "切勿", "勿加", "别加", "不用加", "别点", "别找", "别看", "别听",
    "别碰", "别买", "别随便", "别上当", "别在其他", "不加私人", "不加微信", "不会要求", "不接受", "没链接", "没有链接",
    "一律不回", "概不回复", "谢绝", *AD_REASSURANCE, *AD_DISCLAIMER, "那不是我", "才不信",
    # a consumer's own avoidance or complaint (避雷, 我没理, 投诉给平台, 别被诱导, 拉黑): the bait recounted by
    # the one who turned it down — an ad never tells its reader it was refused or reported
    "避雷", "排雷", "我没理", "没理他", "没理会", "投诉给", "投诉了", "去投诉", "已投诉", "直接投诉", "拉黑",
    # … and the lesson drawn from it for others (凡是一上来就让你加微信的都要小心; 踩坑记录)
    "都要小心", "一定要小心", "都得小心", "多留个心眼", "踩坑", "踩过坑",
    "别被诱导", "被诱导", "诱导好评", "诱导消费",
    # … or asks whether it is a scam before going near it (是不是骗人的？我没加): the ad's own 不是骗 answers no one
    "是不是骗", "是骗人的吗", "是不是诈骗", "我没加", "没敢加", "我没扫", "没敢扫",
    # explanations of the slang (什么意思, X是指…)
    "什么意思", "是什么", "啥意思", "什么是", "为啥",
    # an official or honest channel named instead (官方唯一, 以官网为准, 物业, 居委会, a verification code)
    "官方唯一", "唯一官方", "只走", "以官网为准", "官网为准", "官方app", "官方平台", "官方小程序", "官方渠道",
    "官方网站", "官方客服", "官方账号", "咨询官方", "没有别的群", "物业", "前台", "居委会", "验证码", "请勿泄露",
    "福利彩票", "体育彩票",
)
ABOUT_DIVERSION_VETO: tuple[str, ...] = tuple(t for t in ABOUT_DIVERSION if t not in AD_DISCLAIMER + AD_REASSURANCE)
# The same classes as patterns: a handle the poster will not give (号不发, 链接不放出来), and a refusal of the move
# itself (不用加我, 从不私聊).
ABOUT_DIVERSION_RX: tuple[str, ...] = (
    r"(?:(号|群号|链接|网址|联系方式|微信|二维码)[\p{Han}]{0,3}不(发|贴|放|公开)(了|出来)?)",
    # a bare 不 refuses only when it is not the tail of a question (你们想来不 ⊕V: the space before ⊕ is gone)
    r"(?:(不用|不必|无需|不会|没有任何|从不|别|(^|[^来要去想好行对是能会])不)(加我|加微|加v|私聊|私信|私我|打电话|联系我|私人号|私人联系))",
    # a shop's or a platform's promise not to buy engagement (本店承诺不做好评返现, 绝不刷单)
    r"(?:(承诺|保证|坚决|绝|从|一律)不(做|搞|参与|会|进行)?[\p{Han}]{0,4}(返现|刷单|刷好评|刷量|买粉|水军))",
    # … and the shop or the platform as the one who refuses (我们不做好评返现, 本店从不刷单, 平台也不搞返现)
    r"(?:(我们店|我们家|我们|咱们|咱家|本店|我店|小店|店铺|商家|本公司|平台)(也|都|从来|从)?不(做|搞|参与|会|进行|提供)?[\p{Han}]{0,4}"
    r"(返现|刷单|刷好评|刷量|买粉|水军))",
    # the reader's or the poster's own refusal of the bait (凡是"刷单返利"的一律不碰, 这种我从来不信, 千万别沾)
    r"(?:(一律|坚决|绝对|绝|千万|从来|从)(不|别)(碰|沾|信|理|上当))",
    # the platform's own chat named as the place to talk (有问题在闲鱼上聊哈，平台不让加微信): the poster keeps the
    # exchange where it is; an evader names the platform to leave it (在闲鱼聊不方便), so the clause must end there
    r"(?:(在|走)(闲鱼|淘宝|拼多多|京东|转转|得物|平台|站内|app)(上|里|内)?(聊|沟通|联系|私信|交流|下单|交易)([哈吧呀啊就即。，,！!]|$))",
    # a notice that declares every such request fake (凡以招聘为名要求加私人微信的均为假冒, 皆系诈骗)
    r"(?:(均|皆|都|一律|全部)(为|是|系|属|属于)(假冒|冒充|诈骗|虚假|骗局|骗子))",
    # the move reported as someone else's request of the poster or the reader (打电话说我中奖了，让我加微信领奖;
    # 对方叫你先下载): who asks whom — 引流 asks the reader itself (加我), a report says a third party asked
    # (session 17, drain17). Not 要: 戳我要她联系方式 asks for a contact, it reports no request
    r"(?:(让|叫|要求|诱导|引导|骗)(你|我|人|大家|受害人|用户|他|她|对方|网民|市民|老人)(先|去|再)?"
    r"(加|添加|扫|私聊|联系|下载|点开|点击|进群))",
    # … or as a third party's claim in reported speech (外面有人倒卖盗版说加微信便宜; 对方自称加群能领): the move is
    # someone else's words the poster recounts — 引流 speaks in its own voice (加我, 私我), never as "有人说" (drain19)
    r"(?:(有人|别人|对方|骗子|陌生人)[\p{Han}]{0,8}(说|称|声称|号称|自称)(要|让你|叫你)?"
    r"(加|添加|扫码|私聊|私信|联系|下载|进群))",
)
DIVERSION_REACH = 40  # characters either side of a 引流 term that an ABOUT_DIVERSION cue reaches

# A scam called a scam: 骗子 / 骗人的 / 诈骗 said of a move a scam asks of its victim (加个v带你做单, 先交押金, 下载陌生
# APP, 向陌生账户转账, a 理赔专员 who adds you on WeChat). Warnings and questions about 引流 scams write it ("凡是要你先
# 垫付的都是骗子", "说加个微信就能做，是不是骗人的"); the scam word there names the bait, not a person, a group or a
# company, so the abuse models and the smear frame read it as talk about 引流 (scam_named).
SCAM_WORDS: tuple[str, ...] = ("骗子", "骗人", "诈骗", "骗局", "骗钱", "被骗", "骗术", "行骗")
SCAM_BAIT: tuple[str, ...] = (
    # the move to a private channel or an unknown app / link / account
    "加v", "加个v", "加vx", "加微信", "加个微信", "加我微信", "加好友", "加qq", "私聊", "加群", "进群", "领资源",
    "陌生链接", "陌生app", "陌生软件", "陌生账户", "陌生号码", "下载app", "下载软件", "扫码", "点链接", "点击链接",
    # money asked first, and the promise that fronts it
    "垫付", "先交", "交押金", "押金", "保证金", "手续费", "解冻费", "转账", "汇款", "验证码",
    "刷单", "做单", "带你做单", "点赞日结", "日结", "返利", "高额回报", "稳赚", "兼职", "理赔", "退款", "中奖",
    # who runs it
    "不法分子", "冒充", "假客服", "自称客服", "陌生人",
)

# The same relation as RE2 patterns for the frames' veto families (`shared: scam_named`): bait, then a scam word in
# the same sentence, or the reverse.
_SCAM_ALT = "|".join(sorted(set(SCAM_WORDS), key=lambda s: (-len(s), s)))  # sorted, not set order: the frames digest
_BAIT_ALT = "|".join(sorted(set(SCAM_BAIT), key=lambda s: (-len(s), s)))
SCAM_NAMED_RX: tuple[str, ...] = (
    f"(?:({_BAIT_ALT})[^。！？!?\\n]{{0,30}}({_SCAM_ALT}))|(?:({_SCAM_ALT})[^。！？!?\\n]{{0,30}}({_BAIT_ALT}))",
)


_GROUP_BEFORE = re.compile(r"[\u4e00-\u9fff]人(都是|全是|就是|净是|多是|是|多|的)?(个|些)?$")


@lru_cache(maxsize=1)
def _scam_rx() -> tuple[re.Pattern[str], re.Pattern[str]]:
    def alternation(words: tuple[str, ...]) -> re.Pattern[str]:
        return re.compile("|".join(map(re.escape, sorted(set(words), key=len, reverse=True))))

    return alternation(SCAM_WORDS), alternation(SCAM_BAIT)


def scam_named(text: str | NormalizedText, start: int, end: int) -> str | None:
    """The bait a scam word in or at the edge of [start, end) names (是骗子 … 加个v带你做单): the first SCAM_BAIT
    within DIVERSION_REACH characters, or None when the span holds no scam word or no bait stands near it."""
    if not isinstance(text, str):
        text = text.text
    words, bait = _scam_rx()
    m = words.search(text, max(0, start - 1), min(len(text), end + 1))
    if m is None or _GROUP_BEFORE.search(text, max(0, m.start() - 6), m.start()):
        return None  # 河南人骗子太多: a scam word said of a people or a region is a group attack, not a warning
    lo, hi = max(0, m.start() - DIVERSION_REACH), min(len(text), m.end() + DIVERSION_REACH)
    b = bait.search(text, lo, hi)
    return b.group() if b is not None else None


@lru_cache(maxsize=1)
def _about_diversion_rx() -> re.Pattern[str]:
    terms = sorted(set(ABOUT_DIVERSION), key=len, reverse=True)
    pats = [p.replace("\\p{Han}", "\u4e00-\u9fff") for p in ABOUT_DIVERSION_RX]  # RE2's class in Python's re
    return re.compile("|".join([*map(re.escape, terms), *pats]))


# The poster fearing a report (别被举报了, 怕被举报) is evading it, not warning: 举报 there is no talk-about cue.
_FEARED = ("被", "怕", "防", "被人")


_FEARS = ("别被", "怕被", "防", "以免被", "免得被", "小心被", "不然被", "担心被", "怕", "别让人")


def feared(text: str, start: int, end: int) -> bool:
    """A report the poster fears (别被举报了, 怕被举报, 防举报) rather than makes or recounts (他被举报了 is a report):
    evasion, not a warning or a report. Read by the REPORTED / REPORTING frames and the frames' veto families."""
    return text[start:end].startswith("举报") and text[max(0, start - 3):start].endswith(_FEARS)


@lru_cache(maxsize=1)
def _diversion_warning_rx() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(set(DIVERSION_WARNING), key=len, reverse=True))))


def warning_near(text: str | NormalizedText, start: int, end: int) -> str | None:
    """A DIVERSION_WARNING cue (anti-fraud or spam-marking notice, enforcement) within DIVERSION_REACH characters of
    [start, end), outside it: the strict talk-about-引流 class, for what an ad's own reassurances (请勿外传, 验证码)
    must not veto — a bare number or link named in a warning (qinglang.detectors.contact)."""
    if not isinstance(text, str):
        text = text.text
    lo, hi = max(0, start - DIVERSION_REACH), min(len(text), end + DIVERSION_REACH)
    for m in _diversion_warning_rx().finditer(text, lo, hi):
        if (m.start() < start or m.end() > end) and not feared(text, m.start(), m.end()):
            return m.group()
    return None


def about_diversion(text: str, start: int, end: int) -> str | None:
    """An ABOUT_DIVERSION cue within DIVERSION_REACH characters of the hit (the hit itself excluded)."""
    lo, hi = max(0, start - DIVERSION_REACH), min(len(text), end + DIVERSION_REACH)
    for m in _about_diversion_rx().finditer(text, lo, hi):
        if m.group() == "举报" and text[max(0, m.start() - 2):m.start()].endswith(_FEARED):
            continue
        if m.start() < start or m.end() > end:  # not the hit's own text (不用加 around 加v counts)
            return m.group()
    return None
