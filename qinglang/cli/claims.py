"""`qinglang claims import|match`: the debunk bank (辟谣库) of claims already judged false."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..claims.bank import BankError, DebunkBank, read_rows

BankOpt = Annotated[str, typer.Option("--bank", help="Bank file (JSONL; `example` = the shipped example bank).")]

app = typer.Typer(help="Debunk bank (辟谣库): import debunked claims, match posts against them.", no_args_is_help=True)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="claims")


@app.command("import")
def import_(
    src: Annotated[list[Path], typer.Argument(help="CSV (claim,verdict,source,date[,id,url]) or JSONL files.")],
    bank: Annotated[Path, typer.Option("--bank", help="Bank file to create or extend (JSONL).")],
) -> None:
    """Add debunked claims to a bank; the same claim (after normalization) keeps its latest verdict and source.
    Any invalid row stops the import with its file, line and field; the bank is written only when all are valid."""
    old = read_rows(bank) if bank.exists() else []
    new = [e for path in src for e in read_rows(path)]
    merged = DebunkBank([*old, *new])
    bank.parent.mkdir(parents=True, exist_ok=True)
    merged.save(bank)
    typer.echo(f"{bank}: {len(merged.entries)} entries ({len(merged.entries) - len(old)} new, "
               f"{len(new)} rows read)", err=True)


@app.command("match")
def match(
    text: Annotated[str | None, typer.Argument(help="Text to match; omit: one text per line from stdin.")] = None,
    bank: BankOpt = "example",
    min_similarity: Annotated[float, typer.Option(help="Report matches from this similarity (0–1).")] = 0.6,
    paraphrase: Annotated[bool, typer.Option(help="Also match paraphrases (needs qinglang[claims-embed]).")] = False,
) -> None:
    """Bank entries each text repeats (one JSON line per text: entry, verdict, source, similarity, method)."""
    if not 0.0 <= min_similarity <= 1.0:
        raise BankError("--min-similarity must be between 0 and 1")
    b = DebunkBank.load(bank, paraphrase=paraphrase)
    texts = [text] if text is not None else [line.rstrip("\n") for line in sys.stdin if line.strip()]
    found = 0
    for t in texts:
        ms = b.match_text(t, min_similarity=min_similarity)
        found += bool(ms)
        typer.echo(json.dumps({"text": t, "matches": [
            {**m.entry.to_json(), "similarity": m.similarity, "method": m.method,
             "span": t[m.start:m.end]} for m in ms]}, ensure_ascii=False))
    if not found:
        raise typer.Exit(1)
