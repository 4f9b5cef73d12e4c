"""Shared fixtures: one engine per session (building it compiles every shipped lexicon)."""

from __future__ import annotations

from pathlib import Path

import pytest

from qinglang.engine import Engine

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine()


def write_lexicon(folder: Path, manifest: str, terms: str | None = None) -> Path:
    """A platform lexicon folder with PROVENANCE, for tests."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "PROVENANCE").write_text("source: test\nlicense: test\n", "utf-8")
    (folder / "lexicon.yaml").write_text(manifest, "utf-8")
    if terms is not None:
        (folder / "terms.txt").write_text(terms, "utf-8")
    return folder
