"""Every campaign scenario (tests/scenarios/*.yaml): input → expected action, labels, marks, campaign."""

from __future__ import annotations

from collections import Counter

import pytest

from .scenarios import SCENARIOS, engine_for, load_cases

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[f"{c.file}#{c.index}" for c in CASES])
def test_scenario(case) -> None:
    from .scenarios import check

    decision = engine_for(case.engine).moderate(case.content, explain=True)
    problems = check(case, decision)
    assert not problems, f"{case.file}#{case.index} {case.name}: " + "; ".join(problems)


def test_every_campaign_has_fifteen_cases() -> None:
    counts = Counter(c.file for c in CASES)
    assert len(counts) == 10, sorted(counts)
    assert all(n >= 15 for n in counts.values()), counts
    assert SCENARIOS.is_dir()
