"""引流 forms still missed and innocent contact exchanges still acted on (issue 16, session 13, drain13): pointers
to a handle kept off the post, numerals and particles between a cue and its number, Telegram @ids, spaced domains;
a disguised contact is not read by the purpose model; personal relations, trade lines, a parent's note to a teacher,
a lesson drawn from a scam, a scam named by its group bait, a platform's own site.

Sentences written here, not taken from any blind or unseen set.
"""

from __future__ import annotations

import pytest

from qinglang.detectors.contact.detector import ContactDetector
from qinglang.detectors.contact.handles import mentions
from qinglang.detectors.contact.links import spaced_links
from qinglang.detectors.contact.pointers import pointers
from qinglang.engine import Engine
from qinglang.text.diversion import scam_named

from .support import acted_rules as _decide


@pytest.mark.parametrize("text, span", [
    ("代练找我 价格好说 微 信 号 在 主 页", "微 信 号 在 主 页"),
    ("完整版我有 去我作品第二条 置顶评论有方式", "作品第二条 置顶评论有方式"),
    ("要资源的 看我昵称 后面那几个字母就是v", "昵称 后面那几个字母就是v"),
    ("兄弟们 q号就在我头像上", "q号就在我头像"),
])
def test_a_channel_and_the_place_of_its_handle_is_a_pointer(engine: Engine, text: str, span: str) -> None:
    action, labels = _decide(engine, text)
    assert action != "pass" and "contact.pointer" in labels["drainage"]
    d = engine.moderate({"id": "t", "text": text, "surface": "comment"})
    ev = next(e for lr in d.labels for e in lr.evidence if e.rule == "contact.pointer")
    assert ev.text == span and ev.normalized == span.replace(" ", "").lower()


def test_a_pointer_needs_a_channel_and_a_place_and_is_not_read_in_a_warning(engine: Engine) -> None:
    assert pointers("我在主页发了新视频") == []  # a place, no channel
    assert pointers("他的微信号我不知道") == []  # a channel, no place
    assert pointers("电话在主页") == []  # a shop's phone is not a private channel
    _action, labels = _decide(engine, "提醒：评论里写「v在主页」的都是引流诈骗，看到直接举报")
    assert "drainage" not in labels


def test_a_particle_between_the_cue_and_a_number_in_numerals(engine: Engine) -> None:
    action, labels = _decide(engine, "一个人好无聊 加个扣扣吧 三九六八二七一五四 私聊发照片")
    assert action != "pass" and any(r.startswith("contact.qq") for r in labels["drainage"])
    assert _decide(engine, "今天真冷啊 2024年最冷的一天")[0] == "pass"


def test_an_at_id_after_a_messenger_name_is_that_messengers_handle() -> None:
    text = "岗位多 包吃住 先加飞机号详聊 @hr_amy_88"
    (h,) = mentions(text)
    assert h.kind == "telegram" and h.value == "telegram:hr_amy_88" and h.score >= 0.75
    (m,) = mentions("刚下飞机了 @lao_wang01 来接我一下")
    assert m.kind == "mention" and m.score < 0.5  # travel: a bare 飞机 without a verb
    (n,) = mentions("今天天气不错 @xiao_li99 出来玩")
    assert n.kind == "mention"


def test_an_at_id_after_a_messenger_name_is_acted_on(engine: Engine) -> None:
    action, labels = _decide(engine, "海外高薪 月入三万 有意的先加这个飞机号详聊 @job_hr_77")
    assert action != "pass" and any(r.startswith("contact.telegram") for r in labels["drainage"])


@pytest.mark.parametrize("text, value", [
    ("首充送百分百 网址 bk 6 6 8 . c o m （去掉空格）", "url:bk668.com"),
    ("提款秒到 进入 7 7 3 1 . v i p 回T退订", "url:7731.vip"),
])
def test_a_domain_typed_apart_is_a_disguised_link(engine: Engine, text: str, value: str) -> None:
    (h,) = spaced_links(text)
    assert h.value == value and h.rule == "contact.url.obfuscated"
    action, labels = _decide(engine, text, surface="private_chat")
    assert action != "pass" and "contact.url.obfuscated" in labels["drainage"]


