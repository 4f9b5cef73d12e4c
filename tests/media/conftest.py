"""Fixtures for the media tests (image makers live in media_samples.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

try:
    from media_samples import cjk_font_path
except ImportError:  # no Pillow: each test module skips itself, saying what to install

    def cjk_font_path() -> str | None:
        return None


@pytest.fixture(scope="session")
def cjk_font() -> str:
    path = cjk_font_path()
    if path is None:
        pytest.skip("no CJK font: apt-get install fonts-wqy-microhei")
    return path


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("media")
