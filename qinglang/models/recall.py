"""The recall heads (registry type `recall`): campaign labels learned across writers, read from words and meaning.

One logistic regression per label over two feature blocks of a post's title and text:

- the text block's hashed char 1-4-gram keys (`features.grams(nt).t`: the keys the `model` detector already
  computed for the same field, memoized on it, so they are not computed twice), as presence in 2**bits buckets,
  L2-normalised;
- the post's static embedding (`qinglang.semantic.static.StaticEmbedder`: the SIF-weighted mean of the distilled e5
  vectors of its greedy dictionary segmentation), times `emb_weight`: posts that say the same thing in other
  words land close, so a head reads past one writer's n-grams.

Trained by `tools/train_recall_heads.py` on 29 writer sets (the corpus writers, blind A-E, unseen … unseen7, the twin
pairs S1/S2) and 20,026 real comments; each label's floor chosen leave-one-set-out on what the head adds to the
engine (docs/models.md, "Session 12 (heads12)").

The shipped model (session 12) has `emb_weight` 0: on the tune half of the writer sets the embedding block did not
add caught violations at equal hard negatives (weight 0: +151, 0.3: +150, 1.0: +113; docs/models.md), so it reads
n-grams only and never computes the embedding. The block stays: a retrain with `--emb-weight` measures it again.

Two optional blocks (session 14, learn14; a model whose JSON has no `features` reads neither, as before):

- ``blocks: ["t", "r"]``: the robust block's keys as well (`features.grams(nt).r`: the sound-class view's 1-3-grams
  with pinyin runs read back as syllables and the initials view's 2-5-grams, already computed for the same field),
  salted so they never share a bucket with a text key by construction, in the same L2-normalised presence;
- ``blocks: [..., "h"]`` (session 19, learn19): the title's text-block keys a second time, salted apart, so a head can
  weigh a phrase in the headline apart from the same phrase in the body (what a title promises is clickbait's and
  source_missing's reading; a post without a title has no such key);
- ``context: w``: one hashed token each for the post's surface, its kind, their cross, and a minor audience
  (`context_tokens`), each of value `w` beside the n-grams: a head can learn that a label is likelier in a comment
  than on a feed post, or in a minors-mode room.

Cost: the n-gram part is one gather and sum per field over keys already there; the embedding (a dictionary walk)
is computed only when it could lift some label over its floor (its contribution is bounded by the norm of that
label's embedding weights, the embedding being unit length): never with weight 0.

A signal: the label, the calibrated probability capped at `max_score` (`label_max`), evidence on the n-grams that
raised the score most (canonical spans mapped back to the original), with ``recall@<version> p=0.812 emb=+0.43``
(the probability and the embedding block's share of the logit) in `value`.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from ..detectors.base import Views
from ..detectors.registry import BuildContext, DetectorSpec
from ..errors import ConfigError
from ..model import Content, Signal
from ..policy.schema import is_minor_audience
from ..text.normalize import NormalizedText
from .features import grams, locate
from .files import hashed_table, read_pair, shipped_pair, write_pair

FIELDS = ("title", "text")  # the fields a head reads (media OCR and QR payloads are other detectors' business)
MAX_SPANS = 3


def _han(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf")


@cache
def embedder() -> Any:
    """The static embedder (loaded once per process; shared by training and inference)."""
    from ..semantic.static import StaticEmbedder

    return StaticEmbedder()


_R_SALT = np.uint32(0x5BD1E995)  # robust-block keys are xor-ed with it: a text key and a sound key never meet by design
_H_SALT = np.uint32(0x27D4EB2F)  # title-block keys (session 19): the title's text keys, apart from the body's


def ngram_keys(nts: Sequence[NormalizedText], bits: int, blocks: Sequence[str] = ("t",),
               title: NormalizedText | None = None) -> np.ndarray:
    """Distinct buckets of the fields' keys of `blocks` (``t``: the text block; ``r``: the robust block, salted;
    ``h``: the `title` field's text keys once more, salted apart), sorted."""
    mask = np.uint32((1 << bits) - 1)
    parts = [grams(nt).t & mask for nt in nts]
    if "r" in blocks:
        parts += [(grams(nt).r ^ _R_SALT) & mask for nt in nts]
    if "h" in blocks and title is not None:
        parts.append((grams(title).t ^ _H_SALT) & mask)
    if not parts:
        return np.zeros(0, dtype=np.uint32)
    k = np.concatenate(parts)
    if not len(k):
        return k
    k.sort()  # deduplicated by sorting (numpy's hash-based `unique` costs several times as much on a post's keys)
    keep = np.empty(len(k), dtype=bool)
    keep[0] = True
    np.not_equal(k[1:], k[:-1], out=keep[1:])
    return k[keep]


