"""The host doing what the viewers' requests ask (issue 20, session 12): a behaviour class of vulgar rooms.

A viewer's sexual or body request ("转过去 背对镜头", "外套脱了吧") is the viewer's evidence; the host answering it
by taking it up ("背对镜头做？也行啊，刷个小墨镜我就转过去", "外套脱了，里面就一件…") makes the request the room's
performance. The host's answer rarely holds a vulgar word of its own, and in a room that teaches (健身, 瑜伽)
the body words it does hold weigh a lesson's share; taking up the 弹幕's request is what no lesson does.

The room keeps the last `ASKS` requests (a viewer message that added `vulgar` evidence of its own, not a
corroboration), each as its letters, digits and Chinese characters. A host or guest message within `SPAN`
messages that repeats `ECHO` characters in a row of one of them takes it up: one `heed:viewer_request` hit
(`WEIGHT`), and that request is spent. A message that refuses or rebukes (the room's `refusal`, e.g.
"外套脱了？不可能"; or `_DECLINE`: "不行", "不方便展示"), or said while the host is debunking, takes up nothing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .room import Room

Hit = tuple[str, str, float]
ECHO = 3  # characters in a row of the request that the host's message repeats
SPAN = 8  # messages: a request is taken up within this many messages of it
WEIGHT = 1.0
ASKS = 4  # requests the room remembers (Room.asks is bounded to this)
_DROP = re.compile(r"[^0-9a-z\u4e00-\u9fff]+")
# a host declining what was asked in words the room's `refusal` does not hold (it lists what a host declines to do
# or sell; these answer a request): "不行", "不可能", "想得美", "不方便展示"
_DECLINE = re.compile(r"不行|不可能|不合适|不方便|不好意思|想得美|没门|做梦|算了吧|免谈|才不|不干|不做")


def heed(room: Room, role: str, text: str, hits: list[Hit], declined: bool) -> list[Hit]:
    """A viewer's message: remember it when it added `vulgar` evidence of its own (returns nothing). A host's
    or guest's message: the `heed:viewer_request` hit when it takes up a recent request (see the module)."""
    if role == "viewer":
        if any(label == "vulgar" and w > 0 and not cue.startswith(("crowd:", "flood:")) for cue, label, w in hits):
            room.asks.append((room.seq, _DROP.sub("", text.lower())))  # (int, str): not tracked by the GC
        return []
    if declined or not room.asks or _DECLINE.search(text):
        return []
    said = _DROP.sub("", text.lower())
    if len(said) < ECHO:
        return []
    grams = {said[i:i + ECHO] for i in range(len(said) - ECHO + 1)}
    for k, (seq, ask) in enumerate(room.asks):
        if room.seq - seq <= SPAN and any(g in ask for g in grams):
            del room.asks[k]  # each request is taken up once
            return [("heed:viewer_request", "vulgar", WEIGHT)]
    return []
