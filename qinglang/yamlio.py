"""YAML reading for the engine's build: libyaml's parser where PyYAML has it (its wheels do), the same documents
several times faster than the pure-Python parser (policies, frames, claim families and lexicon manifests are a
large part of building an engine, and every CLI process, server worker and Spark task builds one).

A document the fast parser refuses is read again by the pure-Python one, so errors keep their usual wording (the
messages name file and line, and golden files hold them)."""

from __future__ import annotations

from typing import Any

import yaml

FastSafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # type: ignore[assignment]


def load(raw: str | bytes, loader: type | None = None, fallback: type | None = None) -> Any:
    """`yaml.load(raw)` with `loader` (default: the fast safe loader); on a YAML error, `fallback` (default:
    `yaml.SafeLoader`) parses again and raises its own error."""
    try:
        return yaml.load(raw, Loader=loader or FastSafeLoader)
    except yaml.YAMLError:
        return yaml.load(raw, Loader=fallback or yaml.SafeLoader)


def safe_load(raw: str | bytes) -> Any:
    """`yaml.safe_load`, through libyaml when available."""
    return load(raw)
