"""The post-level scope pass (qinglang.text.acts, qinglang.scoping): what a post is doing is read once and applied
to every family's signals; a post that makes its own offer under an innocent frame keeps its evidence."""

from __future__ import annotations

from importlib import resources

import pytest

from qinglang.engine import Engine, EngineConfig
from qinglang.model import Evidence, Signal
from qinglang.scoping import scope_signals
from qinglang.text.acts import PostActs, read_text


def _acts(text: str, author: str = "", verified: bool = False) -> PostActs:
    from qinglang.text.acts import own_offer

    acts = read_text([text], author, verified)
    return acts._replace(own=own_offer([text])) if acts.acts else acts


@pytest.mark.parametrize(("text", "kind"), [
    ("新春快乐！本站春节期间不开展任何集资、不组织打榜，大家理性追星", "refusal"),
    ("本号承接品牌测评，不接删帖、不接负面处理，谈这些的别来了", "refusal"),  # a list of refusals, no speaker
    ("律师说法：以“不给钱就曝光”相威胁向企业索要财物，可能构成敲诈勒索罪。", "education"),
    ("小朋友记住哦，隐私部位谁都不可以碰，有人碰了要马上告诉家长！", "education"),
    ("据国家统计局1月17日发布，2023年国内生产总值比上年增长5.2%。", "sourced"),
    ("【寻狗】小区走失一只棕色泰迪，有线索请加微信xm0627，必有重谢", "personal"),
    ("工作第一年，给爸妈包了两千的红包，我妈眼睛都红了", "personal"),
    ("【连载·第十二章】（本故事纯属虚构）她写下一串号码推到他面前", "fiction"),
    ("我妈被人拉进群投资，被骗了三万，现在该去报警吗？", "question"),
    ("群里有个叔叔一直要我发自拍，说不发就告诉老师，我好害怕，该怎么办", "question"),  # prec17: a demand on me, a plea
    ("各位家长注意，有人冒充老师在群里收资料费，这是诈骗", "warning"),
    ("截图已经交给派出所了，这个人在群里卖视频", "report"),
])
def test_innocent_acts_are_read(text: str, kind: str) -> None:
    acts = _acts(text)
    assert kind in acts.kinds
    assert acts.own is None or (kind == "personal" and not acts.deal)  # a personal notice may ask to be contacted


@pytest.mark.parametrize("text", [
    "真实记录，没有剧本，流浪大爷当场跪下",  # staging denied is no fiction
    "（本文纯属虚构）某某乳业的奶粉查出致癌物，家里有孩子的别买了",  # a disclaimer alone does not make a story
    "提醒你一句，晚上一个人的时候再看",  # 提醒你 addresses no warning
    "内部消息，别问来源：某公司下周停牌",  # a source that names no body
    "据不完全统计，今年倒闭的工厂超过三千家。数据来源：行业内部",  # 内部 is no 部 (ministry)
    "视频来源：公司内部员工，董事长已经跑路",  # an insider cites nobody
])
def test_frames_that_are_not_the_act(text: str) -> None:
    kinds = _acts(text).kinds
    assert "fiction" not in kinds and "sourced" not in kinds and "warning" not in kinds


@pytest.mark.parametrize(("text", "offer"), [
    ("声明：本号不接删帖，不接负面处理。有需要的私信详谈", "私信详"),
    ("科普：如何识别假药？正品渠道加微信领取", "加微"),
    ("我们不做刷单，只是朋友帮忙，想赚钱的加我", "加我"),
])
def test_a_cloak_keeps_the_posts_own_offer(text: str, offer: str) -> None:
    acts = _acts(text)
    assert acts.acts and acts.own == offer


@pytest.mark.parametrize("text", [
    "律师提醒：有偿删帖涉嫌非法经营罪，遇到了保留转账记录，不要转账。",  # an offence explained, a record, a refusal
    "防骗科普：骗子会让你扫码转账，这是诈骗，千万别信",  # another's demand described
    "有人私信我“内部单稳赚”，我知道这是诈骗，该去报警吗？",  # another's offer reported
])
def test_offers_described_are_not_the_posts_own(text: str) -> None:
    acts = _acts(text)
    assert acts.acts and acts.own is None


