"""Load and run the campaign scenario files in tests/scenarios/ (shared by the tests and docs tooling)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from qinglang.engine import Engine
from qinglang.model import Decision

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"


@dataclass(frozen=True)
class Case:
    file: str
    index: int
    name: str
    content: dict[str, Any]
    expect: dict[str, Any]
    engine: tuple[tuple[str, Any], ...]


def load_cases() -> list[Case]:
    out = []
    for path in sorted(SCENARIOS.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text("utf-8"))
        defaults = spec.get("defaults") or {}
        eng = spec.get("engine") or {}
        for k, case in enumerate(spec["cases"]):
            content = {"id": f"{path.stem}-{k + 1}", **defaults, **case["content"]}
            out.append(Case(path.stem, k + 1, case["name"], content, case["expect"],
                            tuple(sorted((key, _freeze(v)) for key, v in eng.items()))))
    return out


def _freeze(v: Any) -> Any:
    return tuple(v) if isinstance(v, list) else v


@cache
def engine_for(engine: tuple[tuple[str, Any], ...]) -> Engine:
    cfg = dict(engine)
    extra: dict[str, Any] = {}
    if "brands" in cfg:
        extra["enterprise_brands"] = list(cfg["brands"])
    if "news_registry" in cfg:
        extra["news_registry"] = str(SCENARIOS / cfg["news_registry"])
    return Engine.from_config(extra=extra, detectors=_deterministic_registry())


@cache
def _deterministic_registry() -> Path:
    """The default detectors minus the learned models.

    Scenarios pin what each campaign's rules do with the signals of the deterministic detectors (lexicons,
    contacts, patterns, metadata); the models' behaviour is measured on labelled sets (docs/accuracy.md) and
    tested in tests/models, where a model score moving by a few points is not a policy change.
    """
    import tempfile

    import yaml

    from qinglang.detectors import default_registry_path

    spec = yaml.safe_load(default_registry_path().read_text("utf-8"))
    spec["detectors"] = [d for d in spec["detectors"] if d.get("type") != "model"]
    path = Path(tempfile.mkdtemp(prefix="qinglang-scenarios-")) / "detectors.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), "utf-8")
    return path


def check(case: Case, decision: Decision) -> list[str]:
    """Differences between a decision and the case's expectation (empty = pass)."""
    exp = case.expect
    got_labels = {lab.label for lab in decision.labels}
    problems = []
    if "action" in exp and decision.action != exp["action"]:
        problems.append(f"action {decision.action!r} != expected {exp['action']!r}")
    want = exp.get("labels")
    if want is not None:
        if want == [] and got_labels:
            problems.append(f"expected no labels, got {sorted(got_labels)}")
        missing = set(want) - got_labels
        if missing:
            problems.append(f"missing labels {sorted(missing)} (got {sorted(got_labels)})")
    for lab in exp.get("absent", []):
        if lab in got_labels:
            problems.append(f"label {lab!r} should be absent")
    missing_marks = set(exp.get("marks", [])) - set(decision.marks)
    if missing_marks:
        problems.append(f"missing marks {sorted(missing_marks)} (got {list(decision.marks)})")
    if "campaign" in exp:
        campaigns = {lab.campaign for lab in decision.labels}
        fired = {f["campaign"] for f in (decision.trace or {}).get("rules_fired", [])}
        if exp["campaign"] not in campaigns | fired:
            problems.append(f"campaign {exp['campaign']!r} not among {sorted(campaigns | fired)}")
    if "account" in exp:
        got = {a["action"] for a in decision.account_actions}
        if set(exp["account"]) - got:
            problems.append(f"account actions {sorted(got)} lack {exp['account']}")
    return problems
