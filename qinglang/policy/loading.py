"""Reading policy folders: YAML → validated `PolicyFile`s → one `Policy`, every error naming the file, the
key path and the line (with a did-you-mean for misspelt keys)."""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .. import yamlio
from ..errors import PolicyError
from ..labels import check_label
from .eligibility import MonetizationSettings
from .minors import MinorsSettings
from .schema import Policy, PolicyFile, Rule, Then, When, Window, did_you_mean


def shipped_policy_dir() -> Path:
    """The campaign policies shipped inside the package."""
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
    for key, model in (("minors", MinorsSettings), ("monetization", MonetizationSettings)):
        value = getattr(pf, key)
        if value is None:
            continue
        try:
            model.model_validate(value)
        except ValidationError as exc:
            raise _validation_error(path, raw, exc, prefix=(key,)) from None


class _UniqueKeys:
    """A loader mix-in that refuses a key given twice in one mapping: plain YAML keeps the last value silently, so
    a second `regex:` in a cue family would drop the first family's patterns without a word."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)  # type: ignore[attr-defined]
            if isinstance(key, str | int | float | bool) and key in seen:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping", node.start_mark, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc]


class _UniqueKeyLoader(_UniqueKeys, yaml.SafeLoader):
    pass


class _FastUniqueKeyLoader(_UniqueKeys, yamlio.FastSafeLoader):  # type: ignore[valid-type,misc]
    pass  # libyaml's parser (qinglang/yamlio.py): policies and frames are a third of an engine's build


def yaml_mapping(path: Path, raw: bytes, error: type[Exception], shape: str) -> dict[str, Any]:
    """The YAML mapping in `raw`, or `error` with file:line (policy and frame files share this); a key given twice
    in one mapping is an error at the second one's line."""
    try:
        data = yamlio.load(raw, _FastUniqueKeyLoader, _UniqueKeyLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise error(f"{path}{line}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
    except UnicodeDecodeError:
        raise error(f"{path}: not valid UTF-8") from None
    if not isinstance(data, dict):
        raise error(f"{path}:1: {shape}")
    return data


def _parse(path: Path, raw: bytes, custom_labels: frozenset[str]) -> PolicyFile:
    data = yaml_mapping(path, raw, PolicyError, "a policy file must be a mapping with 'campaign' and 'rules'")
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
        msg = did_you_mean(str(loc[-1]), allowed, "key") if allowed else "unknown key"
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
