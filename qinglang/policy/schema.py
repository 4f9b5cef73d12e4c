"""Policies as data: YAML files of rules that select signals and emit effects (STYLE §5.6).

```yaml
campaign: self-media                 # one file per 清朗 task; a later folder's file with the same name replaces it
task: 4
title: 整治"自媒体"无底线博流量
notice: 督促网站平台做好涉国内外时事、公共政策、社会事件等领域信息来源标注…   # the notice's wording
period: {from: 2024-04-23, to: 2024-06-23}   # the official campaign window (informational)
active: {from: 2024-02-01, to: 2024-03-15}   # enforcement window(s); omitted = standing rules. A list is allowed.
fallback: false                      # true: rules only act on labels no other active file targets
rules:
  - id: media.source_missing.label
    quote: 做好涉国内外时事、公共政策、社会事件等领域信息来源标注
    when:
      labels: [source_missing]       # [] = no signal needed (a pure content condition, see `fields`)
      min_score: {default: 0.6, hot_search: 0.4, minor: 0.4}   # or one number; min over the keys that apply
      surfaces: [feed, hot_search]   # optional
      minor_mode: null               # optional; true = minors-mode audience only
      fields: {live.paid: true}      # optional content-field equality tests
      also: [aigc_unlabeled]         # optional: labels that must also be present
      tiers: [model, frame]          # optional: only signals of these tiers (a rule's first dotted part) count
    then: {action: label, marks: [source], account: strike}
```

A threshold map's keys are surfaces, `minor` (audience in minors mode or aged under 18) and `default`; the rule
uses the LOWEST threshold among the keys that apply, so prominent surfaces and minors are never laxer than the
feed. Without a `default` key the rule only applies where one of its keys does (e.g. "limit off 首页首屏").

Evaluation is a pure function of (signals, content, date): every active rule whose `when` holds fires; the
strictest action wins; each label in the decision names the campaign and rule that acted on it.

This module is the schema only (pydantic models and the merged `Policy`); `loading` reads and checks files,
`evaluate` applies them.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..labels import Action
from ..model import SURFACES, Content

MARKS = frozenset({"aigc_explicit", "source", "fictional", "disputed", "minor_notice", "ad", "rumor_refuted"})
ACCOUNT_ACTIONS = frozenset({
    "warn", "strike", "demonetize", "mute", "limit_followers", "clear_followers", "suspend", "ban",
    "licence_review", "refer_police",
})
THRESHOLD_KEYS = frozenset(SURFACES) | {"default", "minor"}
FIELD_PATHS = frozenset({
    "kind", "surface", "live.paid", "declared.ai_generated", "declared.fictional", "declared.source",
    "author.verified", "audience.minor_mode", "account.young_burst", "account.repeat_offender",
})


def did_you_mean(value: str, choices: frozenset[str] | set[str], what: str) -> str:
    """'unknown <what> <value>', with the closest allowed spelling when there is one."""
    close = difflib.get_close_matches(value, sorted(choices), n=1)
    return f"unknown {what} {value!r}" + (f" (did you mean {close[0]!r}?)" if close else "")


class When(BaseModel):
    """Which signals and content a rule selects; every key is optional and all must hold."""

    model_config = ConfigDict(extra="forbid")
    labels: list[str] | None = None  # None: any label; []: no label needed
    min_score: float | dict[str, float] = 0.0
    surfaces: list[str] | None = None
    minor_mode: bool | None = None
    degraded: bool | None = None
    fields: dict[str, bool | str | None] | None = None
    also: list[str] | None = None  # labels that must ALSO be present (any score), e.g. rumor + aigc_unlabeled
    # The detection tiers whose signals this rule reads (a signal's tier is the first dotted part of its rule:
    # `model.recall.fan_frenzy` → model; `lexicon.wealth_flaunt.…` → lexicon); None: every tier. A rule that acts on
    # a learned or structural reading but not on one word alone (session 21, story21: `eco.flaunt_fans.read`).
    tiers: list[str] | None = None

    @field_validator("surfaces")
    @classmethod
    def _surfaces(cls, v: list[str] | None) -> list[str] | None:
        for s in v or []:
            if s not in SURFACES:
                raise ValueError(did_you_mean(s, SURFACES, "surface"))
        return v

    @field_validator("tiers")
    @classmethod
    def _tiers(cls, v: list[str] | None) -> list[str] | None:
        if v is not None and not v:
            raise ValueError("tiers is empty (omit it to read every tier)")
        for t in v or []:
            if not t or not all(c.islower() or c == "_" for c in t):
                raise ValueError(f"tier must be a rule's first part (lower case, e.g. 'model'), got {t!r}")
        return v

    @field_validator("min_score")
    @classmethod
    def _min_score(cls, v: float | dict[str, float]) -> float | dict[str, float]:
        values = v.values() if isinstance(v, dict) else [v]
        for key in v if isinstance(v, dict) else []:
            if key not in THRESHOLD_KEYS:
                raise ValueError(did_you_mean(key, THRESHOLD_KEYS, "threshold key"))
        for x in values:
            if not 0.0 <= x <= 1.0:
                raise ValueError(f"threshold must be in [0, 1], got {x}")
        if isinstance(v, dict) and not v:
            raise ValueError("threshold map is empty")
        return v

    @field_validator("fields")
    @classmethod
    def _fields(cls, v: dict[str, Any] | None) -> dict[str, Any] | None:
        for key in v or {}:
            if key not in FIELD_PATHS:
                raise ValueError(did_you_mean(key, FIELD_PATHS, "content field"))
        return v

    @model_validator(mode="after")
    def _tiers_need_labels(self) -> When:
        if self.tiers and not self.labels:
            raise ValueError("tiers needs the labels it reads (labels: [...])")
        return self

    def threshold(self, content: Content) -> float | None:
        """The threshold that applies to this content, or None when the rule does not apply to it."""
        if not isinstance(self.min_score, dict):
            return self.min_score
        keys = [content.surface, "default"]
        if is_minor_audience(content):
            keys.append("minor")
        found = [self.min_score[k] for k in keys if k in self.min_score]
        return min(found) if found else None


class Then(BaseModel):
    """What a fired rule does: an action (the strictest wins), marks for the client, an account action."""

    model_config = ConfigDict(extra="forbid")
    action: str = "pass"
    marks: list[str] = []
    account: str | None = None

    @field_validator("action")
    @classmethod
    def _action(cls, v: str) -> str:
        try:
            Action.parse(v)
        except ValueError:
            raise ValueError(did_you_mean(v, {a.value_name for a in Action}, "action")) from None
        return v

    @field_validator("marks")
    @classmethod
    def _marks(cls, v: list[str]) -> list[str]:
        for m in v:
            if m not in MARKS:
                raise ValueError(did_you_mean(m, MARKS, "mark"))
        return v

    @field_validator("account")
    @classmethod
    def _account(cls, v: str | None) -> str | None:
        if v is not None and v not in ACCOUNT_ACTIONS:
            raise ValueError(did_you_mean(v, ACCOUNT_ACTIONS, "account action"))
        return v


class Rule(BaseModel):
    """One rule: an id unique across files, the notice's wording it implements, its `when` and `then`."""

    model_config = ConfigDict(extra="forbid")
    id: str
    description: str = ""
    quote: str = ""  # the notice's / regulation's wording this rule implements
    when: When = When()
    then: Then