def context_tokens(content: Content) -> tuple[str, ...]:
    """The post's context as tokens: its surface, its kind, their cross, and a minor audience (minors mode or an
    audience under 18)."""
    out = [f"S:{content.surface}", f"K:{content.kind}", f"SK:{content.surface}|{content.kind}"]
    if is_minor_audience(content):
        out.append("A:minor")
    return tuple(out)


def context_keys(content: Content, bits: int) -> np.ndarray:
    """Buckets of `context_tokens` (CRC-32 of the token, masked; the stance model's token hashing)."""
    mask = (1 << bits) - 1
    return np.array(sorted({zlib.crc32(("ctx\x00" + t).encode()) & mask for t in context_tokens(content)}),
                    dtype=np.int64)


def post_text(nts: Sequence[NormalizedText]) -> str:
    """What the embedding reads: the canonical title and text, joined by a sentence end."""
    return "。".join(nt.text for nt in nts)


def fields_of(views: Views) -> list[tuple[str, NormalizedText]]:
    return [(name, nt) for name, nt in views.items() if name in FIELDS]


def title_of(fields: Sequence[tuple[str, NormalizedText]]) -> NormalizedText | None:
    """The title field's text among `fields` (None for a post without one)."""
    return next((nt for name, nt in fields if name == "title"), None)


class RecallModel:
    """Per-label weights: `w` [2**bits, L] over n-gram buckets (stored sparse), `e` [dim, L] over the embedding,
    `b` [L]; P = sigmoid(w·x + emb_weight · e·v + b) with x the L2-normalised presence of the post's buckets and v
    its unit-length static embedding."""

    def __init__(self, meta: dict[str, Any], w: np.ndarray, e: np.ndarray, b: np.ndarray, bits: int,
                 emb_weight: float) -> None:
        self.meta, self.w, self.e, self.b, self.bits, self.emb_weight = meta, w, e, b, bits, emb_weight
        self.labels: tuple[str, ...] = tuple(meta["labels"])
        if w.shape != (1 << bits, len(self.labels)) or e.shape[1] != len(self.labels) or b.shape != (len(self.labels),):
            raise ConfigError(f"recall model {meta.get('name')!r}: weight shapes do not match its labels")
        # the most the embedding block can add to each label's logit (|v| = 1: Cauchy-Schwarz)
        self.e_bound = emb_weight * np.linalg.norm(e, axis=0)
        feats = meta.get("features") or {}
        self.blocks: tuple[str, ...] = tuple(feats.get("blocks") or ("t",))
        self.ctx_weight = float(feats.get("context") or 0.0)
        if set(self.blocks) - {"t", "r", "h"} or "t" not in self.blocks or self.ctx_weight < 0:
            raise ConfigError(f"recall model {meta.get('name')!r}: unknown features {feats!r}")

    def keys(self, nts: Sequence[NormalizedText], title: NormalizedText | None = None) -> np.ndarray:
        """The buckets this model reads of the fields (its n-gram blocks; `title`: the title field, read by ``h``)."""
        return ngram_keys(nts, self.bits, self.blocks, title)

    def context_logits(self, content: Content) -> np.ndarray:
        """The context tokens' share of every label's logit (0 when the model reads none)."""
        if not self.ctx_weight:
            return np.zeros(len(self.labels))
        return self.ctx_weight * self.w[context_keys(content, self.bits)].sum(axis=0, dtype=np.float64)

    @property
    def name(self) -> str:
        return str(self.meta.get("name", "recall"))

    @property
    def version(self) -> str:
        digest = str(self.meta.get("digest", ""))
        return str(self.meta.get("version", "1")) + (f"-{digest[7:15]}" if digest.startswith("sha256:") else "")

    def ngram_logits(self, keys: np.ndarray) -> np.ndarray:
        if not len(keys):
            return self.b.astype(np.float64)
        return self.b + self.w[keys].sum(axis=0, dtype=np.float64) / math.sqrt(len(keys))

    def emb_logits(self, vec: np.ndarray) -> np.ndarray:
        return self.emb_weight * (vec @ self.e).astype(np.float64)

    def probabilities(self, nts: Sequence[NormalizedText], content: Content | None = None,
                      title: NormalizedText | None = None) -> np.ndarray:
        """P of every label (training and tests; the detector computes the embedding only where it can matter).
        `content` gives the context tokens (a model that reads them and gets none: no context share); `title` the
        title field (a model with the ``h`` block reads it apart)."""
        z = self.ngram_logits(self.keys(nts, title)) + self.emb_logits(embedder().embed_one(post_text(nts)))
        if content is not None:
            z = z + self.context_logits(content)
        return 1.0 / (1.0 + np.exp(-z))

    def arrays(self) -> dict[str, np.ndarray]:
        rows = np.flatnonzero(np.abs(self.w).sum(axis=1) > 0).astype(np.uint32)
        return {"bits": np.array([self.bits]), "rows": rows, "w": self.w[rows].astype(np.float16),
                "e": self.e.astype(np.float32), "b": self.b.astype(np.float64),
                "emb_weight": np.array([self.emb_weight])}

    @classmethod
    def from_arrays(cls, meta: dict[str, Any], a: dict[str, np.ndarray]) -> RecallModel:
        try:
            bits = int(a["bits"][0])
            w = hashed_table(bits, a["rows"], a["w"], len(meta["labels"]), what="rows")
            return cls(meta, w, np.asarray(a["e"], dtype=np.float32), np.asarray(a["b"], dtype=np.float64), bits,
                       float(a["emb_weight"][0]))
        except (KeyError, ValueError, TypeError, IndexError) as exc:
            raise ConfigError(f"recall model {meta.get('name')!r}: malformed arrays: {exc}") from None

    @classmethod
    def load(cls, path: Path) -> RecallModel:
        return cls.from_arrays(*read_pair(path, "recall model"))

    def save(self, path: Path) -> None:
        write_pair(path, self.meta, self.arrays())


