"""tools/eval_news.py's halves (news19): the session's own halves and the long halves stay apart."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

import eval_news
import writer_sets


def test_session_19_to_22_halves_are_the_briefs() -> None:
    assert eval_news.picks("tune", "19") == {"S19", "t31", "unseen16"}
    assert eval_news.picks("report", "19") == {"S20", "t32", "unseen17"}
    assert eval_news.picks("tune", "20") == {"S23", "t35", "unseen18"}
    assert eval_news.picks("report", "20") == {"S24", "t36", "unseen19"}
    assert eval_news.picks("tune", "21") == {"S25", "t37", "unseen20"}
    assert eval_news.picks("report", "21") == {"S26", "t38", "unseen21"}
    assert eval_news.picks("tune", "22") == {"S27", "t39", "unseen22"}
    assert eval_news.picks("report", "22") == {"S28", "t40", "unseen23"}
    assert eval_news.picks("tune", "23") == set(writer_sets.RULES_TUNE) == {"S29", "t41", "unseen24"}
    assert eval_news.picks("report", "23") == set(writer_sets.RULES_REPORT) == {"S30", "t42", "unseen25"}
    assert eval_news.picks("report", "17") == {"S14", "t28", "unseen13"}


def test_the_long_halves_never_share_a_set() -> None:
    tune, report = eval_news.picks("tune"), eval_news.picks("report")
    assert not tune & report
    assert {"S19", "t31", "unseen16"} <= tune and set(writer_sets.RULES_REPORT) <= report
    assert {"S20", "t32", "unseen17", "S24", "t36", "unseen19"} <= report
    assert {"S23", "t35", "unseen18", "S25", "t37", "unseen20"} <= tune
    assert {"S26", "t38", "unseen21", "S28", "t40", "unseen23"} <= report
    assert {"S27", "t39", "unseen22"} <= tune
