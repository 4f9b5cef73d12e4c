"""Minors-mode session decisions: bands, daily limits, 22:00–06:00 curfew, parent overrides (all configurable)."""

from __future__ import annotations

import datetime as dt

import pytest

from qinglang.clock import CN_TZ
from qinglang.errors import InvalidContent, PolicyError
from qinglang.policy import load_policies, shipped_policy_dir
from qinglang.policy.minors import (
    MinorsSettings,
    in_pool,
    minors_settings,
    session_decision,
    session_from_json,
)


@pytest.fixture(scope="module")
def settings() -> MinorsSettings:
    return minors_settings(load_policies([shipped_policy_dir()]))


def at(h: int, m: int = 0) -> dt.datetime:
    return dt.datetime(2024, 7, 20, h, m, tzinfo=CN_TZ)


@pytest.mark.parametrize(("age", "used", "when", "allowed", "reason", "band"), [
    (13, 30, at(20), True, "ok", "12-16"),
    (13, 60, at(20), False, "daily_limit", "12-16"),     # under 16: 1 hour
    (17, 90, at(20), True, "ok", "16-18"),              # 16–18: 2 hours
    (17, 120, at(20), False, "daily_limit", "16-18"),
    (10, 0, at(22), False, "curfew", "8-12"),           # 22:00 starts the curfew
    (10, 0, at(5, 59), False, "curfew", "8-12"),
    (10, 0, at(6), True, "ok", "8-12"),                 # 06:00 ends it
    (2, 0, at(9), True, "ok", "0-3"),
    (18, 999, at(23), True, "adult", None),
])
def test_session_decision(settings, age, used, when, allowed, reason, band) -> None:
    d = session_decision(settings, age=age, used_minutes=used, now=when)
    assert (d.allowed, d.reason, d.band) == (allowed, reason, band)


def test_remaining_pool_and_reminder(settings) -> None:
    d = session_decision(settings, age=9, used_minutes=45, continuous_minutes=35, now=at(15))
    assert d.remaining_minutes == 15 and d.rest_reminder
    assert "popular_science" in d.pool
    curfew = session_decision(settings, age=9, used_minutes=0, now=at(23, 30))
    assert curfew.resume_at == "2024-07-21T06:00:00+08:00"


def test_parent_overrides(settings) -> None:
    assert session_decision(settings, age=12, used_minutes=0, now=at(23), parent_override_curfew=True).allowed
    assert session_decision(settings, age=12, used_minutes=70, now=at(20), parent_extra_minutes=30).allowed


def test_values_are_configurable() -> None:
    s = MinorsSettings.model_validate({
        "bands": [{"name": "0-8", "min_age": 0, "max_age": 8, "daily_minutes": 40},
                  {"name": "8-18", "min_age": 8, "max_age": 18, "daily_minutes": 90}],
        "curfew": {"start": "21:00", "end": "07:00"}, "parent_override": False,
    })
    assert session_decision(s, age=6, used_minutes=40, now=at(12)).reason == "daily_limit"
    assert session_decision(s, age=10, used_minutes=0, now=at(21, 30), parent_override_curfew=True).reason == "curfew"


def test_bands_must_cover_0_to_18() -> None:
    with pytest.raises(ValueError, match="cover ages"):
        MinorsSettings.model_validate({"bands": [{"name": "a", "min_age": 0, "max_age": 16, "daily_minutes": 60}]})


def test_http_shaped_request(settings) -> None:
    d = session_from_json(settings, {"age": 14, "used_minutes": 10, "now": "2024-07-20T23:10:00+08:00"})
    assert d.to_json()["reason"] == "curfew"
    with pytest.raises(InvalidContent, match="age"):
        session_from_json(settings, {"age": "old", "now": "2024-07-20T10:00:00+08:00"})
    with pytest.raises(InvalidContent):
        session_decision(settings, age=-1, used_minutes=0, now=at(10))


def test_missing_section_is_a_policy_error(tmp_path) -> None:
    (tmp_path / "p.yaml").write_text("campaign: x\nrules: []\n", "utf-8")
    with pytest.raises(PolicyError, match="minors"):
        minors_settings(load_policies([tmp_path]))


def test_content_pools_by_band(settings) -> None:
    assert in_pool(settings, 2, "nursery_songs") and not in_pool(settings, 2, "subject_education")
    assert in_pool(settings, 13, "subject_education") and not in_pool(settings, 10, "subject_education")
    assert in_pool(settings, 30, "anything")