def test_numbers_and_prose_typed_apart_are_not_links() -> None:
    assert spaced_links("比分 3 : 1 . 5 2 0") == []
    assert spaced_links("I am at 3 . 5 km now") == []


class _Low:
    name, version = "low", "0"

    def p_does(self, text: str) -> float:
        return 0.01


def test_a_disguised_contact_is_not_read_by_the_purpose_model(engine: Engine) -> None:
    det = next(d for d in engine.detectors if isinstance(d, ContactDetector))
    saved = det.purpose
    try:
        det.purpose = _Low()
        action, labels = _decide(engine, "提款通道已开通 进入 7 7 3 1 . v i p", surface="private_chat")
        assert action != "pass" and "drainage" in labels  # spelt apart: hidden, whatever the model says
        action, labels = _decide(engine, "售后拖了一个月 工单号WX2024071203 已经投诉")
        assert "drainage" not in labels  # a cue spelling alone (wx) is not a disguise: the model still reads it
        action, labels = _decide(engine, "提醒家人：收到“积分清零 登录 jf10086点top 兑换”的短信千万别点")
        assert "drainage" not in labels  # a disguised link shown in a warning: the model still reads it
    finally:
        det.purpose = saved


@pytest.mark.parametrize("text", [
    "幸福里小区业主群人满了，本小区业主私信我门牌号，核实后拉你进群",  # neighbours, checked by the admin
    "王老师好，我是二年级三班刘洋的妈妈，我电话 138 2211 4455，孩子明天要请假去医院",  # a parent to a teacher
    "专业空调维修加氟、洗衣机清洗，明码标价，同城上门，电话 137 6612 3490 李师傅",  # a tradesman's own line
    "找工作踩坑记录：凡是一上来就让你加微信先交培训费的都要小心",  # a lesson drawn for others
    "直播间里那些“进群领资源”的都是骗子，别信",  # the scam named by its bait
    "【腾讯新闻】今日要闻：点击 news.qq.com 查看详情",  # a platform's own site
])
def test_innocent_contact_exchanges_are_not_acted_on(engine: Engine, text: str) -> None:
    action, labels = _decide(engine, text)
    assert not {"drainage", "abuse", "antagonism"} & set(labels), (action, labels)


def test_a_lure_still_wins_over_a_relation_or_a_trade() -> None:
    engine = Engine()
    action, labels = _decide(engine, "本小区业主私信我，拉你进群，每天发红包，稳赚不赔的彩票计划")
    assert action != "pass"
    action, labels = _decide(engine, "qm.qq.com/q/abc123 进群领福利")
    assert action != "pass" and "drainage" in labels  # Tencent's invite paths are still invites


def test_scam_named_reads_group_bait() -> None:
    text = "那些加群领资源的都是骗子"
    i = text.index("骗子")
    assert scam_named(text, i, i + 2) in ("加群", "领资源")


@pytest.mark.parametrize("text", [
    "爷爷九十大寿，晚上7点大家在家族群里抢红包，第二张图的二维码是酒店导航",  # a family's own event
    "这是单机游戏，金币不能充值也不能提现，别私信问我怎么上分了",  # the move refused (别私信)
])
def test_a_family_event_and_a_refused_move_are_not_acted_on(engine: Engine, text: str) -> None:
    assert "drainage" not in _decide(engine, text)[1]


@pytest.mark.parametrize("text", [
    "家长您好，孩子的助学补贴已到账，请添加班主任QQ 三六九二八八五七一 领取，需提供银行卡号",  # disguised number
    "小妹妹你几年级呀，哥哥送你游戏皮肤，加个QQ吧，这里说话不方便，别告诉爸妈哦",  # a groomer names the parents too
])
def test_a_relation_does_not_excuse_a_disguised_number_or_grooming(engine: Engine, text: str) -> None:
    action, labels = _decide(engine, text)
    assert action != "pass" and "drainage" in labels
