"""Scope: whether a term found in a text is USED, or negated, quoted, reported or debunked.

"理性追星，不集资不控评" names 集资 and 控评 to refuse them; "支持打击“nmsl”" quotes an insult to condemn it;
"网传…系谣言" reports a rumour to refute it; "说X的人" talks about people who say X. A lexicon hit inside such a
scope is not the poster doing the thing, so its score is discounted (multiplied by the cue's factor) and the
evidence records the cue (`Evidence.scope`, e.g. ``negation:不``).

One mechanism for every lexicon-based signal: the lexicon detector, the language-misuse detector and the
intent frames' cue families all call `scope_at` on the normalized field and canonical offsets of a hit. The
normalizer keeps full-width quotes and clause punctuation, but ASCII ones between Chinese characters are removed
as inserted separators (微,信 is a cloak); scope reads them back from the original text (`scope_view`), so
'nmsl' is quoted and 买,春节 has a clause break, while the lexicon still sees the cloak.

The cue lists are data below, each a closed class of Chinese function words (negators, prohibitives, verbs of
reporting and refuting) rather than a topic word list; what a cue may reach is bounded by the clause (a
negator) or the sentence (a debunking or reporting frame), as in the negation-scope literature (e.g. the
CNeSp corpus annotation guidelines, Zou et al. 2015: a negator scopes over the predicate that follows it,
within its clause).

What the whole post is doing (a refusal, an explanation, a report, a warning, a victim's question, a sourced figure,
an official notice, fiction, a personal notice) is read once per post by `qinglang.text.acts` and applied to every
family's signals by the scope pass, `qinglang.scoping`; this module judges one hit where it stands.

Why one module: each cue class is read only by the function beside it, which fixes its reach (clause, sentence,
post); other areas add cues here in small commits, so the list and the reach it gets stay on one page.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from .dictionary import common_word_set

# Talk about 引流 lives in .diversion since session 8; its names stay importable from here.
from .diversion import (  # noqa: F401
    ABOUT_DIVERSION,
    ABOUT_DIVERSION_RX,
    DIVERSION_REACH,
    DIVERSION_WARNING,
    about_diversion,
    feared,
    warning_near,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from .normalize import NormalizedText

# Negators and prohibitives that scope over the next predicate of their clause (longest first).
NEGATORS: tuple[str, ...] = (
    "坚决抵制", "坚决反对", "坚决打击", "严厉打击", "不要再", "千万别", "千万不要", "请勿", "切勿", "严禁", "禁止",
    "不提供", "不接受", "不参与",
    # copular negation: the thing is denied of the subject (不是全网第一, 并非刷单, 算不上顶级)
    "并不是", "也不是", "都不是", "绝不是", "不是", "并非", "并不", "算不上", "谈不上",
    "拒绝", "抵制", "反对", "杜绝", "远离", "不许", "不准", "不能", "不会", "不该", "不可", "不得", "不要", "不再",
    "别再", "没有", "从不", "从没", "打击", "整治", "谨防", "警惕", "防范", "提防", "不", "没", "别", "勿", "莫", "无",
)
# Words that may stand between a negator and what it negates (不去集资, 拒绝参与控评, 不要随便加).
_FILLERS: tuple[str, ...] = (
    "参与", "随便", "轻易", "相信", "问", "管",
    "进行", "搞", "去", "再", "要", "来", "给", "被", "乱", "跟风", "盲目", "私下",
    "帮", "搞什么", "任何", "所谓的", "所谓", "这种", "那种", "这些", "那些", "一切", "各种", "的", "了", "也", "都",
    # light verbs of doing business (不开展任何集资, 不接删帖, 不提供代写, 不做刷单): the refused act follows them
    "开展", "组织", "承接", "接", "提供", "做", "收取",
    "“", "「", "『", '"', "‘", "《",
)
# Sentence-level frames: the sentence reports or refutes the thing, it does not do it.
DEBUNKING: tuple[str, ...] = (
    "辟谣", "谣言", "不实信息", "系谣言", "是谣言", "假消息", "假新闻", "已辟谣", "经核实", "不属实", "纯属虚构",
    "网传", "别信", "不要信", "不要相信", "勿信", "造谣", "求证", "是伪科学", "没有科学依据", "没有任何依据",
)
REPORTING: tuple[str, ...] = (
    "举报", "已举报", "曝光", "网警提醒", "警方提醒", "提醒大家", "提醒家长", "家长注意",
    "注意防范", "防骗", "反诈", "骗局", "套路", "被骗", "报警",
    "提个醒", "提醒", "律师建议", "抵制", "倡议", "呼吁", "科普",
    # anti-fraud warnings: the scam is described to warn against it (凡是…的都是诈骗; not 都是骗子, which insults a
    # group: 河南人都是骗子)
    "都是诈骗", "均为诈骗", "一律是诈骗", "就是诈骗", "一律是骗子", "一律是骗局", "别上当", "不要上当", "谨防上当",
    "上当受骗", "小心被骗", "当心被骗", "公安提醒", "民警提醒", "反诈中心", "识别", "如何辨别", "怎么辨别",
    # safety advice to children and parents: what to do when it happens (遇到…第一时间告诉老师), not doing it; not a
    # bare 告诉爸妈, which a groomer negates (不要告诉爸妈)
    "第一时间告诉", "及时告诉", "求助老师", "向老师求助", "保留证据", "保留截图", "安全班会", "安全教育", "防欺凌",
    "反欺凌", "自我保护",
)
# An authority's account of a case already handled (police report, court judgment): it describes the act to
# record its punishment, as strongly as a debunking describes a rumour.
CASE_REPORT: tuple[str, ...] = (
    "警情通报", "警方通报", "通报", "破获", "抓获", "犯罪嫌疑人", "依法处理", "行政拘留", "刑事拘留", "已被处理",
    "以案说法", "法院判决", "判决", "被判", "一审", "二审", "判处", "立案侦查", "依法查处",
    "打掉", "捣毁", "犯罪团伙", "落网", "涉嫌", "被依法",
    # prosecution and sentencing (检察院…提起公诉, 被告人…获刑): a case already before a court
    "提起公诉", "公诉", "检察院", "检察机关", "批准逮捕", "批捕", "移送起诉", "审查起诉", "被起诉", "被告人", "获刑",
    "有期徒刑", "罪名成立", "宣判",
)
# Enforcement told by a bystander (赌球的被抓了, 因为玩百家乐被判刑, 上下分的群就该一锅端): the act is named as what
# was or should be punished, as in a case report, but in a user's words. Read like CASE_REPORT, in the hit's sentence,
# unless the cue is feared or denied right before it (不会被抓, 怕被查, 不用担心被封: how a gambling ad reassures), and
# only for the 引流 families (`about="diversion"`: the drainage lexicon's lures and 暗号): an insult beside 就该坐牢 is
# still an insult (session 22, drain22).
ENFORCED: tuple[str, ...] = (
    "被抓", "抓了", "被警察", "被警方", "被判刑", "判刑", "判了", "坐牢", "被拘", "拘留", "被查", "查处", "被端",
    "端了", "一锅端", "被取缔", "取缔", "严打",
)
_ENFORCED_DENIED = ("不", "没", "怕", "别", "防", "担心", "无需")  # 不会被抓, 不用怕被查, 没被端
# The poster says they have already reported the thing (to a platform, the police): a bystander's account, as
# strong as an authority's case report. Checked before the weaker REPORTING cues.
REPORTED: tuple[str, ...] = (
    "已举报", "举报了", "已经举报", "截图举报", "一键举报", "已投诉", "投诉了", "已经投诉", "已报警", "报警了",
    "已经报警", "已反馈", "反馈给平台", "交给警方", "交给了警方", "截图提交", "已提交平台", "已提交给平台",
    "截图报警", "录屏报警", "保留证据报警",
)
# A post that opens by addressing a warning to its readers (提醒各位老板：, 家长群转一下：, 转给爸妈看：) and then
# describes the scheme it warns of: the opener reaches every later sentence, as a report standing alone does. Its cues
# are a closed class of warning and forwarding addresses; the opener is the post's first clause, ended by a colon or
# an exclamation mark, at most ALERT_HEAD characters long. Not 避雷 (a consumer's warning names a business: the
# smear detectors judge it) and not a bare 注意 (注意：加我领红包 is bait).
ALERT_CUES: tuple[str, ...] = (
    "提醒", "提个醒", "警惕", "谨防", "防骗", "反诈", "转给爸妈", "转给父母", "转给家人", "转给家里老人", "转给长辈",
    "家长群转", "各位家长", "家长们注意", "家长注意", "扩散提醒",
)
ALERT_HEAD = 24
# The opener reaches the post only when the post also names the scheme as a scam or a crime, or says it was reported:
# a rumour dressed as a warning (重要提醒：银行明天停止取款, 各位家长注意！！某乳业奶粉查出…扩散) names none of these.
SCHEME_NAMED: tuple[str, ...] = (
    "骗子", "诈骗", "骗局", "被骗", "上当", "冒充", "报警", "举报", "违法", "犯罪", "敲诈", "勒索", "打110", "96110",
    "12377", "12321",
)
_OPENER_CHARS = "[^。！？!?\n：:]{0,%d}" % ALERT_HEAD  # noqa: UP031 (braces of the quantifier)
_ALERT_RX = re.compile(f"^{_OPENER_CHARS}?({'|'.join(ALERT_CUES)}){_OPENER_CHARS}[：:！!]")
# A post that opens with the report itself standing alone (举报了！ / 已报警。) then describes what it reported: the
# declaration reaches every later sentence of the post (at most this many characters beside the cue in it).
REPORTED_ALONE = 4
# A claim asked about, not asserted: its sentence is a question and the poster asks whether it is true.
VERIFYING: tuple[str, ...] = (
    "真假", "是真的吗", "真的吗", "真的假的", "假的吧", "有人知道", "谁知道", "求证", "靠谱吗", "可信吗", "懂行的",
    "辟个谣", "求辟谣", "是不是真的",
)
# A question asking what to do when it happens (孩子被开盒了怎么办？遇到网暴如何应对？): the hit is the trouble the
# poster seeks a remedy for, posed before the cue in the same question, as something that befalls someone (被, 遇到,
# 万一…). Its own kind (`advice`), not a denial; a worry with no such marker (存款要收税了怎么办？) presupposes a
# rumour and still spreads it.
ADVICE: tuple[str, ...] = (
    "怎么办", "咋办", "如何应对", "怎么应对", "如何处理", "怎么处理", "怎么处置", "如何处置", "如何维权", "怎么维权",
    "该怎么做", "应该怎么做", "怎么防", "如何防范", "如何预防", "怎么预防", "如何避免", "怎么避免", "怎么解决",
    "如何解决", "找谁", "向谁求助",
)
_BEFALLS = ("被", "遇到", "碰到", "遇上", "碰上", "遭遇", "遭到", "遭受", "受到", "发现", "万一", "如果", "要是",
            "一旦")
# A harm stated of the act right after it in its clause (熬夜对身体不好, 电子烟伤身体, 节食影响发育): the poster warns
# against it. Health and safety predicates only: 很危险 is also the thrill a challenge sells (危险又刺激).
# An act named, then forbidden to be copied (“窒息挑战”千万别让孩子模仿, 这种玩法切勿尝试): the poster warns against it.
_NOT_TO_COPY_RX = re.compile(r"(?:千万别|千万不要|不要|别|切勿|请勿|勿|禁止|严禁)[让叫给带]?[\u4e00-\u9fff]{0,3}?"
                             r"(?:模仿|效仿|尝试|跟风|学样|跟着学|去试|去学)")
HARMFUL: tuple[str, ...] = (
    "对身体不好", "对身体有害", "对身体伤害", "伤身体", "伤身", "有害健康", "危害健康", "损害健康", "影响健康",
    "影响发育", "影响身体", "不利于健康", "不利于身体", "不利于成长", "伤眼睛", "对眼睛不好", "会上瘾", "容易上瘾",
    "害人害己", "会出人命", "出人命的", "会致命", "可能致命", "后果很严重", "后果严重", "不可取", "不值得提倡",
)
_HARMFUL_FIRST = frozenset(c[0] for c in HARMFUL)
_QUOTES = {"“": "”", "「": "」", "『": "』", '"': '"', "‘": "’", "'": "'", "《": "》"}
_OPENERS_RX = re.compile("[" + re.escape("".join(_QUOTES)) + "]")
_OPENER_OF = {v: k for k, v in _QUOTES.items()}
_CLOSERS = frozenset(_OPENER_OF)
_CLAUSE_END = frozenset("，,。！!？?；;：:\n…~～")
_STOP_RX: dict[frozenset[str], re.Pattern[str]] = {}
_SENTENCE_END = frozenset("。！!？?；;\n")
_SAY = ("说", "喊", "叫", "骂", "发", "刷", "打")  # 说X的人 / 刷X的 / 骂X的那些人
_PEOPLE = ("的人", "的那些人", "的这些人", "的都是", "的网友", "的人都")
# A name given, ending its clause (印度人叫X，俄罗斯人叫Y): the poster reports what a group is called.
_NAMED_AS = ("叫做", "叫作", "称为", "称作", "俗称", "简称", "又称", "外号", "叫")
# A word explained right after it (X是指…, X的意思是…, X是什么意思).
_EXPLAINED_AS = ("是指", "指的是", "的意思", "意思是", "是什么意思", "什么意思", "啥意思", "这个词", "一词", "这个梗")
# A word filed under a kind of word (yp这种谐音, 🦌、yp之类的暗号, nmsl这类脏话): the poster names words, as 这个词
# does. A list of such words (、, 和) may stand between the hit and its kind.
_FILED_AS_RX = re.compile(r"(?:[、和及与/][^\s、，,。！!？?；;]{1,8}){0,4}(?:这种|这类|这些|这样的|之类的?|一类的?|等)"
                          r"(?:的)?(?:谐音|谐音梗|说法|字眼|词|词语|暗号|黑话|缩写|称呼|梗|脏话|骂人话|烂梗|用语)")
# The poster reports being called a name (叫我小日本鬼子的同族, 骂我傻逼): the insult is someone else's word.
_CALLED_ME_RX = re.compile(r"(?:叫|喊|骂|称|称呼)(?:我|我们)[\u4e00-\u9fff]{0,4}$")
# A request made of the poster, named to describe who made it (弹幕里让我换衣服、“转个身”的那位，请你出去): the act
# is what someone else asked for, the clause is a noun phrase for that person, closed by 的那位 / 的人 and the clause.
_ASKED_ME_RX = re.compile(r"(?:让|叫|要|求|逼|喊|劝|催|非要|要求)(?:我|我们|主播|老师|孩子|我家孩子)")
_WHO_ASKED_RX = re.compile(r"[^，,。！!？?；;：:\n]{0,12}?"
                           r"的(?:那位|那个人|那些人|那几位|那个|人|网友|朋友|家伙|用户|观众)"
                           r"(?=$|[，,。！!？?；;：:\n])")

# Words that treat a quoted term as words, not as the poster's own use of it (for scare quotes, `_quotation`).
_META_BEFORE = ("所谓", "什么", "说", "喊", "叫", "称", "骂", "写", "问", "打出", "刷屏", "标榜", "号称", "自称",
                "这个词", "词语", "字眼", "口号", "声称", "宣称", "写着")
# Verbs of saying that introduce a quote from anywhere earlier in its clause (骂主播“nmsl”, 在弹幕里刷“…”).
_SAY_IN_CLAUSE = ("骂", "说", "喊", "刷", "写", "发了", "打出", "评论", "留言", "私信", "回复", "声称", "宣称")
_META_AFTER = ("这种", "这类", "这样", "之类", "一类", "一词", "这个词", "这几个字", "的说法", "的人", "等词", "等",
               "是什么", "是谣言", "是假", "不是", "不可信", "？", "?",
               # the quoted word explained or used to insult ('伞兵'为什么…, 'nmsl'骂人, “yyds”是指…)
               "为什么", "什么意思", "啥意思", "的意思", "意思是", "指的是", "是指", "原本", "本来", "这个梗", "的梗",
               "骂人", "骂", "怼人", "的话",
               # the quote names a kind of text (“不转不是中国人”的帖子, “震惊”的标题): the words of other posts; not
               # 的视频 / 的文章, which bait puts after its own euphemism (“福利”的视频)
               "的帖子", "的标题", "的话术", "的段子", "这句话", "之类的话")
# A quote shown as the post's content, to be enjoyed or collected (a compilation of a streamer's swearing, a list
# of famous lines), re-broadcasts the words: it is not a quotation that holds them at a distance.
_PRESENTING = ("集锦", "合集", "语录", "名场面", "金句", "名言", "原声", "神回复", "经典台词", "整活")
SCARE_EXTRA = 4  # a quote at most this many characters longer than the hit, with no meta word, is a scare quote

FACTORS = {"alert": 0.3, "negation": 0.3, "quotation": 0.4, "mention": 0.3, "debunking": 0.3, "case_report": 0.3,
           "reported": 0.3, "question": 0.4, "reporting": 0.5, "about": 0.3, "advice": 0.3, "warning": 0.3}
NEG_REACH = 6  # characters between a negator and the hit, fillers included
# Suffix lookup for `_negation`: longest negator first, as the tuple lists them (no negator ends with a longer one).
_NEG_SET = frozenset(NEGATORS)
_NEG_LENGTHS = tuple(sorted({len(n) for n in NEGATORS}, reverse=True))
_NEG_LAST = frozenset(n[-1] for n in NEGATORS)  # a negator ends at left[k - 1] only where one of these stands


# ASCII clause punctuation and quotes: between Chinese characters the normalizer removes them as separators.
RESTORED = frozenset(",;:!?'\"")
_RESTORED_RX = re.compile("[" + re.escape("".join(sorted(RESTORED))) + "]")


class ScopeView(NamedTuple):
    """The canonical text with the removed ASCII punctuation put back where it stood (`text`), and the canonical
    offsets before which each restored character stands (`at`, ascending): canonical offset k maps to k plus
    the number of restored characters before it."""

    text: str
    at: tuple[int, ...]

    def shift(self, start: int, end: int) -> tuple[int, int]:
        return start + bisect_right(self.at, start), end + bisect_left(self.at, end)


def scope_view(nt: NormalizedText) -> ScopeView:
    """The text scope reads for a normalized field (memoized on it): canonical text, with the ASCII quotes and
    clause punctuation that normalization dropped as separators restored from the original."""
    view = nt.cache.get(ScopeView)
    if view is not None:
        return view  # type: ignore[return-value]
    text, orig = nt.text, nt.original
    inserts: list[tuple[int, str]] = []
    if _RESTORED_RX.search(orig) is not None and len(text) != len(orig):
        n = len(text)
        for m in _RESTORED_RX.finditer(orig):
            p = m.start()
            lo, hi = 0, n  # k: the number of canonical characters whose original starts at or before p
            while lo < hi:
                mid = (lo + hi) // 2
                if nt.span(mid, mid + 1)[0] <= p:
                    lo = mid + 1
                else:
                    hi = mid
            if lo and nt.span(lo - 1, lo)[1] > p:
                continue  # the character is (part of) a canonical character: kept, not removed
            inserts.append((lo, m.group()))
    if inserts:
        pieces, pos = [], 0
        for k, ch in inserts:
            pieces += [text[pos:k], ch]
            pos = k
        pieces.append(text[pos:])
        view = ScopeView("".join(pieces), tuple(k for k, _ in inserts))
    else:
        view = ScopeView(text, ())
    nt.cache[ScopeView] = view
    return view


_CLAUSE_RESTORED = frozenset(",;:!?")


def crosses_clause(nt: NormalizedText, start: int, end: int) -> bool:
    """True when ASCII clause punctuation that normalization removed between Chinese characters stands inside the
    canonical span [start, end) (会伤DNA;手机, 调节磁场,医院): a pattern of name characters read across it joins
    two clauses, it names nothing. For regex cues, which state their own boundaries within one clause."""
    view = scope_view(nt)
    if not view.at:
        return False
    i = bisect_right(view.at, start)
    while i < len(view.at) and view.at[i] < end:
        if view.text[view.at[i] + i] in _CLAUSE_RESTORED:
            return True
        i += 1
    return False


# Last characters of a word that still names a business (化工|厂, 汽车|老板, 企业|家, 官方旗舰|店): a name read up to
# its suffix stays a name when the word that continues it ends in one of these.
_BUSINESS_END = frozenset("店厂家总板商行司")


def name_cut(text: str, start: int, end: int) -> str | None:
    """The longer word a name read by a pattern [start, end) of canonical text cuts, if any: a dictionary word
    of three characters or more that begins in the name's last two characters and runs past its end (科技|馆,
    电动自行|车, 网络|游戏, 手机|号). Chinese compounds are right-headed, so the suffix the pattern read is the
    modifier of another thing (a museum, a bicycle, a game) and the match names no business; a word that still
    ends as a business does (化工厂, 企业家, 旗舰店). Two-character continuations (您好) are syntax, not
    compounds. A set lookup per candidate, no segmentation; for `names` cue families (company names)."""
    n = len(text)
    if end >= n or end <= start:
        return None
    words = common_word_set()
    for i in range(max(start, end - 2), end):
        for j in range(max(end + 1, i + 3), min(n, i + 6) + 1):
            w = text[i:j]
            if w in words and w[-1] not in _BUSINESS_END:
                return w
    return None


# Agent suffixes: the word a cue begins names the person who does it (治疗|师, 举报|人 is not 举报 itself).
_AGENT = frozenset("师员者士")


def agent_noun(text: str, start: int, end: int) -> str | None:
    """The profession a cue [start, end) of canonical text begins, when the cue and at most one more character
    followed by an agent suffix form a dictionary word (治 → 治疗师, 治疗 → 治疗师, 营养 → 营养师): a licensed
    therapist's title is no claim to cure. Two set lookups at most, only when an agent suffix stands right there."""
    n = len(text)
    for j in (end + 1, end + 2):
        if j <= n and text[j - 1] in _AGENT and text[start:j] in common_word_set():
            return text[start:j]
    return None


