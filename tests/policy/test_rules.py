"""The policy language: threshold maps by surface/audience, fallback, content-field rules, overrides, dates,
and atomic reloads."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from qinglang.engine import Engine, EngineConfig
from qinglang.errors import InvalidContent, PolicyError
from qinglang.labels import Action
from qinglang.model import Content, Signal
from qinglang.policy import decision_date, evaluate, load_policies, shipped_policy_dir

DAY = dt.date(2024, 6, 1)


def _policy(tmp_path: Path, body: str, name: str = "p.yaml") -> Path:
    d = tmp_path / "pol"
    d.mkdir(exist_ok=True)
    (d / name).write_text(body, "utf-8")
    return d


def _sig(label: str, score: float) -> Signal:
    return Signal(label=label, score=score, rule=f"test.{label}", detector="test@1")


MAP = """
campaign: t
rules:
  - id: t.prominent
    when: {labels: [vulgar], min_score: {home_first_screen: 0.3, popup: 0.3, minor: 0.2}}
    then: {action: limit}
  - id: t.feed
    when: {labels: [vulgar], min_score: {default: 0.8, hot_search: 0.5}}
    then: {action: review}
"""


@pytest.mark.parametrize(("surface", "minor", "score", "action"), [
    ("feed", False, 0.4, "pass"),            # no key applies below the default threshold
    ("home_first_screen", False, 0.4, "limit"),  # limited off the first screen only
    ("feed", True, 0.25, "limit"),           # minors audience is stricter
    ("hot_search", False, 0.6, "review"),    # surface key lower than default
    ("feed", False, 0.85, "review"),
])
def test_threshold_map_takes_the_lowest_applicable_key(tmp_path, surface, minor, score, action) -> None:
    pol = load_policies([_policy(tmp_path, MAP)])
    content = Content(id="c", surface=surface, audience=Content.from_json(
        {"id": "x", "audience": {"minor_mode": minor}}).audience)
    out = evaluate(pol, [_sig("vulgar", score)], content, today=DAY)
    assert out.action.value_name == action


def test_fallback_only_acts_on_unclaimed_labels(tmp_path) -> None:
    d = _policy(tmp_path, MAP)
    shutil.copy(shipped_policy_dir() / "default.yaml", d / "default.yaml")
    pol = load_policies([d])
    out = evaluate(pol, [_sig("vulgar", 0.95), _sig("prohibited_goods", 0.95)], Content(id="c"), today=DAY)
    assert out.acted["vulgar"] == ("t", "t.feed")  # the campaign, not default.block
    assert out.acted["prohibited_goods"] == ("default", "default.block")


def test_content_field_rule_needs_no_signal(tmp_path) -> None:
    d = _policy(tmp_path, """
campaign: t
rules:
  - id: t.ai
    when: {labels: [], fields: {declared.ai_generated: true}}
    then: {action: label, marks: [aigc_explicit]}
