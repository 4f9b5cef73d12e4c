"""A model on disk is a pair: `<path>.npz` (the arrays) and `<path>.json` (its metadata). One home for reading,
writing and locating a shipped pair, shared by every model kind (`linear`, `stance`, `recall`)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ConfigError


def read_pair(path: Path, kind: str = "model") -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """(metadata, arrays) of `<path>.json` + `<path>.npz`; ConfigError naming the file when either is missing or
    malformed (`kind` names the model in the message: "cannot load stance model")."""
    try:
        meta = json.loads(path.with_suffix(".json").read_text("utf-8"))
        with np.load(path.with_suffix(".npz"), allow_pickle=False) as f:
            arrays = {k: f[k] for k in f.files}
    except (OSError, KeyError, ValueError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: cannot load {kind}: {exc}") from None
    return meta, arrays


def write_pair(path: Path, meta: dict[str, Any], arrays: dict[str, np.ndarray], *, sort_keys: bool = False) -> None:
    """Write `<path>.npz` (compressed) and `<path>.json` (indented, one trailing newline)."""
    np.savez_compressed(path.with_suffix(".npz"), **arrays)
    path.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=sort_keys) + "\n",
                                         "utf-8")


def shipped_path(name: str) -> Path:
    """`qinglang/models/data/<name>` (without suffix): where a shipped pair lives."""
    return Path(str(resources.files("qinglang.models").joinpath("data", name)))


def shipped_pair(name: str, kind: str) -> Path:
    """The path of a shipped pair; ConfigError when it is not shipped ("no shipped stance model 'x' in …")."""
    path = shipped_path(name)
    if not path.with_suffix(".npz").exists():
        raise ConfigError(f"no shipped {kind} {name!r} in {path.parent}")
    return path


def hashed_table(bits: int, idx: Any, values: Any, width: int | None = None, *, what: str = "indices") -> np.ndarray:
    """The dense float32 table a sparse hashed model was stored as: [2**bits] (or [2**bits, width]) zeros with
    `values` at rows `idx`. ValueError when `bits` is outside [10, 24] or an index does not fit (the callers turn it
    into the ConfigError naming their model)."""
    if not 10 <= bits <= 24:
        raise ValueError(f"bits must be in [10, 24], got {bits}")
    table = np.zeros((1 << bits,) if width is None else (1 << bits, width), dtype=np.float32)
    rows = np.asarray(idx, dtype=np.int64)
    if len(rows) and int(rows.max()) >> bits:
        raise ValueError(f"{what} do not fit the hash size")
    table[rows] = np.asarray(values, dtype=np.float32)
    return table
