"""Load lexicon folders: `PROVENANCE` (required) + `lexicon.yaml` (manifest) + term files.

A folder looks like::

    lexicons/porn/
      PROVENANCE          where the terms came from, license (the loader refuses a folder without it)
      lexicon.yaml        name, defaults, files and rich entries
      terms.txt           one term per line ('#' comments); optional TAB-separated label, severity and tags
      allow.txt           optional global allow list: one phrase a line; any hit inside one is dropped

`lexicon.yaml`::

    name: porn
    label: porn                 # default label for the files below
    severity: medium            # low | medium | high, or `score: 0.8`
    match: [exact, split]
    initials_min: 2             # shortest all-initials spelling matched (default 2)
    initials_guard: 3           # spellings of up to 3 letters must read as initials (default 0: off)
    tags: [广告法]              # tags for every entry below (added to an entry's own `tags`)
    allow: [南京市长江大桥]      # global allow list (as allow.txt): a hit inside one of these is no hit
    files:
      - {path: terms.txt, label: porn, severity: high, source: "konsheng/Sensitive-lexicon (MIT)"}
    entries:
      - {term: 菠菜, label: gambling, context: [平台, 网址], forbid: [炒, 鸡蛋], match: [exact, homophone]}
"""

from __future__ import annotations

import difflib
import hashlib
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .. import yamlio
from ..errors import ConfigError
from ..labels import check_label
from .model import MATCH_MODES, SEVERITY_SCORE, Entry

# Keys a manifest may hold besides the entry defaults it passes down (a typo must not compile to nothing).
MANIFEST_KEYS = {"name", "description", "files", "entries", "allow"}
ENTRY_KEYS = {
    "term", "label", "severity", "score", "match", "context", "forbid", "boost", "gain", "exempt", "window",
    "whole_word", "rule", "source", "initials_min", "initials_guard", "tags", "about", "yields",
}
ABOUT = frozenset({"", "diversion"})  # talk-about cue classes of qinglang.text.scope an entry's hits are read with
ALLOW_FILE = "allow.txt"


@dataclass(frozen=True, slots=True)
class Lexicon:
    name: str
    path: str
    entries: tuple[Entry, ...]
    digest: str  # sha256 over every file read, for policy_version
    allow: tuple[str, ...] = ()  # global allow phrases: any hit inside one is dropped (every lexicon's apply)


def shipped_lexicon_dirs() -> list[Path]:
    """The lexicon folders inside the installed package."""
    root = Path(str(resources.files("qinglang").joinpath("lexicons")))
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))


def load_dirs(paths: list[Path], custom_labels: frozenset[str] = frozenset()) -> list[Lexicon]:
    """Load many folders: a folder of folders is expanded one level."""
    out: list[Lexicon] = []
    for p in paths:
        p = Path(p)
        if not p.is_dir():
            raise ConfigError(f"lexicon folder not found: {p}")
        if (p / "lexicon.yaml").exists() or (p / "PROVENANCE").exists():
            out.append(load_dir(p, custom_labels))
        else:
            subs = sorted(s for s in p.iterdir() if s.is_dir() and not s.name.startswith((".", "_")))
            if not subs:
                raise ConfigError(f"{p}: neither a lexicon folder (lexicon.yaml + PROVENANCE) nor a folder of them")
            out.extend(load_dir(s, custom_labels) for s in subs)
    names = [lex.name for lex in out]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        raise ConfigError(f"duplicate lexicon names: {sorted(dup)}")
    return out


def load_dir(path: Path, custom_labels: frozenset[str] = frozenset()) -> Lexicon:
    """Load one lexicon folder; errors name the file and, for term files, the line."""
    return _load_dir_cached(Path(path).resolve(), _fingerprint(Path(path)), custom_labels)


