"""`qinglang check` and `qinglang scan`: the engine's command-line doors."""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..engine import BATCH
from ..errors import InvalidContent, QinglangError
from ..model import Content, Decision
from .common import DetectorsOpt, LexiconOpt, PolicyOpt, build_engine, make_console

MAX_LINE_BYTES = 32 * 1024 * 1024
BATCH_BYTES = 4 * 1024 * 1024
ACTION_STYLE = {"pass": "green", "label": "cyan", "limit": "yellow", "review": "magenta", "block": "bold red"}


def register(app: typer.Typer) -> None:
    app.command("check")(check)
    app.command("scan")(scan)


def check(
    text: Annotated[str, typer.Argument(help="Text to check (use '-' to read stdin).")],
    title: Annotated[str, typer.Option(help="Optional title field.")] = "",
    surface: Annotated[str, typer.Option(help="Surface (feed, home_first_screen, live, …).")] = "feed",
    as_json: Annotated[bool, typer.Option("--json", help="Print the Decision JSON only.")] = False,
    explain: Annotated[bool, typer.Option(help="Include the full trace (signals, rules fired).")] = False,
    lexicon: LexiconOpt = None,
    policy: PolicyOpt = None,
    detectors: DetectorsOpt = None,
) -> None:
    """Moderate one text and show the decision with its evidence highlighted in the original text."""
    if text == "-":
        text = sys.stdin.read()
    engine = build_engine(lexicon, policy, detectors)
    content = Content.from_json({"id": "cli", "text": text, "title": title, "surface": surface})
    decision = engine.moderate(content, explain=explain)
    if as_json:
        typer.echo(json.dumps(decision.to_json(), ensure_ascii=False, indent=2))
        return
    show_decision(make_console(), content, decision)


def show_decision(console: Console, content: Content, decision: Decision) -> None:
    style = ACTION_STYLE.get(decision.action, "bold")
    console.print(Text.assemble(("action ", "dim"), (decision.action, style), ("  risk ", "dim"),
                                f"{decision.risk:.2f}", ("  ", ""), (decision.policy_version[:19], "dim")))
    for name in ("title", "text"):
        raw = getattr(content, name)
        if not raw:
            continue
        t = Text(raw)
        for lab in decision.labels:
            for ev in lab.evidence:
                if ev.field == name:
                    t.stylize("bold black on yellow", ev.start, ev.end)
        console.print(Text(f"{name}: ", "dim"), t)
    table = Table("label", "score", "campaign", "rule", "original", "normalized", "layers", box=None)
    for lab in decision.labels:
        for ev in lab.evidence:
            table.add_row(lab.label, f"{lab.score:.2f}", lab.campaign, ev.rule or lab.rule, ev.text, ev.normalized,
                          ",".join(ev.layers))
    if decision.labels:
        console.print(table)
    if decision.marks:
        console.print(Text("marks: ", "dim"), ", ".join(decision.marks))


def _lines(stream: IO[bytes]) -> Iterator[tuple[int, bytes | None, str | None]]:
    """(line number, raw bytes or None, error or None); over-long lines are skipped to their end."""
    n = 0
    while True:
        raw = stream.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        n += 1
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while True:  # drain the rest of the over-long line without holding it
                more = stream.readline(MAX_LINE_BYTES)
                if not more or more.endswith(b"\n"):
                    break
            yield n, None, f"line longer than {MAX_LINE_BYTES} bytes"
            continue
        yield n, raw.rstrip(b"\r\n"), None


