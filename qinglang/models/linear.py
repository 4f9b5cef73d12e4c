"""A shipped linear text model: two hashed n-gram sub-models, a router, and one Platt calibration per route.

- ``t`` reads the canonical text (char 1–4-grams) and is trained on clean text only: the accurate model;
- ``r`` reads the sound-class and initials views and is trained with cloaked copies: the robust model.

A post goes to ``r`` when it looks cloaked — when Latin letters make up at least ``latin_min`` of its
letters and ideographs (written in pinyin or initials: route ``latin``), or when fewer than
``coverage_min`` of its distinct text n-grams are known to ``t`` (homophones, split characters: route
``r``; the ``t`` verdict still stands there when it is the more confident) — and to ``t`` otherwise. Each
route has its own Platt scaling, fitted on out-of-fold training scores.

Both sub-models are binary NB-weighted logistic regressions over L2-normalised presence vectors: the raw
score is ``b + scale · Σ q[bucket] / sqrt(#known buckets)`` over the distinct buckets of the post. Weights
are int16 fixed point (``w ≈ q · scale``, scale a power of two) in a dense table indexed by
``key & (2**bits - 1)``; ``q = 0`` means "unknown bucket" (trained weights are nudged off zero), so the norm
needs no second table, and integer sums are exact in any order, so a model scores the same alone or fused.

Files: ``qinglang/models/data/<name>.npz`` (sparse weights, expanded at load) and ``<name>.json`` (metadata:
version, labels, data sha256, seed, parameters, dev metrics, calibration tables).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ConfigError
from ..text.normalize import NormalizedText
from .features import ORDERS, Grams, keys, layout, locate, views_of
from .files import read_pair, shipped_path

ROUTES = ("t", "r", "latin")
SUBMODELS = ("t", "r")


@dataclass(frozen=True, slots=True)
class Contribution:
    """A canonical span and how much its n-gram added to the model's raw score."""

    start: int
    end: int
    weight: float


