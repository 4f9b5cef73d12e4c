"""`qinglang eval`: precision / recall / F1 per label of the engine on a labelled JSONL set."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ..engine import Engine
from ..eval.metrics import Counts, gold_labels, read_jsonl
from ..eval.perturb import KINDS, perturb
from .common import DetectorsOpt, LexiconOpt, PolicyOpt, build_engine, make_console


def register(app: typer.Typer) -> None:
    app.command("eval")(evaluate)


def evaluate(
    dataset: Annotated[Path, typer.Argument(metavar="SET.jsonl", help="Rows {id, text, label | labels}.")],
    label: Annotated[list[str] | None, typer.Option("--label", "-L", help="Label(s) to score (repeatable).")] = None,
    min_score: Annotated[float, typer.Option(help="A label counts as predicted at this score or above.")] = 0.0,
    perturbation: Annotated[str | None, typer.Option("--perturb", help=f"Cloak texts first: {', '.join(KINDS)}.")
                            ] = None,
    rate: Annotated[float, typer.Option(
        help="Perturbation rate: per character (per word for initials; 1 = whole text).")] = 0.5,
    seed: Annotated[int, typer.Option(help="Seed for --perturb.")] = 13,
    limit: Annotated[int | None, typer.Option(help="Only the first N rows.")] = None,
    cloak: Annotated[bool, typer.Option("--cloak", help="Report recall retained under every cloaking kind "
                                        "(the --label set counts as one positive class).")] = False,
    cloak_sound_hits: Annotated[bool, typer.Option(
        "--cloak-sound-hits", help="With --cloak: also apply the lexical kinds to spans the clean engine found only "
        "by sound (a cloak of a cloak; stricter).")] = False,
    detector: Annotated[list[str] | None, typer.Option(
        "--detector", "-d", help="Count only signals of these detectors (name, e.g. 'model' or 'lexicon'; repeatable).")
                        ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    lexicon: LexiconOpt = None,
    policy: PolicyOpt = None,
    detectors: DetectorsOpt = None,
) -> None:
    """Run the engine on a labelled set; print precision, recall, F1, accuracy and the confusion matrix."""
    engine = build_engine(lexicon, policy, detectors)
    labels = list(label or [])
    if cloak:
        _cloak(engine, dataset, labels, seed, limit, as_json, cloak_sound_hits)
        return
    rng = random.Random(seed)
    counts: dict[str, Counts] = {}
    for k, row in enumerate(read_jsonl(dataset)):
        if limit is not None and k >= limit:
            break
        gold = gold_labels(row, labels[0] if len(labels) == 1 else None)
        text = str(row.get("text", ""))
        if perturbation:
            text = perturb(text, perturbation, rng, rate=rate)
        decision = engine.moderate({"id": str(row.get("id", k)), "text": text}, explain=bool(detector))
        if detector:
            signals = (decision.trace or {}).get("signals", [])
            pred = {s["label"] for s in signals if s["detector"].split("@")[0] in detector and s["score"] >= min_score}
        else:
            pred = {lab.label for lab in decision.labels if lab.score >= min_score}
        for lab in labels or sorted(gold | pred):
            counts[lab] = counts.get(lab, Counts()).add(lab in gold, lab in pred)
    if as_json:
        typer.echo(json.dumps({lab: c.to_json() for lab, c in sorted(counts.items())}, ensure_ascii=False, indent=2))
        return
    title = f"{dataset.name}" + (f" · perturb={perturbation}@{rate}" if perturbation else "")
    title += f" · detector={','.join(detector)}" if detector else ""
    table = Table("label", "n", "precision", "recall", "F1", "accuracy", "TP", "FP", "FN", "TN", title=title)
    for lab, c in sorted(counts.items()):
        table.add_row(lab, str(c.n), f"{c.precision:.4f}", f"{c.recall:.4f}", f"{c.f1:.4f}", f"{c.accuracy:.4f}",
                      str(c.tp), str(c.fp), str(c.fn), str(c.tn))
    console = make_console()
    console.print(table)
    for lab, c in sorted(counts.items()):
        matrix = Table("gold \\ predicted", f"{lab}", f"not {lab}", title=f"confusion matrix · {lab}")
        matrix.add_row(f"{lab}", str(c.tp), str(c.fn))
        matrix.add_row(f"not {lab}", str(c.fp), str(c.tn))
        console.print(matrix)


def _cloak(engine: Engine, dataset: Path, labels: list[str], seed: int, limit: int | None, as_json: bool,
           cloak_sound_hits: bool = False) -> None:
    import itertools

    from ..eval.cloak import cloak_eval

    if not labels:
        raise typer.BadParameter("--cloak needs at least one --label", param_hint="--label")
    rows = itertools.islice(read_jsonl(dataset), limit)
    clean, results = cloak_eval(engine, rows, set(labels), label_for_binary=labels[0], seed=seed,
                                cloak_sound_hits=cloak_sound_hits)
    if as_json:
        typer.echo(json.dumps({"clean": clean.to_json(), "kinds": [r.to_json() for r in results]}, indent=2))
        return
    table = Table("cloaking", "n", "precision", "recall", "F1", "retained recall", "precision drop (pts)",
                  title=f"{dataset.name} · labels {'+'.join(labels)}")
    table.add_row("(clean)", str(clean.n), f"{clean.precision:.4f}", f"{clean.recall:.4f}", f"{clean.f1:.4f}",
                  "1.000", "0.00")
    for r in results:
        c = r.counts
        table.add_row(r.kind, str(c.n), f"{c.precision:.4f}", f"{c.recall:.4f}", f"{c.f1:.4f}", f"{r.retained:.3f}",
                      f"{r.precision_drop * 100:.2f}")
    make_console().print(table)
