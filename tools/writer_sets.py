"""The writer sets the learned stages train on and are measured on, one home for the three trainers
(`train_stance.py`, `train_recall_heads.py`, `train_purpose.py`).

A writer set is the rows one writer (or one writer pair) wrote blind to the rules: the corpus writers
(`corpus/train/t*.jsonl`), the blind sets A–E (`tests/data/blind/task*`, `claims/`, `live/`), the unseen sets (one per
session, named here once scored), the twin pairs (`corpus/twins/S*`; `QINGLANG_TRAIN7` points elsewhere). The set being
written in a session is never named here; the blind `holdout` rows are marked so a trainer can refuse them.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BLIND = ROOT / "tests" / "data" / "blind"
TRAIN7 = Path(os.environ.get("QINGLANG_TRAIN7", ROOT / "corpus" / "twins"))

# The unseen sets, named: a fresh set joins once it has been scored (unseen10: session 14's, added in session 15).
UNSEEN = ("unseen", "unseen2", "unseen3", "unseen4", "unseen5", "unseen6", "unseen7", "unseen8", "unseen9",
          "unseen10")
# The twin-pair sets (one writer each): S1, S2 (session 11), S3, S4 (session 12), S5 (引流 and contact exchange) and S6
# (weak campaign labels, session 13; copied from /work/twins13 with their WRITER.md), S7 (news: source, rumour,
# clickbait, licence) and S8 (minors, language, innuendo, group jokes), session 14; S9 (enterprises, AI content) and
# S10 (abuse, antagonism, bullying, minors, fans), session 15; a missing one is skipped.
TWINS = ("S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9", "S10")


def sources(twins: tuple[str, ...] = TWINS) -> list[tuple[str, Path]]:
    """(writer set, file) for every row file (room streams excluded), twin sets as named."""
    out = [(p.stem, p) for p in sorted((ROOT / "corpus" / "train").glob("t*.jsonl"))]
    out += [("blindA" if int(p.stem[4:]) <= 5 else "blindB", p) for p in sorted(BLIND.glob("task*.jsonl"))]
    out += [("blindC", BLIND / "claims" / f"{n}.jsonl") for n in ("rumor", "false_science")]
    out += [("blindD", BLIND / "claims" / "clickbait.jsonl")]
    out += [("blindE", BLIND / "live" / f"{n}.jsonl") for n in ("drainage", "gambling_sms")]
    for name in UNSEEN:
        out += [(name, p) for p in sorted((BLIND / name).glob("*.jsonl")) if p.stem != "streams"]
    out += [(s, TRAIN7 / s / f"{s.lower()}.jsonl") for s in twins]
    return [(g, p) for g, p in out if p.exists()]


def rows(twins: tuple[str, ...] = TWINS, *, holdout: bool = False) -> Iterator[tuple[str, Path, dict[str, Any]]]:
    """(writer set, file, row) for every row with a `content`; blind `holdout` rows only when asked."""
    for group, path in sources(twins):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                r = json.loads(line)
                if "content" in r and (holdout or r.get("split") != "holdout"):
                    yield group, path, r


def engine_with(edit: Callable[[dict[str, Any]], None]) -> Any:
    """The default engine built from a copy of the shipped registry that `edit` changed (a stage switched off, a
    model unset): how a trainer gets the engine its training rows are recorded through."""
    import yaml

    from qinglang.detectors.registry import default_registry_path
    from qinglang.engine import Engine, EngineConfig

    reg = yaml.safe_load(default_registry_path().read_text("utf-8"))
    edit(reg)
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False, encoding="utf-8") as fh:
        yaml.safe_dump(reg, fh, allow_unicode=True)
    try:
        return Engine(EngineConfig(detectors=Path(fh.name)))
    finally:
        os.unlink(fh.name)


def without_types(*types: str) -> Callable[[dict[str, Any]], None]:
    """A registry edit for `engine_with`: the detectors of these registry types disabled."""
    def edit(reg: dict[str, Any]) -> None:
        for entry in reg["detectors"]:
            if entry.get("type") in types:
                entry["enabled"] = False
    return edit