""")
    pol = load_policies([d])
    yes = Content.from_json({"id": "a", "declared": {"ai_generated": True}})
    no = Content.from_json({"id": "b"})
    assert evaluate(pol, [], yes, today=DAY).marks == ("aigc_explicit",)
    assert evaluate(pol, [], no, today=DAY).action == Action.PASS


def test_later_folder_replaces_a_campaign(tmp_path) -> None:
    d = _policy(tmp_path, "campaign: local\nrules:\n  - id: mine.local\n    then: {action: label}\n", "10-local.yaml")
    pol = load_policies([shipped_policy_dir(), d])
    local = pol.campaign("local")
    assert local is not None and [r.id for r in local.rules] == ["mine.local"]
    assert len([p for p in pol.files if p.campaign == "local"]) == 1


def test_same_campaign_twice_in_one_folder_is_an_error(tmp_path) -> None:
    d = _policy(tmp_path, "campaign: x\nrules: []\n", "a.yaml")
    _policy(tmp_path, "campaign: x\nrules: []\n", "b.yaml")
    with pytest.raises(PolicyError, match="also defined in"):
        load_policies([d])


def test_dated_overlay_follows_created_at_not_the_clock() -> None:
    eng = Engine()
    text = {"text": "压岁钱晒一晒，穷人不配过年，钱就是一切"}
    during = eng.moderate({"id": "a", **text, "created_at": "2024-02-10T20:00:00+08:00"}, explain=True)
    after = eng.moderate({"id": "b", **text, "created_at": "2024-05-10T20:00:00+08:00"}, explain=True)
    assert "spring-festival" in {f["campaign"] for f in during.trace["rules_fired"]}
    assert "spring-festival" not in {f["campaign"] for f in after.trace["rules_fired"]}
    # Without created_at, the caller's `now` decides.
    none = eng.moderate({"id": "c", **text}, explain=True, now=dt.datetime(2024, 2, 10, tzinfo=dt.UTC))
    assert "spring-festival" in {f["campaign"] for f in none.trace["rules_fired"]}


def test_decision_date_reads_china_time() -> None:
    late_utc = Content(id="x", created_at="2024-01-31T17:00:00Z")  # 01:00 on Feb 1 in Beijing
    assert decision_date(late_utc) == dt.date(2024, 2, 1)
    assert decision_date(Content(id="y", created_at="2024-02-01")) == dt.date(2024, 2, 1)
    with pytest.raises(InvalidContent, match="created_at"):
        decision_date(Content(id="z", created_at="yesterday"))


def test_every_decision_names_campaign_and_rule() -> None:
    d = Engine().moderate({"id": "x", "text": "高薪招聘刷单员，一单一结", "created_at": "2024-06-01T10:00:00+08:00"})
    lab = next(lab for lab in d.labels if lab.label == "water_army")
    assert lab.campaign == "illegal-links" and lab.policy_rule == "links.water_army.block"


def test_every_shipped_rule_quotes_its_source() -> None:
    pol = load_policies([shipped_policy_dir()])
    for pf in pol.files:
        if pf.task:
            assert pf.notice, pf.campaign
            assert all(r.quote for r in pf.rules), pf.campaign
    assert sorted(pf.task for pf in pol.files if pf.task) == list(range(1, 11))


def test_reload_is_atomic_bad_policy_keeps_last_good(tmp_path) -> None:
    good = _policy(tmp_path, "campaign: mine\nrules:\n  - id: mine.x\n    when: {labels: [vulgar]}\n"
                             "    then: {action: block}\n")
    eng = Engine(EngineConfig(policy_dirs=(good,)))
    before = eng.policy_version
    assert eng.moderate({"id": "a", "text": "擦边"}).action == "block"
    (good / "p.yaml").write_text("campaign: mine\nrules:\n  - id: mine.x\n    then: {action: blok}\n", "utf-8")
    with pytest.raises(PolicyError, match=r"p\.yaml:4: .*blok"):
        eng.reload()
    assert eng.policy_version == before
    assert eng.moderate({"id": "b", "text": "擦边"}).action == "block"  # the last good policies still decide


def test_also_requires_every_listed_label() -> None:
    pol = load_policies([shipped_policy_dir()])
    content = Content(id="c")
    alone = evaluate(pol, [_sig("rumor", 0.55)], content, today=DAY)
    both = evaluate(pol, [_sig("rumor", 0.55), _sig("aigc_unlabeled", 0.3)], content, today=DAY)
    assert alone.action == Action.REVIEW
    assert both.action == Action.BLOCK and "aigc_explicit" in both.marks
    assert both.acted["rumor"] == ("aigc-labeling", "aigc.unlabeled_rumor.block")


def test_memoized_outcomes_equal_fresh_evaluation() -> None:
    """The fast path (explain=False) memoizes outcomes; every key input must still change the answer."""
    pol = load_policies([shipped_policy_dir()])
    cases = [
        (Content(id="a"), [_sig("vulgar", 0.5)]),
        (Content(id="b", surface="home_first_screen"), [_sig("vulgar", 0.5)]),
        (Content.from_json({"id": "c", "audience": {"minor_mode": True}}), [_sig("vulgar", 0.5)]),
        (Content.from_json({"id": "d", "surface": "live", "live": {"paid": True}}), [_sig("vulgar", 0.5)]),
        (Content(id="e"), [_sig("vulgar", 0.95)]),
        (Content(id="f"), [_sig("vulgar", 0.5), _sig("porn", 0.9)]),
    ]
    for _ in range(2):  # the second round is answered from the memo
        for content, signals in cases:
            fast = evaluate(pol, signals, content, today=DAY, explain=False)
            slow = evaluate(pol, signals, content, today=DAY, explain=True)
            assert (fast.action, fast.marks, fast.account_actions, fast.acted) == (
                slow.action, slow.marks, slow.account_actions, slow.acted)
    actions = {evaluate(pol, s, c, today=DAY, explain=False).action for c, s in cases}
    assert len(actions) > 1  # the cases are not all alike