class ScopeCue(NamedTuple):
    kind: str  # alert | negation | quotation | mention | debunking | question | case_report | reported | reporting
    #            | advice | warning | about
    cue: str  # the cue as the canonical text writes it
    factor: float  # what the hit's score is multiplied by

    @property
    def tag(self) -> str:
        return f"{self.kind}:{self.cue}"


@lru_cache(maxsize=32)
def _stop_positions(text: str, stops: frozenset[str]) -> tuple[int, ...]:
    """Offsets of the stop characters in a text, found once per text (a lexicon scopes every hit of a post). The
    scope calls of one item come together, so a few entries suffice; a large cache would keep big texts alive."""
    rx = _STOP_RX.get(stops)
    if rx is None:
        rx = _STOP_RX[stops] = re.compile("[" + re.escape("".join(sorted(stops))) + "]")
    return tuple(m.start() for m in rx.finditer(text))


def _clause_start(text: str, start: int, stops: frozenset[str]) -> int:
    """Offset just after the last stop character before `start` (0 when none)."""
    pos = _stop_positions(text, stops)
    i = bisect_left(pos, start)
    return pos[i - 1] + 1 if i else 0


def _clause_end(text: str, end: int, stops: frozenset[str]) -> int:
    """Offset of the first stop character at or after `end` (the text's length when none)."""
    if end >= len(text):
        return end
    pos = _stop_positions(text, stops)
    i = bisect_left(pos, end)
    return pos[i] if i < len(pos) else len(text)


