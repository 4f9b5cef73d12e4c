"""The same viewers announcing purchase after purchase (issue 20, session 16): a chorus of shill accounts.

A sale room's 弹幕 fill with "抢到了", "已拍", "又抢了一件"; one buyer saying it once is ordinary (a genuine buyer
in an honest room says it too). What no honest room shows is the *same* accounts saying it again and again while
the host counts stock down ("抢到了！！第三件了", "又抢到了哈哈哈" from four accounts, each two to five times): planted
buyers (托) making a false scarcity look real (虚假宣传, 水军). Neither one claim nor one account repeating shows it;
`REPEATERS` distinct accounts that each claimed at least `TIMES` times within `SPAN` messages do.

The room keeps, per claiming viewer, the seqs of their last claims (a bounded dict of tuples of ints: not tracked
by the GC); one `chorus:repeat_buyers` hit (`water_army`, `WEIGHT`) per room, on the claim that completes it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .room import Room

Hit = tuple[str, str, float]
TIMES = 2  # claims by one account within the span: a repeat buyer
REPEATERS = 3  # distinct repeat buyers: a chorus
SPAN = 40  # messages
WEIGHT = 1.5
MAX_AUTHORS = 64  # claimers a room remembers (least recent out)
# a viewer announcing a purchase: grabbed, bought, ordered (and again: 又抢, 第三件)
CLAIM = re.compile(r"(抢到|抢了一|又抢|已拍|拍到了|拍了一|买到了|下单了|已下单|付款了|第[二三四五六七八九两2-9]件)")
# a question or a miss is no claim ("抢到了吗", "没抢到")
_NOT = re.compile(r"(没|没有|不|咋|怎么|谁)(抢|拍|买)到|(抢到|拍到|买到|下单)了?(吗|么|没|\?|？)")


def read(room: Room, author: str, text: str) -> list[Hit]:
    """A viewer's message: remember a purchase claim; the chorus hit once `REPEATERS` accounts repeat theirs."""
    if room.chorus_done or not author or not CLAIM.search(text) or _NOT.search(text):
        return []
    seen = tuple(q for q in room.claims.pop(author, ()) if room.seq - q < SPAN)[-(TIMES - 1):]
    room.claims[author] = (*seen, room.seq)
    while len(room.claims) > MAX_AUTHORS:
        room.claims.pop(next(iter(room.claims)))
    repeaters = sum(len(q) >= TIMES and room.seq - q[0] < SPAN for q in room.claims.values())
    if repeaters < REPEATERS:
        return []
    room.chorus_done = True
    return [("chorus:repeat_buyers", "water_army", WEIGHT)]
