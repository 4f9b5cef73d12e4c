"""The enterprise detector (campaign 2): smear needs a target company; extortion patterns."""

from __future__ import annotations

from qinglang.detectors.enterprise import EnterpriseDetector
from tests.detectors.support import run_detector as _run


def test_enterprise_needs_a_target_for_smear(engine) -> None:
    det = EnterpriseDetector(["鸿星饮品"])
    assert _run(engine, det, {"text": "天气坑人"}) == []
    smear = _run(engine, det, {"text": "鸿星饮品有毒，黑心企业"})
    assert smear[0].label == "enterprise_smear" and smear[0].score >= 0.65
    ext = _run(engine, det, {"text": "删帖收费，价格私聊"})
    assert ext[0].label == "extortion" and ext[0].evidence[0].text == "删帖收费"


def test_a_company_name_holds_no_function_word(engine) -> None:
    """The words before a company suffix name a company only when they hold no grammatical function character,
    pronoun or quantifier: 倒闭了2000多家厂 and 经过平台 name none, 万家福超市 and 华盛集团 do."""
    det = EnterpriseDetector()
    assert _run(engine, det, {"text": "我们县今年一共倒闭了2000多家厂，好多人都跑路了"}) == []
    assert [s.label for s in _run(engine, det, {"text": "华盛集团要破产了，老板跑路"})] == ["enterprise_smear"]
    far = "华盛集团今年的年会在三亚办。" + "后来大家聊了很多别的事情，天气、孩子、房价和旅游。" * 5 + "那个骗局真黑心"
    assert _run(engine, det, {"text": far}) == []  # a smear word far from any company is said of something else


def test_the_smear_frame_needs_a_named_company(engine) -> None:
    def smear(text: str) -> bool:
        d = engine.moderate({"id": "s", "text": text})
        return d.action != "pass" and "enterprise_smear" in {lr.label for lr in d.labels}

    assert not smear("今天已有32名学生被送往医院，家长都急哭了，说是吃了食堂的饭拉肚子")
    assert not smear("本场嘉宾都经过平台认证，聊天记录里那个人就是个坑人的")
    assert smear("万家福超市的熟食都是过期改标签的，吃了拉肚子")


def test_an_explosion_smears_a_product_not_a_plant(engine) -> None:
    """化工厂发生爆炸 is an accident report (rumour / missing source, task 4); 充电宝…爆炸 is a product claim."""
    plant = engine.moderate({"id": "p", "text": "突发！港口化工仓库发生大爆炸，浓烟滚滚，周边居民紧急撤离"})
    assert "enterprise_smear" not in {lr.label for lr in plant.labels}
    product = engine.moderate({"id": "q", "text": "华景科技的充电宝充电时爆炸了，大家千万别买"})
    assert "enterprise_smear" in {lr.label for lr in product.labels} and product.action != "pass"