def _negation(text: str, start: int) -> str | None:
    """The negator that scopes over a hit at `start`, within its clause. A verb of refusal (拒绝, 抵制, 打击…)
    reaches up to NEG_REACH characters (坚决抵制这种饭圈控评); a bare negator (不, 没, 别…) only through filler
    words (不去集资, 不要随便加), so 不错 or 没想到 do not negate what follows them."""
    lo = max(_clause_start(text, start, _CLAUSE_END), start - NEG_REACH - 4)
    left = text[lo:start]
    for k in range(len(left), 0, -1):  # (k = 0: nothing before the gap, no negator)
        if left[k - 1] not in _NEG_LAST:
            continue  # no negator ends here: the suffix look-ups below would find none
        gap, head = left[k:], left[:k]
        cue = next((head[-n:] for n in _NEG_LENGTHS if n <= k and head[-n:] in _NEG_SET), None)
        if cue is None or _a_not_a(head, len(head) - len(cue), left[k:]):
            continue
        if len(cue) >= 2 and len(gap) <= NEG_REACH:
            return cue
        if _fillers_only(gap):
            return cue
    return None


def _a_not_a(head: str, at: int, after: str) -> bool:
    """True when the negator at head[at:] is the middle of an A-not-A question (能不能滚, 是不是, 要不要, 可不可以):
    it asks, it does not negate, and what follows is often a demand (能不能滚回去)."""
    neg = head[at:] + after
    if at < 1 or neg[:1] not in "不没" or len(neg) < 2:
        return False
    return head[at - 1] == neg[1]


