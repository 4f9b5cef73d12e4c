"""A sales figure the host claims against the one the platform shows (issue 20, session 13): fake sales counts.

A 带货 room shows its own count on the product card ("商品 … 已售 312 件", a platform
`event`), and viewers read it back ("左上角销量才显示三百多"). A host who claims a figure ten
times what the room shows ("今天这一场已经卖了十二万瓶了", "后台已经十几万了") is inflating the
count for the audience (虚假销量), whatever words follow ("系统延迟", "我们有二十多个链接").
Neither figure alone says anything: hosts announce sales all the time, and the display is the
platform's own. The pair does, once per room: one `count:inflated` hit (`water_army`, `WEIGHT`)
on the message that completes it.

A cumulative figure (累计, 这些年, 店铺, 全网… in the clause before the claim) is the
shop's, not this link's, and is not read. The room keeps the largest figure the host or a guest
claimed and the smallest the display showed (`Room.counts`, two ints). Figures are read as
numbers: digits, or Chinese numerals with 万 / 千 / 百 / 十 and the approximate 几 / 多
("十几万" → 110,000, "三百多" → 300), which read low on purpose.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .room import Room

Hit = tuple[str, str, float]
RATIO = 10  # the claim is at least this many times the shown count
FLOOR = 1000  # a claim below this is not a boast worth checking
WEIGHT = 2.0
_NUM = r"(?P<n>[0-9０-９][0-9０-９.,]*\s*[万千wW]?|[零一二两三四五六七八九十百千万几]+)"
_UNIT = r"(瓶|件|单|份|盒|箱|斤|套|袋|支|罐|桶|双|个订单|笔)"
# the host's claimed figure: sold / ordered / grabbed so far, or what the back office shows
_CLAIM = re.compile(r"(卖了|卖出(了|去)?|已售|售出|成交(了)?|出了|抢(了|走了|出去)|下单(了)?|拍了"
                    r"|后台(已经|都)?(显示|有)?(了)?)\s*(已经|都)?\s*" + _NUM + r"\s*(多)?\s*" + _UNIT + r"?")
# the shown figure: the platform's product card, or a viewer reading it back ("销量才显示三百多")
_SHOWN = re.compile(r"(已售|销量|已卖)\s*(才|只|就|只有|才显示|显示|就显示)?\s*(显示)?\s*" + _NUM
                    + r"\s*(多)?\s*" + _UNIT + r"?")
_SHOWN_VIEWER = re.compile(r"(显示|左上角|右上角|链接|小黄车|购物车|商品)")
# a cumulative figure (the shop's, the year's, all platforms'): not this link's, which is what the card shows
_CUMULATIVE = re.compile(r"(累计|一共|总共|总计|这个月|本月|今年|去年|全年|历年|店铺|全店|全网|全平台"
                         r"|这些年|多年|以来|年销)")
_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2, "几": 1}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def number(s: str) -> int | None:
    """A figure as an int: digits with an optional 万 / 千 / w, or a Chinese numeral (几 reads 1)."""
    s = s.strip().translate(str.maketrans("０１２３４５６７８９", "0123456789")).replace(",", "").replace(" ", "")
    if not s:
        return None
    if s[0].isdigit():
        mult = 10_000 if s[-1] in "万wW" else 1000 if s[-1] == "千" else 1
        s = s.rstrip("万千wW")
        try:
            return int(float(s) * mult)
        except ValueError:
            return None
    total, section, digit = 0, 0, None
    for c in s:
        if c in _DIGIT:
            digit = _DIGIT[c]
        elif c in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[c]
            digit = None
        elif c == "万":
            total += (section + (digit or 0)) * 10_000
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def read(room: Room, role: str, kind: str, text: str) -> list[Hit]:
    """Fold one message's figures into `room.counts`; the `count:inflated` hit when the pair completes."""
    claimed, shown = room.counts
    if claimed < 0:
        return []  # already flagged: once per room
    if role in ("host", "guest") and kind in ("transcript", "bullet"):
        for m in _CLAIM.finditer(text):
            clause = re.split(r"[，。！？,.!?；;]", text[max(0, m.start() - 16):m.start()])[-1]
            if _CUMULATIVE.search(clause):
                continue
            n = number(m.group("n"))
            if n is not None:
                claimed = max(claimed, n)
    if (kind == "event" or role == "viewer") and _SHOWN.search(text) and (
            kind == "event" or _SHOWN_VIEWER.search(text)):
        for m in _SHOWN.finditer(text):
            n = number(m.group("n"))
            if n is not None and n > 0:
                shown = n if not shown else min(shown, n)
    if claimed >= FLOOR and shown and claimed >= RATIO * shown:
        room.counts = (-1, shown)
        return [("count:inflated", "water_army", WEIGHT)]
    room.counts = (claimed, shown)
    return []

