"""`qinglang normalize` and `qinglang lexicon …`: see what the engine sees, and maintain lexicons."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ..errors import ConfigError
from ..lexicon import CompiledLexicon, load_dirs, shipped_lexicon_dirs
from ..text import default_normalizer
from ..text.normalize import NormalizedText
from .common import LexiconOpt, build_engine, make_console

lexicon_app = typer.Typer(help="List, test and compile lexicons.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("normalize")(normalize_cmd)
    app.add_typer(lexicon_app, name="lexicon")


def _layers_of(nt: NormalizedText) -> list[str]:
    return list(nt.layers(0, len(nt.text)))


def _changes(nt: NormalizedText) -> list[tuple[str, str, str]]:
    """(canonical, original, layers) for every changed character, in original order; deleted characters (zero-width,
    separators, repeats folded away) show as canonical "∅" so a reader sees everything the detectors will not see."""
    rows: list[tuple[int, str, str, str]] = []
    covered = [False] * len(nt.original)
    for i, ch in enumerate(nt.text):
        a, b = nt.span(i, i + 1)
        for k in range(a, b):
            covered[k] = True
        if nt.original[a:b] != ch:
            rows.append((a, ch, nt.original[a:b], ",".join(nt.layers(i, i + 1))))
    k = 0
    while k < len(covered):
        if covered[k]:
            k += 1
            continue
        end = k
        while end < len(covered) and not covered[end]:
            end += 1
        shown = "".join("␠" if c == " " else c if c.isprintable() else f"\\u{ord(c):04x}" for c in nt.original[k:end])
        rows.append((k, "∅", shown, "deleted"))
        k = end
    return [r[1:] for r in sorted(rows, key=lambda r: r[0])]


def normalize_cmd(
    text: Annotated[str, typer.Argument(metavar="TEXT|IN.jsonl", help="A text, or a JSONL file of Content.")],
    out: Annotated[str, typer.Option("-o", "--out", help="Output JSONL (file mode); '-' for stdout.")] = "-",
) -> None:
    """Show the canonical text the detectors see; with a JSONL file, add `normalized` and `layers` per row."""
    norm = default_normalizer()
    path = Path(text)
    if not (len(text) < 4096 and path.suffix in (".jsonl", ".json") and path.is_file()):
        nt = norm.normalize(text)
        console = make_console()
        console.print(f"[dim]original  [/dim]{text}")
        console.print(f"[dim]canonical [/dim][bold]{nt.text}[/bold]")
        console.print(f"[dim]layers    [/dim]{', '.join(_layers_of(nt)) or '-'}")
        table = Table("canonical", "original", "layers", box=None)
        for canon, orig, layers in _changes(nt):
            table.add_row(canon, orig, layers)
        if table.row_count:
            console.print(table)
        return
    errors = 0
    outf = sys.stdout if out == "-" else open(out, "w", encoding="utf-8")
    try:
        with open(path, "rb") as fh:
            for n, raw in enumerate(fh, 1):
                try:
                    row = json.loads(raw.decode("utf-8"))
                    if not isinstance(row, dict):
                        raise ValueError("not a JSON object")
                except (UnicodeDecodeError, ValueError, RecursionError) as exc:
                    errors += 1
                    outf.write(json.dumps({"line": n, "error": f"invalid row: {exc}"}, ensure_ascii=False) + "\n")
                    continue
                normalized, layers = {}, {}
                for key in ("title", "text"):
                    if isinstance(row.get(key), str) and row[key]:
                        nt = norm.normalize(row[key])
                        normalized[key], layers[key] = nt.text, _layers_of(nt)
                row["normalized"], row["layers"] = normalized, layers
                outf.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        if outf is not sys.stdout:
            outf.close()
    if errors:
        raise typer.Exit(1)


@lexicon_app.command("list")
def lexicon_list(lexicon: LexiconOpt = None) -> None:
    """The lexicons in force: name, entries, labels, folder and provenance."""
    dirs = [*shipped_lexicon_dirs(), *(lexicon or [])]
    table = Table("name", "entries", "labels", "match modes", "folder")
    for lex in load_dirs(dirs):
        labels = sorted({e.label for e in lex.entries})
        modes = sorted({m for e in lex.entries for m in e.match})
        table.add_row(lex.name, str(len(lex.entries)), ", ".join(labels), ", ".join(modes), lex.path)
    make_console().print(table)


@lexicon_app.command("check")
def lexicon_check(
    word: Annotated[str, typer.Argument(help="A word or sentence to test against the lexicons.")],
    lexicon: LexiconOpt = None,
) -> None:
    """Which entries a text hits, through which spelling (exact, split, homophone, pinyin, initials)."""
    engine = build_engine(lexicon, None, None)
    nt = engine.normalizer.normalize(word)
    hits = engine.compiled_lexicon.match(nt)
    console = make_console()
    console.print(f"[dim]canonical[/dim] {nt.text}")
    if not hits:
        console.print("no lexicon entry matches")
        raise typer.Exit(1)
    table = Table("original", "term", "label", "score", "via", "lexicon", "rule", "source")
    for h in hits:
        a, b = nt.span(h.start, h.end)
        table.add_row(word[a:b], h.entry.term, h.entry.label, f"{h.score:.2f}", h.variant, h.entry.lexicon,
                      h.entry.rule, h.entry.source)
    console.print(table)


@lexicon_app.command("compile")
def lexicon_compile(folder: Annotated[Path, typer.Argument(help="A lexicon folder (or a folder of them).")]) -> None:
    """Validate and compile a lexicon folder; errors name the file and line."""
    try:
        lexicons = load_dirs([folder])
        compiled = CompiledLexicon([e for lex in lexicons for e in lex.entries], default_normalizer())
    except ConfigError as exc:
        typer.echo(f"error: {exc.message}", err=True)
        raise typer.Exit(2) from None
    if not len(compiled):
        typer.echo(f"error: {folder}: no entries (add term files or `entries` to lexicon.yaml)", err=True)
        raise typer.Exit(2)
    for lex in lexicons:
        typer.echo(f"{lex.name}: {len(lex.entries)} entries (sha256 {lex.digest[:16]})")
    typer.echo(f"compiled: {len(compiled)} entries, {compiled.pattern_count} patterns")