def _fillers_only(gap: str) -> bool:
    rest = gap
    while rest:
        f = next((f for f in _FILLERS if rest.startswith(f)), None)
        if f is None:
            return False
        rest = rest[len(f):]
    return True


def _quotation(text: str, start: int, end: int) -> str | None:
    """The quote pair enclosing the hit within its sentence (the hit need not fill it). A short quote around the
    hit alone, with no word that talks about it (所谓“合作”, 打击“nmsl”, “控评”这种), is a scare quote: a wink
    at a euphemism (“合作”费, 今晚的“表演”), which the poster is using, so it is not a quotation."""
    lo = _clause_start(text, start, _SENTENCE_END)
    if _OPENERS_RX.search(text, lo, start) is None:
        return None  # no quote opens before the hit in its sentence (one C-level scan, not a loop per character)
    hi = _clause_end(text, end, _SENTENCE_END)
    if any(w in text[lo:hi] for w in _PRESENTING):
        return None
    for k in range(start - 1, lo - 1, -1):
        close = _QUOTES.get(text[k])
        if close is None:
            continue
        if close == text[k]:
            # a symmetric quote (" or '): the hit is inside one only if an odd number of them open before it
            if text.count(close, lo, start) % 2 == 0:
                continue
        elif text.find(close, k + 1, start) >= 0:
            # this quote closed before the hit (「菠菜」上又上岸…「发财」): the hit sits between two quotes, not in one
            continue
        j = text.find(close, end, hi)
        if j >= 0 and text[k] != "《":
            if j - k - 1 <= (end - start) + SCARE_EXTRA and not _talked_about(text, k, j):
                return None
            return text[k] + close
        if j >= 0 and j - k <= 12:  # a short 《…》 title is a quotation too; a long one is a work title
            return text[k] + close
    return None


