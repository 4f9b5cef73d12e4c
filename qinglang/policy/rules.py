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
    then: {action: label, marks: [source], account: strike}
```

A threshold map's keys are surfaces, `minor` (audience in minors mode or aged under 18) and `default`; the rule
uses the LOWEST threshold among the keys that apply, so prominent surfaces and minors are never laxer than the
feed. Without a `default` key the rule only applies where one of its keys does (e.g. "limit off 首页首屏").

Evaluation is a pure function of (signals, content, date): every active rule whose `when` holds fires; the
strictest action wins; each label in the decision names the campaign and rule that acted on it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import hashlib
import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..errors import InvalidContent, PolicyError
from ..labels import Action, check_label
from ..model import SURFACES, Content, Signal

CN_TZ = dt.timezone(dt.timedelta(hours=8))
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


def _hint(value: str, choices: frozenset[str] | set[str], what: str) -> str:
    close = difflib.get_close_matches(value, sorted(choices), n=1)
    return f"unknown {what} {value!r}" + (f" (did you mean {close[0]!r}?)" if close else "")


class When(BaseModel):
    model_config = ConfigDict(extra="forbid")
    labels: list[str] | None = None  # None: any label; []: no label needed
    min_score: float | dict[str, float] = 0.0
    surfaces: list[str] | None = None
    minor_mode: bool | None = None
    degraded: bool | None = None
    fields: dict[str, bool | str | None] | None = None
    also: list[str] | None = None  # labels that must ALSO be present (any score), e.g. rumor + aigc_unlabeled

    @field_validator("surfaces")
    @classmethod
    def _surfaces(cls, v: list[str] | None) -> list[str] | None:
        for s in v or []:
            if s not in SURFACES:
                raise ValueError(_hint(s, SURFACES, "surface"))
        return v

    @field_validator("min_score")
    @classmethod
    def _min_score(cls, v: float | dict[str, float]) -> float | dict[str, float]:
        values = v.values() if isinstance(v, dict) else [v]
        for key in v if isinstance(v, dict) else []:
            if key not in THRESHOLD_KEYS:
                raise ValueError(_hint(key, THRESHOLD_KEYS, "threshold key"))
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
                raise ValueError(_hint(key, FIELD_PATHS, "content field"))
        return v

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
            raise ValueError(_hint(v, {a.value_name for a in Action}, "action")) from None
        return v

    @field_validator("marks")
    @classmethod
    def _marks(cls, v: list[str]) -> list[str]:
        for m in v:
            if m not in MARKS:
                raise ValueError(_hint(m, MARKS, "mark"))
        return v

    @field_validator("account")
    @classmethod
    def _account(cls, v: str | None) -> str | None:
        if v is not None and v not in ACCOUNT_ACTIONS:
            raise ValueError(_hint(v, ACCOUNT_ACTIONS, "account action"))
        return v


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    description: str = ""
    quote: str = ""  # the notice's / regulation's wording this rule implements
    when: When = When()
    then: Then


class Window(BaseModel):
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
    """The merged policies in force."""

    files: tuple[PolicyFile, ...]
    version: str
    sources: tuple[str, ...] = ()  # the file each entry of `files` came from

    def active(self, when: dt.date) -> list[PolicyFile]:
        return [p for p in self.files if p.is_active(when)]

    @functools.cached_property
    def has_signal_free_rules(self) -> bool:
        """Whether some rule fires on content fields alone (`labels: []`), so even a silent item is evaluated."""
        return any(r.when.labels == [] for p in self.files for r in p.rules)

    def campaign(self, name: str) -> PolicyFile | None:
        return next((p for p in self.files if p.campaign == name), None)

    @functools.cached_property
    def _plans(self) -> dict[dt.date, _Plan]:
        return {}

    @functools.cached_property
    def field_paths(self) -> tuple[str, ...]:
        """Every content field some rule tests (`when.fields`): with the signals, all an outcome depends on."""
        return tuple(sorted({k for p in self.files for r in p.rules for k in (r.when.fields or {})}))

    @functools.cached_property
    def field_getter(self) -> Callable[[Content], tuple[Any, ...]]:
        """One call that reads every tested content field (`operator.attrgetter` follows dotted paths)."""
        if not self.field_paths:
            return lambda content: ()
        get = operator.attrgetter(*self.field_paths)
        return (lambda content: (get(content),)) if len(self.field_paths) == 1 else get

    @functools.cached_property
    def _outcomes(self) -> dict[tuple[Any, ...], Outcome]:
        return {}

    def plan(self, day: dt.date) -> _Plan:
        """The active rules of a day, indexed by label (built once per day: evaluation stays O(relevant rules))."""
        plan = self._plans.get(day)
        if plan is None:
            active = self.active(day)
            claimed = frozenset(
                lab for pf in active if not pf.fallback for r in pf.rules for lab in (r.when.labels or [])
            )
            by_label: dict[str, list[tuple[int, PolicyFile, Rule]]] = {}
            always: list[tuple[int, PolicyFile, Rule]] = []
            order = 0
            for pf in active:
                for rule in pf.rules:
                    entry = (order, pf, rule)
                    order += 1
                    if rule.when.labels is None or rule.when.labels == [] or rule.when.degraded:
                        always.append(entry)
                    else:
                        for lab in rule.when.labels:
                            by_label.setdefault(lab, []).append(entry)
            plan = _Plan(claimed, by_label, tuple(always))
            if len(self._plans) > 64:
                self._plans.clear()
            self._plans[day] = plan
        return plan


@dataclass(frozen=True)
class _Plan:
    claimed: frozenset[str]
    by_label: dict[str, list[tuple[int, PolicyFile, Rule]]]
    always: tuple[tuple[int, PolicyFile, Rule], ...]

    def candidates(self, labels: Iterable[str]) -> list[tuple[int, PolicyFile, Rule]]:
        seen = list(self.always)
        for lab in labels:
            seen.extend(self.by_label.get(lab, ()))
        seen.sort(key=lambda e: e[0])
        out, last = [], -1
        for e in seen:
            if e[0] != last:
                out.append(e)
                last = e[0]
        return out


def shipped_policy_dir() -> Path:
    return Path(str(resources.files("qinglang").joinpath("policies")))


def load_policies(dirs: list[Path], custom_labels: frozenset[str] = frozenset()) -> Policy:
    """Load every `*.yaml` in the folders; any error names the file, key path and line; nothing half-loaded.

    A later folder's file with the same `campaign` replaces the earlier one: that is how a platform adjusts a
    shipped campaign (copy the file, edit, pass its folder). Two files with one campaign in one folder is an error.
    """
    by_campaign: dict[str, tuple[PolicyFile, Path, bytes, int]] = {}
    for k, d in enumerate(dirs):
        d = Path(d)
        if not d.exists():
            raise PolicyError(f"policy folder not found: {d}")
        paths = [d] if d.is_file() else sorted(d.glob("*.yaml"))
        for path in paths:
            raw = path.read_bytes()
            pf = _parse(path, raw, custom_labels)
            prev = by_campaign.get(pf.campaign)
            if prev is not None and prev[3] == k:
                raise PolicyError(f"{path}: campaign {pf.campaign!r} is also defined in {prev[1]}")
            by_campaign[pf.campaign] = (pf, path, raw, k)
    digest = hashlib.sha256()
    seen: dict[str, str] = {}
    for pf, path, raw, _ in by_campaign.values():
        digest.update(path.name.encode() + b"\0" + raw)
        for r in pf.rules:
            if r.id in seen:
                raise PolicyError(
                    f"{path}{_line_no(raw, ('rules', pf.rules.index(r), 'id'))}: rule id {r.id!r} is defined twice "
                    f"(campaigns {seen[r.id]} and {pf.campaign})"
                )
            seen[r.id] = pf.campaign
        _check_section(pf, path, raw)
    return Policy(
        files=tuple(v[0] for v in by_campaign.values()), version="sha256:" + digest.hexdigest(),
        sources=tuple(str(v[1]) for v in by_campaign.values()),
    )


def _check_section(pf: PolicyFile, path: Path, raw: bytes) -> None:
    """Validate the settings sections with their own schemas, so errors still point at file and line."""
    from .eligibility import MonetizationSettings
    from .minors import MinorsSettings

    for key, model in (("minors", MinorsSettings), ("monetization", MonetizationSettings)):
        value = getattr(pf, key)
        if value is None:
            continue
        try:
            model.model_validate(value)
        except ValidationError as exc:
            raise _validation_error(path, raw, exc, prefix=(key,)) from None


def _parse(path: Path, raw: bytes, custom_labels: frozenset[str]) -> PolicyFile:
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise PolicyError(f"{path}{line}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
    except UnicodeDecodeError:
        raise PolicyError(f"{path}: not valid UTF-8") from None
    if not isinstance(data, dict):
        raise PolicyError(f"{path}:1: a policy file must be a mapping with 'campaign' and 'rules'")
    try:
        pf = PolicyFile.model_validate(data)
    except ValidationError as exc:
        raise _validation_error(path, raw, exc) from None
    for k, rule in enumerate(pf.rules):
        for key in ("labels", "also"):
            for j, label in enumerate(getattr(rule.when, key) or []):
                try:
                    check_label(label, custom_labels)
                except ValueError as exc:
                    loc = ("rules", k, "when", key, j)
                    raise PolicyError(f"{path}{_line_no(raw, loc)}: rules.{k}.when.{key}: {exc}") from None
    return pf


def _validation_error(path: Path, raw: bytes, exc: ValidationError, prefix: tuple[Any, ...] = ()) -> PolicyError:
    errors = exc.errors()
    # A misspelt key shows up twice (unknown key + required key missing); the typo is the useful half.
    err = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    loc = (*prefix, *(x for x in err["loc"] if not _is_tag(x)))
    keypath = ".".join(str(x) for x in loc)
    msg = err["msg"].removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        allowed = _allowed_keys(loc[:-1])
        msg = _hint(str(loc[-1]), allowed, "key") if allowed else "unknown key"
    elif err["type"] == "missing":
        msg = "required key is missing"
    return PolicyError(f"{path}{_line_no(raw, loc)}: {keypath}: {msg}")


_UNION_TAGS = {"float", "dict[str,float]", "Window", "list[Window]", "bool", "str", "int"}


def _is_tag(x: Any) -> bool:
    """pydantic's union-member and validator entries in an error location (not keys of the file)."""
    return isinstance(x, str) and (x in _UNION_TAGS or x.startswith(("function-", "union[")) or "[" in x)


def _allowed_keys(loc: tuple[Any, ...]) -> set[str]:
    """The keys the schema allows at a key path (for "did you mean")."""
    model: Any = PolicyFile
    for key in loc:
        if isinstance(key, int):
            continue
        field = model.model_fields.get(key) if hasattr(model, "model_fields") else None
        if field is None:
            return set()
        ann = field.annotation
        nxt = None
        for cand in (Rule, When, Then, Window):
            if cand is ann or cand in getattr(ann, "__args__", ()):
                nxt = cand
        if nxt is None and key == "rules":
            nxt = Rule
        if nxt is None:
            return set()
        model = nxt
    return {f.alias or name for name, f in model.model_fields.items()}


def _line_no(raw: bytes, loc: tuple[Any, ...]) -> str:
    line = _line_of_key(raw, loc)
    return f":{line}" if line else ""


def _line_of(raw: bytes, loc: tuple[Any, ...]) -> str:
    line = _line_of_key(raw, loc)
    return f" (line {line})" if line else ""


def _line_of_key(raw: bytes, loc: tuple[Any, ...]) -> int | None:
    """Line number (1-based) of the deepest node of a key path found in the YAML node tree."""
    try:
        node: Any = yaml.compose(raw.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        return None
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if k.value == str(key)), None)
            if pair is None:
                break
            line = pair[0].start_mark.line + 1
            node = pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            break
    return line


def is_minor_audience(content: Content) -> bool:
    """Minors-mode session, or an audience known to be under 18."""
    age = content.audience.age
    return content.audience.minor_mode or (age is not None and age < 18)


def parse_time(value: str, where: str = "created_at") -> dt.datetime:
    """ISO 8601 → aware datetime; a naive value is read as China time (UTC+8)."""
    try:
        t = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidContent(f"field '{where}' must be an ISO 8601 date-time, got {value!r}") from None
    return t if t.tzinfo else t.replace(tzinfo=CN_TZ)


def decision_date(content: Content, now: dt.datetime | None = None) -> dt.date:
    """The date that selects dated overlays: the content's own `created_at` (China time), else `now`.

    Why the content's date: a decision must be reproducible — re-running a Spring-Festival post in an audit or
    appeal months later must give the same answer — and the campaigns target what was published in their
    window. Content without `created_at` is being published now, so the clock (or the caller's `now`) decides.
    """
    if content.created_at:
        return parse_time(content.created_at).astimezone(CN_TZ).date()
    return (now or dt.datetime.now(CN_TZ)).astimezone(CN_TZ).date()


def _field_value(content: Content, path: str) -> Any:
    obj: Any = content
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


@dataclass(frozen=True)
class Outcome:
    action: Action
    marks: tuple[str, ...]
    account_actions: tuple[dict[str, Any], ...]
    acted: dict[str, tuple[str, str]]  # label -> (campaign, rule) that set the strictest action on it
    fired: tuple[dict[str, Any], ...]


def evaluate(policy: Policy, signals: list[Signal], content: Content, *, today: dt.date,
             degraded: bool = False, explain: bool = True) -> Outcome:
    """Apply every active rule; the strictest action wins (pure function). Without `explain`, the
    per-rule explanations (`Outcome.fired`) are skipped: the decision is the same, only cheaper."""
    if not signals and not degraded and not policy.has_signal_free_rules:
        return _NOTHING  # every rule selects signals (or degradation): nothing can fire
    by_label: dict[str, float] = {}
    for s in signals:
        if by_label.get(s.label, -1.0) < s.score:
            by_label[s.label] = s.score
    if explain:
        return _evaluate(policy, by_label, content, today, degraded, True)
    # The outcome is a pure function of this key, and feeds repeat themselves (the same lexicon scores on the
    # same surface): a bounded memo turns most evaluations into one dict lookup.
    key = (today, degraded, content.surface, is_minor_audience(content), policy.field_getter(content),
           tuple(by_label.items()) if len(by_label) == 1 else tuple(sorted(by_label.items())))
    memo = policy._outcomes
    out = memo.get(key)
    if out is None:
        out = _evaluate(policy, by_label, content, today, degraded, False)
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        memo[key] = out
    return out


_MEMO_SIZE = 4096


def _evaluate(policy: Policy, by_label: dict[str, float], content: Content, today: dt.date, degraded: bool,
              explain: bool) -> Outcome:
    best = Action.PASS
    marks: list[str] = []
    accounts: list[dict[str, Any]] = []
    acted: dict[str, tuple[str, str, Action]] = {}
    fired: list[dict[str, Any]] = []
    plan = policy.plan(today)
    claimed = plan.claimed
    minor = is_minor_audience(content)
    for _, pf, rule in plan.candidates(by_label):
        w = rule.when
        if w.surfaces is not None and content.surface not in w.surfaces:
            continue
        if w.minor_mode is not None and minor != w.minor_mode:
            continue
        if w.degraded is not None and w.degraded != degraded:
            continue
        if w.fields and any(_field_value(content, k) != v for k, v in w.fields.items()):
            continue
        if w.also and not all(lab in by_label for lab in w.also):
            continue
        threshold = w.threshold(content)
        if threshold is None:
            continue
        if w.degraded or w.labels == []:
            matched: list[tuple[str, float]] = []
        else:
            matched = [(lab, sc) for lab, sc in by_label.items()
                       if (w.labels is None or lab in w.labels) and sc >= threshold
                       and not (pf.fallback and lab in claimed)]
            if not matched:
                continue
        action = Action.parse(rule.then.action)
        if explain:
            fired.append({
                "campaign": pf.campaign, "rule": rule.id, "action": action.value_name,
                "labels": [lab for lab, _ in matched],
                "why": _why(matched, threshold, content, w), "quote": rule.quote,
            })
        best = max(best, action)
        for m in rule.then.marks:
            if m not in marks:
                marks.append(m)
        if rule.then.account:
            accounts.append({"action": rule.then.account, "campaign": pf.campaign, "rule": rule.id})
        for lab, _ in matched:
            prev = acted.get(lab)
            if prev is None or action > prev[2]:
                acted[lab] = (pf.campaign, rule.id, action)
    return Outcome(
        action=best, marks=tuple(marks), account_actions=tuple(accounts),
        acted={k: (c, r) for k, (c, r, _) in acted.items()}, fired=tuple(fired),
    )


_NOTHING = Outcome(action=Action.PASS, marks=(), account_actions=(), acted={}, fired=())


def _why(matched: list[tuple[str, float]], threshold: float, content: Content, w: When) -> str:
    parts = [f"{lab} {sc:.2f} ≥ {threshold:.2f}" for lab, sc in matched]
    if isinstance(w.min_score, dict):
        parts.append(f"threshold for surface={content.surface}" + (", minor audience" if is_minor_audience(content)
                                                                    else ""))
    if w.fields:
        parts.append("content " + ", ".join(f"{k}={v}" for k, v in w.fields.items()))
    if w.also:
        parts.append("with " + ", ".join(w.also))
    if w.degraded:
        parts.append("a detector failed")
    return "; ".join(parts)
