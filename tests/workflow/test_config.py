"""Workflow config validation."""

from __future__ import annotations

import pytest

from qinglang.errors import ConfigError
from qinglang.workflow.config import load_workflow_config


def test_workflow_config_is_validated(tmp_path):
    p = tmp_path / "wf.yaml"
    p.write_text("thresholds: {warning: 5, throttle: 2}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="rise along the ladder"):
        load_workflow_config(p)
    p.write_text("thresholds: {scold: 1}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown sanction level 'scold'"):
        load_workflow_config(p)
    p.write_text("lease_seconds: 60\nsla_hours: [[0, 1]]\n", encoding="utf-8")
    cfg = load_workflow_config(p)
    assert cfg.lease_seconds == 60 and cfg.sla_seconds(99) == 3600