def _talked_about(text: str, open_at: int, close_at: int) -> bool:
    """Whether a word next to a quote treats its content as words (a verb of saying, 所谓, a refusing verb
    before it, or a verb of saying earlier in its clause; 这种, 之类, 一词, 为什么, 的意思 after it). A run of
    quotes (“震惊”“刚刚”“速看”, 'a''b') is one list: the words before its first and after its last decide."""
    while open_at > 0 and text[open_at - 1] in _CLOSERS:  # walk back over the quotes listed before this one
        k = text.rfind(_OPENER_OF[text[open_at - 1]], max(0, open_at - 1 - SCARE_EXTRA - 12), open_at - 1)
        if k < 0:
            break
        open_at = k
        if open_at > 0 and text[open_at - 1] in "、，,":
            open_at -= 1
    while close_at + 1 < len(text) and text[close_at + 1] in _QUOTES:
        j = text.find(_QUOTES[text[close_at + 1]], close_at + 2, close_at + 2 + SCARE_EXTRA + 12)
        if j < 0:
            break
        close_at = j
    before = text[max(0, open_at - 4):open_at]
    after = text[close_at + 1:close_at + 5]
    if any(before.endswith(w) for w in _META_BEFORE) or any(
            before.endswith(n) and not _a_not_a(before, len(before) - len(n), "") for n in NEGATORS if len(n) >= 2):
        return True  # a refusing verb before the quote; not the 不是 of an A-not-A question (是不是“zz”啊)
    if any(after.startswith(w) for w in _META_AFTER):
        return True
    clause = text[max(_clause_start(text, open_at, _CLAUSE_END), open_at - 10):open_at]
    return any(w in clause for w in _SAY_IN_CLAUSE)


