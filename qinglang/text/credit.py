"""What a post's declared source names (news19; issue 15, task 4): the one home for "a source that names no one".

A credit line of "the internet" (declared.source: 网络, 网上, 互联网, 网友, 朋友圈, 综合网络…) cites nobody a reader
could check: the rules ask for a source on current-affairs information (自媒体13条 rule 3), and such a credit is the
absence of one, as `claims.source.NO_ONE` reads it in a post's text (（转自网络）, 来源网络). Both the claims scorer
(`claims.source.poster_is_source`) and the scope pass (`scoping.credited_source`) ask here.

news20: the two readings share one vocabulary (`CREDIT_VERBS`, `ONLINE`: the session-19 note that `text.credit` and
`claims.source` kept two copies), and a post that says it gives no source (未注明来源, 来源不明, 无出处: a writer's
media note, a relayed clip's caption) is read here too (`SOURCE_ABSENT`): it credits no one, whatever source word
stands beside it (截取发布会画面，未注明来源).
"""

from __future__ import annotations

import re

# The verbs of a credit line (来源：, 转自, 综合自…) and the places online that name no one (网络, 网上, 互联网).
CREDIT_VERBS = ("综合", "来源", "来源于", "来自", "转自", "摘自", "综合自", "源自")
ONLINE = ("网络", "网上", "互联网")
# A declared source may name nobody in more ways than a text's credit line (网友, 朋友圈, 群, 未知, 佚名…).
DECLARED_NOBODY = (*ONLINE, "网友", "网传", "朋友圈", "群聊", "群", "微信群", "网络转载", "网络资料", "网络图片",
                   "网图", "未知", "不详", "佚名")


def _alt(words: tuple[str, ...]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


NOBODY = re.compile(rf"^({_alt(CREDIT_VERBS)})?[:：]?\s*({_alt(DECLARED_NOBODY)})(消息|资料|图片|整理|转载|爆料)?$")
# In a post's text: a credit line to the internet (（转自网络）, 来源：网上) or the internet's pictures (网络图片).
TEXT_NOBODY = rf"({_alt(CREDIT_VERBS)})[:：]?({_alt(ONLINE)})|网络(来源|图片|资料)"
# news20: the post says it gives no source (未注明来源, 没有标注出处, 来源不明, 无原始出处), or that its footage lacks
# the news elements of when and where (未说明拍摄时间地点, 无时间地点: the 2024 campaign's "要素欠缺", regulations.md,
# task 4: news-feed platforms clean items missing their news elements).
SOURCE_ABSENT = (r"(未|没有?|并未|并没有|不)(注明|标注|标明|写明|说明|给出|提供|交代|附)"
                 r"[^，。！？]{0,3}(来源|出处|信源|(拍摄)?时间地点)"
                 r"|(来源|出处|信源)(不明|不详|未知|成谜|存疑)|(无|没有)(任何|原始|明确|具体)?(来源|出处|信源|时间地点)")


def named_source(declared: str | None) -> str | None:
    """The declared source, stripped, when it names someone; None when none is declared or it names nobody."""
    source = (declared or "").strip()
    if not source or NOBODY.match(source) or re.search(SOURCE_ABSENT, source):
        return None
    return source
