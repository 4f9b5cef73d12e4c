"""docs/campaigns.md is generated from the policies and scenarios; it must be current and complete."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_campaigns_doc_is_current() -> None:
    spec = importlib.util.spec_from_file_location("campaign_docs", ROOT / "tools" / "campaign_docs.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    current = (ROOT / "docs" / "campaigns.md").read_text("utf-8")
    assert current == mod.render(), "docs/campaigns.md is stale: run python tools/campaign_docs.py"
    for task in range(1, 11):
        assert f'<a id="task-{task}"></a>' in current
