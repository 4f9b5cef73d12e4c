"""Action levels the blind writers expect per label (session 14, prec14; docs/accuracy.md §19.2): a company smear,
an efficacy claim in a sales pitch and a news-named account without a licence are held for review, not only limited,
on every surface; weaker signals keep their milder action."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglang.model import Content, Signal
from qinglang.policy import evaluate, load_policies, shipped_policy_dir

DAY = dt.date(2024, 10, 20)
POLICY = load_policies([shipped_policy_dir()])


def _decide(label: str, score: float, surface: str = "feed") -> tuple[str, dict[str, tuple[str, str]], list[str]]:
    out = evaluate(POLICY, [Signal(label=label, score=score, rule=f"test.{label}", detector="test@1")],
                   Content(id="c", surface=surface), today=DAY)
    return out.action.value_name, out.acted, [a["action"] for a in out.account_actions]


@pytest.mark.parametrize(("label", "score", "surface", "action", "rule"), [
    ("enterprise_smear", 0.6, "feed", "review", "ent.smear.review"),    # was limit (ent.smear.hot) below 0.65
    ("enterprise_smear", 0.5, "comment", "review", "ent.smear.review"),
    ("enterprise_smear", 0.45, "hot_search", "limit", "ent.smear.hot"),  # weak, on a hot surface: kept off it
    ("enterprise_smear", 0.45, "feed", "pass", None),
    ("false_ad", 0.62, "live", "review", "live.false_ad.review"),       # the recall tier's efficacy claim: was limit
    ("false_ad", 0.55, "live", "limit", "live.false_ad.limit"),         # weaker: absolute terms alone stay limited
    ("unlicensed_news", 0.6, "feed", "review", "news.name.review"),     # was news.name.limit
])
def test_writer_action_levels(label: str, score: float, surface: str, action: str, rule: str | None) -> None:
    got, acted, _ = _decide(label, score, surface)
    assert got == action
    if rule:
        assert acted[label][1] == rule


def test_news_name_review_keeps_the_licence_review() -> None:
    _, _, accounts = _decide("unlicensed_news", 0.6)
    assert "licence_review" in accounts
