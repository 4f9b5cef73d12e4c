"""Policies as data: YAML files of rules that select signals and emit effects (STYLE §5.6).

```yaml
campaign: illegal-links          # one file per 清朗 task
title: 打击违法信息外链
active: {from: 2024-03-01, to: 2024-12-31}   # optional; omitted = always
rules:
  - id: drainage.block
    when: {labels: [drainage], min_score: 0.9, surfaces: [feed, comment], minor_mode: null}
    then: {action: block, marks: [], account: strike}
```

Evaluation is a pure function of (signals, content, time): every active rule whose `when` holds fires; the
strictest action wins; each label in the decision names the campaign and rule that acted on it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import PolicyError
from ..labels import Action, check_label
from ..model import SURFACES, Content, Signal


class When(BaseModel):
    model_config = ConfigDict(extra="forbid")
    labels: list[str] | None = None  # None: any label
    min_score: float = Field(0.0, ge=0.0, le=1.0)
    surfaces: list[str] | None = None
    minor_mode: bool | None = None
    degraded: bool | None = None

    @field_validator("surfaces")
    @classmethod
    def _surfaces(cls, v: list[str] | None) -> list[str] | None:
        for s in v or []:
            if s not in SURFACES:
                import difflib

                close = difflib.get_close_matches(s, sorted(SURFACES), n=1)
                raise ValueError(f"unknown surface {s!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
        return v


class Then(BaseModel):
    model_config = ConfigDict(extra="forbid")
    action: str = "pass"
    marks: list[str] = []
    account: str | None = None

    @field_validator("action")
    @classmethod
    def _action(cls, v: str) -> str:
        Action.parse(v)
        return v


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    description: str = ""
    when: When = When()
    then: Then


class Active(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    start: dt.date | None = Field(None, alias="from")
    end: dt.date | None = Field(None, alias="to")


class PolicyFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    campaign: str
    title: str = ""
    active: Active = Active()
    rules: list[Rule]


@dataclass(frozen=True)
class Policy:
    """The merged policies in force."""

    files: tuple[PolicyFile, ...]
    version: str

    def active(self, when: dt.date) -> list[PolicyFile]:
        return [
            p for p in self.files
            if (p.active.start is None or p.active.start <= when) and (p.active.end is None or when <= p.active.end)
        ]


def shipped_policy_dir() -> Path:
    return Path(str(resources.files("qinglang").joinpath("policies")))


def load_policies(dirs: list[Path], custom_labels: frozenset[str] = frozenset()) -> Policy:
    """Load every `*.yaml` in the folders; any error names the file and key path, nothing half-loaded."""
    files: list[PolicyFile] = []
    digest = hashlib.sha256()
    for d in dirs:
        d = Path(d)
        paths = [d] if d.is_file() else sorted(d.glob("*.yaml"))
        if not d.exists():
            raise PolicyError(f"policy folder not found: {d}")
        for path in paths:
            raw = path.read_bytes()
            digest.update(path.name.encode() + b"\0" + raw)
            files.append(_parse(path, raw, custom_labels))
    seen: dict[str, str] = {}
    for pf in files:
        for r in pf.rules:
            if r.id in seen:
                raise PolicyError(f"rule id {r.id!r} is defined twice (campaigns {seen[r.id]} and {pf.campaign})")
            seen[r.id] = pf.campaign
    return Policy(files=tuple(files), version="sha256:" + digest.hexdigest())


def _parse(path: Path, raw: bytes, custom_labels: frozenset[str]) -> PolicyFile:
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise PolicyError(f"{path}{line}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
    try:
        pf = PolicyFile.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        keypath = ".".join(str(x) for x in err["loc"])
        raise PolicyError(f"{path}: {keypath}: {err['msg']}{_line_of(raw, err['loc'])}") from None
    for k, rule in enumerate(pf.rules):
        for label in rule.when.labels or []:
            try:
                check_label(label, custom_labels)
            except ValueError as exc:
                raise PolicyError(f"{path}: rules.{k}.when.labels: {exc}{_line_of(raw, ('rules', k))}") from None
    return pf


def _line_of(raw: bytes, loc: tuple[Any, ...]) -> str:
    """Best-effort line number of a key path, from the YAML node tree."""
    try:
        node = yaml.compose(raw.decode("utf-8"))
        for key in loc:
            if isinstance(node, yaml.MappingNode):
                node = next(v for k, v in node.value if k.value == key)
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
                node = node.value[key]
            else:
                break
        return f" (line {node.start_mark.line + 1})"
    except Exception:  # the message is still useful without a line
        return ""


@dataclass(frozen=True)
class Outcome:
    action: Action
    marks: tuple[str, ...]
    account_actions: tuple[dict[str, Any], ...]
    acted: dict[str, tuple[str, str]]  # label -> (campaign, rule) that set the strictest action on it
    fired: tuple[dict[str, Any], ...]


def evaluate(policy: Policy, signals: list[Signal], content: Content, *, today: dt.date,
             degraded: bool = False) -> Outcome:
    """Apply every active rule; the strictest action wins (pure function)."""
    if not signals and not degraded:
        return _NOTHING  # every rule selects signals (or degradation): nothing can fire
    best = Action.PASS
    marks: list[str] = []
    accounts: list[dict[str, Any]] = []
    acted: dict[str, tuple[str, str, Action]] = {}
    fired: list[dict[str, Any]] = []
    by_label: dict[str, float] = {}
    for s in signals:
        by_label[s.label] = max(by_label.get(s.label, 0.0), s.score)
    for pf in policy.active(today):
        for rule in pf.rules:
            w = rule.when
            if w.surfaces is not None and content.surface not in w.surfaces:
                continue
            if w.minor_mode is not None and content.audience.minor_mode != w.minor_mode:
                continue
            if w.degraded is not None and w.degraded != degraded:
                continue
            if w.degraded:
                matched: list[str] = []
            else:
                matched = [lab for lab, sc in by_label.items()
                           if (w.labels is None or lab in w.labels) and sc >= w.min_score]
                if not matched:
                    continue
            action = Action.parse(rule.then.action)
            fired.append({"campaign": pf.campaign, "rule": rule.id, "labels": matched, "action": action.value_name})
            best = max(best, action)
            for m in rule.then.marks:
                if m not in marks:
                    marks.append(m)
            if rule.then.account:
                accounts.append({"action": rule.then.account, "campaign": pf.campaign, "rule": rule.id})
            for lab in matched:
                prev = acted.get(lab)
                if prev is None or action > prev[2]:
                    acted[lab] = (pf.campaign, rule.id, action)
    return Outcome(
        action=best, marks=tuple(marks), account_actions=tuple(accounts),
        acted={k: (c, r) for k, (c, r, _) in acted.items()}, fired=tuple(fired),
    )


_NOTHING = Outcome(action=Action.PASS, marks=(), account_actions=(), acted={}, fired=())