def _mention(text: str, start: int, end: int) -> str | None:
    """说X的人 / 骂X的那些人: the hit is what other people say, the poster talks about them. Also a word named or
    explained: 印度人叫X， / 俗称X / X是指… / X是什么意思 (the poster explains the word, as a dictionary does)."""
    tail = text[end:end + 5]
    # (each `startswith` / `endswith` with a tuple first: one C call answers "none of them" for most hits)
    if tail.startswith(_EXPLAINED_AS):
        return "X" + next(w for w in _EXPLAINED_AS if tail.startswith(w))
    if _FILED_AS_RX.match(text, end) is not None:
        return "X这种"
    if (_CALLED_ME_RX.search(text, max(0, start - 8), start) is not None
            and (end >= len(text) or text[end] in _CLAUSE_END or text[end] == "的")):
        return "叫我X"
    lo = max(_clause_start(text, start, _CLAUSE_END), start - 8)
    if _ASKED_ME_RX.search(text, lo, start) is not None and _WHO_ASKED_RX.match(text, end) is not None:
        return "让我X的人"
    if text.endswith(_NAMED_AS, 0, start) and (end >= len(text) or text[end] in _CLAUSE_END):
        said = next(w for w in _NAMED_AS if text[max(0, start - len(w)):start] == w)
        # session 15 (minors15): 这才叫男子汉 / 才叫青春 is praise of the deed, not a name given
        if not (said == "叫" and text.endswith("才", 0, start - 1)):
            return said + "X"
    lo = max(0, start - 2)
    if not text[lo:start].endswith(_SAY) or not tail.startswith(_PEOPLE):
        return None
    return text[start - 1] + "X" + next(p for p in _PEOPLE if tail.startswith(p))


