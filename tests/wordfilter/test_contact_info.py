"""contact_info: phone numbers, e-mail, URLs and IPv4 addresses without a cue, apart from drainage."""

from __future__ import annotations

import pytest

from qinglang.engine import Engine


@pytest.mark.parametrize(("text", "kind", "found"), [
    ("我的电话13812345678", "phone", "13812345678"),
    ("电话 +86 138 1234 5678 找我", "phone", "86 138 1234 5678"),
    ("座机 010-12345678", "phone", "010-12345678"),
    ("楼主好人，邮箱 someone@xx.com", "email", "someone@xx.com"),
    ("点击链接 www.hg8868.cc查看答案", "url", "www.hg8868.cc"),
    ("官网 hg8868 点 cc", "url", "hg8868 点 cc"),
    ("网址打不开可以访问 127.0.0.1。", "ipv4", "127.0.0.1"),
])
def test_contact_details_are_found_as_contact_info(engine: Engine, text: str, kind: str, found: str) -> None:
    hits = [h for h in engine.find_all(text) if h.label == "contact_info"]
    assert [(h.variant, h.text) for h in hits] == [(kind, found)]
    assert hits[0].severity == "low" and hits[0].value


@pytest.mark.parametrize("text", ["版本 v1.2.3.4 发布", "价格12345元", "今天 2024-06-01 晴", "node.js 真好用",
                                  "温度 36.5 度"])
def test_no_contact_info_in_ordinary_numbers(engine: Engine, text: str) -> None:
    assert [h for h in engine.find_all(text) if h.label == "contact_info"] == []


def test_platform_domains_are_reported_under_their_own_rule(engine: Engine) -> None:
    (plain,) = engine.find_all("资料见 https://www.hg8868.cc/a")
    (big,) = engine.find_all("资料见 https://www.taobao.com/a")
    (own,) = engine.find_all("资料见 https://docs.example.org/a")  # a platform's own domain (detector params)
    assert plain.rule == "contact_info.url" and big.rule == own.rule == "contact_info.url.platform"
    assert big.score < plain.score
    assert engine.mask("资料见 https://www.taobao.com/a", min_score=0.2) == "资料见 https://www.taobao.com/a"


def test_contact_info_is_its_own_label_and_a_signal_only() -> None:
    engine = Engine.from_config()  # the shipped detectors and policies
    d = engine.moderate({"id": "1", "text": "服务器 192.168.1.10 挂了，邮件 ops@hg8868.cc"})
    # reported on the decision (count, mask), never acted on alone: one address is not a violation
    assert [lab.label for lab in d.labels] == ["contact_info"] and d.action == "pass"
    assert d.labels[0].policy_rule == "contact_info.signal"
    d = engine.moderate({"id": "2", "text": "商品在 https://item.taobao.com/x 买"})
    assert d.action == "pass" and [lab.rule for lab in d.labels] == ["contact_info.url.platform"]
    # with a cue and a lure it is 引流 as before: drainage decides, contact_info stays a weak extra label
    d = engine.moderate({"id": "3", "text": "看片加v：abc_1234"})
    assert "drainage" in [lab.label for lab in d.labels] and d.action == "block"


def test_labels_option_selects_contact_info_only(engine: Engine) -> None:
    text = "傻逼 邮箱 a@b.com"
    assert [h.label for h in engine.find_all(text, labels=["contact_info"])] == ["contact_info"]
    assert engine.mask(text, labels=["contact_info"]) == "傻逼 邮箱 *******"
    assert engine.mask(text, per_label={"contact_info": "[联系方式]"}) == "** 邮箱 [联系方式]"
