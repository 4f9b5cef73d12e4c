"""Run-time lexicon edits: add and remove words and allow-list phrases while serving, without a rebuild.

Edits are kept in a journal, one JSON object a line (who, when, why, what), in a platform folder
(`EngineConfig.edits`). The journal is the record: replaying it gives the current overlay (words added, words
removed, phrases allowed), compiled on its own and laid over the engine's compiled lexicon
(`matcher.Overlay`), so an edit costs the compilation of the added words only (milliseconds), not of the
shipped lexicons (seconds). Every process that serves from the same journal notices a change by the file's
size and modification time on its next request (one `stat`), so an edit made by one worker is in force on the
next request to any worker, and after a restart.

Appends take an exclusive `flock` on the journal, so concurrent editors (several workers) never interleave lines.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import logging
import os
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError, QinglangError
from ..text.normalize import Normalizer
from .loader import _entry
from .matcher import AllowList, CompiledLexicon, Overlay
from .model import Entry

log = logging.getLogger(__name__)
OPS = ("add", "remove", "allow", "unallow")
LEXICON_NAME = "runtime"
MAX_TERM = 100
MAX_REASON = 500


class InvalidEdit(QinglangError):
    kind = "InvalidEdit"


@dataclass(frozen=True)
class Edit:
    """One journal line. `op`: add (a word, with label/severity/tags/match), remove (a word, shipped or added),
    allow / unallow (a global allow phrase)."""

    op: str
    term: str
    actor: str
    reason: str
    at: str = ""
    seq: int = 0
    label: str | None = None
    severity: str | None = None
    tags: tuple[str, ...] = ()
    match: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["tags"], d["match"] = list(self.tags), list(self.match)
        return {k: v for k, v in d.items() if v not in (None, [], "")} | {"reason": self.reason}


@dataclass
class _Folded:
    added: dict[str, Entry] = field(default_factory=dict)  # canonical term -> entry
    removed: set[str] = field(default_factory=set)
    allow: dict[str, None] = field(default_factory=dict)


class LexiconEdits:
    """The journal of one engine (or of many processes sharing a folder) and the overlay it amounts to."""

    def __init__(self, path: Path, normalizer: Normalizer, custom_labels: frozenset[str]) -> None:
        self.path = Path(path)
        self.normalizer = normalizer
        self.custom_labels = custom_labels
        self._lock = threading.Lock()
        self._seen: tuple[int, int] | None = None
        self._edits: list[Edit] = []
        self.overlay: Overlay | None = None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.refresh()

    # -- reading ------------------------------------------------------------------------------------------------
    def refresh(self) -> bool:
        """Re-read the journal if another process (or this one) changed it; True when the overlay changed."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            stamp = (0, -1)
        else:
            stamp = (st.st_mtime_ns, st.st_size)
        if stamp == self._seen:
            return False
        with self._lock:
            if stamp == self._seen:
                return False
            edits = self._read()
            try:
                overlay = self._build(edits)
            except QinglangError:
                self._seen = stamp  # report once per change of the file, not on every request
                raise
            self.overlay, self._edits, self._seen = overlay, edits, stamp
            return True

    def _read(self) -> list[Edit]:
        if not self.path.exists():
            return []
        out = []
        with open(self.path, encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                    row["tags"], row["match"] = tuple(row.get("tags", ())), tuple(row.get("match", ()))
                    edit = Edit(**row)
                    if edit.op not in OPS:
                        raise ValueError(f"unknown op {edit.op!r}")
                except (ValueError, TypeError, AttributeError) as exc:
                    # A torn write (a crash mid-line) is the one way a line goes bad in an append-only file:
                    # skip it loudly rather than stop every worker from serving.
                    log.warning("%s:%d: not a lexicon edit, skipped: %s", self.path, lineno, exc)
                    continue
                out.append(edit)
        return out

    def _fold(self, edits: Iterable[Edit]) -> _Folded:
        f = _Folded()
        canon = self._canon
        for e in edits:
            key = canon(e.term)
            if e.op == "add":
                f.added[key] = self._entry_of(e)
                f.removed.discard(key)
            elif e.op == "remove":
                f.added.pop(key, None)
                f.removed.add(key)
            elif e.op == "allow":
                f.allow[e.term] = None
            elif e.op == "unallow":
                f.allow.pop(e.term, None)
        return f

    def _build(self, edits: list[Edit]) -> Overlay | None:
        if not edits:
            return None
        f = self._fold(edits)
        added = CompiledLexicon(list(f.added.values()), self.normalizer) if f.added else None
        version = hashlib.sha256("\n".join(json.dumps(e.to_json(), ensure_ascii=False, sort_keys=True)
                                           for e in edits).encode()).hexdigest()[:16]
        return Overlay(added, frozenset(f.removed), AllowList(f.allow, self.normalizer), version)

    def _canon(self, term: str) -> str:
        return self.normalizer.normalize(term).text

    def _entry_of(self, e: Edit) -> Entry:
        row: dict[str, Any] = {"term": e.term, "label": e.label, "source": f"runtime edit #{e.seq} by {e.actor}"}
        if e.severity:
            row["severity"] = e.severity
        if e.tags:
            row["tags"] = list(e.tags)
        if e.match:
            row["match"] = list(e.match)
        try:
            return _entry(row, f"runtime edit #{e.seq}", LEXICON_NAME, self.custom_labels)
        except ConfigError as exc:
            raise InvalidEdit(str(exc)) from None

    # -- writing ------------------------------------------------------------------------------------------------
    def apply(self, op: str, term: str, *, actor: str, reason: str, label: str | None = None,
              severity: str | None = None, tags: Iterable[str] = (), match: Iterable[str] = (),
              now: float | None = None) -> Edit:
        """Validate, append to the journal, and put the new overlay in force; returns the recorded edit."""
        if op not in OPS:
            raise InvalidEdit(f"op must be one of {list(OPS)}, got {op!r}")
        term = unicodedata.normalize("NFKC", term or "").strip()
        if not term or len(term) > MAX_TERM or "\n" in term:
            raise InvalidEdit(f"term must be 1..{MAX_TERM} characters on one line")
        reason = (reason or "").strip()
        if not reason or len(reason) > MAX_REASON:
            raise InvalidEdit(f"a reason (1..{MAX_REASON} characters) is required for every lexicon edit")
        if not actor or not actor.strip():
            raise InvalidEdit("an actor (who makes the edit) is required")
        if not self._canon(term):
            raise InvalidEdit(f"term {term!r} normalizes to nothing (only separators or invisible characters)")
        if op == "add" and not label:
            raise InvalidEdit("adding a word needs a label")
        if op != "add" and (label or severity or tuple(tags) or tuple(match)):
            raise InvalidEdit(f"{op}: label, severity, tags and match apply to 'add' only")
        at = dt.datetime.fromtimestamp(now if now is not None else dt.datetime.now(dt.UTC).timestamp(), dt.UTC)
        with self._lock:
            self.path.touch(exist_ok=True)
            with open(self.path, "r+", encoding="utf-8") as fh:
                fcntl.flock(fh, fcntl.LOCK_EX)
                try:
                    seq = sum(1 for line in fh if line.strip()) + 1
                    edit = Edit(op=op, term=term, actor=actor.strip(), reason=reason,
                                at=at.isoformat(timespec="seconds"), seq=seq, label=label, severity=severity,
                                tags=tuple(tags), match=tuple(match))
                    if op == "add":
                        self._entry_of(edit)  # validate label, severity, tags, match before anything is written
                    fh.seek(0, os.SEEK_END)
                    with open(self.path, "rb") as raw:
                        size = raw.seek(0, os.SEEK_END)
                        if size and (raw.seek(size - 1) or True) and raw.read(1) != b"\n":
                            fh.write("\n")  # after a torn line: keep this edit on a line of its own
                    fh.write(json.dumps(edit.to_json(), ensure_ascii=False, sort_keys=True) + "\n")
                    fh.flush()
                    os.fsync(fh.fileno())
                finally:
                    fcntl.flock(fh, fcntl.LOCK_UN)
            self._seen = None  # force the re-read below
        self.refresh()
        return edit

    # -- views --------------------------------------------------------------------------------------------------
    def history(self, limit: int = 200) -> list[Edit]:
        """The latest edits, newest first."""
        return list(reversed(self._edits[-limit:]))

    def current(self) -> dict[str, Any]:
        """What is in force: added words (with label, severity, tags), removed words, allowed phrases."""
        f = self._fold(self._edits)
        return {
            "added": [{"term": e.term, "label": e.label, "severity": e.severity, "tags": list(e.tags),
                       "match": sorted(e.match)} for e in f.added.values()],
            "removed": sorted(f.removed),
            "allow": list(f.allow),
            "version": self.overlay.version if self.overlay else "",
        }