def _question(text: str, start: int, end: int) -> str | None:
    """The hit's sentence is a question and it, or the next one, asks whether it is true (…要限取？有人知道真假吗)."""
    hi = _clause_end(text, end, _SENTENCE_END)
    if hi >= len(text) or text[hi] not in "？?":
        return None
    lo = _clause_start(text, start, _SENTENCE_END)
    nxt = _clause_end(text, hi + 1, _SENTENCE_END)
    return next((c for c in VERIFYING if c in text[lo:nxt + 1]), None)


def _advice(text: str, start: int, end: int) -> str | None:
    """The hit is the trouble a question asks a remedy for: an ADVICE cue after it in its sentence, which is a
    question (孩子被“开盒”了怎么办？)."""
    hi = _clause_end(text, end, _SENTENCE_END)
    if hi >= len(text) or text[hi] not in "？?":
        return None
    tail = text[end:hi]
    cue = next((c for c in ADVICE if c in tail), None)
    if cue is None:
        return None
    head = text[_clause_start(text, start, _SENTENCE_END):start]
    return cue if any(b in head for b in _BEFALLS) else None


def _harmful(text: str, end: int) -> str | None:
    """A HARMFUL predicate right after the hit in its clause (熬夜对身体不好), or a prohibition to copy it (…千万别
    让孩子模仿): the act is warned against."""
    hi = _clause_end(text, end, _CLAUSE_END)
    tail = text[end:min(hi, end + 12)]
    if (m := _NOT_TO_COPY_RX.search(tail)) is not None:
        return m.group()
    head = tail[:8]
    if _HARMFUL_FIRST.isdisjoint(head):
        return None  # no HARMFUL predicate can start in it (one set test instead of a substring test per predicate)
    return next((c for c in HARMFUL if c in head), None)


@lru_cache(maxsize=64)
def _present(text: str, cues: tuple[str, ...]) -> tuple[str, ...]:
    """The cues that occur anywhere in a text, in their order, found once per text and cue list (a lexicon scopes
    every hit of a post): a cue absent from the text is absent from each of its sentences."""
    return tuple(c for c in cues if c in text)


def _sentence_frame(text: str, start: int, end: int, cues: tuple[str, ...]) -> str | None:
    cues = _present(text, cues)
    if not cues:
        return None
    lo = _clause_start(text, start, _SENTENCE_END)
    hi = _clause_end(text, end, _SENTENCE_END)
    sentence = text[lo:hi]
    return next((c for c in cues if c in sentence), None)


def _enforced(text: str, start: int, end: int) -> str | None:
    """An ENFORCED cue in the hit's sentence that is not denied or feared within three characters before it."""
    return _cue_in_sentence(text, start, end, ENFORCED,
                            lambda lo, i, _j: any(d in text[max(lo, i - 3):i] for d in _ENFORCED_DENIED))


def _reported_before(text: str, start: int) -> str | None:
    """A REPORTED cue standing alone as an earlier sentence of the text (举报了！评论区有人…): the post is the
    report."""
    found = _report_alone(text)
    return found[1] if found is not None and found[0] <= start else None


@lru_cache(maxsize=32)
def _alert_head(text: str) -> tuple[int, str] | None:
    """(end, cue) of the post's warning opener (ALERT_CUES), when it has one; found once per text."""
    m = _ALERT_RX.match(text.lstrip())
    if m is None:
        return None
    end = m.end() + len(text) - len(text.lstrip())
    return (end, m.group(1)) if any(c in text for c in SCHEME_NAMED) else None


def _alert(text: str, start: int) -> tuple[ScopeCue, ...]:
    head = _alert_head(text)
    return (ScopeCue("alert", head[1], FACTORS["alert"]),) if head is not None and head[0] <= start else ()


def alert_at(text: str | NormalizedText, start: int) -> tuple[ScopeCue, ...]:
    """The alert cue alone (a warning's opener before the hit), for cue families that take no other scope (names)."""
    if not isinstance(text, str):
        view = scope_view(text)
        text = view.text
        if view.at:
            start = view.shift(start, start)[0]
    return _alert(text, start)


def _asked_in_hit(text: str, start: int, end: int) -> bool:
    """True when the hit opens with the negator of an A-not-A question (是|不是AI, 有|没有): it asks, it denies
    nothing (这张图是不是AI做的 is no 不是AI): `_a_not_a` read on the character before the hit."""
    return start > 0 and _a_not_a(text[start - 1:start], 1, text[start:end])


