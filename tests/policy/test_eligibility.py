"""Monetization eligibility (campaign 4 / 自媒体13条 rule 8) with the shipped, configurable settings."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglang.errors import InvalidContent
from qinglang.policy import load_policies, shipped_policy_dir
from qinglang.policy.eligibility import MonetizationSettings, check_eligibility, monetization_settings

TODAY = dt.date(2024, 6, 1)


@pytest.fixture(scope="module")
def settings() -> MonetizationSettings:
    return monetization_settings(load_policies([shipped_policy_dir()]))


@pytest.mark.parametrize(("account", "eligible", "reasons", "eligible_from"), [
    ({"id": "a", "real_name_verified": True}, True, (), None),
    ({"id": "b", "real_name_verified": False}, False, ("real_name",), None),
    ({"id": "c", "real_name_verified": True, "violations": [{"at": "2024-04-15"}]}, False, ("recent_violation",),
     "2024-07-15"),
    ({"id": "d", "real_name_verified": True, "violations": [{"at": "2024-02-15"}]}, True, (), None),
    ({"id": "e", "real_name_verified": True, "owner_changed_at": "2024-05-01"}, False, ("owner_changed",),
     "2024-08-01"),
    ({"id": "f", "real_name_verified": True, "violations": [{"at": "2023-01-01", "severity": "high",
                                                              "label": "vulgar"}]},
     False, ("serious_violation",), None),
])
def test_eligibility(settings, account, eligible, reasons, eligible_from) -> None:
    r = check_eligibility(account, settings, TODAY)
    assert (r.eligible, r.reasons, r.eligible_from) == (eligible, reasons, eligible_from)
    assert r.messages


def test_settings_are_configurable() -> None:
    strict = MonetizationSettings(months_without_violations=6, min_followers=1000)
    r = check_eligibility({"id": "x", "real_name_verified": True, "followers": 10,
                           "violations": [{"at": "2024-01-15"}]}, strict, TODAY)
    assert set(r.reasons) == {"recent_violation", "followers"}


def test_bad_account_is_a_typed_error(settings) -> None:
    with pytest.raises(InvalidContent, match="violations"):
        check_eligibility({"id": "x", "violations": [{"severity": "low"}]}, settings, TODAY)
    with pytest.raises(InvalidContent, match=r"violations\[0\]\.at.*'soon'"):
        check_eligibility({"id": "x", "violations": [{"at": "soon"}]}, settings, TODAY)