class LinearModel:
    """Calibrated probability of one binary task from hashed char n-grams of the three feature views."""

    def __init__(self, meta: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
        self.meta = meta
        self.name: str = meta["name"]
        digest = str(meta.get("digest", ""))
        # The version names the weights too: a retrained model changes the engine's policy_version.
        self.version: str = str(meta["version"]) + (f"-{digest[7:15]}" if digest.startswith("sha256:") else "")
        try:
            self.bits = int(arrays["bits"][0])
            self.idx = {s: np.asarray(arrays[f"{s}_idx"], dtype=np.uint32) for s in SUBMODELS}
            self.w = {s: np.asarray(arrays[f"{s}_w"], dtype=np.int16) for s in SUBMODELS}
            self.scale = {s: float(x) for s, x in zip(SUBMODELS, arrays["scales"], strict=True)}
            self.intercept = {s: float(b) for s, b in zip(SUBMODELS, arrays["intercepts"], strict=True)}
            self.platt = {r: (float(ab[0]), float(ab[1])) for r, ab in zip(ROUTES, arrays["platt"], strict=True)}
            self.latin_min, self.coverage_min = (float(x) for x in arrays["route"])
        except (KeyError, ValueError, TypeError, IndexError) as exc:
            raise ConfigError(f"model {meta.get('name')!r}: malformed arrays: {exc}") from None
        views = meta.get("params", {}).get("views")
        if views is not None and {v: tuple(o) for v, o in views.items()} != ORDERS:
            # Weights are per hashed n-gram: a model trained on other n-gram orders would score garbage silently.
            raise ConfigError(f"model {self.name!r} was trained on n-gram orders {views}; this code reads "
                              f"{ {v: list(o) for v, o in ORDERS.items()} }")
        if not 10 <= self.bits <= 24:
            raise ConfigError(f"model {self.name!r}: bits must be in [10, 24], got {self.bits}")
        for s in SUBMODELS:
            if len(self.idx[s]) != len(self.w[s]) or (len(self.idx[s]) and int(self.idx[s].max()) >> self.bits):
                raise ConfigError(f"model {self.name!r}: sub-model {s!r} indices do not fit {self.bits} bits")
            if np.any(self.w[s] == 0):
                raise ConfigError(f"model {self.name!r}: sub-model {s!r} has zero weights (0 means unknown)")

    # -- loading --------------------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path) -> LinearModel:
        """Load `<path>.npz` + `<path>.json`; ConfigError naming the file if either is missing or malformed."""
        return cls(*read_pair(path))

    @classmethod
    def shipped(cls, name: str) -> LinearModel:
        """A model shipped in `qinglang/models/data/` (loaded once per process)."""
        return _shipped(name)

    def arrays(self) -> dict[str, np.ndarray]:
        """The arrays as saved (what `digest` hashes)."""
        out: dict[str, np.ndarray] = {"bits": np.array([self.bits], dtype=np.int64)}
        for s in SUBMODELS:
            out[f"{s}_idx"], out[f"{s}_w"] = self.idx[s], self.w[s]
        out["intercepts"] = np.array([self.intercept[s] for s in SUBMODELS])
        out["scales"] = np.array([self.scale[s] for s in SUBMODELS])
        out["platt"] = np.array([self.platt[r] for r in ROUTES])
        out["route"] = np.array([self.latin_min, self.coverage_min])
        return out

    # -- scoring --------------------------------------------------------------------------------------------
    def route(self, latin_share: float, coverage: float) -> str:
        if latin_share >= self.latin_min:
            return "latin"
        return "r" if coverage < self.coverage_min else "t"

    def calibrate(self, raw: float, route: str = "t") -> float:
        """Platt-scaled probability in [0, 1] for a raw score of the given route."""
        a, b = self.platt[route]
        z = a * raw + b
        if z < -500:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    def score(self, nt: NormalizedText) -> float:
        """Calibrated probability in [0, 1] that the text belongs to the model's positive class."""
        return single(self).score(keys(views_of(nt)))[0].p


@dataclass(frozen=True, slots=True)
class Scored:
    """One model's verdict on one field: the route, its raw score and calibrated probability."""

    route: str
    raw: float
    p: float
    raw_t: float
    raw_r: float
    coverage: float


@dataclass(frozen=True, slots=True)
class Looked:
    """One field's n-grams found in the fused tables: computed once, used for scores and evidence."""

    grams: Grams
    buckets: dict[str, np.ndarray]  # per block: distinct buckets
    rows: dict[str, np.ndarray]  # per block: their fixed-point weights, int16 [n_buckets, n_models]

    def detached(self) -> Looked:
        """The same lookup owning its arrays (a batch's `Looked` are views of the batch's arrays)."""
        g = self.grams
        return Looked(Grams(g.views, g.t.copy(), g.r.copy(), g.latin, g.cjk),
                      {s: b.copy() for s, b in self.buckets.items()}, {s: r.copy() for s, r in self.rows.items()})


def logits(floors: Sequence[float]) -> np.ndarray:
    """Probability floors as logits, a hair lower (so that rounding in the vectorised test never drops a model
    `score` would keep); -inf for a floor of 0."""
    f = np.asarray(floors, dtype=float) - 1e-9
    with np.errstate(divide="ignore"):
        return np.where(f > 0, np.log(np.maximum(f, 1e-300)) - np.log1p(-np.minimum(f, 1 - 1e-12)), -np.inf)


class Fused:
    """Every model's weights in one int16 table: a post's distinct buckets of both blocks (text sub-models in
    [0, 2**bits), robust ones in [2**bits, 2 * 2**bits)) are sorted and gathered once, and every model's score is a
    sum over its row (no search, no vocabulary). The table is compact: `slot` (int32, one entry per bucket) names
    a bucket's row in `rows_w` [n_known + 1, n_models], row 0 being every model's "unknown"; a dense
    [2 * 2**bits, n_models] table would cost 8 MB per model at 2**21 buckets, and the label heads fused with
    `cold` and `swsr` (session 8) know only 40,000 buckets each."""

    def __init__(self, models: Sequence[LinearModel]) -> None:
        if not models:
            raise ConfigError("no models to fuse")
        self.models = tuple(models)
        self.bits = models[0].bits
        if any(m.bits != self.bits for m in models):
            raise ConfigError("models to fuse must share their hash size (bits)")
        self.mask = np.uint32((1 << self.bits) - 1)
        self.offset = np.uint32(1 << self.bits)
        known = [m.idx[s].astype(np.int64) + off for m in models for off, s in ((0, "t"), (1 << self.bits, "r"))]
        used = np.unique(np.concatenate(known)) if known else np.zeros(0, dtype=np.int64)
        self.slot = np.zeros(2 << self.bits, dtype=np.int32)
        self.slot[used] = np.arange(1, len(used) + 1, dtype=np.int32)
        self.rows_w = np.zeros((len(used) + 1, len(models)), dtype=np.int16)
        for k, m in enumerate(models):
            for off, s in ((0, "t"), (1 << self.bits, "r")):
                self.rows_w[self.slot[m.idx[s].astype(np.intp) + off], k] = m.w[s]
        self.b = {s: np.array([m.intercept[s] for m in models]) for s in SUBMODELS}
        self.scale = {s: np.array([m.scale[s] for m in models]) for s in SUBMODELS}
        # Per-model routing and calibration as vectors (`reaching`).
        self._latin_min = np.array([m.latin_min for m in models])
        self._coverage_min = np.array([m.coverage_min for m in models])
        self._platt = {r: (np.array([m.platt[r][0] for m in models]), np.array([m.platt[r][1] for m in models]))
                       for r in ROUTES}

    def lookup(self, g: Grams) -> Looked:
        """One field's lookup: the same distinct sorted buckets and rows as `lookup_many` gives it, without the
        batch's index arithmetic (each block's keys sorted and de-duplicated alone, then one gather)."""
        parts = []
        for block in (g.t, g.r):
            bk = block & self.mask
            bk.sort()
            if len(bk) > 1:
                bk = bk[np.concatenate(([True], bk[1:] != bk[:-1]))]
            parts.append(bk)
        t, r = parts
        rows = np.take(self.rows_w, np.concatenate((np.take(self.slot, t), np.take(self.slot, r + self.offset))),
                       axis=0)
        return Looked(g, {"t": t, "r": r}, {"t": rows[:len(t)], "r": rows[len(t):]})

    def lookup_many(self, gs: Sequence[Grams]) -> list[Looked]:
        """`lookup` of many fields at once (`_gather`)."""
        return self._gather(gs)[0]

    def _gather(self, gs: Sequence[Grams]) -> tuple[list[Looked], np.ndarray, np.ndarray, np.ndarray]:
        """The fields' distinct buckets (sorted in place, field by field), then ONE gather of the slots and one of
        the rows for all of them; each field's `Looked` reads its slices of the two arrays. Also returned: the
        rows [n, n_models] int16 and, per field, the start of its t block and r block in them, [n_fields, 2],
        and their lengths."""
        sizes = np.array([(len(g.t), len(g.r)) for g in gs], dtype=np.int64).reshape(-1, 2)  # keys per block
        bk = np.concatenate([x for g in gs for x in (g.t, g.r)]) & self.mask if gs else np.zeros(0, np.uint32)
        bk |= np.repeat(np.broadcast_to(np.array([0, self.offset], dtype=np.uint32), sizes.shape).ravel(),
                        sizes.ravel())
        ends = np.cumsum(sizes.sum(axis=1))
        lo = 0
        for hi in ends.tolist():  # one field's keys (t block below `offset`, r block above), sorted where they lie
            bk[lo:hi].sort()
            lo = hi
        firsts = ends - sizes.sum(axis=1)
        keep = np.empty(len(bk), dtype=bool)
        if len(bk):
            np.not_equal(bk[1:], bk[:-1], out=keep[1:])
            keep[firsts[firsts < len(bk)]] = True  # each field's first key starts a run of its own
        bk = bk[keep]
        kept = np.concatenate([[0], np.cumsum(keep)])
        lo_k, hi_k = kept[firsts], kept[ends]  # each field's distinct buckets: [lo_k, hi_k)
        in_r = np.concatenate([[0], np.cumsum(bk >= self.offset)])
        mid_k = hi_k - (in_r[hi_k] - in_r[lo_k])  # sorted: the t block's buckets come first
        # One gather of [n, n_models] int16 for every field; a field's rows are a view of its slice.
        rows = np.take(self.rows_w, np.take(self.slot, bk), axis=0)
        bk &= self.mask
        out = [Looked(g, {"t": bk[lo:mid], "r": bk[mid:hi]}, {"t": rows[lo:mid], "r": rows[mid:hi]})
               for g, lo, mid, hi in zip(gs, lo_k.tolist(), mid_k.tolist(), hi_k.tolist(), strict=True)]
        return out, rows, np.stack([lo_k, mid_k], axis=1), np.stack([mid_k - lo_k, hi_k - mid_k], axis=1)

    def _raw(self, lk: Looked) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
        raw, known = {}, {}
        for s in SUBMODELS:
            q = lk.rows[s]
            known[s] = np.count_nonzero(q, axis=0)
            raw[s] = self.b[s] + q.sum(axis=0, dtype=np.int64) * self.scale[s] / np.sqrt(np.maximum(known[s], 1))
        return raw, known

    def reaching(self, lk: Looked, z_floor: np.ndarray) -> np.ndarray:
        """Per model, whether its calibrated probability in this field reaches a floor given as a logit
        (`logits(floors)`): the routes and Platt scalings of `score` compared before the sigmoid, in a few array
        operations for every model at once, so that a model (a label head) costs a column of the gather and a
        dot product, not a Python loop. `score` then gives the exact verdict of the few that reach it."""
        raw, known = self._raw(lk)
        return self._hits(raw, known, len(lk.buckets["t"]), lk.grams.latin_share, z_floor)

    def reaching_many(self, gs: Sequence[Grams], z_floor: np.ndarray) -> tuple[list[Looked], np.ndarray]:
        """`lookup` and `reaching` of many fields ([n_fields, n_models]) in one pass of array operations: the
        engine's batch path pays a few dozen numpy calls per batch, not per field. Every field's sums are
        integer sums over its own rows, so each verdict is the one `reaching` gives the field alone."""
        looked, rows, starts, lengths = self._gather(gs)
        if not looked:
            return looked, np.zeros((0, len(self.models)), dtype=bool)
        flat_at, flat_n = starts.ravel(), lengths.ravel()  # t, r, t, r, … segments, one after another
        full = flat_n > 0
        sums = np.zeros((len(flat_n), len(self.models)), dtype=np.int64)
        known = np.zeros((len(flat_n), len(self.models)), dtype=np.int64)
        if full.any():  # the non-empty segments, each summed up to the next one's start (empty ones lie between)
            sums[full] = np.add.reduceat(rows, flat_at[full], axis=0, dtype=np.int64)
            known[full] = np.add.reduceat(rows != 0, flat_at[full], axis=0, dtype=np.int64)
        raw, kn = {}, {}
        for j, s in enumerate(SUBMODELS):
            kn[s] = known[j::2]
            raw[s] = self.b[s] + sums[j::2] * self.scale[s] / np.sqrt(np.maximum(kn[s], 1))
        share = np.array([g.latin_share for g in gs])[:, None]
        return looked, self._hits(raw, kn, lengths[:, :1], share, z_floor)

    def _hits(self, raw: dict[str, np.ndarray], known: dict[str, np.ndarray], n_t: Any, share: Any,
              z_floor: np.ndarray) -> np.ndarray:
        """The floor test of `reaching` on one field ([n_models]) or many ([n_fields, n_models]: `n_t` and
        `share` as columns), element by element the same arithmetic."""
        a, b = self._platt["t"]
        hit = a * raw["t"] + b >= z_floor
        # the same comparison as `score` (coverage = known / n < coverage_min), so that no boundary case differs
        with np.errstate(divide="ignore", invalid="ignore"):
            to_r = (known["t"] / np.maximum(n_t, 1) < self._coverage_min) & (n_t > 0)
        if to_r.any():  # route `r`: the more confident of the robust and the text sub-model
            a, b = self._platt["r"]
            hit = np.where(to_r, hit | (a * raw["r"] + b >= z_floor), hit)
        latin = share >= self._latin_min
        if latin.any():
            a, b = self._platt["latin"]
            hit = np.where(latin, a * raw["r"] + b >= z_floor, hit)
        return hit

    def score(self, g: Grams | Looked, only: Sequence[int] | None = None) -> list[Scored]:
        """Each model's verdict (`only`: just these models, in that order)."""
        lk = g if isinstance(g, Looked) else self.lookup(g)
        raw, known = self._raw(lk)
        n_t = len(lk.buckets["t"])
        share = lk.grams.latin_share
        out = []
        for k in range(len(self.models)) if only is None else only:
            m = self.models[k]
            coverage = float(known["t"][k]) / n_t if n_t else 1.0
            route = m.route(share, coverage)
            r = float(raw["t"][k] if route == "t" else raw["r"][k])
            p = m.calibrate(r, route)
            if route == "r":
                # Few known n-grams is how a cloaked post looks, but also how a shuffled one (the characters
                # are all known) and an ordinary post of another domain look: the text model's verdict stands
                # where it is the more confident one (CNTP val: shuffle keeps 0.78 → 0.87 of clean recall).
                p_t = m.calibrate(float(raw["t"][k]), "t")
                if p_t > p:
                    route, r, p = "t", float(raw["t"][k]), p_t
            out.append(Scored(route, r, p, float(raw["t"][k]), float(raw["r"][k]), coverage))
        return out

    def contributions(self, k: int, lk: Looked, route: str, top: int) -> list[Contribution]:
        """Model k's `top` score-raising n-grams in this field (of the sub-model its route reads), every
        occurrence as a canonical span."""
        s = "t" if route == "t" else "r"
        q = lk.rows[s][:, k]
        n = int(np.count_nonzero(q))
        if not n:
            return []
        contrib = q * (self.scale[s][k] / math.sqrt(n))
        ks = getattr(lk.grams, s) & self.mask
        lay = layout(lk.grams.views)
        out: list[Contribution] = []
        for u in np.argsort(-contrib, kind="stable")[:top]:
            if contrib[u] <= 0:
                break
            occ = [locate(lk.grams.views, s, int(j), lay) for j in np.flatnonzero(ks == lk.buckets[s][u])]
            occ = [sp for sp in occ if sp[1] > sp[0]]
            out.extend(Contribution(a, b, float(contrib[u]) / max(len(occ), 1)) for a, b in occ)
        return out


@cache
def single(model: LinearModel) -> Fused:
    """A fused table holding one model (training and `LinearModel.score` use it)."""
    return Fused([model])


@cache
def _shipped(name: str) -> LinearModel:
    path = shipped_path(name)
    if not path.with_suffix(".npz").exists():
        known = sorted(p.stem for p in path.parent.glob("*.npz"))
        raise ConfigError(f"no shipped model {name!r}; known: {known}")
    return LinearModel.load(path)


__all__ = ["ROUTES", "SUBMODELS", "Contribution", "Fused", "LinearModel", "Looked", "Scored", "logits", "single"]