@lru_cache(maxsize=32)
def _report_alone(text: str) -> tuple[int, str] | None:
    """(end, cue) of the first sentence that is a REPORTED cue standing alone; found once per text."""
    if not _present(text, REPORTED):
        return None
    lo = 0
    for p in (*_stop_positions(text, _SENTENCE_END), len(text)):
        cue = _reported(text, lo, lo, REPORTED)  # the sentence's first REPORTED cue that is not a feared report
        if cue is not None and len(text[lo:p].strip()) - len(cue) <= REPORTED_ALONE:
            return p, cue
        lo = p + 1
    return None


def _reported(text: str, start: int, end: int, cues: tuple[str, ...]) -> str | None:
    """A REPORTED / REPORTING cue in the hit's sentence that is not a feared report (看完赶紧删，别被举报了 reports
    nothing)."""
    return _cue_in_sentence(text, start, end, cues, lambda _lo, i, j: feared(text, i, j))


def _cue_in_sentence(text: str, start: int, end: int, cues: tuple[str, ...],
                     excused: Callable[[int, int, int], bool]) -> str | None:
    """The first of `cues` present in the hit's sentence at a place `excused(sentence_start, i, j)` does not excuse
    (one walk for a reported act and an enforced one)."""
    cues = _present(text, cues)
    if not cues:
        return None
    lo = _clause_start(text, start, _SENTENCE_END)
    hi = _clause_end(text, end, _SENTENCE_END)
    for cue in cues:
        i = text.find(cue, lo, hi)
        while i >= 0:
            if not excused(lo, i, i + len(cue)):
                return cue
            i = text.find(cue, i + 1, hi)
    return None


def scope_at(text: str | NormalizedText, start: int, end: int, *, sentence_frames: bool = True,
             about: str = "") -> tuple[ScopeCue, ...]:
    """The scope cues that apply to a hit [start, end) of `text` (a normalized field, or canonical text, and
    canonical offsets); empty when the term stands in plain assertion. `sentence_frames=False` skips the
    debunking/reporting frames (for labels where a report is itself the violation, e.g. extortion threatening to
    曝光). `about="diversion"` adds the talk-about-引流 cues (ABOUT_DIVERSION) within DIVERSION_REACH and a bystander's
    account of enforcement (ENFORCED) as a case report."""
    if not isinstance(text, str):
        view = scope_view(text)
        text = view.text
        if view.at:
            start, end = view.shift(start, end)
    out: list[ScopeCue] = list(_alert(text, start))
    if _asked_in_hit(text, start, end):
        out.append(ScopeCue("question", text[start - 1:start + 2], FACTORS["question"]))
    if (cue := _negation(text, start)) is not None:
        out.append(ScopeCue("negation", cue, FACTORS["negation"]))
    if (cue := _quotation(text, start, end)) is not None:
        out.append(ScopeCue("quotation", cue, FACTORS["quotation"]))
    elif (cue := _mention(text, start, end)) is not None:
        out.append(ScopeCue("mention", cue, FACTORS["mention"]))
    if sentence_frames:
        if (cue := _sentence_frame(text, start, end, DEBUNKING)) is not None:
            out.append(ScopeCue("debunking", cue, FACTORS["debunking"]))
        elif (cue := _question(text, start, end)) is not None:
            out.append(ScopeCue("question", cue, FACTORS["question"]))
        elif (cue := _sentence_frame(text, start, end, CASE_REPORT)
              or (_enforced(text, start, end) if about == "diversion" else None)) is not None:
            out.append(ScopeCue("case_report", cue, FACTORS["case_report"]))
        elif (cue := _reported(text, start, end, REPORTED) or _reported_before(text, start)) is not None:
            out.append(ScopeCue("reported", cue, FACTORS["reported"]))
        elif (cue := _reported(text, start, end, REPORTING)) is not None:
            out.append(ScopeCue("reporting", cue, FACTORS["reporting"]))
        elif (cue := _advice(text, start, end)) is not None:
            out.append(ScopeCue("advice", cue, FACTORS["advice"]))
    if (cue := _harmful(text, end)) is not None:
        out.append(ScopeCue("warning", cue, FACTORS["warning"]))
    if about == "diversion" and (cue := about_diversion(text, start, end)) is not None:
        out.append(ScopeCue("about", cue, FACTORS["about"]))  # on top of a generic report: it is about the bait
    return tuple(out)


# Scope kinds under which a claim word is not claimed by the poster: denied (不是全网第一, 不能根治), quoted as words,
# mentioned, asked about or refuted. For detectors whose hits are claims (advertising terms, efficacy), not acts.
DENYING = frozenset({"negation", "quotation", "mention", "question", "debunking"})


def denied(cues: tuple[ScopeCue, ...]) -> bool:
    return any(c.kind in DENYING for c in cues)


def discount(score: float, cues: tuple[ScopeCue, ...]) -> float:
    for c in cues:
        score *= c.factor
    return score


def scope_tag(cues: tuple[ScopeCue, ...]) -> str | None:
    return ",".join(c.tag for c in cues) if cues else None