def parse_line(n: int, raw: bytes, text_mode: bool) -> tuple[Content | None, dict[str, Any] | None]:
    """Content, or an error record for this line (`qinglang scan` and `qinglang spark scan` share it)."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, {"id": None, "line": n, "error": f"invalid UTF-8 at byte {exc.start}"}
    if text_mode:  # blank lines are skipped before parsing: in plain text they separate items, they are not items
        return Content(id=f"line-{n}", text=line), None
    if not line.strip():
        return None, {"id": None, "line": n, "error": "empty line"}
    try:
        obj = json.loads(line)
    except RecursionError:
        return None, {"id": None, "line": n, "error": "JSON nested too deeply"}
    except json.JSONDecodeError as exc:
        return None, {"id": None, "line": n, "error": f"malformed JSON: {exc.msg} at column {exc.colno}"}
    try:
        return Content.from_json(obj), None
    except InvalidContent as exc:
        cid = obj.get("id") if isinstance(obj, dict) and isinstance(obj.get("id"), (str, int)) else None
        return None, {"id": cid, "line": n, "error": f"InvalidContent: {exc.message}"}


def scan(
    src: Annotated[str, typer.Argument(metavar="IN", help="JSONL of Content (or text with --text); '-' for stdin.")],
    out: Annotated[str, typer.Option("-o", "--out", help="Output JSONL of Decisions; '-' for stdout.")] = "-",
    text_mode: Annotated[bool, typer.Option("--text", help="Input is plain text, one item a line.")] = False,
    strict: Annotated[bool, typer.Option(help="Stop at the first bad line (exit 1).")] = False,
    explain: Annotated[bool, typer.Option(help="Include the full trace in each decision.")] = False,
    progress: Annotated[bool | None, typer.Option(help="Progress bar (default: when stderr is a terminal).")] = None,
    lexicon: LexiconOpt = None,
    policy: PolicyOpt = None,
    detectors: DetectorsOpt = None,
) -> None:
    """Moderate a JSONL file: one Decision (or error record) per input line, in input order."""
    err = make_console(stderr=True)
    if src != "-" and Path(src).is_dir():
        raise typer.BadParameter(f"{src} is a folder, not a JSONL file", param_hint="IN")
    if out != "-" and Path(out).is_dir():
        raise typer.BadParameter(f"{out} is a folder: give a file name for the decisions", param_hint="--out")
    try:
        inp: IO[bytes] = sys.stdin.buffer if src == "-" else open(src, "rb")
    except OSError as exc:
        raise typer.BadParameter(f"cannot open {src}: {exc.strerror}", param_hint="IN") from None
    engine = build_engine(lexicon, policy, detectors)
    try:
        outf: IO[str] = sys.stdout if out == "-" else open(out, "w", encoding="utf-8")
    except OSError as exc:
        inp.close()
        raise typer.BadParameter(f"cannot write {out}: {exc.strerror}", param_hint="--out") from None
    total_bytes = os.fstat(inp.fileno()).st_size if inp is not sys.stdin.buffer else 0
    actions: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    errors = 0
    items = 0
    t0 = time.perf_counter()
    show = progress if progress is not None else err.is_terminal
    bar = None
    blank = 0
    if show:
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

        # A file's size is its total: progress is bytes read, so the bar and the time left are real even though
        # the number of lines is unknown until the end (stdin has no total: the bar then only counts).
        bar = Progress(TextColumn("[bold]scan"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
                       TextColumn("{task.fields[items]} items"), TextColumn("{task.fields[rate]:.0f} items/s"),
                       TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(), console=err)
        task = bar.add_task("scan", total=total_bytes or None, items=0, rate=0.0)
        bar.start()

    def progress_update() -> None:
        rate = items / max(time.perf_counter() - t0, 1e-9)
        done = inp.tell() if total_bytes and not inp.closed else None
        bar.update(task, completed=done if done is not None else items, items=items, rate=rate)  # type: ignore[union-attr]
    def records() -> Iterator[tuple[int, dict[str, Any]]]:
        """(line, record) in input order; contents are decided a batch at a time (Engine.moderate_many)."""
        nonlocal blank
        lines = _lines(inp)
        while True:
            chunk, size = [], 0  # a batch: BATCH lines, or fewer when they are long (memory stays bounded)
            for line in lines:
                if text_mode and line[1] is not None and not line[1].strip():
                    blank += 1
                    continue
                chunk.append(line)
                size += len(line[1] or b"")
                if len(chunk) >= BATCH or size >= BATCH_BYTES:
                    break
            if not chunk:
                return
            parsed = [(n, *((None, {"id": None, "line": n, "error": problem}) if raw is None else parse_line(
                n, raw, text_mode))) for n, raw, problem in chunk]
            contents = [c for _, c, _ in parsed if c is not None]
            try:
                decided = iter(list(engine.moderate_many(contents, explain=explain)))
            except QinglangError:
                decided = iter([_decide_one(c) for c in contents])  # find the item that failed
            for n, content, record in parsed:
                if content is not None:
                    out_ = next(decided)
                    record = (out_.to_json() if isinstance(out_, Decision) else
                              {"id": content.id, "line": n, "error": f"{out_.kind}: {out_.message}"})
                yield n, record  # type: ignore[misc]

    def _decide_one(content: Content) -> Decision | QinglangError:
        try:
            return engine.moderate(content, explain=explain)
        except QinglangError as exc:
            return exc

    try:
        for n, record in records():
            items += 1
            if "error" in record:
                errors += 1
                actions["error"] += 1
            else:
                actions[record["action"]] += 1
                for lab in record["labels"]:
                    labels[lab["label"]] += 1
            outf.write(json.dumps(record, ensure_ascii=False) + "\n")
            if bar is not None and items % 200 == 0:
                progress_update()
            if strict and errors:
                err.print(f"[red]line {n}: {record['error']}[/red] (stopping: --strict)")
                break
    finally:
        if bar is not None:
            progress_update()
            bar.stop()
        outf.flush()
        if outf is not sys.stdout:
            outf.close()
        if inp is not sys.stdin.buffer:
            inp.close()
    elapsed = time.perf_counter() - t0
    if not items:
        err.print(f"no items in {'standard input' if src == '-' else src}"
                  + (f" ({blank} blank lines skipped)" if blank else ""))
        return
    # The headline is its own line: as a table title rich wraps it to the table's width.
    err.print(f"{items} items in {elapsed:.2f}s ({items / max(elapsed, 1e-9):.0f} items/s)")
    table = Table()
    table.add_column("action / label")
    table.add_column("count", justify="right")
    for k, v in sorted(actions.items(), key=lambda kv: -kv[1]):
        table.add_row(Text(k, ACTION_STYLE.get(k, "red" if k == "error" else "")), str(v))
    for k, v in sorted(labels.items(), key=lambda kv: -kv[1]):
        table.add_row(f"  label:{k}", str(v))
    err.print(table)
    if blank:
        err.print(f"{blank} blank lines skipped")
    if errors:
        raise typer.Exit(1)
