"""Pointers to a handle that is not in the post: the channel named and the place on the profile where the handle
is ("微 信 号 在 主 页", "作品第一条 置顶评论有方式", "看我名字 后面那串就是v", "名字倒过来念就是Q号", "群在主页").

引流 that keeps the handle off the post still names two things: a private channel (微信, v, QQ, 飞机号, 群, 联系方式)
and where on the poster's page the handle sits (主页, 头像, 简介, 置顶, 名字, 作品…). Either order: the channel is
*at* the place (A: 微信号在主页) or the place *holds* the channel (B: 置顶评论有方式, 名字后面那串就是v). A phone number
or a shop's 电话 is not a channel here (a business line on a page is how a shop is found). Read on the canonical
text (spaces and separators gone, lower case). Measured on every writer set (docs/accuracy.md §18.x, drain13):
48 violating rows and 1 innocent row (a warning quoting 「v见主页」, which scope reads as talk about 引流) match.

Session 14 (drain14) adds the forms people write without naming a chat channel (docs/accuracy.md §19.5):
- a QR code at a place: the place, then a scan within a clause (主页第三个视频左下角，扫一扫; 网址放头像里了 扫一下),
  or the scan aimed at the place (扫我头像); 二维码 / 扫码 are channels too (头像就是二维码);
- an add at a place (有意者头像加, 主页私): the verb ends the clause, so 头像加了滤镜 is not one;
- a chat id "the same as the number" (v x同号, 微信手机同号): the handle is the number given elsewhere — the
  detector drops it where the field shows a phone number (a shop's 电话微信同号 138… is its phone, scored as such);
- a password to get into a group (粉丝群…口令：炫彩, 进群暗号): how a private group keeps its door; 淘口令 and a 红包
  口令 are shopping and gift codes, not a group's.

Session 15 (drain15) adds what the pointer points at when it is not a chat handle (docs/accuracy.md §20.6):
- a download or magnet link, a web address or a cloud drive at a place (下载链接在评论区, 磁力放评论, 网址在简介): a
  bare 链接 is left out — a creator's 同款链接在评论区 is a shop's link on its own page;
- the goods behind a private group (完整版见作者群, 资源在粉丝群): a group the reader joins to get what the post
  withholds; the same words at the poster's own page (完整版在主页) are a creator's, not a pointer;
- a keyword answered by an official account's back end (公众号「…」后台回复“666”领取): the reader is moved to
  another platform to collect;
- the handle written small at a place (看我橱窗下面的小字, 简介第一行就是, 合集第七篇最后一行): the place and the hidden
  line — not a line talked about (简介最后一行显示不全).

Session 16 (drain16) adds (docs/accuracy.md §21.5, drain16):
- the chat id "the same as" the account's name (v同名, w x 同抖音号, 微信同昵称): the handle is the name on the page;
- an id held by a field that only holds names (号在头像里, 联系方式在签名): 昵称 / 头像 / 签名 / 简介 / 名字 hold a
  handle, never the goods, so an id "in" them is a handle kept off the post; a place that leaves a contact
  (主页留了方式, 主页有联系) as well;
- `LURED_RE`: the pointers and invitations without a channel that are 引流 only beside a lure to the public — a look
  at the page's fields (看我昵称, 签名里有我的🌍, 预约看头像), the goods at the poster's page (方案都在主页第一条), a
  private reply promised (要的私, 我私你, 给你发网盘), a QR code or group to enter (扫图进, 二维码进群, 发群里), a
  search on another app (飞机上搜). The same words between people who know each other, from a creator pointing at
  their own video, or under a warning have no lure, so nothing is read; the detector lifts them only where another
  detector's lure label (gambling, porn, water_army, fraud, vulgar) is acted on (`ContactDetector.adjust`).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from ...model import Signal

# private channels (a handle would follow them) and the profile places a handle is hidden in
CHANNELS: tuple[str, ...] = (
    "微信号", "微信", "v信", "vx号", "vx", "wx号", "wx", "qq号", "qq", "q号", "扣扣号", "扣扣", "企鹅号", "企鹅",
    "飞机号", "纸飞机", "tg号", "tg", "电报号", "电报", "联系方式", "方式", "群号", "群", "裙号", "二维码", "扫码",
)
PLACES: tuple[str, ...] = (
    "主页", "头像", "简介", "置顶", "签名", "名字", "昵称", "背景图", "背景", "作品", "评论区", "评论", "动态", "橱窗",
    "相册", "合集", "首页", "收藏夹", "个人页",
)
SCORE = 0.65  # a policy reviews it; a lure in the item lifts it like any handle


def _alt(words: tuple[str, ...]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


_CH = rf"(?:{_alt(CHANNELS)}|(?<![a-z])v(?![a-z])|(?<![a-z])q号)"
_PL = rf"(?:{_alt(PLACES)})"
_CH_RE = re.compile(_CH)
POINTER_RE = re.compile(
    rf"{_CH}(?:就|都)?(?:在|见|看|放在?|藏在|写在|挂在)(?:我的?)?(?:个人)?{_PL}"
    rf"|{_PL}[^。！？!?\n，,]{{0,8}}?(?:有|是|就是|即|=|见)(?:我的?)?{_CH}(?![a-z0-9])"
)


_LINKS = r"(?:磁力链接|磁力|种子|下载链接|下载地址|下载链|网址|网盘链接|网盘|云盘|app链接|安装包)"
_GOODS = r"(?:完整版|完整视频|全集|资源|原视频|原片|高清版|无删减版?|未删减版?|全套)"
# the goods withheld from the post and where to get them: a link at a place (下载链接在评论区, 磁力放评论: the link is
# the channel) or the goods in a private group (完整版见作者群: the group is the channel)
_WITHHELD = (rf"{_LINKS}(?:就|都|我)?(?:在|见|放在?|挂在?|藏在|发在?|写在)(?:我的?)?(?:个人)?{_PL}"
             rf"|{_GOODS}[^。！？!?\n，,]{{0,4}}?(?:在|见|进|去|放在?)(?:我的?)?(?:作者|粉丝|vip|会员|私人|内部)?(?:群|裙)")
WITHHELD_RE = re.compile(_WITHHELD)
# the labels whose cue beside a 暗号 names what the code word offers (`named_offer`)
SEX_CUES = frozenset({"porn", "vulgar"})
RESOURCE_RE = re.compile(_WITHHELD + (
    # a keyword answered by an official account (公众号「夜读小栈」后台回复“666”领取)
    rf"|公众号[^。！？!?\n]{{0,14}}?(?:后台|私信)?回复[^。！？!?\n]{{0,10}}?(?:自动领取|领取|自动发送|获取|免费领|领|免费|拿|下载|发你|自动)"
    # the handle written small at a place (看我橱窗下面的小字, 简介第一行就是)
    rf"|{_PL}(?:[^。！？!?\n，,]{{0,8}}?第[一二三四五六七八九十\d]{{1,3}}(?:篇|条|个|张|期|集))?(?:下面|下方|底下|里|上|最后|末尾)?的?(?:小字|那串|那行|第一行|最后一行|第二行)(?!显示|看不|太|不全|写|改|删)"
))
# what the canonical text of a field must hold for any pointer to be looked for (the detector's cheap gate)
HINT = re.compile(rf"{_PL}|同号|同名|同id|同抖音|同快手|同小红书|同账号|口令|暗号|公众号|{_LINKS}|{_GOODS}"
                  r"|(?:号|id|联系|方式)在")
_SCAN = r"(?:扫一扫|扫一下|扫码|扫描|长按识别|长按扫|长按)"
_END = r"(?=$|[，,。.！!？?~～\s]|[\U0001F300-\U0001FAFF])"
PLACE_RE = re.compile(
    # a QR code at a place: the place, then the scan within the clause — or the scan aimed at the place
    rf"{_PL}(?P<gap>[^。！？!?\n]{{0,14}}?){_SCAN}|(?:{_SCAN}|扫)(?:我的?)?(?:个人)?{_PL}"
    # an add at a place, the verb closing the clause (有意者头像加; 头像加了个滤镜 is an edit)
    rf"|{_PL}(?:里|上)?(?:直接)?(?:加|私|滴)(?:我|一下)?{_END}"
)
# fields of a page that hold a name, not the goods: an id "in" them is a handle (号在头像里, 联系方式在签名)
_NAME_FIELDS = r"(?:个性签名|签名|昵称|网名|头像|简介|名字|背景图|id)"
NAME_FIELD_RE = re.compile(
    rf"(?<![a-z])(?:号|id|联系方式|方式|联系|入口)(?:就|都)?(?:在|见|藏在|写在|挂在)(?:我的?)?{_NAME_FIELDS}"
    rf"|{_PL}[^。！？!?\n，,]{{0,4}}?(?:留了|留有|留)(?:我的?)?(?:联系方式|方式|联系|号)"
    rf"|{_PL}[^。！？!?\n，,]{{0,4}}?有(?:我的?)?联系(?=$|[，,。.！!？?~～\s])"
)
# the chat id is the account's own name (v同名, wx同抖音号, 微信同昵称)
SAME_NAME_RE = re.compile(
    r"(?:微信|v信|vx|wx|(?<![a-z])v|qq|扣扣|(?<![a-z])q|飞机|tg)号?(?:和|与|跟|及|/|、)?"
    r"(?:同名|同id|同昵称|同抖音号?|同快手号?|同小红书号?|同账号|同主页|=昵称|就是昵称|就是名字)"
)
SAME_NUMBER_RE = re.compile(
    r"(?:微信|v信|vx|wx|(?<![a-z])v|qq|扣扣|(?<![a-z])q)(?:和|与|跟|及|/|、)?(?:手机|电话)?号?同号")
_KEY_RE = re.compile(r"(?:群|裙)[^。！？!?\n]{0,6}?(?<![淘包])(?:口令|暗号)(?:是|为)?[:：]?")


def pointers(canon: str) -> list[tuple[int, int]]:
    """Spans (canonical offsets) of channel-and-place pointers, QR and add pointers, group passwords and
    "same number" ids in one field (`same_number` tells the last kind apart)."""
    out = [m.span() for m in POINTER_RE.finditer(canon)]
    # a channel named between the place and the scan (看置顶图里的联系方式，扫码加我微信约时间) is that channel's
    # own pointer, read by POINTER_RE's stricter form or not at all: a landlord's or a shop's named contact
    out += [m.span() for m in PLACE_RE.finditer(canon)
            if not _inside(m.span(), out) and not (m.group("gap") and _CH_RE.search(m.group("gap")))]
    out += [m.span() for m in RESOURCE_RE.finditer(canon) if not _inside(m.span(), out)]
    out += [m.span() for m in _KEY_RE.finditer(canon)]
    out += [m.span() for m in SAME_NUMBER_RE.finditer(canon)]
    out += [m.span() for m in SAME_NAME_RE.finditer(canon) if not _inside(m.span(), out)]
    out += [m.span() for m in NAME_FIELD_RE.finditer(canon) if not _inside(m.span(), out)]
    return sorted(out)


# A pointer or an invitation with no channel named, 引流 only beside a lure to the public (read by the detector's
# `adjust`, after every detector has spoken): a look at the page's name fields or at the goods on the poster's page,
# a private reply promised to whoever wants the goods, a QR code or a group to enter, a search on another app.
_NOT_PRIVATE = r"(?![人密下底房生家有立事自营])"  # 私 as "message me", not 私人 / 私密 / 私下…
LURED_RE = re.compile(
    # a look at a name field of the page, or the handle kept in one (看我昵称, 签名里有我的🌍, 预约看头像, 签名里找我)
    rf"(?:看|见|找|去|搜|点|翻)(?:一下|下)?(?:我|博主|主播|up主?)?的?(?:个人)?{_NAME_FIELDS}"
    rf"|{_NAME_FIELDS}(?:后面|下面|里面?|上)?(?:的字|那串|有我的?|找我|见)"
    # the goods at the poster's page (方案都在主页第一条, 计划在置顶)
    rf"|(?:都|就|全)?(?:在|放在?|发在?)(?:我的?)?(?:个人)?(?:主页|置顶|首页|动态|作品|合集)"
    # a private reply promised (要的私, 想上课的私, 有意者私, 我私你, 给你发网盘, 私我发你)
    rf"|(?:要的|想要的?|需要的|有意者?|感兴趣的|想[^，,。！!？?\s]{{1,4}}的)(?:直接|来)?私(?:我|聊|信我?)?{_NOT_PRIVATE}"
    rf"|我(?:来|再)?私(?:你|发你|给你)|(?:开私|私我发你|私你发)"
    rf"|(?:给你|发你|私发)(?:发)?(?:个|一个)?(?:链接|网盘|地址|资源|网址)"
    # a QR code or a group to enter (扫图进, 扫图里那个码进群, 二维码进群, 扫码进, 发群里了, 拉你进群)
    rf"|扫[^，,。！!？?\s]{{0,8}}?(?:码|图)[^，,。！!？?\s]{{0,3}}?(?:进群?|加群|入群|拉你)"
    rf"|二维码[^，,。！!？?\s]{{0,3}}?(?:进群|加群|入群)|发(?:到|进)?群(?:里|上)(?:了)?|拉你进群"
    # a search on another app (飞机上搜, tg里搜)
    rf"|(?:飞机|纸飞机|tg|电报|telegram)(?:上|里)?(?:搜|找)"
)


# A search for a name the post gives instead of a handle, dared or promised (千万别搜“某某小屋”，搜了别怪我;
# 搜'某某'就有; not a mere how-to, 搜作者名就行): the name is where the goods are, off the post. Like `LURED_RE`,
# 引流 only beside a lure acted on in the item (a creator's 千万别搜“螺蛳粉测评”…上头了 has none); its 别 is the
# dare, not a refusal, so the detector asks only whether it is talk about 引流 (a warning, a report), not the
# generic negation scope (session 21, drain21).
_QUOTE_OPEN = "“\"'‘「『"
_QUOTE_CLOSE = "”\"'’」』"
SEARCHED_RE = re.compile(
    rf"搜(?:一下|下)?[{_QUOTE_OPEN}]?[^，,。！!？?\s{_QUOTE_OPEN}{_QUOTE_CLOSE}]{{2,12}}[{_QUOTE_CLOSE}]?"
    r"(?:[，,]?(?:搜了|后果自负|别怪我|别说是我)|就有|就能)"
)


def searched(canon: str) -> list[tuple[int, int]]:
    """Spans (canonical offsets) of a search for a name given in place of a handle (`SEARCHED_RE`)."""
    return [m.span() for m in SEARCHED_RE.finditer(canon)]


def lured(canon: str) -> list[tuple[int, int]]:
    """Spans (canonical offsets) of pointers and invitations that name no channel (`LURED_RE`): 引流 only where a
    lure to the public is acted on in the same item."""
    return [m.span() for m in LURED_RE.finditer(canon)]


# The reader's own handle asked for (你先把你的QQ号告诉我, 你微信多少): the other way off the platform. Read only where
# the audience is a child (the detector checks): between adults it is how people who met become friends.
REQUEST_RE = re.compile(
    r"(?:把|留|发|报)(?:一下)?(?:你|妳)的?(?:qq|微信|vx|wx|v|手机号|电话号码|电话|联系方式|号码|企鹅)号?码?"
    r"(?:告诉|发|给|留|私|报)(?:给)?我"
    r"|(?:你|妳)的?(?:qq|微信|vx|wx|手机号|电话|联系方式)号?(?:是|发我|给我)?多少"
)


def requests(canon: str) -> list[tuple[int, int]]:
    """Spans (canonical offsets) where the post asks the reader for their own chat id or number."""
    return [m.span() for m in REQUEST_RE.finditer(canon)]


def withheld(normalized: str) -> bool:
    """True when a pointer's canonical span names goods the post withholds and where they are (完整版见作者群): the
    offer is in the pointer itself, so what the contact is for is not in question."""
    return WITHHELD_RE.fullmatch(normalized) is not None


def named_offer(drainage: list[Signal], signals: list[Signal], fields: Collection[str], gate: float) -> bool:
    """True when the post names its offer beside the contact, so what the contact is for is not in question: a
    pointer at `gate` naming goods the post withholds and where they are (完整版见作者群, 磁力放评论), or a 暗号 at
    `gate` (`lexicon.local_code`) beside a sex cue spanned in the post's `fields` at any score (新茶到了，学生妹: the
    code word is the offer; session 23's merge — the retrained purpose model read that post, 暗号 masked, as a
    greeting). The 暗号 alone (明前龙井新茶到了) stays the purpose model's to read."""
    if any(s.score >= gate and s.rule == "contact.pointer"
           and any(e.normalized and withheld(e.normalized) for e in s.evidence) for s in drainage):
        return True
    return (any(s.score >= gate and s.rule.startswith("lexicon.local_code") for s in drainage)
            and any(s.label in SEX_CUES and s.score > 0 and in_post(s, fields) for s in signals))


def in_post(s: Signal, fields: Collection[str]) -> bool:
    """True when some evidence of `s` is a span of one of the item's own `fields`. The bank's vote (a neighbour's
    text, empty span) and a whole image matched by hash have none: they say the post moves its reader, not where."""
    return any(e.field in fields and e.end > e.start for e in s.evidence)


def same_number(canon: str, span: tuple[int, int]) -> bool:
    """True when the pointer at `span` is a "same as my number" id (v x同号)."""
    return SAME_NUMBER_RE.fullmatch(canon, *span) is not None


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a < span[1] and span[0] < b for a, b in spans)
