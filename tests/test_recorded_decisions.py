"""The recorded comparison (docs/architecture.md): the in-repo development sets decide byte for byte as
recorded in docs/decision_digests.json. The full recording (benchmark posts, COLD, CNTP) needs the shared
data: `python tools/record_decisions.py --out DIR --check docs/decision_digests.json`."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _tool():
    spec = importlib.util.spec_from_file_location("record_decisions", ROOT / "tools" / "record_decisions.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("path", sorted((ROOT / "tests" / "data").glob("*.jsonl")), ids=lambda p: p.stem)
def test_dev_set_decisions_match_the_recording(path: Path, tmp_path: Path) -> None:
    want = json.loads((ROOT / "docs" / "decision_digests.json").read_text("utf-8"))[f"tests-{path.stem}"]
    tool = _tool()
    assert tool.digest_of(tool.decide_lines(path)) == want, (
        f"decisions on {path.name} changed: python tools/record_decisions.py --out DIR and diff against a "
        "recording made before the change")