def _signal(label: str, score: float, scope: str | None = None, field: str = "text") -> Signal:
    return Signal(label, score, f"t.{label}", "t", (Evidence(field, 0, 2, "xx", "xx", scope=scope),))


def test_scope_signals_discounts_and_tags_every_family() -> None:
    acts = _acts("本站不开展任何集资、不组织打榜")
    out = {s.label: s for s in scope_signals([_signal("fan_frenzy", 0.7), _signal("extortion", 0.9),
                                              _signal("aigc_unlabeled", 0.6)], acts)}
    assert out["fan_frenzy"].score == pytest.approx(0.21)
    assert out["fan_frenzy"].evidence[0].scope == "act:refusal:本站不开展"
    assert out["extortion"].score == pytest.approx(0.27)
    assert out["aigc_unlabeled"].score == 0.6  # labelling is no speech act


def test_scope_signals_leaves_span_scoped_evidence_and_headlines() -> None:
    acts = _acts("据国家统计局发布的数据显示，去年全国新增就业1244万人")
    scoped, title = scope_signals([_signal("rumor", 0.6, scope="negation:不"),
                                   _signal("clickbait", 0.7, field="title")], acts)
    assert scoped.score == 0.6  # discounted once, by its detector
    assert title.score == 0.7  # a bait headline is the post's own act
    porn = scope_signals([_signal("porn", 0.8)], _acts("【连载·第三章】（本故事纯属虚构）…"))[0]
    assert porn.score == 0.8  # fiction does not excuse the words themselves


@pytest.fixture(scope="module")
def engine_off(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """The engine without the scope pass, and without the stance stage (it clears some of the same posts later)."""
    shipped = resources.files("qinglang.detectors").joinpath("default.yaml").read_text("utf-8")
    at = shipped.rindex("type: stance")
    registry = tmp_path_factory.mktemp("acts") / "detectors.yaml"
    registry.write_text(shipped[:at] + shipped[at:].replace("enabled: true", "enabled: false", 1), "utf-8")
    return Engine(EngineConfig(detectors=registry, extra={"scope_acts": False}))


def test_engine_applies_the_pass_to_the_decision(engine: Engine, engine_off: Engine) -> None:
    post = {"id": "a1", "text": "律师说法：以“不给钱就曝光”相威胁向企业索要财物，可能构成敲诈勒索罪。企业遇到类似私信，"
                                "不要私下转账，保留聊天记录，第一时间报警。"}
    on, off = engine.moderate(post, explain=True), engine_off.moderate(post)
    assert off.action != "pass" and on.action == "pass"
    scopes = {ev["scope"] for s in on.trace["signals"] for ev in s["evidence"] if "scope" in ev}
    assert any(sc.startswith("act:education:") for sc in scopes)


def test_engine_keeps_the_cloaked_violation(engine: Engine, engine_off: Engine) -> None:
    post = {"id": "a2", "text": "声明：本号不接删帖。贵司那篇负面稿子明早就发，想撤稿的私信详谈，价格好商量。"}
    assert engine.moderate(post).action == engine_off.moderate(post).action


def test_a_child_telling_what_was_demanded_of_them_is_helped_and_the_demand_itself_is_not(engine: Engine) -> None:
    """prec17: the child who was asked for photos asks for help (question act, the grooming frame × 0.3); the same
    demand made by the adult stays grooming. Our own sentences."""
    told = "网上认识的一个叔叔说给我充会员，后来非要我视频时把衣服脱了，不然就告诉我同学……我才初二，好害怕，该怎么办"
    assert engine.moderate({"id": "v", "text": told}).action == "pass"
    demand = "小妹妹，叔叔给你充会员，视频时把衣服脱了给我看，别告诉你同学"
    d = engine.moderate({"id": "g", "text": demand})
    assert d.action != "pass" and any(lr.label == "grooming" and lr.policy_rule for lr in d.labels)
