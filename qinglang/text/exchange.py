"""A contact given for the exchange itself: the purpose clause beside a contact (campaign task 3, issue 16, session 22).

引流 uses a contact as a lure's way out: the offer (资源, 福利, money, a game, a date) is elsewhere and the contact is
how the reader gets to it. People also give a contact because the exchange they describe needs one: a lesson tried
and booked (加她微信约试听), a room shown and let (转租…看房电话, 押一付三), a class or club that admits its members by
name (班级群…进群备注姓名), two people meeting at an exhibition (一起去看展，加个微信). There the clause next to the
contact says what the contact is for, and what it is for is the thing the post is about, done in person or among
named people.

The classes below are the clauses of such an exchange, each a closed set of the exchange's own verbs and nouns (a
booking, a let, a roll, a club, an outing), not a topic list; the reading counts only within `REACH` characters of the
contact, so a post that names a lesson somewhere and a lure by the handle is not excused. The contact detector applies
it (`ContactDetector.adjust`) only where nothing else makes the contact a lure: no lure label with a span in the post,
no disguised handle, no bait cue of the 引流 frames (an offer, an evasion, a stand-in for another app).
"""

from __future__ import annotations

import re

# Characters between the contact and the purpose clause (either side): the clause that says what the contact is for.
REACH = 24

EXCHANGE: dict[str, str] = {
    # a lesson tried, booked or enrolled in; a viewing booked. Not a bare 约时间 / 预约: an account let or a date
    # books a time too (成年号出租…加q…约时间)
    "booking": r"试听|试课|体验课|约课|排课|报班|预约(?:试听|体验课|看房|上课|课程)",
    # a dwelling or a shop let, shown in person, its rent and terms stated; not an account (成年号出租 is the lure)
    "letting": (r"转租|合租|整租|看房|月租|房租|押[一二三两\d]付[一二三两\d]"
                r"|(?:房|屋|卧|室|铺|车位)\S{0,4}出租|出租(?:房|屋)"),
    # a group whose members join by their real name, class or flat (备注姓名 / 学号): a roll, not an audience
    "roll": r"(?:改|写|请)?备注(?:真实)?(?:姓名|名字|真名|学号|班级|工号|楼号|房号|门牌|孩子)|实名进群",
    # a club, a class or a school year's group, named as such
    "club": r"社团|协会|俱乐部|读书会|招新|(?:班级|年级|[\d一二三四五六七八九十]班|届)(?:qq|微信)?群|新生群",
    # two people going to an event together (一起去看展)
    "outing": r"一起(?:去)?(?:看|逛|听)(?:个|场)?(?:展|画展|展览|演出|音乐会|话剧|球赛|比赛|livehouse)",
}
_RX = {name: re.compile(rx, re.IGNORECASE) for name, rx in EXCHANGE.items()}
# What makes a contact bait, read from the evidence rules beside it: a cue family of the 引流 frames
# (`frame.drainage.<frame>.<family>`: an offer, a reason to leave the platform, another app named by a stand-in, a
# form asking for credentials) or a 暗号 / wink of the 引流 lexicon (`lexicon.drainage.codeword`: 绿泡泡;
# `lexicon.drainage.pointer`: 懂的来, 私信我)
BAIT_FAMILIES = frozenset({"offer", "evasion", "elsewhere", "credentials"})
BAIT_RULES = frozenset({"lexicon.drainage.codeword", "lexicon.drainage.pointer"})


def bait(rule: str) -> bool:
    """True when an evidence rule names a bait cue (`BAIT_FAMILIES`, `BAIT_RULES`)."""
    return rule in BAIT_RULES or (rule.startswith("frame.drainage.") and rule.rsplit(".", 1)[-1] in BAIT_FAMILIES)


def exchange_near(text: str, spans: list[tuple[int, int]]) -> str | None:
    """"<class>: <clause>" for the first exchange clause of `text` (a field's original text) within `REACH` characters
    of one of the contact `spans` (offsets in that text), or None."""
    for name, rx in _RX.items():
        for m in rx.finditer(text):
            if any(m.start() - REACH <= b and a <= m.end() + REACH for a, b in spans):
                return f"{name}: {m.group()}"
    return None


def exchange_purpose(texts: dict[str, str], spans: dict[str, list[tuple[int, int]]], rules: set[str]) -> str | None:
    """The exchange clause (`exchange_near`) beside a contact in one of the fields `texts` (original text by field
    name; `spans`: the contact evidence's offsets by field), or None where one of the evidence `rules` is bait: an
    offer or a wink by the contact is no exchange."""
    if any(bait(r) for r in rules):
        return None
    return next((f"exchange: {c}" for name, text in texts.items() if name in spans
                 and (c := exchange_near(text, spans[name])) is not None), None)