def _fingerprint(path: Path) -> tuple[tuple[str, int, int], ...]:
    return tuple(
        (str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in sorted(path.rglob("*")) if f.is_file()
    )


@cache
def _load_dir_cached(path: Path, _fp: object, custom_labels: frozenset[str]) -> Lexicon:
    prov = path / "PROVENANCE"
    if not prov.is_file():
        raise ConfigError(f"{path}: lexicon folder has no PROVENANCE file (source and license are required)")
    digest = hashlib.sha256()
    manifest_path = path / "lexicon.yaml"
    manifest: dict[str, Any] = {}
    if manifest_path.exists():
        raw = manifest_path.read_bytes()
        digest.update(raw)
        try:
            manifest = yamlio.safe_load(raw) or {}
        except yaml.YAMLError as exc:
            raise ConfigError(f"{manifest_path}: invalid YAML: {exc}") from None
        if not isinstance(manifest, dict):
            raise ConfigError(f"{manifest_path}: top level must be a mapping")
    inherited = ("label", "severity", "score", "match", "window", "whole_word", "initials_min", "initials_guard",
                 "tags", "about", "yields")
    unknown = sorted(set(manifest) - MANIFEST_KEYS - set(inherited))
    if unknown:
        known = sorted(MANIFEST_KEYS | set(inherited))
        hints = [f"{k!r}" + (f" (did you mean {m[0]!r}?)" if (m := difflib.get_close_matches(k, known, 1)) else "")
                 for k in map(str, unknown)]
        raise ConfigError(f"{manifest_path}: unknown top-level keys {', '.join(hints)}; known: {known}")
    name = str(manifest.get("name") or path.name)
    defaults = {k: manifest[k] for k in inherited if k in manifest}
    entries: list[Entry] = []
    files = manifest.get("files")
    if files is None:
        files = [{"path": f.name} for f in sorted(path.glob("*.txt")) if f.name != ALLOW_FILE]
    for k, spec in enumerate(files):
        where = f"{manifest_path}: files[{k}]"
        if not isinstance(spec, dict) or "path" not in spec:
            raise ConfigError(f"{where}: each file needs a 'path'")
        fpath = path / spec["path"]
        if not fpath.is_file():
            raise ConfigError(f"{where}: file not found: {fpath}")
        data = fpath.read_bytes()
        digest.update(data)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ConfigError(f"{fpath}: not valid UTF-8 (byte {exc.start})") from None
        fdefaults = {**defaults, **{k2: v for k2, v in spec.items() if k2 != "path"}}
        if "tags" in spec and "tags" in defaults:
            fdefaults["tags"] = [*_tags(defaults["tags"], where), *_tags(spec["tags"], where)]
        seen: set[str] = set()
        for lineno, line in enumerate(text.splitlines(), 1):
            line = unicodedata.normalize("NFKC", line).strip()
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            row = {**fdefaults, "term": cols[0].strip()}
            if len(cols) > 1 and cols[1].strip():
                row["label"] = cols[1].strip()
            if len(cols) > 2 and cols[2].strip():
                row["severity"] = cols[2].strip()
            if len(cols) > 3 and cols[3].strip():
                row["tags"] = [*_tags(fdefaults.get("tags"), f"{fpath}:{lineno}"),
                               *_tags(cols[3].replace("，", ",").split(","), f"{fpath}:{lineno}")]
            if row["term"] in seen:
                continue
            seen.add(row["term"])
            entries.append(_entry(row, f"{fpath}:{lineno}", name, custom_labels))
    for k, row in enumerate(manifest.get("entries") or []):
        if not isinstance(row, dict):
            raise ConfigError(f"{manifest_path}: entries[{k}] must be a mapping")
        where = f"{manifest_path}: entries[{k}]"
        merged = {**defaults, **row}
        if "tags" in row and "tags" in defaults:
            merged["tags"] = [*_tags(defaults["tags"], where), *_tags(row["tags"], where)]
        entries.append(_entry(merged, where, name, custom_labels))
    allow = _words_of(manifest.get("allow"), f"{manifest_path}: allow")
    allow_path = path / ALLOW_FILE
    if allow_path.is_file():
        data = allow_path.read_bytes()
        digest.update(data)
        try:
            lines = data.decode("utf-8").splitlines()
        except UnicodeDecodeError as exc:
            raise ConfigError(f"{allow_path}: not valid UTF-8 (byte {exc.start})") from None
        allow += tuple(x for line in lines if (x := unicodedata.normalize("NFKC", line).strip())
                       and not x.startswith("#"))
    return Lexicon(name=name, path=str(path), entries=tuple(entries), digest=digest.hexdigest(),
                   allow=tuple(dict.fromkeys(allow)))


def _words_of(val: Any, where: str) -> tuple[str, ...]:
    if val is None:
        return ()
    if isinstance(val, str):
        val = [val]
    if not isinstance(val, list) or not all(isinstance(v, str) and v.strip() for v in val):
        raise ConfigError(f"{where}: must be a list of non-empty strings")
    return tuple(v.strip() for v in val)


def _tags(val: Any, where: str) -> tuple[str, ...]:
    """Tags as a tuple of non-empty names without commas or whitespace (one string or a list)."""
    if val is None:
        return ()
    if isinstance(val, str):
        val = [val]
    if not isinstance(val, (list, tuple)):
        raise ConfigError(f"{where}: tags must be a list of names")
    out = []
    for t in val:
        t = str(t).strip() if isinstance(t, (str, int)) and not isinstance(t, bool) else None
        if not t or any(c.isspace() or c == "," for c in t) or len(t) > 64:
            raise ConfigError(f"{where}: a tag must be a non-empty name of at most 64 characters without spaces "
                              "or commas")
        out.append(t)
    return tuple(dict.fromkeys(out))


def _int_in(val: Any, lo: int, hi: int, where: str, key: str) -> int:
    if not isinstance(val, int) or isinstance(val, bool) or not lo <= val <= hi:
        raise ConfigError(f"{where}: {key} must be an integer in {lo}..{hi}")
    return val


def _entry(row: dict[str, Any], where: str, lexicon: str, custom_labels: frozenset[str]) -> Entry:
    unknown = set(row) - ENTRY_KEYS - {"files", "entries", "name"}
    if unknown:
        raise ConfigError(f"{where}: unknown keys {sorted(unknown)}")
    term = row.get("term")
    if not isinstance(term, str) or not term.strip():
        raise ConfigError(f"{where}: 'term' must be a non-empty string")
    if "label" not in row:
        raise ConfigError(f"{where}: no label (set 'label' on the entry, the file or the lexicon)")
    try:
        label = check_label(str(row["label"]), custom_labels)
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    severity = str(row.get("severity", "medium"))
    if severity not in SEVERITY_SCORE:
        raise ConfigError(f"{where}: severity must be one of {sorted(SEVERITY_SCORE)}, got {severity!r}")
    score = row.get("score", SEVERITY_SCORE[severity])
    if not isinstance(score, (int, float)) or not 0 <= score <= 1:
        raise ConfigError(f"{where}: score must be a number in [0, 1]")
    match = row.get("match", ["exact"])
    if isinstance(match, str):
        match = [match]
    bad = set(match) - MATCH_MODES
    if bad:
        raise ConfigError(f"{where}: unknown match modes {sorted(bad)}; known: {sorted(MATCH_MODES)}")

    def words(key: str) -> tuple[str, ...]:
        val = row.get(key) or []
        if isinstance(val, str):
            val = [val]
        if not all(isinstance(v, str) and v for v in val):
            raise ConfigError(f"{where}: '{key}' must be a list of non-empty strings")
        return tuple(val)

    window = row.get("window", 12)
    if not isinstance(window, int) or not 1 <= window <= 200:
        raise ConfigError(f"{where}: window must be an integer in 1..200")
    if "regex" in match:
        if set(match) != {"regex"}:
            raise ConfigError(f"{where}: 'regex' cannot be combined with other match modes")
        import re2

        try:
            re2.compile(term)
        except Exception as exc:  # re2 raises its own error type for unsupported or invalid syntax
            raise ConfigError(f"{where}: invalid RE2 pattern {term!r}: {exc}") from None
    modes = frozenset(match) if "regex" in match else frozenset(match) | {"exact"}
    return Entry(
        term=term if "regex" in match else term.strip(), label=label, severity=severity, score=float(score),
        match=modes,
        context=words("context"), forbid=words("forbid"), boost=words("boost"), gain=float(row.get("gain", 0.2)),
        exempt=words("exempt"), window=window, whole_word=bool(row.get("whole_word", False)),
        initials_min=_int_in(row.get("initials_min", 2), 2, 10, where, "initials_min"),
        initials_guard=_int_in(row.get("initials_guard", 0), 0, 10, where, "initials_guard"),
        rule=str(row.get("rule") or f"lexicon.{lexicon}.{label}"), lexicon=lexicon,
        source=str(row.get("source") or where), tags=_tags(row.get("tags"), where), about=_about(row, where),
        yields=_yields(row, label, custom_labels, where),
    )


def _yields(row: dict[str, Any], label: str, custom: frozenset[str], where: str) -> tuple[str, ...]:
    val = row.get("yields") or []
    if isinstance(val, str):
        val = [val]
    if not isinstance(val, list) or not all(isinstance(v, str) and v for v in val):
        raise ConfigError(f"{where}: 'yields' must be a list of labels")
    if label in val:
        raise ConfigError(f"{where}: an entry cannot yield to its own label {label!r}")
    for v in val:
        try:
            check_label(v, custom)
        except ValueError as exc:
            raise ConfigError(f"{where}: yields: {exc}") from None
    return tuple(val)


def _about(row: dict[str, Any], where: str) -> str:
    about = str(row.get("about") or "")
    if about not in ABOUT:
        raise ConfigError(f"{where}: about must be one of {sorted(a for a in ABOUT if a)}")
    return about
