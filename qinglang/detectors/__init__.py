"""Detectors: each module exports a pydantic `Params` model and `build(spec, ctx)`; `registry.Registry`
maps the YAML `type` to its module (STYLE §5.4).

To add a detector: write `qinglang/detectors/<name>.py` with `Params`, `build` and the detector class, add
its module to `registry._DEFAULT_TYPES` and an entry to `default.yaml`, and a test in
`tests/detectors/test_<name>.py` (the contract test in tests/detectors/test_registry.py covers it at once).
"""

from __future__ import annotations

from .base import BatchCascade, BatchPreparer, Detector, Views
from .registry import (
    BuildContext,
    DetectorSpec,
    DetectorType,
    Registry,
    build_detectors,
    default_registry_path,
)

__all__ = ["BatchCascade", "BatchPreparer", "BuildContext", "Detector", "DetectorSpec", "DetectorType", "Registry",
           "Views", "build_detectors", "default_registry_path"]
