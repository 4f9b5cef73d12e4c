"""Exemplar banks drawn from the blind writer sets (session 17, issue 15 §4): the semantic tier's default bank.

The hand-written bank (`exemplars.yaml`, ~220 sentences written beside the rules) carried little to fresh sets; the
recall heads, trained on the rows of 50+ sets written blind from the notice, carried far better. This bank is built
the same way: every violating row of the writer sets is an `example` of its expected labels, every hard negative
(and every twin pair's innocent row B) a `contrast` — innocent, and near the behaviour by design. Each exemplar keeps
its provenance (writer set, row id) and the first characters of its text, so a signal names the posts it resembles.

Scoring is a k-nearest-neighbour vote in the static table's space (`static.py`): the `k` exemplars most similar to the
post, each weighted by exp(sharpness · (cos − 1)); a label's vote is the weight of its examples over the weight of all
`k` (contrasts and other labels' examples count against it). A label is reported at or above its floor, chosen
leave-one-set-out through the whole engine on the tune half (`tools/build_writer_bank.py`, docs/accuracy.md §22).

`without(groups)` drops the exemplars of some writer sets: how a row is scored by a bank that never read its own set.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ConfigError
from .knn import nearest

BANK_FILE = "bank_writers.npz"
SNIPPET = 40  # characters of an exemplar's text kept for the evidence


def quantized(vectors: np.ndarray) -> np.ndarray:
    """The vectors as the bank file stores them: int8 steps of 1/127 per coordinate, L2-normalized again (half the
    size of float16; the builder scores with these same vectors, so what it measured is what ships)."""
    q = np.clip(np.rint(np.asarray(vectors, dtype=np.float32) * 127.0), -127, 127).astype(np.float32)
    norm = np.linalg.norm(q, axis=1, keepdims=True)
    return (q / np.where(norm > 0, norm, 1.0)).astype(np.float32)


@dataclass(frozen=True)
class WriterBank:
    labels: tuple[str, ...]
    vectors: np.ndarray  # (n, dim) float32, L2-normalized (static table space)
    examples: np.ndarray  # (n, n_labels) bool: exemplar i is a violation with label k
    near: np.ndarray  # (n, n_labels) bool: contrast i is innocent beside label k (its pair's or task's label)
    groups: tuple[str, ...]  # writer set of each exemplar
    ids: tuple[str, ...]  # row id of each exemplar
    texts: tuple[str, ...]  # first SNIPPET characters of each exemplar (title + text)
    floors: dict[str, float]  # label → vote floor (labels without one are never reported)
    k: int = 10
    sharpness: float = 10.0
    digest: str = ""
    meta: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        n = len(self.vectors)
        if not (len(self.examples) == len(self.near) == len(self.groups) == len(self.ids) == len(self.texts) == n):
            raise ConfigError("writer bank: arrays of different lengths")
        if self.examples.shape[1:] != (len(self.labels),) or self.near.shape[1:] != (len(self.labels),):
            raise ConfigError("writer bank: label columns do not match the label list")
        unknown = sorted(set(self.floors) - set(self.labels))
        if unknown:
            raise ConfigError(f"writer bank: floors for labels it has no examples of: {unknown}")
        if self.k < 1:
            raise ConfigError("writer bank: k must be >= 1")

    @property
    def positive(self) -> np.ndarray:
        """bool per exemplar: a violation (an example of some label), not a contrast."""
        return self.examples.any(axis=1)

    def without(self, groups: set[str] | frozenset[str]) -> WriterBank:
        """The bank without the exemplars of these writer sets (leave-one-set-out scoring)."""
        keep = np.array([g not in groups for g in self.groups], dtype=bool)
        if keep.all():
            return self
        idx = np.flatnonzero(keep)
        return WriterBank(self.labels, self.vectors[idx], self.examples[idx], self.near[idx],
                          tuple(self.groups[i] for i in idx), tuple(self.ids[i] for i in idx),
                          tuple(self.texts[i] for i in idx), dict(self.floors), self.k, self.sharpness,
                          self.digest, self.meta)

    def neighbours(self, q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(indices, cosines) of the k exemplars nearest to `q`, nearest first (`knn.nearest`: the full scan's
        answer, bit for bit, reading half the bytes of the bank per query)."""
        return nearest(self.vectors, q, self.k)

    def votes(self, q: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(vote per label in [0, 1], the k neighbours' indices, their cosines)."""
        idx, sims = self.neighbours(q)
        if not len(idx):
            return np.zeros(len(self.labels), dtype=np.float32), idx, sims
        w = np.exp(self.sharpness * (sims - 1.0))
        total = float(w.sum())
        v = (w @ self.examples[idx].astype(np.float32)) / total if total > 0 else np.zeros(len(self.labels))
        return v.astype(np.float32), idx, sims

    def describe(self, i: int, sim: float) -> dict[str, Any]:
        """One neighbour as evidence: provenance, similarity, its side, its labels and its first characters."""
        side = "example" if self.examples[i].any() else "contrast"
        cols = self.examples[i] if side == "example" else self.near[i]
        return {"set": self.groups[i], "id": self.ids[i], "cos": round(float(sim), 3), "side": side,
                "labels": [self.labels[k] for k in np.flatnonzero(cols)], "text": self.texts[i]}


def bank_path() -> Path:
    from . import data_dir

    return data_dir() / BANK_FILE


def save_bank(bank: WriterBank, path: Path) -> None:
    """Write `bank` as one compressed npz (int8 vectors, packed label masks, provenance as text)."""
    set_names = sorted(set(bank.groups))
    meta = dict(bank.meta or {})
    meta.update(labels=list(bank.labels), floors=bank.floors, k=bank.k, sharpness=bank.sharpness, sets=set_names)
    q8 = np.clip(np.rint(bank.vectors * 127.0), -127, 127).astype(np.int8)
    np.savez_compressed(
        path, vectors=q8, examples=np.packbits(bank.examples, axis=1),
        near=np.packbits(bank.near, axis=1), group=np.array([set_names.index(g) for g in bank.groups], np.int16),
        ids=np.array("\n".join(bank.ids)), texts=np.array("\n".join(bank.texts)),
        meta=np.array(json.dumps(meta, ensure_ascii=False, sort_keys=True)))


def load_writer_bank(path: Path | None = None) -> WriterBank:
    """The shipped writer bank (`data/bank_writers.npz`, built by `python tools/build_writer_bank.py`)."""
    path = path or bank_path()
    if not path.exists():
        raise ConfigError(f"{path}: missing; run python tools/build_writer_bank.py")
    raw = path.read_bytes()
    with np.load(path, allow_pickle=False) as z:
        meta = json.loads(str(z["meta"]))
        labels = tuple(meta["labels"])
        n_lab = len(labels)
        vectors = quantized(z["vectors"].astype(np.float32) / 127.0)
        examples = np.unpackbits(z["examples"], axis=1, count=n_lab).astype(bool)
        near = np.unpackbits(z["near"], axis=1, count=n_lab).astype(bool)
        sets = meta["sets"]
        groups = tuple(sets[g] for g in z["group"])
        ids = tuple(str(z["ids"]).split("\n"))
        texts = tuple(str(z["texts"]).split("\n"))
    return WriterBank(labels, vectors, examples, near, groups, ids, texts,
                      {k: float(v) for k, v in meta["floors"].items()}, int(meta["k"]), float(meta["sharpness"]),
                      hashlib.sha256(raw).hexdigest(), meta)


__all__ = ["BANK_FILE", "SNIPPET", "WriterBank", "bank_path", "load_writer_bank", "quantized", "save_bank"]
