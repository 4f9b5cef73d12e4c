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

from ..detectors.news import STRONG_GENRE
from ..detectors.patterns import Found, find, regex, words

if TYPE_CHECKING:
    from .score import Score

TOPICS = {
    "current_affairs": words("topic.current_affairs", [
        "外交部", "国务院", "发言人", "记者会", "新闻发布会", "峰会", "总统", "首相", "总理", "大选", "制裁", "关税",
        "两会", "人大", "政协", "中央", "国际局势", "战争", "冲突升级", "领导人", "访华", "白宫", "军队", "军舰",
        "局势", "停火", "政变", "外交",
        # news13: foreign ministers and agreements, a neighbour state's nuclear discharge (外长宣布…免签, 排海)
        "外长", "外交部长", "国务卿", "免签", "互免签证", "联合国", "北约", "欧盟", "核污染水", "排海",
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
    ]),
    "social_event": words("topic.social_event", [
        "事故", "爆炸", "火灾", "大火", "起火", "着火", "地震", "洪水", "暴雨", "台风", "坍塌", "遇难", "死亡",
        "伤亡", "警方通报", "通报", "案件", "命案", "杀人案", "嫌疑人", "被抓", "失踪", "踩踏", "疫情", "救援",
        "受灾", "突发", "登陆", "泥石流", "山体滑坡", "车祸", "相撞",
    ]),
}
# An outlet's own byline or programme names the source (an unlicensed one is the `news` detector's matter):
# 【华夏晚报·突发】, 【XX新闻】, 今日新闻直播间.
# claims10: + a dateline byline (华东晨报讯 今晨…) and, through the `news` detector's strong genre cues (one home
# for them), 本号记者, （记者 李明）, 新华社…电: the outlet's own reporting names the outlet as its source. A source
# given as "the internet" (（综合网络）, 来源网络) names no one, so such a post still misses one.
BYLINE = regex("topic.byline",
               r"^\s*[【\[][^】\]]{0,10}(报|台|社|网|新闻|快讯|资讯|头条|电讯)[·・|｜ ]?[^】\]]{0,6}[】\]]"
               r"|新闻直播间|(本台|本报)(记者|消息|讯)|^\s*[\u4e00-\u9fff]{1,8}(报|台|社|网)讯")
NO_ONE = regex("topic.source_nobody",
               r"(综合|来源|来源于|来自|转自|摘自|综合自)(网络|网上|互联网)|网络(来源|图片|资料)")
# A post that is not a report of fact, or that cites its source: no `source_missing`.
NOT_A_REPORT = frozenset({"source", "formal_notice", "debunk", "doubt", "question", "opinion_joke", "recollection",
                          "commerce", "advice", "hypothetical"})
# news13: the poster speaking of themselves (我, 我们小区), not of an institution (我国, 我市, 我省…)
OWN_VOICE = re.compile(r"[我俺](?![国省市县区镇校院司部局厅委])")
# Claim parts of the rumour scorer that make topic words a report (宣布辞职, 今天下午…登陆): two topic words
# need one of them, one topic word needs two (an announcement or event verb among them) or all three.
REPORT_PARTS = ("announcement", "number_date", "place")


@dataclass(frozen=True)
class SourceMissing:
    topic: str  # the topic family with the most hits
    score: float
    found: tuple[Found, ...]  # topic words, then the report parts


def topics(views: Any) -> dict[str, list[Found]]:
    """Topic cue-word hits per family."""
    out: dict[str, list[Found]] = {}
    for topic, pat in TOPICS.items():
        hits = find(views, [pat])
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
    declared = content.declared.source
    if declared and declared.strip():
        return True
    author = content.author
    if author is None:
        return False
    if author.news_license:
        return True
    return bool(author.verified and author.name and ISSUER_NAME.search(author.name.strip()))


def _distinct(words: set[str]) -> set[str]:
    """Distinct topic words, a word inside another hit word (退休 in 延迟退休) counted with it."""
    return {w for w in words if not any(w != o and w in o for o in words)}


def source_missing(views: Any, rumor: Score, min_hits: int = 2) -> SourceMissing | None:
    """The missing-source finding of a post, given its rumour score (see the module docstring); None when the
    post declares or cites a source, is not a report of fact, or touches no listed topic."""
    if poster_is_source(views.content):
        return None
    parts = {p.family: p for p in rumor.parts}
    blocking = NOT_A_REPORT & parts.keys()
    # news13: an event with its figures that closes on advice or an all-clear (…11人死亡，大家出行注意安全; 4.2级地震…
    # 暂无人员伤亡) is a report, unless the poster tells what they saw themselves (我下楼问了…已经扑灭): that is
    # personal experience, not news
    if blocking == {"advice"} and {"announcement", "number_date"} <= parts.keys() and not any(
            OWN_VOICE.search(nt.text) for nt in views.fields.values()):
        blocking = set()
    if blocking:
        return None
    found = topics(views)
    if not found:
        return None
    hits = [f for fs in found.values() for f in fs]
    distinct = _distinct({views.fields[f.field].text[f.start:f.end] for f in hits})
    report = [parts[f] for f in REPORT_PARTS if f in parts]
    if not (len(distinct) > min_hits or (len(distinct) == min_hits and report) or report_enough(report)):
        return None
    if (find(views, [BYLINE]) or find(views, STRONG_GENRE)) and not find(views, [NO_ONE]):
        return None
    score = min(1.0, 0.5 + 0.1 * len(distinct) + 0.1 * (len(found) - 1) + 0.05 * len(report))
    topic = max(found, key=lambda t: len(found[t]))
    return SourceMissing(topic, round(score, 4), (*hits, *(f for p in report for f in p.found)))


# news13: the rumour families that make a claim more than an unsourced report: an informant or a claimed cover-up
# (the post names where it comes from, only not a checkable source), or a call to act or to spread.
ALARM = frozenset({"hearsay", "vouching", "counter_official", "leak", "urgency_spread", "consequence",
                   "sanction_threat"})


def calm_claim(rumor: Score) -> bool:
    """Is a post judged a rumour still a plain unsourced report: no informant, no call to act or spread
    (`ALARM`)? Then its missing source is marked beside the rumour."""
    return not any(p.family in ALARM and p.contribution > 0 for p in rumor.parts)


def report_enough(report: list[Any]) -> bool:
    """One topic word is a report with two claim parts, one of them an announcement or event verb."""
    return len(report) >= 3 or (len(report) == 2 and report[0].family == "announcement")
