"""What a post's declared source names (news19; issue 15, task 4): the one home for "a source that names no one".

A credit line of "the internet" (declared.source: 网络, 网上, 互联网, 网友, 朋友圈, 综合网络…) cites nobody a reader
could check: the rules ask for a source on current-affairs information (自媒体13条 rule 3), and such a credit is the
absence of one, as `claims.source.NO_ONE` reads it in a post's text (（转自网络）, 来源网络). Both the claims scorer
(`claims.source.poster_is_source`) and the scope pass (`scoping.credited_source`) ask here.
"""

from __future__ import annotations

import re

NOBODY = re.compile(r"^(综合|来源|来源于|来自|转自|摘自|综合自|源自)?[:：]?\s*"
                    r"(网络|网上|互联网|网友|网传|朋友圈|群聊?|微信群|网络转载|网络资料|网络图片|网图|未知|不详|佚名)"
                    r"(消息|资料|图片|整理|转载|爆料)?$")


def named_source(declared: str | None) -> str | None:
    """The declared source, stripped, when it names someone; None when none is declared or it names nobody."""
    source = (declared or "").strip()
    if not source or NOBODY.match(source):
        return None
    return source
