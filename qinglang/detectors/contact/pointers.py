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
"""

from __future__ import annotations

import re

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
RESOURCE_RE = re.compile(_WITHHELD + (
    # a keyword answered by an official account (公众号「夜读小栈」后台回复“666”领取)
    rf"|公众号[^。！？!?\n]{{0,14}}?(?:后台|私信)?回复[^。！？!?\n]{{0,10}}?(?:自动领取|领取|自动发送|获取|免费领|领|免费|拿|下载|发你|自动)"
    # the handle written small at a place (看我橱窗下面的小字, 简介第一行就是)
    rf"|{_PL}(?:[^。！？!?\n，,]{{0,8}}?第[一二三四五六七八九十\d]{{1,3}}(?:篇|条|个|张|期|集))?(?:下面|下方|底下|里|上|最后|末尾)?的?(?:小字|那串|那行|第一行|最后一行|第二行)(?!显示|看不|太|不全|写|改|删)"
))
# what the canonical text of a field must hold for any pointer to be looked for (the detector's cheap gate)
HINT = re.compile(rf"{_PL}|同号|口令|暗号|公众号|{_LINKS}|{_GOODS}")
_SCAN = r"(?:扫一扫|扫一下|扫码|扫描|长按识别|长按扫|长按)"
_END = r"(?=$|[，,。.！!？?~～\s]|[\U0001F300-\U0001FAFF])"
PLACE_RE = re.compile(
    # a QR code at a place: the place, then the scan within the clause — or the scan aimed at the place
    rf"{_PL}(?P<gap>[^。！？!?\n]{{0,14}}?){_SCAN}|(?:{_SCAN}|扫)(?:我的?)?(?:个人)?{_PL}"
    # an add at a place, the verb closing the clause (有意者头像加; 头像加了个滤镜 is an edit)
    rf"|{_PL}(?:里|上)?(?:直接)?(?:加|私|滴)(?:我|一下)?{_END}"
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
    return sorted(out)


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


def same_number(canon: str, span: tuple[int, int]) -> bool:
    """True when the pointer at `span` is a "same as my number" id (v x同号)."""
    return SAME_NUMBER_RE.fullmatch(canon, *span) is not None


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a < span[1] and span[0] < b for a, b in spans)