@cache
def shipped(name: str = "recall") -> RecallModel:
    return RecallModel.load(shipped_pair(name, "recall model"))


class RecallDetector:
    name = "recall"

    def __init__(self, model: RecallModel, *, floors: dict[str, float], max_score: float = 0.62,
                 label_max: dict[str, float] | None = None, min_han: int = 8, name: str = "recall") -> None:
        unknown = sorted(set(floors) - set(model.labels))
        if unknown:
            raise ConfigError(f"recall detector: no head for {unknown} in model {model.name!r}")
        bad = {k: v for k, v in floors.items() if not 0.0 < v < 1.0}
        if bad:
            raise ConfigError(f"recall detector: floors must be in (0, 1): {bad}")
        self.model, self.max_score, self.min_han, self.name = model, max_score, min_han, name
        self.label_max = dict(label_max or {})
        self.on = np.array([lb in floors for lb in model.labels])
        f = np.array([floors.get(lb, 0.5) for lb in model.labels])
        self.z_floor = np.where(self.on, np.log(f / (1 - f)), np.inf)
        self.floors = floors
        # the reported labels' columns only, contiguous: one gather of the post's keys reads len(floors) weights
        self._cols = np.flatnonzero(self.on)
        self._w = np.ascontiguousarray(model.w[:, self._cols])
        self._b, self._zf, self._eb = model.b[self._cols], self.z_floor[self._cols], model.e_bound[self._cols]
        self.version = model.version
        self.id = f"{name}@{self.version}"
        self.supported_labels = frozenset(floors)

    def detect(self, content: Content, views: Views) -> list[Signal]:
        fields = fields_of(views)
        if not fields or not len(self._cols):
            return []
        nts = [nt for _, nt in fields]
        keys = self.model.keys(nts, title_of(fields))
        z = self._b + (self._w[keys].sum(axis=0, dtype=np.float64) / math.sqrt(len(keys)) if len(keys) else 0.0)
        zc = 0.0
        if self.model.ctx_weight:
            zc = self.model.ctx_weight * self._w[context_keys(content, self.model.bits)].sum(axis=0, dtype=np.float64)
            z = z + zc
        if not (z + self._eb >= self._zf).any():
            return []  # no label can reach its floor, even with the embedding (not computed: most posts)
        if sum(_han(nt.text) for nt in nts) < self.min_han:
            return []  # minimum evidence (tested only here: it is a Python loop over the characters)
        ze = self.model.emb_logits(embedder().embed_one(post_text(nts)))[self._cols] if self._eb.any() else 0.0 * z
        z = z + ze
        out: list[Signal] = []
        for j in np.flatnonzero(z >= self._zf):
            k = int(self._cols[j])
            label = self.model.labels[k]
            p = 1.0 / (1.0 + math.exp(-float(z[j])))
            rule = f"model.recall.{label}"
            value = f"{self.model.name}@{self.version} p={p:.3f} emb={float(ze[j]):+.2f}"
            if self.model.ctx_weight:
                value += f" ctx={float(np.asarray(zc)[j]) if np.ndim(zc) else 0.0:+.2f}"
            evidence = tuple(views.evidence(name, a, b, rule=rule, detector=self.id, value=value)
                             for name, a, b in self._spans(fields, int(k)))
            out.append(Signal(label=label, score=min(p, self.label_max.get(label, self.max_score)), rule=rule,
                              detector=self.id, evidence=evidence))
        return out

    def _spans(self, fields: list[tuple[str, NormalizedText]], k: int) -> list[tuple[str, int, int]]:
        """The canonical spans that raised label k's logit most: n-grams (their weight over the post's key count)
        and dictionary words of the embedding walk (their SIF-weighted vector against the label's embedding weights,
        over the post vector's norm), one ranking; punctuation trimmed, overlapping spans merged."""
        m = self.model
        mask = np.uint32((1 << m.bits) - 1)
        nts = [nt for _, nt in fields]
        n_keys = max(len(m.keys(nts, title_of(fields))), 1)
        emb = embedder()
        total = emb.table[[r for nt in nts for r in emb.rows(nt.text.lower())]].sum(axis=0)
        norm = float(np.linalg.norm(total)) or 1.0
        cands: list[tuple[float, str, int, int]] = []
        scale = math.sqrt(n_keys)

        def ranked(name: str, g: Any, block: str, keys: np.ndarray, nonempty: bool = False) -> None:
            """The block's n-grams that raise the logit, strongest first (`keys`: their buckets before the mask)."""
            wk = m.w[keys & mask, k] / scale
            for i in np.argsort(-wk)[:MAX_SPANS * 4]:
                if wk[i] <= 0:
                    break
                a, b = locate(g.views, block, int(i))
                if b > a or not nonempty:
                    cands.append((float(wk[i]), name, a, b))

        for name, nt in fields:
            g = grams(nt)
            if len(g.t):
                ranked(name, g, "t", g.t)
                if "h" in m.blocks and name == "title":  # the title's keys once more, salted apart
                    ranked(name, g, "t", g.t ^ _H_SALT)
            if "r" in m.blocks and len(g.r):
                ranked(name, g, "r", g.r ^ _R_SALT, nonempty=True)
            low = nt.text.lower()
            if len(low) == len(nt.text):  # offsets of the walk are the canonical text's
                for row, a, b in emb._ac.find_matches_as_indexes(low):
                    c = m.emb_weight * float(emb.table[emb._rows[row]] @ m.e[:, k]) / norm
                    if c > 0:
                        cands.append((c, name, a, b))
        cands.sort(key=lambda c: -c[0])
        spans: list[tuple[str, int, int]] = []
        for _, name, a, b in cands:
            text = dict(fields)[name].text
            while a < b and not text[a].isalnum():
                a += 1
            while b > a and not text[b - 1].isalnum():
                b -= 1
            if a >= b:
                continue
            for j, (n2, a2, b2) in enumerate(spans):
                if n2 == name and a <= b2 and a2 <= b:
                    spans[j] = (name, min(a, a2), max(b, b2))
                    break
            else:
                if len(spans) < MAX_SPANS:
                    spans.append((name, a, b))
            if len(spans) >= MAX_SPANS and all(b2 - a2 >= 2 for _, a2, b2 in spans):
                break
        return spans


class Params(BaseModel):
    """Registry parameters of the recall heads (floors chosen leave-one-set-out through the engine)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    model: str = Field("recall", description="shipped recall model name (qinglang/models/data)")
    floors: dict[str, float] = Field(default_factory=dict, description="label → probability floor; a label not "
                                     "listed is not reported (the shipped model's JSON records the chosen floors)")
    max_score: float = Field(0.62, ge=0.0, le=1.0, description="cap of a head's signal (a head alone reviews)")
    label_max: dict[str, float] = Field(default_factory=dict, description="per-label cap overriding max_score")
    min_han: int = Field(8, ge=0, description="fewer Chinese characters in title + text: no signal")


def build(spec: DetectorSpec[Params], ctx: BuildContext) -> RecallDetector:
    p = spec.params
    model = shipped(p.model)
    floors = dict(p.floors) or {k: float(v) for k, v in (model.meta.get("floors") or {}).items()}
    return RecallDetector(model, floors=floors, max_score=p.max_score, label_max=p.label_max, min_han=p.min_han,
                          name=spec.name)


__all__ = ["Params", "RecallDetector", "RecallModel", "build", "context_keys", "context_tokens", "shipped"]
