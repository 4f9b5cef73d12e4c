"""The detector registry: `type` → factory, built explicitly from YAML (STYLE §5.4).

To add a detector: write `qinglang/detectors/<name>.py`, add its factory to `FACTORIES` below and an entry to
`default.yaml`, and a test in `tests/detectors/`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError
from ..labels import check_label
from ..lexicon.matcher import CompiledLexicon
from ..text.normalize import Normalizer
from .base import Detector, Views


@dataclass
class BuildContext:
    """What factories may use: the shared normalizer and the compiled lexicons in force."""

    normalizer: Normalizer
    lexicon: CompiledLexicon
    custom_labels: frozenset[str] = frozenset()
    extra: dict[str, Any] = field(default_factory=dict)


def _lexicon(params: dict[str, Any], ctx: BuildContext) -> Detector:
    from .lexicon import LexiconDetector

    return LexiconDetector(ctx.lexicon)


def _topic(params: dict[str, Any], ctx: BuildContext) -> Detector:
    from .topic import build

    return build(params)


def _news(params: dict[str, Any], ctx: BuildContext) -> Detector:
    from .news import build

    return build(params, ctx.normalizer, ctx.extra)


def _enterprise(params: dict[str, Any], ctx: BuildContext) -> Detector:
    from .enterprise import build

    return build(params, ctx.extra)


def _livestream(params: dict[str, Any], ctx: BuildContext) -> Detector:
    from .livestream import build

    return build(params)


def _language_misuse(params: dict[str, Any], ctx: BuildContext) -> Detector:
    from .language_misuse import build

    return build(params, ctx.lexicon)


def _qr(params: dict[str, Any], ctx: BuildContext) -> Detector:
    from .qr import build

    return build(params)


def _indicator(params: dict[str, Any], ctx: BuildContext) -> Detector:
    from .indicator import build

    return build(params)


def _aigc(params: dict[str, Any], ctx: BuildContext) -> Detector:
    from .aigc import build

    return build(params)


def _contact(params: dict[str, Any], ctx: BuildContext) -> Detector:
    from .contact import ContactDetector

    dirs = [Path(p) for p in params.get("lexicons", [])] or None
    return ContactDetector(ctx.normalizer, dirs, ctx.custom_labels, host=ctx.lexicon)


def _claims(params: dict[str, Any], ctx: BuildContext) -> Detector:
    from .claims import build

    return build(params, ctx.normalizer)


def _model(params: dict[str, Any], ctx: BuildContext) -> Detector:
    from ..models.detector import DEFAULT_MODELS, ModelDetector

    names = params.get("models", list(DEFAULT_MODELS))
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise ConfigError("model detector: 'models' must be a list of shipped model names")
    return ModelDetector.shipped(names, min_score=float(params.get("min_score", 0.5)), top=int(params.get("top", 3)),
                                 max_score=float(params.get("max_score", 1.0)))


Factory = Callable[[dict[str, Any], BuildContext], Detector]
FACTORIES: dict[str, Factory] = {
    "lexicon": _lexicon,
    "topic": _topic,
    "news": _news,
    "enterprise": _enterprise,
    "livestream": _livestream,
    "language_misuse": _language_misuse,
    "qr": _qr,
    "indicator": _indicator,
    "aigc": _aigc,
    "contact": _contact,
    "claims": _claims,
    "model": _model,
}


def default_registry_path() -> Path:
    return Path(str(resources.files("qinglang.detectors").joinpath("default.yaml")))


def build_detectors(path: Path | None, ctx: BuildContext) -> list[Detector]:
    """Build the enabled detectors listed in a registry YAML; names must be unique and labels known."""
    path = path or default_registry_path()
    try:
        spec = yaml.safe_load(Path(path).read_text("utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read detector registry: {exc}") from None
    rows = spec.get("detectors") if isinstance(spec, dict) else None
    if not isinstance(rows, list):
        raise ConfigError(f"{path}: expected a 'detectors' list")
    out: list[Detector] = []
    names: set[str] = set()
    for k, row in enumerate(rows):
        where = f"{path}: detectors[{k}]"
        if not isinstance(row, dict) or "name" not in row or "type" not in row:
            raise ConfigError(f"{where}: each detector needs 'name' and 'type'")
        if not row.get("enabled", True):
            continue
        if row["name"] in names:
            raise ConfigError(f"{where}: duplicate detector name {row['name']!r}")
        names.add(row["name"])
        factory = FACTORIES.get(row["type"])
        if factory is None:
            raise ConfigError(f"{where}: unknown detector type {row['type']!r}; known: {sorted(FACTORIES)}")
        try:
            det = factory(dict(row.get("params") or {}), ctx)
        except ConfigError:
            raise
        except (ImportError, ModuleNotFoundError) as exc:
            if row.get("optional", False):
                continue
            raise ConfigError(f"{where}: {row['type']} needs an optional dependency: {exc}") from None
        for label in det.supported_labels:
            try:
                check_label(label, ctx.custom_labels)
            except ValueError as exc:
                raise ConfigError(f"{where}: {exc}") from None
        out.append(det)
    return out


__all__ = ["FACTORIES", "BuildContext", "Detector", "Views", "build_detectors", "default_registry_path"]
