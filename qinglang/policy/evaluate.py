"""Pure evaluation: (policy, signals, content, date) → `Outcome`; every active rule whose `when` holds fires
and the strictest action wins.

The per-day plans (active rules indexed by label) and the outcome memo are caches, so they are not kept on
the frozen `Policy`: an `Evaluator` holds them and the engine state owns one per policy, built with it and
swapped with it on reload. The caches only ever map a key to the value the pure function gives for it, so a
race between two threads at worst computes one entry twice.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..clock import CN_TZ, parse_time
from ..labels import Action
from ..model import Content, Signal
from .schema import Policy, PolicyFile, Rule, When, is_minor_audience

_MEMO_SIZE = 4096  # outcomes remembered (feeds repeat: the same lexicon scores on the same surface)
_PLANS_SIZE = 64  # days planned (a replay of old content asks for many)


@dataclass(frozen=True)
class Plan:
    """The active rules of one day: the labels non-fallback files claim, rules by label, rules for any label."""

    claimed: frozenset[str]
    by_label: dict[str, list[tuple[int, PolicyFile, Rule]]]
    always: tuple[tuple[int, PolicyFile, Rule], ...]

    def candidates(self, labels: Iterable[str]) -> list[tuple[int, PolicyFile, Rule]]:
        """The rules that may fire for these labels, in file order, each once."""
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


def make_plan(policy: Policy, day: dt.date) -> Plan:
    """Index the rules active on `day` by label (evaluation then stays O(relevant rules))."""
    active = policy.active(day)
    claimed = frozenset(lab for pf in active if not pf.fallback for r in pf.rules for lab in (r.when.labels or []))
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
    return Plan(claimed, by_label, tuple(always))


@dataclass(frozen=True)
class Outcome:
    """What the policy decided: the strictest action, marks, account actions, who acted on each label."""

    action: Action
    marks: tuple[str, ...]
    account_actions: tuple[dict[str, Any], ...]
    acted: dict[str, tuple[str, str]]  # label -> (campaign, rule) that set the strictest action on it
    fired: tuple[dict[str, Any], ...]


class Evaluator:
    """One policy with its evaluation caches (per-day plans, outcome memo, the tested-field reader)."""

    __slots__ = ("_outcomes", "_plans", "field_getter", "field_paths", "has_signal_free_rules", "policy",
                 "tiered_labels")

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        # Whether some rule fires on content fields alone (`labels: []`), so even a silent item is evaluated.
        self.has_signal_free_rules = any(r.when.labels == [] for p in policy.files for r in p.rules)
        # Every content field some rule tests (`when.fields`): with the signals, all an outcome depends on.
        self.field_paths = tuple(sorted({k for p in policy.files for r in p.rules for k in (r.when.fields or {})}))
        self.field_getter = _getter(self.field_paths)
        # The labels some rule reads by tier (`when.tiers`): their per-tier scores join the outcome's inputs.
        self.tiered_labels = frozenset(lab for p in policy.files for r in p.rules if r.when.tiers
                                       for lab in (r.when.labels or ()))
        self._plans: dict[dt.date, Plan] = {}
        self._outcomes: dict[tuple[Any, ...], Outcome] = {}

    def plan(self, day: dt.date) -> Plan:
        """The day's plan, built once per day."""
        plan = self._plans.get(day)
        if plan is None:
            plan = make_plan(self.policy, day)
            if len(self._plans) > _PLANS_SIZE:
                self._plans.clear()
            self._plans[day] = plan
        return plan

    def evaluate(self, signals: list[Signal], content: Content, *, today: dt.date, degraded: bool = False,
                 explain: bool = True) -> Outcome:
        """Apply every active rule; the strictest action wins. Without `explain`, the per-rule explanations
        (`Outcome.fired`) are skipped: the decision is the same, only cheaper (and memoized)."""
        if not signals and not degraded and not self.has_signal_free_rules:
            return _NOTHING  # every rule selects signals (or degradation): nothing can fire
        by_label: dict[str, float] = {}
        by_tier: dict[tuple[str, str], float] = {}
        tiered = self.tiered_labels
        for s in signals:
            if by_label.get(s.label, -1.0) < s.score:
                by_label[s.label] = s.score
            if tiered and s.label in tiered:
                k = (s.label, s.rule.split(".", 1)[0])
                if by_tier.get(k, -1.0) < s.score:
                    by_tier[k] = s.score
        if explain:
            return _evaluate(self.plan(today), by_label, content, degraded, True, by_tier)
        key = (today, degraded, content.surface, is_minor_audience(content), self.field_getter(content),
               tuple(by_label.items()) if len(by_label) == 1 else tuple(sorted(by_label.items())),
               tuple(sorted(by_tier.items())) if by_tier else ())
        memo = self._outcomes
        out = memo.get(key)
        if out is None:
            out = _evaluate(self.plan(today), by_label, content, degraded, False, by_tier)
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            memo[key] = out
        return out


def _getter(paths: tuple[str, ...]) -> Callable[[Content], tuple[Any, ...]]:
    """One call that reads every tested content field (`operator.attrgetter` follows dotted paths)."""
    if not paths:
        return lambda content: ()
    get = operator.attrgetter(*paths)
    return (lambda content: (get(content),)) if len(paths) == 1 else get


def evaluate(policy: Policy | Evaluator, signals: list[Signal], content: Content, *, today: dt.date,
             degraded: bool = False, explain: bool = True) -> Outcome:
    """`Evaluator.evaluate` for one call (a bare `Policy` gets fresh caches: pass the engine's `Evaluator`
    where calls repeat)."""
    ev = policy if isinstance(policy, Evaluator) else Evaluator(policy)
    return ev.evaluate(signals, content, today=today, degraded=degraded, explain=explain)


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


def _evaluate(plan: Plan, by_label: dict[str, float], content: Content, degraded: bool, explain: bool,
              by_tier: dict[tuple[str, str], float] | None = None) -> Outcome:
    best = Action.PASS
    marks: list[str] = []
    accounts: list[dict[str, Any]] = []
    acted: dict[str, tuple[str, str, Action]] = {}
    fired: list[dict[str, Any]] = []
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
        elif w.tiers:
            # only the named tiers' signals count: the label's best score among them
            tier_scores = by_tier or {}
            matched = []
            for lab in w.labels or ():  # `When` requires the labels a tiered rule reads
                sc = max((tier_scores.get((lab, t), -1.0) for t in w.tiers), default=-1.0)
                if sc >= threshold and lab in by_label and not (pf.fallback and lab in claimed):
                    matched.append((lab, sc))
            if not matched:
                continue
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
    if w.tiers:
        parts.append("read by " + ", ".join(w.tiers))
    if w.degraded:
        parts.append("a detector failed")
    return "; ".join(parts)