class Window(BaseModel):
    """A date range (`from` / `to`, both optional, inclusive) in which a file's rules are enforced."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    start: dt.date | None = Field(None, alias="from")
    end: dt.date | None = Field(None, alias="to")

    @model_validator(mode="after")
    def _order(self) -> Window:
        if self.start and self.end and self.start > self.end:
            raise ValueError(f"window ends ({self.end}) before it starts ({self.start})")
        return self

    def contains(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


Active = Window  # backward-compatible name


class PolicyFile(BaseModel):
    """One campaign's file: its notice metadata, enforcement windows, settings sections and rules."""

    model_config = ConfigDict(extra="forbid")
    campaign: str
    task: int | None = Field(None, ge=1, le=10)
    title: str = ""
    notice: str = ""
    source: str = ""
    period: Window | None = None
    active: Window | list[Window] = Window()
    overlay: bool = False
    fallback: bool = False
    minors: dict[str, Any] | None = None  # minors-mode settings (qinglang.policy.minors), validated there
    monetization: dict[str, Any] | None = None  # account eligibility (qinglang.policy.eligibility)
    rules: list[Rule]

    def windows(self) -> list[Window]:
        return self.active if isinstance(self.active, list) else [self.active]

    def is_active(self, day: dt.date) -> bool:
        return any(w.contains(day) for w in self.windows())


@dataclass(frozen=True)
class Policy:
    """The merged policies in force: immutable data (the evaluation caches live in `evaluate.Evaluator`)."""

    files: tuple[PolicyFile, ...]
    version: str
    sources: tuple[str, ...] = ()  # the file each entry of `files` came from

    def active(self, when: dt.date) -> list[PolicyFile]:
        return [p for p in self.files if p.is_active(when)]

    def campaign(self, name: str) -> PolicyFile | None:
        return next((p for p in self.files if p.campaign == name), None)


def is_minor_audience(content: Content) -> bool:
    """Minors-mode session, or an audience known to be under 18."""
    age = content.audience.age
    return content.audience.minor_mode or (age is not None and age < 18)
