"""`when.tiers`: a rule that reads only some detection tiers' signals (session 21, story21), and the shipped
all-year reading of wealth flaunting / fan mobilisation by a learned or structural tier (`eco.flaunt_fans.read`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from qinglang.errors import PolicyError
from qinglang.labels import Action
from qinglang.model import Content, Signal
from qinglang.policy import evaluate, load_policies, shipped_policy_dir

SUMMER = dt.date(2024, 7, 1)  # outside the Spring Festival window (01-spring-festival.yaml)
FESTIVAL = dt.date(2024, 2, 1)


def _sig(label: str, score: float, rule: str) -> Signal:
    return Signal(label=label, score=score, rule=rule, detector="test@1")


def _policy(tmp_path: Path, body: str) -> Path:
    d = tmp_path / "pol"
    d.mkdir(exist_ok=True)
    (d / "p.yaml").write_text(body, "utf-8")
    return d


@pytest.mark.parametrize(("label", "rule"), [
    ("wealth_flaunt", "model.recall.wealth_flaunt"),
    ("fan_frenzy", "model.recall.fan_frenzy"),
    ("fan_frenzy", "semantic.fan_frenzy"),
    ("wealth_flaunt", "frame.wealth_flaunt.contempt"),
])
def test_a_learned_or_structural_reading_acts_all_year(label: str, rule: str) -> None:
    pol = load_policies([shipped_policy_dir()])
    out = evaluate(pol, [_sig(label, 0.62, rule)], Content(id="c"), today=SUMMER)
    assert out.action == Action.LIMIT
    assert out.acted[label] == ("ecosystem", "eco.flaunt_fans.read")


def test_a_word_alone_still_waits_for_the_window_or_0_8() -> None:
    pol = load_policies([shipped_policy_dir()])
    word = [_sig("wealth_flaunt", 0.7, "lexicon.wealth_flaunt.wealth_flaunt")]
    assert evaluate(pol, word, Content(id="c"), today=SUMMER).action == Action.PASS
    assert evaluate(pol, word, Content(id="c"), today=FESTIVAL).action == Action.REVIEW  # sf.wealth_fans.review
    # a word beside a weaker learned vote: the rule reads the learned tier's own score, which is below 0.6
    mixed = [*word, _sig("wealth_flaunt", 0.5, "model.recall.wealth_flaunt")]
    assert evaluate(pol, mixed, Content(id="c"), today=SUMMER).action == Action.PASS
    # below the rule's threshold a learned vote is not acted on either
    weak = [_sig("fan_frenzy", 0.5, "frame.fan_frenzy.money_ranking")]
    assert evaluate(pol, weak, Content(id="c"), today=SUMMER).action == Action.PASS


def test_fast_and_explained_paths_agree_on_tiers() -> None:
    pol = load_policies([shipped_policy_dir()])
    cases = [[_sig("wealth_flaunt", 0.7, "lexicon.wealth_flaunt.x")],
             [_sig("wealth_flaunt", 0.62, "model.recall.wealth_flaunt")],
             [_sig("wealth_flaunt", 0.7, "lexicon.wealth_flaunt.x"), _sig("wealth_flaunt", 0.62, "model.recall.x")]]
    for _ in range(2):  # the second round is answered from the memo
        got = [evaluate(pol, s, Content(id="c"), today=SUMMER, explain=False).action for s in cases]
        assert got == [evaluate(pol, s, Content(id="c"), today=SUMMER).action for s in cases]
    assert got == [Action.PASS, Action.LIMIT, Action.LIMIT]


def test_the_explanation_names_the_tiers_read() -> None:
    pol = load_policies([shipped_policy_dir()])
    out = evaluate(pol, [_sig("fan_frenzy", 0.62, "model.recall.fan_frenzy")], Content(id="c"), today=SUMMER)
    why = next(f["why"] for f in out.fired if f["rule"] == "eco.flaunt_fans.read")
    assert "read by model, semantic, frame" in why


@pytest.mark.parametrize(("when", "message"), [
    ("{labels: [vulgar], min_score: 0.5, tiers: []}", "tiers is empty"),
    ("{labels: [vulgar], min_score: 0.5, tiers: [Model]}", "tier must be"),
    ("{min_score: 0.5, tiers: [model]}", "tiers needs the labels"),
])
def test_bad_tiers_are_rejected_with_file_and_line(tmp_path: Path, when: str, message: str) -> None:
    body = f"campaign: t\nrules:\n  - id: t.one\n    when: {when}\n    then: {{action: limit}}\n"
    with pytest.raises(PolicyError, match=rf"p\.yaml:\d+: .*{message}"):
        load_policies([_policy(tmp_path, body)])
