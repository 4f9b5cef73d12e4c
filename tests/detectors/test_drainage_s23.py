"""The purpose model retrained on every writer set but the session's report half (issue 16, session 23, drain23).

- the shipped model never read the rule engineers' report half (`writer_sets.RULES_REPORT`): its provenance names those
  sets as not trained on, and the registry's `purpose_below` is the operating point the model was shipped with;
- a contact handed to one person for the exchange they are in (a neighbour's child's lesson, a colleague's client) reads
  below that point and is no longer acted on as 引流: the drainage evidence names the model and its P(diverting);
- the lure variants of the same contacts (a paid task, goods sold past the platform, an account let) stay acted on.

Sentences written here, not taken from any blind, unseen, twin or corpus set.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from qinglang.detectors.contact.detector import ContactDetector
from qinglang.detectors.registry import default_registry_path
from qinglang.engine import Engine
from qinglang.models.purpose import load

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


def _registry_contact() -> dict:
    reg = yaml.safe_load(default_registry_path().read_text("utf-8"))
    return next(e for e in reg["detectors"] if e.get("type") == "contact")


def test_the_shipped_model_never_read_the_report_half_and_the_registry_uses_its_point() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import writer_sets
    finally:
        sys.path.remove(str(ROOT / "tools"))
    meta = load().meta
    assert set(writer_sets.RULES_REPORT) <= set(meta["not_trained_on"])
    assert not set(writer_sets.RULES_REPORT) & set(meta["sets"])
    assert _registry_contact()["params"]["purpose_below"] == meta["operating_point"]["below"]


@pytest.mark.parametrize("text, surface", [
    ("李老师您好，我是楼下的小陈，孩子想跟您学书法，我手机就是微信 13761205583，周六方便带他过来试一次吗", "comment"),
    ("刘哥，甲方那边负责验收的是孙工，他微信 sun_gong2024，你加上跟他约下周进场的时间", "private_chat"),
])
def test_a_contact_handed_over_for_the_exchange_itself_is_read_below_the_point(engine: Engine, text: str,
                                                                                surface: str) -> None:
    det = next(d for d in engine.detectors if isinstance(d, ContactDetector))
    d = engine.moderate({"id": "t", "text": text, "surface": surface})
    assert d.action == "pass"
    drainage = next(lr for lr in d.labels if lr.label == "drainage")
    assert drainage.score < 0.35 and not drainage.policy_rule
    for e in drainage.evidence:
        assert e.detail and e.detail["purpose"].startswith("purpose@")
        assert e.detail["p_diverting"] < det.purpose_below
        assert e.scope and "purpose@" in e.scope


@pytest.mark.parametrize("text", [
    "在家动动手指日入五百，不收押金，想了解的加微信 zq_5566 备注赚钱",
    "有需要的私信我，内部渠道低价拿货，评论区不让说，加v细聊",
    "二手号出租，成年号，加q 2876654 约时间上号",
    "减肥药内部价，效果看我动态，私信发你链接",
])
def test_the_lure_variants_stay_acted_on(engine: Engine, text: str) -> None:
    d = engine.moderate({"id": "t", "text": text, "surface": "comment"})
    assert d.action in ("review", "block")
    assert any(lr.label in ("drainage", "fraud", "false_ad") and lr.policy_rule for lr in d.labels)


def test_a_code_word_beside_a_sex_cue_names_its_offer_and_the_model_does_not_read_it(engine: Engine) -> None:
    """Session 23's merge: the retrained model read 新茶到了，学生妹 (暗号 masked) as a greeting, p ≈ .16, and the
    weak code word went unreviewed; a 暗号 beside a spanned sex cue names the offer (`pointers.named_offer`), while
    the same code word in a tea shop's post stays the model's (and the frames') to read."""
    for text in ("新茶到了，学生妹", "今晚新茶到店，学生妹，老地方"):
        d = engine.moderate({"id": "c-1", "text": text, "surface": "comment"})
        drainage = [lab for lab in d.labels if lab.label == "drainage"]
        assert d.action == "review" and drainage and drainage[0].score >= 0.35, (text, d)
        assert all("p_diverting" not in (e.detail or {}) for e in drainage[0].evidence)
    shop = engine.moderate({"id": "c-2", "text": "明前龙井新茶到了，茶叶店八折，欢迎老顾客", "surface": "comment"})
    assert shop.action == "pass"
