"""The indicator bank: named lists of known drainage indicators in one SQLite file (stdlib sqlite3).

A bank is either *plain* (canonical values; PDQ hashes match within a Hamming distance) or *hashed* (SHA-256
digests from a partner platform, with the salt they were made with; candidates are hashed the same way and
matched exactly, so PDQ in a hashed bank matches only identical hashes). `IndicatorIndex` is an in-memory
snapshot for the detector: matching never touches the database.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ..errors import IndicatorError
from ..media.hash import PDQ_THRESHOLD
from .normalize import KINDS, digest, normalize

BANK_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
SCHEMA = """
CREATE TABLE IF NOT EXISTS banks (
    name TEXT PRIMARY KEY,
    hashed INTEGER NOT NULL,
    salt TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS indicators (
    bank TEXT NOT NULL REFERENCES banks(name) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    added_at TEXT NOT NULL,
    PRIMARY KEY (bank, kind, value)
);
"""


@dataclass(frozen=True, slots=True)
class Bank:
    name: str
    hashed: bool
    salt: str
    description: str
    created_at: str
    size: int = 0


@dataclass(frozen=True, slots=True)
class Match:
    bank: str
    kind: str
    value: str  # the candidate's canonical value
    via: str  # "plain", "sha256" or "pdq"
    distance: int = 0  # PDQ Hamming distance


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: int
    skipped: int
    errors: tuple[str, ...] = ()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _check_name(name: str) -> str:
    if not BANK_NAME.fullmatch(name or ""):
        raise IndicatorError(f"bank name {name!r} must be 1–64 letters, digits, '_', '.' or '-'")
    return name


class IndicatorStore:
    """Open (creating if needed) a bank file. Use as a context manager or call `close()`."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self._db = sqlite3.connect(self.path)
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise IndicatorError(f"{self.path}: not a usable indicator bank: {exc}") from None

    def __enter__(self) -> IndicatorStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    # banks -------------------------------------------------------------------------------------------------
    def banks(self) -> list[Bank]:
        rows = self._db.execute(
            "SELECT b.name, b.hashed, b.salt, b.description, b.created_at, COUNT(i.value) FROM banks b "
            "LEFT JOIN indicators i ON i.bank = b.name GROUP BY b.name ORDER BY b.name").fetchall()
        return [Bank(r[0], bool(r[1]), r[2], r[3], r[4], r[5]) for r in rows]

    def bank(self, name: str) -> Bank:
        for b in self.banks():
            if b.name == name:
                return b
        raise IndicatorError(f"no bank named {name!r} in {self.path}")

    def ensure_bank(self, name: str, *, hashed: bool = False, salt: str = "", description: str = "") -> Bank:
        """Create a bank, or check that an existing one has the same form (plain/hashed, salt)."""
        _check_name(name)
        row = self._db.execute("SELECT hashed, salt FROM banks WHERE name = ?", (name,)).fetchone()
        if row is None:
            with self._db:
                self._db.execute("INSERT INTO banks VALUES (?, ?, ?, ?, ?)",
                                 (name, int(hashed), salt if hashed else "", description, _now()))
        elif bool(row[0]) != hashed or (hashed and row[1] != salt):
            form = "hashed" if row[0] else "plain"
            raise IndicatorError(f"bank {name!r} is {form}{' with another salt' if row[0] and hashed else ''}; "
                                 "put a list of another form in another bank")
        return self.bank(name)

    def delete_bank(self, name: str) -> None:
        with self._db:
            self._db.execute("DELETE FROM banks WHERE name = ?", (name,))

    # rows ----------------------------------------------------------------------------------------------------
    def add(self, bank: str, kind: str, value: str, note: str = "") -> bool:
        """Add one plain indicator (normalized); True if it was new."""
        b = self.ensure_bank(bank)
        if b.hashed:
            raise IndicatorError(f"bank {bank!r} is hashed: add hashed rows with import")
        return self._insert(bank, [(kind, normalize(kind, value), note)]) == 1

    def _insert(self, bank: str, rows: Iterable[tuple[str, str, str]]) -> int:
        now = _now()
        with self._db:
            before = self._db.total_changes
            self._db.executemany("INSERT OR IGNORE INTO indicators VALUES (?, ?, ?, ?, ?)",
                                 ((bank, k, v, n, now) for k, v, n in rows))
            return self._db.total_changes - before

    def rows(self, bank: str) -> Iterator[tuple[str, str, str]]:
        """(kind, value or digest, note), sorted."""
        yield from self._db.execute("SELECT kind, value, note FROM indicators WHERE bank = ? ORDER BY kind, value",
                                    (bank,))

    # files ---------------------------------------------------------------------------------------------------
    def import_file(self, path: str | Path, bank: str, *, salt: str | None = None, fmt: str | None = None,
                    description: str = "") -> ImportResult:
        """Import a CSV or JSONL list. Rows are {kind, value[, note]} (plain) or {kind, sha256} (hashed: the
        bank becomes a hashed bank with `salt`, '' if none). Bad rows are reported, not fatal."""
        p = Path(path)
        try:
            text = p.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise IndicatorError(f"cannot read {p}: {exc}") from None
        return self.import_rows(_read_rows(text, fmt or _fmt(p), str(p)), bank, salt=salt, description=description)

    def import_rows(self, rows: Iterable[tuple[int, dict[str, str]]], bank: str, *, salt: str | None = None,
                    description: str = "") -> ImportResult:
        rows = list(rows)
        hashed = any("sha256" in r for _, r in rows)
        if hashed and any("sha256" not in r for _, r in rows):
            raise IndicatorError("a list is either plain (kind, value) or hashed (kind, sha256), not both")
        if salt and not hashed:
            raise IndicatorError("--salt is for hashed lists; a plain list is stored as plain values")
        self.ensure_bank(bank, hashed=hashed, salt=salt or "", description=description)
        good: list[tuple[str, str, str]] = []
        errors: list[str] = []
        for line, r in rows:
            kind = (r.get("kind") or "").strip().lower()
            try:
                if kind not in KINDS:
                    raise IndicatorError(f"unknown kind {kind!r}")
                if hashed:
                    h = (r.get("sha256") or "").strip().lower()
                    if not re.fullmatch(r"[0-9a-f]{64}", h):
                        raise IndicatorError(f"sha256 {h!r} is not 64 hex characters")
                    good.append((kind, h, r.get("note") or ""))
                else:
                    good.append((kind, normalize(kind, r.get("value") or ""), r.get("note") or ""))
            except IndicatorError as exc:
                errors.append(f"line {line}: {exc.message}")
        added = self._insert(bank, good)
        return ImportResult(added=added, skipped=len(good) - added, errors=tuple(errors))

    def export(self, bank: str, out: IO[str], *, fmt: str = "jsonl", hashed: bool = False,
               salt: str = "") -> int:
        """Write a bank as CSV or JSONL: plain values, or SHA-256 digests (salted if `salt`). A hashed bank can
        only be written as it is (its own salt); returns the number of rows."""
        b = self.bank(bank)
        if b.hashed and (not hashed or salt != b.salt):
            raise IndicatorError(f"bank {bank!r} holds hashes: export it with --hash and its own salt")
        key = "sha256" if hashed else "value"
        rows = []
        for kind, value, note in self.rows(bank):
            v = value if b.hashed or not hashed else digest(kind, value, salt)
            row = {"kind": kind, key: v}
            if note and not hashed:
                row["note"] = note  # notes may name a source; never shared with hashed lists
            rows.append(row)
        if fmt == "csv":
            w = csv.DictWriter(out, fieldnames=["kind", key] + (["note"] if not hashed else []), extrasaction="ignore",
                               lineterminator="\n")
            w.writeheader()
            w.writerows(rows)
        elif fmt == "jsonl":
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            raise IndicatorError(f"unknown format {fmt!r}; use csv or jsonl")
        return len(rows)

    def index(self, banks: Iterable[str] | None = None) -> IndicatorIndex:
        wanted = set(banks) if banks is not None else None
        idx = IndicatorIndex()
        for b in self.banks():
            if wanted is not None and b.name not in wanted:
                continue
            entries = frozenset((k, v) for k, v, _ in self.rows(b.name))
            pdq = tuple(int(v, 16) for k, v in entries if k == "pdq") if not b.hashed else ()
            idx.banks.append(_IndexedBank(b.name, b.hashed, b.salt, entries, pdq))
        if wanted is not None:
            missing = wanted - {b.name for b in idx.banks}
            if missing:
                raise IndicatorError(f"no bank named {sorted(missing)} in {self.path}")
        return idx


@dataclass(frozen=True, slots=True)
class _IndexedBank:
    name: str
    hashed: bool
    salt: str
    entries: frozenset[tuple[str, str]]
    pdq: tuple[int, ...]  # plain banks: PDQ hashes as 256-bit ints (XOR + bit_count per comparison)


@dataclass
class IndicatorIndex:
    """Immutable-in-use snapshot of some banks; `match` is pure and thread-safe."""

    banks: list[_IndexedBank] = field(default_factory=list)

    def __len__(self) -> int:
        return sum(len(b.entries) for b in self.banks)

    def match(self, kind: str, value: str, *, pdq_threshold: int = PDQ_THRESHOLD) -> list[Match]:
        """Banks holding this canonical (kind, value); PDQ within the threshold in plain banks."""
        out = []
        for b in self.banks:
            if b.hashed:
                if (kind, digest(kind, value, b.salt)) in b.entries:
                    out.append(Match(b.name, kind, value, "sha256"))
            elif (kind, value) in b.entries:
                out.append(Match(b.name, kind, value, "plain"))
            elif kind == "pdq" and b.pdq:
                v = int(value, 16)
                best = min((v ^ h).bit_count() for h in b.pdq)
                if best <= pdq_threshold:
                    out.append(Match(b.name, kind, value, "pdq", best))
        return out


def _fmt(p: Path) -> str:
    suffix = p.suffix.lower()
    if suffix in (".csv", ".tsv"):
        return "csv"
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    raise IndicatorError(f"{p}: cannot tell the format from the extension; pass --format csv|jsonl")


def _read_rows(text: str, fmt: str, where: str) -> Iterator[tuple[int, dict[str, str]]]:
    if fmt == "csv":
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or "kind" not in reader.fieldnames:
            raise IndicatorError(f"{where}: a CSV list needs a header with 'kind' and 'value' or 'sha256'")
        for n, row in enumerate(reader, start=2):
            yield n, {k: (v or "") for k, v in row.items() if k}
    elif fmt == "jsonl":
        for n, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise IndicatorError(f"{where}: line {n}: malformed JSON: {exc.msg}") from None
            if not isinstance(obj, dict):
                raise IndicatorError(f"{where}: line {n}: expected a JSON object")
            yield n, {k: str(v) for k, v in obj.items() if v is not None}
    else:
        raise IndicatorError(f"unknown format {fmt!r}; use csv or jsonl")
