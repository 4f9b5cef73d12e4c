"""`qinglang indicators import|export|match|list`: the cross-platform indicator bank."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import IndicatorError
from ..indicators.bank import IndicatorStore
from ..media.hash import PDQ_THRESHOLD

DbOpt = Annotated[Path, typer.Option("--db", help="Indicator bank file (SQLite; created by import).")]
SaltOpt = Annotated[str | None, typer.Option("--salt", help="Salt of a hashed list (shared with the partner).")]
SaltFileOpt = Annotated[Path | None, typer.Option("--salt-file", help="Read the salt from a file (keeps it out of "
                                                                      "shell history).")]

app = typer.Typer(help="Indicator banks: known drainage handles, links, QR payloads and image hashes.",
                  no_args_is_help=True)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="indicators")


def _salt(salt: str | None, salt_file: Path | None) -> str | None:
    if salt_file is not None:
        try:
            return salt_file.read_text("utf-8").strip("\r\n")
        except OSError as exc:
            raise IndicatorError(f"cannot read salt file {salt_file}: {exc.strerror}") from None
    return salt


@app.command("import")
def import_(
    src: Annotated[Path, typer.Argument(help="CSV or JSONL list: kind,value[,note] or kind,sha256.")],
    db: DbOpt,
    bank: Annotated[str, typer.Option(help="Bank name (appears in rules as indicator.<bank>).")],
    salt: SaltOpt = None,
    salt_file: SaltFileOpt = None,
    fmt: Annotated[str | None, typer.Option("--format", help="csv or jsonl (default: from the extension).")] = None,
    description: Annotated[str, typer.Option(help="What the bank is (source, date).")] = "",
) -> None:
    """Add a list to a bank (created if needed). Invalid rows are reported and skipped."""
    with IndicatorStore(db) as store:
        res = store.import_file(src, bank, salt=_salt(salt, salt_file), fmt=fmt, description=description)
    for e in res.errors[:20]:
        typer.echo(f"skipped {e}", err=True)
    typer.echo(f"{bank}: {res.added} added, {res.skipped} already present, {len(res.errors)} invalid", err=True)
    if res.errors:
        raise typer.Exit(1)


@app.command("export")
def export(
    db: DbOpt,
    bank: Annotated[str, typer.Option(help="Bank to export.")],
    out: Annotated[str, typer.Option("-o", "--out", help="Output file; '-' for stdout.")] = "-",
    fmt: Annotated[str, typer.Option("--format", help="jsonl or csv.")] = "jsonl",
    hashed: Annotated[bool, typer.Option("--hash", help="Write sha256(salt + kind:value) instead of values.")] = False,
    salt: SaltOpt = None,
    salt_file: SaltFileOpt = None,
) -> None:
    """Write a bank as a list for sharing: plain, or SHA-256 (salted with --salt)."""
    s = _salt(salt, salt_file) or ""
    if s and not hashed:
        raise IndicatorError("--salt only makes sense with --hash")
    with IndicatorStore(db) as store:
        if out == "-":
            n = store.export(bank, sys.stdout, fmt=fmt, hashed=hashed, salt=s)
        else:
            with open(out, "w", encoding="utf-8", newline="") as f:
                n = store.export(bank, f, fmt=fmt, hashed=hashed, salt=s)
    typer.echo(f"{bank}: {n} rows written", err=True)


@app.command("list")
def list_(db: DbOpt) -> None:
    """Show the banks in a file."""
    with IndicatorStore(db) as store:
        for b in store.banks():
            form = "sha256" + ("+salt" if b.salt else "") if b.hashed else "plain"
            typer.echo(f"{b.name}\t{b.size}\t{form}\t{b.created_at}\t{b.description}")


@app.command("match")
def match(
    db: DbOpt,
    values: Annotated[list[str] | None, typer.Argument(help="Indicators as kind:value (wechat:abc_777).")] = None,
    text: Annotated[str | None, typer.Option(help="Find candidates in a text (handles, links, phones).")] = None,
    image: Annotated[list[Path] | None, typer.Option(help="Find candidates in an image (QR, OCR, PDQ).")] = None,
    bank: Annotated[list[str] | None, typer.Option(help="Only these banks (repeatable).")] = None,
    pdq_threshold: Annotated[int, typer.Option(help="Max PDQ Hamming distance.")] = PDQ_THRESHOLD,
) -> None:
    """Print one JSON line per match; exit 1 if nothing matched."""
    from ..indicators.normalize import parse

    with IndicatorStore(db) as store:
        index = store.index(bank)
    hits = []
    for v in values or []:
        kind, value = parse(v)
        for m in index.match(kind, value, pdq_threshold=pdq_threshold):
            hits.append({"input": v, "bank": m.bank, "indicator": f"{kind}:{value}", "via": m.via,
                         "distance": m.distance})
    if text is not None or image:
        from ..detectors.base import Views
        from ..indicators.extract import candidates
        from ..model import Content, MediaRef
        from ..stages import media_views
        from ..text.normalize import default_normalizer

        content = Content(id="cli", text=text or "", media=tuple(MediaRef(path=str(p.resolve())) for p in image or ()))
        views = Views.build(content, default_normalizer())
        if image:
            from ..media.extract import MediaExtractor, MediaSettings

            ex = MediaExtractor(MediaSettings(root=Path("/"))).extract(content)
            views = media_views(content, default_normalizer(), ex)
            for fail in ex.failures:
                typer.echo(f"warning: {fail}", err=True)
        for c in candidates(views):
            for m in index.match(c.kind, c.value, pdq_threshold=pdq_threshold):
                hit = {"input": c.field, "start": c.start, "end": c.end, "bank": m.bank, "indicator": c.indicator,
                       "via": m.via, "distance": m.distance}
                bbox = views.bbox(c.field, c.start, c.end)
                if bbox is not None:
                    hit["bbox"] = list(bbox)
                hits.append(hit)
    for h in hits:
        typer.echo(json.dumps(h, ensure_ascii=False))
    if not hits:
        raise typer.Exit(1)
