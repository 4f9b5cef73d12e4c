"""Pointers to a handle that is not in the post: the channel named and the place on the profile where the handle
is ("微 信 号 在 主 页", "作品第一条 置顶评论有方式", "看我名字 后面那串就是v", "名字倒过来念就是Q号", "群在主页").

引流 that keeps the handle off the post still names two things: a private channel (微信, v, QQ, 飞机号, 群, 联系方式)
and where on the poster's page the handle sits (主页, 头像, 简介, 置顶, 名字, 作品…). Either order: the channel is
*at* the place (A: 微信号在主页) or the place *holds* the channel (B: 置顶评论有方式, 名字后面那串就是v). A phone number
or a shop's 电话 is not a channel here (a business line on a page is how a shop is found). Read on the canonical
text (spaces and separators gone, lower case). Measured on every writer set (docs/accuracy.md §18.x, drain13):
48 violating rows and 1 innocent row (a warning quoting 「v见主页」, which scope reads as talk about 引流) match.
"""

from __future__ import annotations

import re

# private channels (a handle would follow them) and the profile places a handle is hidden in
CHANNELS: tuple[str, ...] = (
    "微信号", "微信", "v信", "vx号", "vx", "wx号", "wx", "qq号", "qq", "q号", "扣扣号", "扣扣", "企鹅号", "企鹅",
    "飞机号", "纸飞机", "tg号", "tg", "电报号", "电报", "联系方式", "方式", "群号", "群", "裙号",
)
PLACES: tuple[str, ...] = (
    "主页", "头像", "简介", "置顶", "签名", "名字", "昵称", "背景图", "背景", "作品", "评论区", "评论", "动态", "橱窗",
    "相册", "合集",
)
SCORE = 0.65  # a policy reviews it; a lure in the item lifts it like any handle


def _alt(words: tuple[str, ...]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


_CH = rf"(?:{_alt(CHANNELS)}|(?<![a-z])v(?![a-z])|(?<![a-z])q号)"
_PL = rf"(?:{_alt(PLACES)})"
POINTER_RE = re.compile(
    rf"{_CH}(?:就|都)?(?:在|见|看|放在?|藏在|写在|挂在)(?:我的?)?(?:个人)?{_PL}"
    rf"|{_PL}[^。！？!?\n，,]{{0,8}}?(?:有|是|就是|即|=|见)(?:我的?)?{_CH}(?![a-z0-9])"
)


def pointers(canon: str) -> list[tuple[int, int]]:
    """Spans (canonical offsets) of channel-and-place pointers in one field."""
    return [m.span() for m in POINTER_RE.finditer(canon)]
