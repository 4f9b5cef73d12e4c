"""`qinglang evidence export|verify`: evidence packages for referral (线索移交)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import InvalidContent, NotFound, QinglangError
from ..model import Content

app = typer.Typer(help="Evidence packages for referral (线索移交).", no_args_is_help=True)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="evidence")


def _scan(path: Path, ids: set[str], what: str) -> dict[str, dict[str, Any]]:
    """The last JSON object per wanted id in a JSONL file (later lines win: re-decisions, edits)."""
    found: dict[str, dict[str, Any]] = {}
    try:
        with path.open("r", encoding="utf-8") as f:
            for n, line in enumerate(f, start=1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InvalidContent(f"{path}: line {n}: malformed JSON ({exc.msg})") from None
                if isinstance(obj, dict) and str(obj.get("id")) in ids:
                    found[str(obj["id"])] = obj
    except OSError as exc:
        raise NotFound(f"cannot read {what} file {path}: {exc.strerror}") from None
    return found


@app.command("export")
def export(
    ids: Annotated[list[str], typer.Argument(metavar="ID...", help="Content ids to package.")],
    decisions: Annotated[Path, typer.Option("--from", help="Decisions JSONL (output of `qinglang scan`).")],
    content: Annotated[Path, typer.Option("--content", help="Content JSONL the decisions were made on.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Folder to write packages into (one sub-folder per id).")],
    media_root: Annotated[Path | None, typer.Option(help="Folder relative media paths are under "
                                                         "(default: the content file's folder).")] = None,
    no_ocr: Annotated[bool, typer.Option("--no-ocr", help="Skip OCR when extracting indicators from images.")] = False,
) -> None:
    """Write one evidence package per id: content, media, decision, indicators, manifest, SHA256SUMS."""
    from ..evidence.package import export_package, package_digest, package_dirname

    wanted = set(ids)
    decs = _scan(decisions, wanted, "decisions")
    items = _scan(content, wanted, "content")
    missing = [i for i in ids if i not in decs or i not in items]
    for i in missing:
        typer.echo(f"error: {i}: {'no decision' if i not in decs else 'no content'} found", err=True)
    root = media_root or content.resolve().parent
    extractor = loader = None
    try:
        from ..media.extract import MediaExtractor, MediaSettings

        extractor = MediaExtractor(MediaSettings(root=root, ocr=not no_ocr))
    except ImportError as exc:
        typer.echo(f"warning: media not examined ({exc})", err=True)
    out.mkdir(parents=True, exist_ok=True)
    failed = bool(missing)
    for i in dict.fromkeys(ids):
        if i in missing:
            continue
        try:
            path = export_package(Content.from_json(items[i]), decs[i], out / package_dirname(i),
                                  extractor=extractor, loader=loader)
            typer.echo(f"{i}\t{path}\tsha256:{package_digest(path)}")
        except QinglangError as exc:
            typer.echo(f"error: {i}: {exc.kind}: {exc.message}", err=True)
            failed = True
    if failed:
        raise typer.Exit(1)


@app.command("verify")
def verify(packages: Annotated[list[Path], typer.Argument(metavar="DIR...", help="Package folders.")]) -> None:
    """Check every file against SHA256SUMS and the manifest; exit 1 on any problem."""
    from ..evidence.package import package_digest, verify_package

    bad = False
    for p in packages:
        problems = verify_package(p)
        if problems:
            bad = True
            for msg in problems:
                typer.echo(f"{p}: {msg}", err=True)
            typer.echo(f"{p}\tFAILED")
        else:
            typer.echo(f"{p}\tOK\tsha256:{package_digest(p)}")
    if bad:
        raise typer.Exit(1)
