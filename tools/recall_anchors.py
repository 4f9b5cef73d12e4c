"""Innocent anchor sentences for the recall heads' floors (session 23, learn23: session 20's registry rule made part of
the trainer).

Each retrain used to trip an ordinary-sense sentence of the test suite by a hair (a head scores an innocent sentence
at 0.87 under a floor of 0.85), and the lead raised the registry floor by hand to the lowest floor at least 0.01 above
the suite's score (sessions 15, 20, 22). The rule is now the trainer's: `tools/recall_anchors.yaml` holds innocent
sentences — the ones written for it here (`written`) and the suite's own spared sentences (`suite`: every module-level
list named ``SPARED``, ``*_SPARED``, ``SPARED_*`` or ``HARD_NEGATIVES`` in ``tests/**/test_*.py``, which the suite
asserts the engine does not act on) — and every floor the trainer ships is held at least `MARGIN` above the highest
score its head gives an anchor, in 0.01 steps (`hold_above`). A head whose floor would have to exceed `TOP` is not
shipped. The registry is checked against the same anchors (tests/models/test_recall_anchors.py).

    python tools/recall_anchors.py --write     # re-harvest the suite's section (the written one is kept)
    python tools/recall_anchors.py --score     # the shipped heads' highest anchor score per label against the floors

`make train-recall` re-harvests before it trains, so a sentence the suite spares is an anchor of the next retrain.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import math
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ANCHORS = ROOT / "tools" / "recall_anchors.yaml"
MARGIN = 0.01  # session 20's rule: the lowest floor at least 0.01 above the innocent sentence's score
TOP = 0.99  # the highest floor a head may get; above it the head is not shipped
LIST_NAME = re.compile(r"^(SPARED|[A-Z0-9_]+_SPARED|SPARED_[A-Z0-9_]+|HARD_NEGATIVES)$")
FIELDS = ("text", "title", "surface", "kind", "audience")  # what an anchor keeps of a suite item


def anchor_id(text: str) -> str:
    """A stable id of an anchor: its text's sha256, 10 hex digits."""
    return "a-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def _items(node: ast.AST) -> list[dict[str, Any]]:
    """The literal items of a list node: a string, a dict with ``text``, or a tuple whose first element is either."""
    out = []
    for el in getattr(node, "elts", []):
        try:
            v = ast.literal_eval(el)
        except ValueError:
            continue  # an item built by code (a constant, a call): not a sentence the file states
        if isinstance(v, tuple) and v:
            v = v[0]
        if isinstance(v, str):
            v = {"text": v}
        if isinstance(v, dict) and isinstance(v.get("text"), str) and v["text"].strip():
            out.append({k: v[k] for k in FIELDS if isinstance(v.get(k), str)})
    return out


def harvest(tests: Path = ROOT / "tests") -> list[dict[str, Any]]:
    """The suite's spared sentences: each item of a module-level `LIST_NAME` list in ``tests/**/test_*.py`` (file
    order, then list order), with its ``source`` (file::list) and id; a text met twice is kept once (its first
    source)."""
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(tests.rglob("test_*.py")):
        for node in ast.parse(path.read_text("utf-8")).body:
            target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else \
                getattr(node, "target", None)
            if not isinstance(target, ast.Name) or not LIST_NAME.match(target.id):
                continue
            for item in _items(node.value):
                aid = anchor_id(item["text"])
                out.setdefault(aid, {"id": aid, **item, "source": f"{path.relative_to(tests.parent)}::{target.id}"})
    return list(out.values())


def load(path: Path = ANCHORS) -> list[dict[str, Any]]:
    """Every anchor of the file (written, then suite)."""
    import yaml

    data = yaml.safe_load(path.read_text("utf-8"))
    return [*(data.get("written") or []), *(data.get("suite") or [])]


def digest(path: Path = ANCHORS) -> str:
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def write(path: Path = ANCHORS, tests: Path = ROOT / "tests") -> int:
    """Rewrite the file's suite section from `harvest` (the written section and the header kept); the anchor count."""
    import yaml

    text = path.read_text("utf-8")
    head, _, _ = text.partition("\nsuite:")
    suite = harvest(tests)
    body = yaml.safe_dump({"suite": suite}, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(head.rstrip("\n") + "\n" + body, "utf-8")
    return len(load(path))


def content_of(anchor: dict[str, Any]) -> Any:
    from qinglang.model import Content

    return Content.from_json({"id": anchor["id"], **{k: anchor[k] for k in FIELDS if k in anchor}})


def peaks(model: Any, anchors: list[dict[str, Any]], min_han: int = 8) -> dict[str, tuple[float, str]]:
    """Per label of `model`: the highest probability its head gives an anchor, with that anchor's id. An anchor with
    fewer than `min_han` Chinese characters is skipped: the detector emits nothing for it (`RecallDetector.detect`)."""
    from qinglang.detectors.base import Views
    from qinglang.models.recall import _han, fields_of, title_of
    from qinglang.text.normalize import default_normalizer

    norm = default_normalizer()
    best: dict[str, tuple[float, str]] = {}
    for a in anchors:
        content = content_of(a)
        fields = fields_of(Views.build(content, norm))
        nts = [nt for _, nt in fields]
        if not nts or sum(_han(nt.text) for nt in nts) < min_han:
            continue
        for label, p in zip(model.labels, model.probabilities(nts, content, title_of(fields)), strict=True):
            if float(p) > best.get(label, (-1.0, ""))[0]:
                best[label] = (float(p), a["id"])
    return best


def floor_above(p: float, margin: float = MARGIN) -> float:
    """The lowest floor in 0.01 steps at least `margin` above a score `p`."""
    return math.ceil(round((p + margin) * 100, 6)) / 100


def hold_above(floors: dict[str, float], top: dict[str, tuple[float, str]], margin: float = MARGIN
               ) -> tuple[dict[str, float], dict[str, dict[str, Any]]]:
    """(the floors held above the anchors, what moved): a floor under `floor_above` of its head's highest anchor score
    is raised to it; a head that would need a floor above `TOP` is dropped (``to`` None). Floors already clear stay."""
    held, moved = dict(floors), {}
    for label, floor in floors.items():
        if label not in top:
            continue
        p, aid = top[label]
        need = floor_above(p, margin)
        if floor >= need:
            continue
        moved[label] = {"from": floor, "to": need if need <= TOP else None, "anchor": aid, "p": round(p, 4)}
        if need <= TOP:
            held[label] = need
        else:
            del held[label]
    return held, moved


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(ROOT))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", action="store_true", help="re-harvest the suite's section of the anchor file")
    ap.add_argument("--score", action="store_true", help="the shipped heads' highest anchor score per label")
    ap.add_argument("--model", type=Path, help="a recall model (path without suffix; default: the shipped one)")
    args = ap.parse_args(argv)
    if args.write:
        print(f"{write()} anchors in {ANCHORS.relative_to(ROOT)}", file=sys.stderr)
    if args.score:
        import yaml

        from qinglang.detectors.registry import default_registry_path
        from qinglang.models.recall import RecallModel, shipped

        model = RecallModel.load(args.model) if args.model else shipped()
        reg = yaml.safe_load(default_registry_path().read_text("utf-8"))
        listed = next(e for e in reg["detectors"] if e.get("type") == "recall")["params"]["floors"]
        anchors = {a["id"]: a for a in load()}
        for label, (p, aid) in sorted(peaks(model, list(anchors.values())).items()):
            print(f"{label:17s} {p:.3f} model {model.meta['floors'].get(label, '-')!s:5s} registry "
                  f"{listed.get(label, '-')!s:5s} {anchors[aid]['text'][:40]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
