"""Fixtures the claims test modules share."""

from __future__ import annotations

import pytest

from qinglang.detectors.claims import ClaimsDetector


@pytest.fixture(scope="module")
def det() -> ClaimsDetector:
    """The claims detector with its shipped settings, one per module (it keeps the last post's scores)."""
    return ClaimsDetector()
