"""The words a post sells with: one home for the livestream detector's selling cue and the scope pass's sale reading.

`SELLING_CUES` are the transaction words a room or a post sells with (下单, 链接, 小黄车, 价格, 包邮…; the livestream
detector's `SELLING`); `SALE_RX` widens them with the other words that name a sale: an order channel, a price or
deal, a quantity sold, the product presented as the poster's own (这款, 我们这个). Session 17 (prec17) kept them in
`qinglang.scoping`; session 18 (labels18) moved them here so the post-level acts (`qinglang.text.acts`) read the
same sale: a 科普 that sells is an advertisement (互联网广告管理办法 第八条: knowledge pages may not carry the
seller's purchase links; docs/accuracy.md §23).
"""

from __future__ import annotations

import re

SELLING_CUES = r"下单|链接|拍下|拍一|购物车|小黄车|秒杀|带货|直播间|价格|原价|券后|到手价|\d+元|包邮|库存"
SALE_RX = re.compile(
    SELLING_CUES + r"|橱窗|价钱|福利价|特价|优惠|限量|限购"
    r"|抢购|团购|拼单|代购|代理|加盟|专卖|旗舰店|店铺|订购|购买|现货|回购|囤货|手慢无|闭眼入|上车"
    r"|\d+(?:\.\d+)?(?:元|块|¥)|[¥￥]\s*\d|买[一二三四五\d]送[一二三四五\d]"
    r"|[\d一二两三四五六七八九十]+(?:盒|瓶|罐|袋|箱|疗程)|这款|同款|我们(?:家)?(?:的)?这(?:个|款|种)"
    r"|私信我|私我|找我买|找我拿|(?:可以|直接|去|来|快|赶紧|点击)买")


def sale_cue(texts: list[str]) -> str | None:
    """The first words of `texts` that name a sale (`SALE_RX`), or None."""
    return next((m.group() for t in texts if (m := SALE_RX.search(t)) is not None), None)
