"""引流 written without a handle (issue 16): pointers to the profile, split contact words, invitations beside
an ad, gambling SMS; and official sites that are never 引流."""

from __future__ import annotations

import pytest

from qinglang.detectors.qr import QRDetector
from qinglang.engine import Engine
from tests.decide import labels


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


@pytest.mark.parametrize("text", [
    "想要资源的看我简介",
    "福利都在主页置顶，懂的来",
    "评论区不让发，去主页找",
    "需要的宝子看我动态",
    "兼职日结，详情看我头像",
    "加微亻言详聊，日结300",                       # 拆字 of 微信 beside a lure
    "新葡京娱乐城，首存100送58，加v详谈",           # an invitation without a handle after a gambling pitch
    "老哥们，带单回血，稳赚，加v详谈",
])
def test_pointers_and_invitations_are_drainage(engine: Engine, text: str) -> None:
    assert "drainage" in labels(engine, text)


@pytest.mark.parametrize("text", [
    "【澳门威尼斯人】注册即送88元彩金，日返3%，详询客服",
    "金沙娱乐：首存100送100，大额无忧，秒出款",
    "新葡京线上娱乐，首存送彩金",
])
def test_gambling_sms(engine: Engine, text: str) -> None:
    assert "gambling" in labels(engine, text)


@pytest.mark.parametrize("text", [
    "这个博主主页置顶的教程很好用",
    "我简介里写了我的学校，欢迎同学交流",
    "看我动态，昨天去爬山了",
    "去主页找一下官方公告吧",
    "加v详谈这个词是什么意思？",
    "举报违法信息请登录12377.cn",
    "中国政府网 www.gov.cn 发布通知",
    "住在威尼斯人酒店，晚上看了水舞间",
    "我们公司年会抽奖送彩电",
])
def test_ordinary_posts_stay_clean(engine: Engine, text: str) -> None:
    assert not labels(engine, text) & {"drainage", "gambling"}


@pytest.mark.parametrize("payload", ["https://www.12377.cn/", "http://12377.cn", "https://www.beijing.gov.cn/x"])
def test_official_sites_in_qr_codes_are_not_drainage(payload: str) -> None:
    assert QRDetector().classify(payload) is None


@pytest.mark.parametrize("payload", ["https://12377.cn.evil.top/", "https://evil.top/12377.cn"])
def test_look_alike_official_hosts_still_count(payload: str) -> None:
    assert QRDetector().classify(payload) is not None
