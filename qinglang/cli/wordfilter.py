"""`qinglang mask` and `qinglang lexicon import`: the word-filter doors (qinglang/wordfilter.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import ConfigError
from ..lexicon.importer import FORMATS, parse, write_folder
from .common import DetectorsOpt, LexiconOpt


def register(app: typer.Typer, lexicon_app: typer.Typer) -> None:
    app.command("mask")(mask_cmd)
    lexicon_app.command("import")(import_cmd)
    lexicon_app.command("edit")(edit_cmd)
    lexicon_app.command("edits")(edits_cmd)


def edit_cmd(
    op: Annotated[str, typer.Argument(help="add | remove | allow | unallow")],
    term: Annotated[str, typer.Argument(help="The word (add/remove) or phrase (allow/unallow).")],
    edits: Annotated[Path, typer.Option("--edits", help="The edits journal the engine serves from.")],
    actor: Annotated[str, typer.Option("--actor", help="Who makes the edit.")],
    reason: Annotated[str, typer.Option("--reason", help="Why (kept in the journal).")],
    label: Annotated[str | None, typer.Option("--label", help="add: the word's label.")] = None,
    severity: Annotated[str | None, typer.Option("--severity", help="add: low | medium | high")] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="add: a tag (repeatable).")] = None,
    match: Annotated[list[str] | None, typer.Option("--match", help="add: a match mode (repeatable).")] = None,
) -> None:
    """Record a run-time lexicon edit in a journal (engines serving from it apply it on their next request)."""
    from ..labels import LABELS
    from ..lexicon.edits import LexiconEdits
    from ..text import default_normalizer

    journal = LexiconEdits(edits, default_normalizer(), frozenset(LABELS))
    e = journal.apply(op, term, actor=actor, reason=reason, label=label, severity=severity, tags=tag or (),
                      match=match or ())
    typer.echo(json.dumps(e.to_json(), ensure_ascii=False))


def edits_cmd(
    edits: Annotated[Path, typer.Option("--edits", help="The edits journal.")],
    limit: Annotated[int, typer.Option("--limit", help="Latest edits to show.")] = 50,
) -> None:
    """What a journal puts in force (added, removed, allowed) and its latest edits with who/when/why."""
    from ..labels import LABELS
    from ..lexicon.edits import LexiconEdits
    from ..text import default_normalizer

    journal = LexiconEdits(edits, default_normalizer(), frozenset(LABELS))
    typer.echo(json.dumps({**journal.current(), "history": [e.to_json() for e in journal.history(limit)]},
                          ensure_ascii=False, indent=1))


def mask_cmd(
    text: Annotated[str, typer.Argument(metavar="TEXT|FILE|-", help="A text, a UTF-8 text file (one text a line), "
                                        "or '-' for standard input.")],
    char: Annotated[str, typer.Option("--char", help="Mask character, one per masked character.")] = "*",
    replacement: Annotated[str | None, typer.Option("--replacement", help="Replace each span by this string.")] = None,
    per_label: Annotated[list[str] | None, typer.Option("--per-label", help="LABEL=REPLACEMENT (repeatable); "
                                                        "a one-character replacement masks per character.")] = None,
    label: Annotated[list[str] | None, typer.Option("--label", help="Only these labels (repeatable).")] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="Only entries with one of these tags.")] = None,
    mode: Annotated[list[str] | None, typer.Option("--mode", help="Allowed match modes (exact split homophone "
                                                   "pinyin initials regex; repeatable).")] = None,
    layer: Annotated[list[str] | None, typer.Option("--layer", help="Normalization layers (repeatable).")] = None,
    min_score: Annotated[float, typer.Option("--min-score", help="Ignore hits scoring below this.")] = 0.0,
    lexicon: LexiconOpt = None,
    detectors: DetectorsOpt = None,
    no_shipped: Annotated[bool, typer.Option("--no-shipped", help="Only the --lexicon folders, not the shipped "
                                             "lexicons.")] = False,
    edits: Annotated[Path | None, typer.Option("--edits", help="Run-time edits journal to lay over the lexicons.")
                     ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object a line: text, masked, hits.")] = False,
) -> None:
    """Mask every lexicon (and contact_info) hit in the original text; exit 1 when anything was masked."""
    labels_map: dict[str, str] | None = None
    if per_label:
        labels_map = {}
        for item in per_label:
            lab, sep, rep = item.partition("=")
            if not sep or not lab or not rep:
                raise ConfigError(f"--per-label expects LABEL=REPLACEMENT, got {item!r}")
            labels_map[lab] = rep
    from ..engine import Engine, EngineConfig, freeze_heap

    engine = Engine(EngineConfig(
        lexicon_dirs=tuple(lexicon or ()), detectors=detectors, include_shipped_lexicons=not no_shipped, edits=edits,
        extra={"media": False},
    ))
    freeze_heap()  # a CLI process: what the build allocated stays for the whole run
    opts = engine.filter_options(layers=layer, modes=mode, labels=label, tags=tag, min_score=min_score)
    lines: list[str]
    path = Path(text)
    if text == "-":
        lines = [line.rstrip("\n") for line in sys.stdin]
    elif len(text) < 4096 and path.is_file():
        lines = path.read_text("utf-8").splitlines()
    else:
        lines = [text]
    masked_any = False
    for line in lines:
        hits = engine.find_all(line, opts)
        masked = engine.mask(line, opts, char=char, replacement=replacement, per_label=labels_map)
        masked_any = masked_any or bool(hits)
        if as_json:
            typer.echo(json.dumps({"text": line, "masked": masked, "hits": [h.to_json() for h in hits]},
                                  ensure_ascii=False))
        else:
            typer.echo(masked)
    if masked_any:
        raise typer.Exit(1)


def import_cmd(
    src: Annotated[Path, typer.Argument(help="The word list to import (UTF-8).")],
    fmt: Annotated[str, typer.Option("--from", help=f"Its format: {' | '.join(FORMATS)}.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="The lexicon folder to write.")],
    label: Annotated[str, typer.Option("--label", help="Label of every term (a 'lines' row may set its own).")],
    source: Annotated[str, typer.Option("--source", help="Where the list comes from (goes into PROVENANCE).")],
    license_: Annotated[str, typer.Option("--license", help="The list's license (goes into PROVENANCE).")],
    severity: Annotated[str, typer.Option("--severity", help="low | medium | high")] = "medium",
    name: Annotated[str | None, typer.Option("--name", help="Lexicon name (default: the folder name).")] = None,
    allow: Annotated[Path | None, typer.Option("--allow", help="An allow list in the same format (houbb's "
                                               "wordAllow file): phrases inside which no hit counts.")] = None,
    match: Annotated[list[str] | None, typer.Option("--match", help="Match modes for every term (repeatable; "
                                                    "default exact).")] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="A tag for every term (repeatable).")] = None,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace the files of a non-empty folder.")] = False,
) -> None:
    """Turn a houbb/sensitive-word, ToolGood.Words or plain word list into a checked lexicon folder."""
    try:
        text = src.read_text("utf-8-sig")
        allow_rows = [r.term for r in parse(allow.read_text("utf-8-sig"), "lines" if fmt == "lines" else fmt)
                      ] if allow else None
    except OSError as exc:
        raise ConfigError(f"cannot read {exc.filename}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not valid UTF-8 (byte {exc.start})") from None
    rows = parse(text, fmt)
    lex = write_folder(out, rows, name=name or out.name, label=label, severity=severity, source=source,
                       license=license_, allow=allow_rows, match=match, tags=tag, overwrite=overwrite)
    tagged = sum(1 for e in lex.entries if e.tags)
    typer.echo(f"{out}: {len(lex.entries)} terms ({tagged} tagged), {len(lex.allow)} allow phrases, "
               f"lexicon {lex.name!r} (sha256 {lex.digest[:16]})")
