"""`qinglang aigc inspect|mark`: AI-generated content labels in files (标识办法, GB 45438-2025)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..media.aigc import DEFAULT_MAX_BYTES, MediaError, Report, inspect_path, mark_bytes, read_limited
from ..media.aigc.explicit import DrawSpec
from .common import make_console

aigc_app = typer.Typer(help="AI-generated content labels: inspect files and add the platform's label.",
                       no_args_is_help=True)
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}


def register(app: typer.Typer) -> None:
    app.add_typer(aigc_app, name="aigc")


@aigc_app.command("inspect")
def inspect(
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", help="Files to inspect.")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON report per file (JSON Lines).")] = False,
    ocr: Annotated[bool, typer.Option(help="OCR images/video frames for the visible label (needs [ocr]).")] = True,
    c2pa: Annotated[bool, typer.Option(help="Read C2PA manifests (needs [c2pa]).")] = True,
    declared: Annotated[bool, typer.Option(help="The uploader declared the content AI-generated.")] = False,
    max_bytes: Annotated[int, typer.Option(help="Refuse files larger than this.")] = DEFAULT_MAX_BYTES,
) -> None:
    """Report the implicit label fields, the explicit label, the C2PA summary and every problem of each file.

    Exit 0 when every file was read and has no error-level problem, 1 otherwise."""
    console = make_console()
    failed = False
    for path in files:
        try:
            rep = inspect_path(path, max_bytes=max_bytes, ocr=ocr, read_c2pa=c2pa, declared_ai=declared or None)
        except MediaError as exc:
            failed = True
            if as_json:
                typer.echo(json.dumps({"path": str(path), "error": exc.message}, ensure_ascii=False))
            else:
                console.print(Text(f"{path}: ", "bold"), Text(f"error: {exc.message}", "bold red"))
            continue
        failed = failed or any(p.severity == "error" for p in rep.all_problems()) or rep.outcome.unlabeled
        if as_json:
            typer.echo(json.dumps(rep.to_json(), ensure_ascii=False))
        else:
            _show(console, rep)
    if failed:
        raise typer.Exit(1)


def _show(console: Console, rep: Report) -> None:
    console.print(Text.assemble((f"{rep.path}", "bold"), ("  format ", "dim"), rep.format, ("  size ", "dim"),
                                f"{rep.size}"))
    v = rep.valid_record
    if rep.records:
        t = Table("field", "value", box=None, title="implicit label" + ("" if v else " (no valid record)"))
        fields = v.fields if v is not None and v.fields is not None else (rep.records[0].fields or {})
        for k, val in fields.items():
            t.add_row(k, str(val))
        console.print(t)
        for r in rep.records:
            console.print(Text(f"  record at {r.location} ({r.shape}) ", "dim"),
                          Text("valid", "green") if r.valid else Text("invalid", "red"))
    else:
        console.print(Text("implicit label: none", "yellow"))
    if rep.explicit is not None:
        e = rep.explicit
        if not e.checked:
            console.print(Text(f"explicit label: not checked ({e.reason})", "dim"))
        else:
            state = "compliant" if e.compliant else "present, not compliant" if e.present else "missing"
            console.print(Text("explicit label: ", "dim"), Text(state, "green" if e.compliant else "yellow"))
            for f in e.findings:
                extra = f" height {100 * (f.height_ratio or 0):.1f}%" if f.height_ratio is not None else ""
                console.print(Text(f"  {f.kind} {f.text!r} at {f.position}{extra}", "dim"))
    c = rep.c2pa
    if c.present:
        desc = ("AI-generated" if c.ai_generated else "no AI assertion") if c.readable else c.reason
        console.print(Text("C2PA: ", "dim"), f"{'present' if c.present else 'absent'} — {desc}")
    o = rep.outcome
    console.print(Text("outcome: ", "dim"), Text(o.level or "no generation evidence", "cyan"),
                  Text(f"  ({o.rule})", "dim"), Text("  UNLABELED", "bold red") if o.unlabeled else "")
    for ev in o.evidence:
        console.print(Text("  because: ", "dim"), ev)
    if o.unlabeled:
        console.print(Text("  unlabeled: ", "bold red"), "generation evidence above, but neither a valid implicit "
                      "(metadata) label nor a compliant visible label (标识办法 Art. 4–5, GB 45438)")
    for p in rep.all_problems():
        console.print(Text(f"  {p.severity}: ", SEVERITY_STYLE[p.severity]), f"{p.code} {p.message}",
                      Text(f" [{p.location}]" if p.location else "", "dim"))
    for n in rep.notes:
        console.print(Text(f"  note: {n}", "dim"))


@aigc_app.command("mark")
def mark(
    src: Annotated[Path, typer.Argument(metavar="IN", help="File to mark.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Where to write the marked file.")],
    propagator: Annotated[str, typer.Option(help="The platform's code (ContentPropagator), 27 characters.")],
    propagate_id: Annotated[str, typer.Option("--propagate-id", help="The platform's ID for this content.")],
    add_explicit: Annotated[bool, typer.Option("--explicit", help="Also add a visible label (images, text).")] = False,
    declared: Annotated[bool, typer.Option(help="The uploader declared the content AI-generated.")] = False,
    corner: Annotated[str, typer.Option(help="Image label corner: top-left, top-right, bottom-left, "
                                             "bottom-right.")] = "bottom-right",
    font: Annotated[str | None, typer.Option(help="Font file with Chinese glyphs for the image label.")] = None,
    position: Annotated[str, typer.Option(help="Text label position: start, end or both.")] = "start",
    as_json: Annotated[bool, typer.Option("--json", help="Print what was written as JSON.")] = False,
    max_bytes: Annotated[int, typer.Option(help="Refuse files larger than this.")] = DEFAULT_MAX_BYTES,
) -> None:
    """Add the platform's propagation fields (ContentPropagator, PropagateID) keeping all other metadata."""
    if corner not in ("top-left", "top-right", "bottom-left", "bottom-right"):
        raise typer.BadParameter(f"unknown corner {corner!r}", param_hint="--corner")
    if position not in ("start", "end", "both"):
        raise typer.BadParameter(f"unknown position {position!r}", param_hint="--position")
    data = read_limited(src, max_bytes)
    res = mark_bytes(data, name=str(src), propagator=propagator, propagate_id=propagate_id,
                     add_explicit=add_explicit, declared_ai=declared or None,
                     draw=DrawSpec(corner=corner, font=font),  # type: ignore[arg-type]
                     text_where=position)  # type: ignore[arg-type]
    _atomic_write(out, res.data)
    if as_json:
        typer.echo(json.dumps({"in": str(src), "out": str(out), "format": res.format, "written": res.written,
                               "outcome": res.outcome.to_json(), "explicit_added": res.explicit_added,
                               "notes": list(res.notes)}, ensure_ascii=False))
        return
    console = make_console()
    console.print(Text.assemble(("wrote ", "dim"), str(out), ("  level ", "dim"), (res.outcome.level or "", "cyan"),
                                ("  Label ", "dim"), res.written.get("Label", ""),
                                ("  + visible label" if res.explicit_added else "", "green")))
    for n in res.notes:
        console.print(Text(f"note: {n}", "dim"))


def _atomic_write(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder, so a failure never leaves half a file."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".qinglang-", suffix=path.suffix)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        raise MediaError(f"{path}: cannot write: {exc.strerror or exc}") from None

