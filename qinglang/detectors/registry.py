"""The detector registry: YAML entries → validated specs → detectors (STYLE §5.4).

Every detector module exports a pydantic `Params` model (``extra="forbid"``: a misspelt key is an error, not
silently ignored) and a `build(spec, ctx)` function. A `Registry` maps a YAML `type` to that module; it is
immutable and handed to the engine (`EngineConfig.registry`), so a platform or a test adds a type with
`Registry.with_type` instead of patching a global. Modules are imported when an entry of their type is
built, so a type whose optional dependency is missing costs nothing until it is used.

The YAML `name` is the instance name: it reaches the detector (`spec.name`) and is reported in evidence as
``name@version``; two entries of one type are two detectors with two names.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .. import yamlio
from ..errors import ConfigError
from ..labels import check_label
from ..lexicon.matcher import CompiledLexicon
from ..text.normalize import Normalizer
from .base import Detector

P = TypeVar("P", bound=BaseModel)


@dataclass(frozen=True)
class BuildContext:
    """What `build` functions may use: the shared normalizer and the compiled lexicons in force."""

    normalizer: Normalizer
    lexicon: CompiledLexicon
    custom_labels: frozenset[str] = frozenset()
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DetectorSpec(Generic[P]):
    """One validated registry entry: instance name, type, typed params and where it was written."""

    name: str
    type: str
    params: P
    where: str = ""  # "file: detectors[k]", for error messages


class BuildFn(Protocol):
    """A detector module's `build(spec, ctx)`."""

    def __call__(self, spec: DetectorSpec[Any], ctx: BuildContext, /) -> Detector: ...


@dataclass(frozen=True)
class DetectorType:
    """A registered type: its `Params` model and its `build` function."""

    params: type[BaseModel]
    build: BuildFn


def _params_error(where: str, exc: ValidationError) -> ConfigError:
    """Name every bad key as a path (``params.night_start``) with pydantic's reason and the bad value."""
    parts = []
    for err in exc.errors():
        key = ".".join(str(p) for p in err.get("loc", ())) or "(params)"
        if err.get("type") == "extra_forbidden":
            parts.append(f"params.{key}: unknown key")
            continue
        value = err.get("input")
        shown = "" if isinstance(value, dict) or err.get("type") == "missing" else f" (got {value!r})"
        parts.append(f"params.{key}: {err.get('msg', 'invalid')}{shown}")
    return ConfigError(f"{where}: " + "; ".join(parts))


_DEFAULT_TYPES: dict[str, str] = {
    "lexicon": "qinglang.detectors.lexicon",
    "topic": "qinglang.detectors.topic",
    "news": "qinglang.detectors.news",
    "enterprise": "qinglang.detectors.enterprise",
    "livestream": "qinglang.detectors.livestream",
    "language_misuse": "qinglang.detectors.language_misuse",
    "innuendo": "qinglang.detectors.innuendo",
    "language_carried": "qinglang.detectors.language_carried",
    "qr": "qinglang.detectors.qr",
    "indicator": "qinglang.detectors.indicator",
    "aigc": "qinglang.detectors.aigc",
    "contact": "qinglang.detectors.contact",
    "contact_info": "qinglang.detectors.contact_info",
    "claims": "qinglang.detectors.claims",
    "model": "qinglang.models.detector",
    "frame": "qinglang.detectors.frame",
    "semantic": "qinglang.detectors.semantic",
    "stance": "qinglang.models.stance_detector",
    "recall": "qinglang.models.recall",
}


class Registry:
    """`type` → detector module (imported on first use) or a `DetectorType`. Immutable once built."""

    __slots__ = ("_types",)

    def __init__(self, types: Mapping[str, str | DetectorType]) -> None:
        self._types: dict[str, str | DetectorType] = dict(types)

    @classmethod
    def default(cls) -> Registry:
        """The shipped detector types."""
        return cls(_DEFAULT_TYPES)

    def with_type(self, name: str, kind: str | DetectorType) -> Registry:
        """A new registry with one more (or one replaced) type: a module path or a `DetectorType`."""
        return Registry({**self._types, name: kind})

    def __contains__(self, name: object) -> bool:
        return name in self._types

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._types))

    def get(self, name: str) -> DetectorType:
        """The type's Params and build (imports its module; ImportError when an optional dependency is missing)."""
        kind = self._types[name]
        if isinstance(kind, DetectorType):
            return kind
        module = importlib.import_module(kind)
        return DetectorType(params=module.Params, build=module.build)

    def spec(self, row: Mapping[str, Any], where: str) -> DetectorSpec[Any]:
        """Validate one YAML entry's params against its type's model (ConfigError naming file, entry and key)."""
        kind = self.get(row["type"])
        raw = row.get("params")
        if raw is None:
            raw = {}
        if not isinstance(raw, Mapping):
            raise ConfigError(f"{where}: params must be a mapping, got {type(raw).__name__}")
        try:
            params = kind.params.model_validate(dict(raw))
        except ValidationError as exc:
            raise _params_error(where, exc) from None
        return DetectorSpec(name=str(row["name"]), type=str(row["type"]), params=params, where=where)

    def build(self, path: Path | None, ctx: BuildContext) -> list[Detector]:
        """Build the enabled detectors listed in a registry YAML; names must be unique and labels known."""
        path = path or default_registry_path()
        try:
            doc = yamlio.safe_load(Path(path).read_text("utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"{path}: cannot read detector registry: {exc}") from None
        rows = doc.get("detectors") if isinstance(doc, dict) else None
        if not isinstance(rows, list):
            raise ConfigError(f"{path}: expected a 'detectors' list")
        out: list[Detector] = []
        names: set[str] = set()
        for k, row in enumerate(rows):
            where = f"{path}: detectors[{k}]"
            if not isinstance(row, dict) or "name" not in row or "type" not in row:
                raise ConfigError(f"{where}: each detector needs 'name' and 'type'")
            if row["type"] not in self:
                raise ConfigError(f"{where}: unknown detector type {row['type']!r}; known: {list(self)}")
            if not row.get("enabled", True):
                continue
            if row["name"] in names:
                raise ConfigError(f"{where}: duplicate detector name {row['name']!r}")
            names.add(row["name"])
            try:
                spec = self.spec(row, where)
                det = self.get(spec.type).build(spec, ctx)
            except ConfigError:
                raise
            except ImportError as exc:
                if row.get("optional", False):
                    continue
                raise ConfigError(f"{where}: {row['type']} needs an optional dependency: {exc}") from None
            for label in det.supported_labels:
                try:
                    check_label(label, ctx.custom_labels)
                except ValueError as exc:
                    raise ConfigError(f"{where}: {exc}") from None
            out.append(det)
        for det in out:  # a cascade stage may look at the detectors before it (the semantic tier: frame near misses)
            bind = getattr(det, "bind", None)
            if bind is not None:
                bind(out)
        return out


def default_registry_path() -> Path:
    """The shipped `default.yaml` (the default detector set)."""
    return Path(str(resources.files("qinglang.detectors").joinpath("default.yaml")))


def build_detectors(path: Path | None, ctx: BuildContext, registry: Registry | None = None) -> list[Detector]:
    """`Registry.build` with the shipped types unless a registry is given."""
    return (registry or Registry.default()).build(path, ctx)


Builder = Callable[[DetectorSpec[Any], BuildContext], Detector]
