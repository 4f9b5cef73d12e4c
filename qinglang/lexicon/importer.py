"""Import other word filters' lists into a lexicon folder (`qinglang lexicon import --from houbb|toolgood|lines`).

Formats:

- ``houbb`` (houbb/sensitive-word): one word a line; a line may carry tags after a space, comma-separated
  (``词 标签1,标签2``, the format of its tag files). Its allow list is the same one-word-a-line format.
- ``toolgood`` (ToolGood.Words): keywords separated by ``|`` and/or line breaks (``SetKeywords(s.Split('|'))``).
- ``lines``: Qinglang's own term-file format: one term a line, optional TAB-separated label, severity, tags.

The result is an ordinary lexicon folder (PROVENANCE, lexicon.yaml, terms.txt, allow.txt): the loader checks it
like any other, and a platform passes it with ``--lexicon`` / ``Engine.from_config(lexicons=[...])``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import ConfigError
from .loader import ALLOW_FILE, Lexicon, load_dir

FORMATS = ("houbb", "toolgood", "lines")


@dataclass(frozen=True)
class Row:
    term: str
    label: str = ""
    severity: str = ""
    tags: tuple[str, ...] = ()


def parse(text: str, fmt: str) -> list[Row]:
    """Rows of one word list in `fmt`; duplicates dropped (first kept), blank and '#' lines skipped."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown import format {fmt!r}; known: {list(FORMATS)}")
    rows: dict[str, Row] = {}
    if fmt == "toolgood":
        items = [w for line in text.splitlines() for w in line.split("|")]
        for w in items:
            w = _clean(w)
            if w and not w.startswith("#"):
                rows.setdefault(w, Row(w))
        return list(rows.values())
    for line in text.splitlines():
        line = unicodedata.normalize("NFKC", line).strip("\r\n\ufeff")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if fmt == "lines":
            cols = [c.strip() for c in line.split("\t")]
            tags = tuple(t.strip() for t in cols[3].replace("，", ",").split(",") if t.strip()) if len(cols) > 3 else ()
            row = Row(cols[0], cols[1] if len(cols) > 1 else "", cols[2] if len(cols) > 2 else "", tags)
        else:  # houbb: "word" or "word tag1,tag2"
            word, _, tag_part = line.strip().partition(" ")
            tags = tuple(t.strip() for t in tag_part.replace("，", ",").split(",") if t.strip())
            row = Row(word.strip(), tags=tags)
        if row.term:
            rows.setdefault(row.term, row)
    return list(rows.values())


def _clean(word: str) -> str:
    return unicodedata.normalize("NFKC", word).strip().strip("\ufeff")


def write_folder(out: Path, rows: list[Row], *, name: str, label: str, severity: str, source: str, license: str,
                 allow: list[str] | None = None, match: list[str] | None = None, tags: list[str] | None = None,
                 overwrite: bool = False) -> Lexicon:
    """Write a lexicon folder and load it back (so every row is checked like any lexicon); returns it."""
    if not rows:
        raise ConfigError("nothing to import: the list has no words")
    if not source.strip() or not license.strip():
        raise ConfigError("an imported list needs its source and its license (they go into PROVENANCE)")
    out = Path(out)
    if out.exists() and any(out.iterdir()) and not overwrite:
        raise ConfigError(f"{out} exists and is not empty (pass --overwrite to replace its files)")
    for r in rows:
        if "\t" in r.term or "\n" in r.term:
            raise ConfigError(f"term {r.term!r}: contains a tab or a line break")
    out.mkdir(parents=True, exist_ok=True)
    (out / "PROVENANCE").write_text(
        f"source: {source.strip()}\nlicense: {license.strip()}\n"
        f"notes: imported with `qinglang lexicon import` ({len(rows)} terms)\n", encoding="utf-8")
    manifest: dict[str, object] = {"name": name, "label": label, "severity": severity}
    if match:
        manifest["match"] = list(match)
    if tags:
        manifest["tags"] = list(tags)
    manifest["files"] = [{"path": "terms.txt", "source": source.strip()}]
    (out / "lexicon.yaml").write_text(
        "# Imported word list (qinglang lexicon import); edit freely, the loader checks it on every build.\n"
        + yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False), encoding="utf-8")
    lines = []
    for r in rows:
        cols = [r.term, r.label, r.severity, ",".join(r.tags)]
        while len(cols) > 1 and not cols[-1]:
            cols.pop()
        lines.append("\t".join(cols))
    (out / "terms.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    allow_path = out / ALLOW_FILE
    if allow:
        allow_path.write_text("\n".join(dict.fromkeys(a for a in allow if a)) + "\n", encoding="utf-8")
    elif allow_path.exists():
        allow_path.unlink()
    from ..labels import LABELS

    return load_dir(out, frozenset(LABELS))
