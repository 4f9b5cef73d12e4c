"""Workflow configuration: priorities, SLAs, leases, QA sampling and the sanction ladder, all overridable.

Parsed from YAML with pydantic at the edge (`load_workflow_config`), then used as a frozen value.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..errors import ConfigError

LADDER = ("warning", "throttle", "mute", "demonetize", "ban")
LEVEL_ZH = {"warning": "提醒", "throttle": "限流", "mute": "禁言", "demonetize": "取消营利权限", "ban": "封号"}

# Reviewer reason codes: the code is stored and audited; the Chinese text is what the console shows.
REASON_CODES: dict[str, str] = {
    "violation.confirmed": "确认违规",
    "violation.partial": "部分违规，降级处置",
    "no_violation": "未发现违规",
    "insufficient_evidence": "证据不足",
    "context.news": "新闻报道或合理引用",
    "context.satire": "明显虚构或讽刺，已标注",
    "duplicate": "重复内容，已按原处置",
    "escalate": "存疑，提交复核",
}
VIOLATION_ACTIONS = frozenset({"limit", "block"})
# Which actions each reason code allows: a decision whose action contradicts its reason (通过 + 确认违规) is refused.
REASON_ACTIONS: dict[str, frozenset[str]] = {
    "violation.confirmed": frozenset({"limit", "block"}), "violation.partial": frozenset({"label", "limit"}),
    "no_violation": frozenset({"pass"}), "insufficient_evidence": frozenset({"pass", "label"}),
    "context.news": frozenset({"pass", "label"}), "context.satire": frozenset({"pass", "label"}),
    "duplicate": frozenset({"pass", "label", "limit", "review", "block"}), "escalate": frozenset({"review"}),
}


class WorkflowConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    lease_seconds: int = Field(300, ge=10, le=86400)
    qa_sample_rate: float = Field(0.02, ge=0, le=1)
    priority: dict[str, int] = Field(default_factory=lambda: {
        "qa": 10, "review": 50, "report": 60, "appeal": 70, "complaint": 80})
    report_boost: int = Field(5, ge=0)  # per merged duplicate report
    report_boost_max: int = Field(30, ge=0)
    # (minimum priority, SLA hours): the first band an item's priority reaches sets its deadline.
    sla_hours: list[tuple[int, float]] = Field(default_factory=lambda: [(80, 2), (60, 12), (40, 24), (0, 72)])
    dispute_second_review: bool = True
    auto_block_is_violation: bool = True  # an automatic `block` counts as a confirmed violation
    window_days: float = Field(90, gt=0)
    severity: dict[str, int] = Field(default_factory=lambda: {
        "porn": 3, "gambling": 3, "grooming": 5, "minors_harm": 3, "prohibited_goods": 5, "extortion": 3,
        "drainage": 2})
    default_severity: int = Field(1, ge=1)
    thresholds: dict[str, int] = Field(default_factory=lambda: {
        "warning": 1, "throttle": 3, "mute": 6, "demonetize": 10, "ban": 15})
    durations_days: dict[str, float | None] = Field(default_factory=lambda: {
        "warning": 30, "throttle": 7, "mute": 15, "demonetize": 90, "ban": None})

    @model_validator(mode="after")
    def _check(self) -> WorkflowConfig:
        for name in (*self.thresholds, *self.durations_days):
            if name not in LADDER:
                raise ValueError(f"unknown sanction level {name!r}; expected one of {list(LADDER)}")
        steps = [self.thresholds[lv] for lv in LADDER if lv in self.thresholds]
        if steps != sorted(steps):
            raise ValueError("sanction thresholds must rise along the ladder 提醒→限流→禁言→取消营利权限→封号")
        for reason in ("qa", "review", "report", "appeal", "complaint"):
            if reason not in self.priority:
                raise ValueError(f"priority for {reason!r} is missing")
        return self

    def sla_seconds(self, priority: int) -> float:
        for floor, hours in sorted(self.sla_hours, reverse=True):
            if priority >= floor:
                return hours * 3600
        return self.sla_hours[-1][1] * 3600


def load_workflow_config(path: str | Path | None) -> WorkflowConfig:
    """Defaults, overridden by a YAML file if given; ConfigError names the bad key."""
    if path is None:
        return WorkflowConfig()
    p = Path(path)
    try:
        raw = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
        return WorkflowConfig.model_validate(raw)
    except OSError as exc:
        raise ConfigError(f"{p}: cannot read workflow config ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{p}: invalid YAML ({exc})") from None
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(x) for x in err["loc"]) or "(top)"
        raise ConfigError(f"{p}: {where}: {err['msg']}") from None
