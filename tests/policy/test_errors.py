"""Broken policy files are rejected with file, line and reason (golden files in tests/policy/errors/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from qinglang.errors import PolicyError
from qinglang.policy import load_policies, shipped_policy_dir

ERRORS = Path(__file__).parent / "errors"
BROKEN = sorted(ERRORS.glob("*.yaml"))


def _message(path: Path) -> str:
    dirs = [shipped_policy_dir(), path] if path.stem == "duplicate_rule" else [path]
    with pytest.raises(PolicyError) as info:
        load_policies(dirs)
    return info.value.message.replace(str(ERRORS) + "/", "<dir>/")


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_error_matches_golden(path: Path) -> None:
    golden = path.with_suffix(".txt")
    assert _message(path) == golden.read_text("utf-8").strip()


def test_every_error_names_file_and_line() -> None:
    for path in BROKEN:
        msg = _message(path)
        assert msg.startswith(f"<dir>/{path.name}:"), msg
        assert msg.split(":")[1].isdigit(), msg
