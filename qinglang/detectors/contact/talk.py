"""Contacts named in talk about 引流 rather than offered: a handle quoted as an example in a warning, a number or
link named beside one (out of `detector.py`, which reads them for every handle it scores)."""

from __future__ import annotations

import re

from ...text.diversion import warning_near
from ...text.normalize import NormalizedText
from ...text.scope import scope_at
from .base import Handle


def quoted_in_warning(nt: NormalizedText | str, start: int, end: int) -> bool:
    """A handle quoted as an example in talk about 引流 (科普：赌博网站常把网址拆成“x p j 点 c c”…直接举报): both a
    quotation and a talk-about cue (qinglang.text.scope) — a quote alone is how evaders wink, so it is not enough.
    Offsets are canonical for a normalized field, original for its original text (scope reads only the words)."""
    text = nt if isinstance(nt, str) else nt.text
    before, after = text[max(0, start - 3):start], text[end:end + 3]
    quoted = any(o in before and c in after for o, c in _QUOTE_PAIRS)
    # …or the move reported as someone else's request (有人冒充客服让你加微信 kf_123，这是诈骗)
    reported = _REPORTED_MOVE.search(text, max(0, start - 12), start) is not None
    return (quoted or reported) and any(c.kind == "about" for c in scope_at(nt, start, end, about="diversion"))


_REPORTED_MOVE = re.compile(
    r"(让|叫|要|要求|诱导|引导|骗)(你|我|人|大家|受害人|用户|他|她|对方)(先|去|再)?(加|添加|扫|私聊|联系|下载)")


def named_in_warning(h: Handle, nt: NormalizedText | str, start: int, end: int) -> bool:
    """A phone number, link or address named beside a warning (号码17064418823已被2316人标记为“博彩推广”，不要回复;
    这个网址是诈骗网站) with no lure in the item: a report of the bait, not a contact. Only the strict class
    (scope.DIVERSION_WARNING): an ad's own 请勿外传 or 验证码 does not excuse its link. A chat handle (加我vx：…, the
    channel 引流 is made of) needs a quotation as well (`quoted_in_warning`)."""
    return h.kind in _BARE_KINDS and warning_near(nt, start, end) is not None


_BARE_KINDS = frozenset({"phone", "landline", "url", "email"})
_QUOTE_PAIRS = (("“", "”"), ("「", "」"), ("『", "』"), ('"', '"'), ("‘", "’"), ("【", "】"))
