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

Session 18 (semantic18): `rivals` names label pairs that compete for the same words (abuse / antagonism, drainage /
grooming, porn / vulgar, false_ad / false_science). An example votes in full for the label its row was written *for*
(`primary`: the first of the writer's expected labels) and for its other co-labels, but only `co_weight` (0 as shipped)
for a co-label that is a rival of the written-for label — an antagonism row that also insults votes antagonism, not
abuse; a gambling SMS with its 引流 link still votes drainage. And the tier does not add a label whose rival the cheap
pass already acts on (`SemanticDetector.leaves_alone`).

Session 19 (semantic19): `gate` says which labels' candidates open the tier's gate. `listed` (banks before session 19):
only the labels with a floor, so a post whose cheap-pass candidate is of a label the floors drop never reaches the vote
for the labels that are listed (session 18 lost two fresh rows that way). `bank`: a candidate of any label the bank has
examples of — the cue says the post is near some harm of the notice; which harm, if any, the listed floors decide. The
floors are chosen with the gate the bank names (`tools/build_writer_bank.py`), so what was measured is what ships.

Session 21 (semantic21): `label_k` gives a label its own number of voting neighbours (labels not named vote with `k`):
a label whose examples sit in a wide, loose cloud (grooming's many ways of approaching a child) is read over more
neighbours, one whose examples sit tight among look-alikes over fewer. `surface_weight` discounts a neighbour written
for another surface than the post's (`surfaces`, one per exemplar: the row's `Content.surface`): a private message
that reads like a groomer's is judged mostly among private messages, a feed post among feed posts — who the words are
said to, not only the words. Both are chosen on the tune half (`tools/build_writer_bank.py`); banks before session 21
have neither (every label votes with `k`, every surface in full).

`without(groups)` drops the exemplars of some writer sets: how a row is scored by a bank that never read its own set.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ConfigError
from .knn import nearest, nearest_many

BANK_FILE = "bank_writers.npz"
SNIPPET = 40  # characters of an exemplar's text kept for the evidence
GATES = ("listed", "bank")  # `WriterBank.gate`


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
    primary: np.ndarray | None = None  # (n,) int: the label index each example was written for, -1 for a contrast
    co_weight: float = 1.0  # the vote of a co-label that is a rival of the written-for label (other labels count 1)
    rivals: tuple[tuple[str, str], ...] = ()  # label pairs that compete for the same words
    gate: str = "listed"  # whose candidates open the gate: "listed" (the labels with a floor) or "bank" (every label)
    label_k: dict[str, int] | None = None  # label → its own number of voting neighbours (the others: k)
    surfaces: tuple[str, ...] | None = None  # the surface each exemplar's row was written for (Content.surface)
    surface_weight: float = 1.0  # a neighbour of another surface than the post's counts this share of its weight

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
        if self.primary is not None:
            p = np.asarray(self.primary)
            if p.shape != (n,):
                raise ConfigError("writer bank: one written-for label per exemplar")
            pos = p >= 0
            own = self.examples[np.flatnonzero(pos), p[pos]]
            if not np.array_equal(pos, self.examples.any(axis=1)) or not own.all():
                raise ConfigError("writer bank: an example's written-for label must be one of its labels")
        if not 0.0 <= self.co_weight <= 1.0:
            raise ConfigError("writer bank: co_weight must be in [0, 1]")
        bad = sorted({lb for pair in self.rivals for lb in pair} - set(self.labels))
        if bad:
            raise ConfigError(f"writer bank: rivals name labels it has no examples of: {bad}")
        if self.gate not in GATES:
            raise ConfigError(f"writer bank: gate must be one of {list(GATES)}, not {self.gate!r}")
        if self.label_k:
            bad = sorted(set(self.label_k) - set(self.labels))
            if bad or any(int(v) < 1 for v in self.label_k.values()):
                raise ConfigError(f"writer bank: label_k names labels it has no examples of, or k < 1: {bad}")
        if self.surfaces is not None and len(self.surfaces) != n:
            raise ConfigError("writer bank: one surface per exemplar")
        if not 0.0 <= self.surface_weight <= 1.0:
            raise ConfigError("writer bank: surface_weight must be in [0, 1]")
        if self.surface_weight < 1.0 and self.surfaces is None:
            raise ConfigError("writer bank: surface_weight below 1 needs the exemplars' surfaces")

    @property
    def k_max(self) -> int:
        """The neighbours found per post: the largest of `k` and the labels' own (`label_k`)."""
        return max([self.k, *(int(v) for v in (self.label_k or {}).values())])

    def k_of(self, label: str) -> int:
        """How many neighbours vote on `label` (`label_k`, else `k`)."""
        return int((self.label_k or {}).get(label, self.k))

    @cached_property
    def _surface_codes(self) -> np.ndarray | None:
        if self.surfaces is None or self.surface_weight >= 1.0:
            return None
        return np.array(self.surfaces, dtype=object)

    @cached_property
    def _own_k(self) -> list[tuple[int, int]]:
        """(label index, its k) for the labels whose k is not `k`."""
        return [(self.labels.index(lb), int(v)) for lb, v in sorted((self.label_k or {}).items()) if int(v) != self.k]

    @property
    def gate_labels(self) -> frozenset[str]:
        """The labels whose cheap-pass candidates (or frame near misses) open the tier's gate (`gate`)."""
        return self.gate_labels_at(self.floors)

    def gate_labels_at(self, floors: dict[str, float]) -> frozenset[str]:
        """`gate_labels` with `floors` listed instead of the bank's own (the builder replays candidate floors)."""
        return frozenset(self.labels if self.gate == "bank" else floors)

    @cached_property
    def weights(self) -> np.ndarray:
        """(n, n_labels) float32: what each exemplar adds to each label's vote — 1 for each label of its list, except
        `co_weight` for a co-label that is a rival of the label it was written for; 0 elsewhere (without `primary`,
        1 for every label of its list)."""
        ex = self.examples.astype(np.float32)
        if self.primary is None or not self.rivals:
            return ex
        rival = np.zeros((len(self.labels), len(self.labels)), dtype=bool)
        for a, b in self.rivals:
            i, j = self.labels.index(a), self.labels.index(b)
            rival[i, j] = rival[j, i] = True
        p = np.asarray(self.primary)
        pos = np.flatnonzero(p >= 0)
        discount = np.zeros_like(ex, dtype=bool)
        discount[pos] = rival[p[pos]] & self.examples[pos]
        return np.ascontiguousarray(np.where(discount, np.float32(self.co_weight), ex), dtype=np.float32)

    def rivals_of(self, labels: set[str] | frozenset[str]) -> set[str]:
        """The labels that compete with any of `labels` (`rivals`, both ways)."""
        out: set[str] = set()
        for a, b in self.rivals:
            if a in labels:
                out.add(b)
            if b in labels:
                out.add(a)
        return out

    def written_for(self, i: int) -> str | None:
        """The label exemplar `i` was written for (None: a contrast, or a bank without `primary`)."""
        if self.primary is None or int(self.primary[i]) < 0:
            return None
        return self.labels[int(self.primary[i])]

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
                          self.digest, self.meta, None if self.primary is None else self.primary[idx],
                          self.co_weight, self.rivals, self.gate, self.label_k,
                          None if self.surfaces is None else tuple(self.surfaces[i] for i in idx), self.surface_weight)

    def neighbours(self, q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(indices, cosines) of the `k_max` exemplars nearest to `q`, nearest first (`knn.nearest`: the full scan's
        answer, bit for bit, reading half the bytes of the bank per query)."""
        return nearest(self.vectors, q, self.k_max)

    def votes(self, q: np.ndarray, surface: str | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(vote per label in [0, 1], the `k_max` neighbours' indices, their cosines); `surface`: the post's, read
        where the bank discounts other surfaces' neighbours (`surface_weight`)."""
        return self.vote_of(*self.neighbours(q), surface=surface)

    def votes_many(self, queries: np.ndarray, surfaces: list[str | None] | None = None,
                   ) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """`[votes(q, s) for q, s in zip(queries, surfaces)]`, the neighbours found together (`knn.nearest_many`:
        each query's answer is `neighbours(q)`'s, bit for bit; the bulk path's gated posts of a batch)."""
        found = nearest_many(self.vectors, queries, self.k_max)
        surfaces = surfaces if surfaces is not None else [None] * len(found)
        return [self.vote_of(idx, sims, surface=s) for (idx, sims), s in zip(found, surfaces, strict=True)]

    def vote_of(self, idx: np.ndarray, sims: np.ndarray, surface: str | None = None,
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """`votes` from the neighbours' indices and cosines (nearest first): each label's weighted share among its
        own k nearest (`k_of`), a neighbour of another surface than `surface` discounted by `surface_weight`."""
        if not len(idx):
            return np.zeros(len(self.labels), dtype=np.float32), idx, sims
        w = np.exp(self.sharpness * (sims - 1.0))
        codes = self._surface_codes
        if codes is not None and surface is not None:
            w = np.where(codes[idx] == surface, w, w * self.surface_weight)
        k = min(self.k, len(idx))
        total = float(w[:k].sum())
        v = (w[:k] @ self.weights[idx[:k]]) / total if total > 0 else np.zeros(len(self.labels))
        if self._own_k:
            v = np.array(v, dtype=np.float64)
            for col, kk in self._own_k:
                kk = min(kk, len(idx))
                t = float(w[:kk].sum())
                v[col] = float(w[:kk] @ self.weights[idx[:kk], col]) / t if t > 0 else 0.0
        return np.asarray(v).astype(np.float32), idx, sims

    def describe(self, i: int, sim: float) -> dict[str, Any]:
        """One neighbour as evidence: provenance, similarity, its side, its labels and its first characters."""
        side = "example" if self.examples[i].any() else "contrast"
        cols = self.examples[i] if side == "example" else self.near[i]
        out = {"set": self.groups[i], "id": self.ids[i], "cos": round(float(sim), 3), "side": side,
               "labels": [self.labels[k] for k in np.flatnonzero(cols)], "text": self.texts[i]}
        if side == "example" and self.primary is not None:
            out["for"] = self.written_for(i)
        return out


def bank_path() -> Path:
    from . import data_dir

    return data_dir() / BANK_FILE


def save_bank(bank: WriterBank, path: Path) -> None:
    """Write `bank` as one compressed npz (int8 vectors, packed label masks, provenance as text)."""
    set_names = sorted(set(bank.groups))
    meta = dict(bank.meta or {})
    meta.update(labels=list(bank.labels), floors=bank.floors, k=bank.k, sharpness=bank.sharpness, sets=set_names,
                co_weight=bank.co_weight, rivals=[list(p) for p in bank.rivals], gate=bank.gate,
                label_k=dict(bank.label_k or {}), surface_weight=bank.surface_weight)
    extra = {} if bank.primary is None else {"primary": np.asarray(bank.primary, dtype=np.int16)}
    if bank.surfaces is not None:
        names = sorted(set(bank.surfaces))
        meta["surface_names"] = names
        extra["surface"] = np.array([names.index(x) for x in bank.surfaces], dtype=np.int8)
    q8 = np.clip(np.rint(bank.vectors * 127.0), -127, 127).astype(np.int8)
    np.savez_compressed(
        path, vectors=q8, examples=np.packbits(bank.examples, axis=1),
        near=np.packbits(bank.near, axis=1), group=np.array([set_names.index(g) for g in bank.groups], np.int16),
        ids=np.array("\n".join(bank.ids)), texts=np.array("\n".join(bank.texts)),
        meta=np.array(json.dumps(meta, ensure_ascii=False, sort_keys=True)), **extra)


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
        # row-major, one copy: `knn.nearest` indexes it as it is (a transposed layout would send it to the full scan)
        vectors = quantized(z["vectors"].astype(np.float32) / 127.0)
        examples = np.unpackbits(z["examples"], axis=1, count=n_lab).astype(bool)
        near = np.unpackbits(z["near"], axis=1, count=n_lab).astype(bool)
        sets = meta["sets"]
        groups = tuple(sets[g] for g in z["group"])
        ids = tuple(str(z["ids"]).split("\n"))
        texts = tuple(str(z["texts"]).split("\n"))
        primary = z["primary"].astype(np.int64) if "primary" in z.files else None  # banks before session 18: none
        surfaces = (tuple(meta["surface_names"][c] for c in z["surface"]) if "surface" in z.files
                    else None)  # banks before session 21: none
    return WriterBank(labels, vectors, examples, near, groups, ids, texts,
                      {k: float(v) for k, v in meta["floors"].items()}, int(meta["k"]), float(meta["sharpness"]),
                      hashlib.sha256(raw).hexdigest(), meta, primary, float(meta.get("co_weight", 1.0)),
                      tuple((str(a), str(b)) for a, b in meta.get("rivals", [])),
                      str(meta.get("gate", "listed")),  # banks before session 19: the listed labels' gate
                      {str(a): int(b) for a, b in (meta.get("label_k") or {}).items()} or None, surfaces,
                      float(meta.get("surface_weight", 1.0)))


__all__ = ["BANK_FILE", "GATES", "SNIPPET", "WriterBank", "bank_path", "load_writer_bank", "quantized", "save_bank"]
