"""What a contact is for: the purpose model inside the contact detector's score, and the official-site rule
(qinglang.models.purpose, qinglang.detectors.contact, qinglang.detectors.qr; issue 16, session 12).

Sentences written here, not taken from any blind or unseen set.
"""

from __future__ import annotations

import pytest

from qinglang.detectors.base import Views
from qinglang.detectors.contact.detector import ContactDetector
from qinglang.detectors.qr import QRDetector
from qinglang.engine import Engine
from qinglang.model import Content, Evidence, Signal
from qinglang.models.purpose import handle_kind, load, meta_tokens, purpose_text
from qinglang.models.stance import MASK
from tests.decide import acted_labels, label_results

from .support import FixedPurpose

DIVERSION = {"drainage", "gambling", "porn", "water_army"}


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


def _contact(engine: Engine) -> ContactDetector:
    return next(d for d in engine.detectors if isinstance(d, ContactDetector))


def test_the_model_reads_the_post_with_the_contact_masked_and_its_kind_surface_and_author() -> None:
    c = Content(id="x", text="丢了一只橘猫，见到请加微信 cat_home88 谢谢", surface="comment")
    text = "丢了一只橘猫，见到请加微信 cat_home88 谢谢"
    start = text.index("cat_home88")
    t = purpose_text([(text, [(start, start + len("cat_home88"))])], c, ["wechat"])
    body, meta = t.rsplit("\n", 1)
    assert "cat" not in body and MASK in body and "橘猫" in body
    assert meta == meta_tokens(c, ["wechat"]) and meta != meta_tokens(c, ["phone"])
    assert meta != meta_tokens(Content(id="x", text=text, surface="private_chat"), ["wechat"])
    assert handle_kind("phone:13800138000", "contact.phone") == "phone"
    assert handle_kind(None, "contact.codeword") == "codeword"


def test_a_low_purpose_discounts_the_drainage_signals_and_names_the_model_and_p(engine: Engine) -> None:
    det = _contact(engine)
    saved = det.purpose, det.purpose_below, det.purpose_with_lure
    text = "水管坏了找师傅修，师傅电话 13912345678 ，加我vx：shuiguan_li 说一下"
    try:
        det.purpose, det.purpose_below, det.purpose_with_lure = FixedPurpose(0.05), 0.25, False
        low = label_results(engine, text, surface="comment").get("drainage")
        assert low is not None and low.score < 0.35 and not low.policy_rule
        for e in low.evidence:
            assert e.detail and e.detail["purpose"] == "fixed@0" and e.detail["p_diverting"] == 0.05
            assert e.scope and "fixed@0 p=0.050" in e.scope
        det.purpose = FixedPurpose(0.9)
        high = label_results(engine, text, surface="comment")["drainage"]
        assert high.score >= 0.5 and high.policy_rule
        assert all(e.detail and e.detail["p_diverting"] == 0.9 for e in high.evidence)
        assert all(e.scope is None or "fixed@0" not in e.scope for e in high.evidence)
    finally:
        det.purpose, det.purpose_below, det.purpose_with_lure = saved


def test_the_model_reads_every_detectors_drainage_evidence_and_leaves_other_labels(engine: Engine) -> None:
    det = _contact(engine)
    saved = det.purpose
    text = "原片想要的话私信我，周末在公园拍的"
    content = Content(id="t", text=text)
    views = Views.build(content, engine.normalizer)
    i = text.index("私信")
    frame = Signal(label="drainage", score=0.6, rule="frame.drainage.pointer", detector="frame@x",
                   evidence=(Evidence("text", i, i + 2, "私信", "私信", rule="frame.drainage.pointer.dm"),))
    other = Signal(label="rumor", score=0.6, rule="x", detector="claims@1",
                   evidence=(Evidence("text", 0, 2, "原片", "原片", rule="x"),))
    try:
        fixed = FixedPurpose(0.05)
        det.purpose = fixed
        out = det.adjust(content, views, [frame, other])
        assert out[0].score < 0.35 and out[1] is other
        assert MASK in fixed.read[0] and "私信" not in fixed.read[0].rsplit("\n", 1)[0]
        det.purpose = None
        assert det.adjust(content, views, [frame, other]) == [frame, other]
    finally:
        det.purpose = saved


def test_a_lure_is_not_read_by_the_model_unless_asked(engine: Engine) -> None:
    det = _contact(engine)
    saved = det.purpose, det.purpose_with_lure
    try:
        fixed = FixedPurpose(0.0)
        det.purpose, det.purpose_with_lure = fixed, False
        labels = label_results(engine, "百家乐稳赚不赔，充值送彩金，加微信 bjl_7777", surface="comment")
        assert not fixed.read and labels["drainage"].score >= 0.9
    finally:
        det.purpose, det.purpose_with_lure = saved


def test_the_shipped_model_tells_an_errand_from_a_diversion() -> None:
    model = load()
    assert model.name == "purpose" and "operating_point" in model.meta

    def p(text: str, handle: str, kind: str, surface: str = "comment") -> float:
        i = text.index(handle)
        return model.p_does(purpose_text([(text, [(i, i + len(handle))])], Content(id="x", text=text,
                                                                                   surface=surface), [kind]))

    diverting = [p("高清无码资源合集，懂的都懂，加我 vx：zy_8899 拉你进群", "zy_8899", "wechat"),
                 p("日赚三百不是梦，手机操作简单，有意者加qq 23456789 详谈", "23456789", "qq"),
                 p("兄弟们想要内部渠道的看这里，私聊 tg：neibu_666，名额有限", "neibu_666", "telegram")]
    errand = [p("我家橘猫昨天在小区门口走丢了，有看到的请打 13912345678 ，必有重谢", "13912345678", "phone"),
              p("找二十年前在连队一起当兵的老战友王建国，知道的朋友请联系我 13812345678", "13812345678", "phone"),
              p("快递到了三天还没送，客服电话 4008123123 一直打不通，工单号都给了，准备投诉到12315",
                "4008123123", "phone")]
    assert min(diverting) > max(errand)


@pytest.mark.parametrize("text", [
    "遇到网络谣言请到 www.12377.cn 举报",
    "消费纠纷可以拨打12315，或者登录 https://www.12315.cn 在线投诉",
    "政策原文见 https://www.gov.cn/zhengce/content/2024-01/01/content_1.htm",
    "办理进度可以在 zwfw.beijing.gov.cn 查询，也可以打12345",
    "收到博彩短信直接转发到12321举报",
])
def test_official_sites_and_lines_in_text_are_never_drainage(engine: Engine, text: str) -> None:
    assert not acted_labels(engine, text, surface="comment") & DIVERSION, text
    d = engine.moderate({"id": "t", "text": text})
    assert "drainage" not in {lr.label for lr in d.labels}


@pytest.mark.parametrize("payload", [
    "https://www.12377.cn/", "http://12377.cn/jbxzxq/index.html", "https://www.samr.gov.cn/", "www.12315.cn",
    "https://m.12315.cn/complaint?id=1", "tel:12315", "TEL:12377", "sms:12321", "smsto:12321:垃圾短信", "tel:110",
    "tel:+86-12315",
])
def test_official_sites_and_lines_in_qr_payloads_are_never_drainage(payload: str) -> None:
    assert QRDetector().classify(payload) is None, payload


@pytest.mark.parametrize("payload", ["tel:13800138000", "https://hg8868.cc/", "weixin://dl/chat?abc",
                                     "sms:10690000123", "tel:123159"])
def test_other_qr_payloads_still_count(payload: str) -> None:
    assert QRDetector().classify(payload) is not None, payload
