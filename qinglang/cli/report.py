"""`qinglang report campaign`: the campaign report to the regulator (HTML, PDF, CSV) for any period."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from ..clock import CN_TZ
from ..errors import ConfigError
from .serve import DEFAULT_DB, DbOpt, _store

app = typer.Typer(help="Reports: the 清朗 campaign report to the 网信办 (per task, from the store).",
                  no_args_is_help=True)


def _date(value: str, opt: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"{opt} {value!r} is not a date; use YYYY-MM-DD (Beijing calendar day)") from None


@app.command("campaign")
def campaign(
    db: DbOpt = DEFAULT_DB,
    start: Annotated[str, typer.Option("--from", help="First day, YYYY-MM-DD (Beijing time).")] = "",
    end: Annotated[str, typer.Option("--to", help="Last day included, YYYY-MM-DD (Beijing time).")] = "",
    out: Annotated[Path, typer.Option("-o", "--out", help="Folder for report.html, report.pdf, report.csv.")] = Path(
        "report"),
    workflow: Annotated[Path | None, typer.Option("--workflow", help="Workflow YAML whose SLA hours apply (the "
                                                  "server's --workflow); default: built-in.")] = None,
) -> None:
    """Items decided by action and label, accounts sanctioned by level, reports and appeals, for the ten tasks."""
    import time

    from ..report.build import build_report
    from ..report.render import write_all
    from ..workflow.config import load_workflow_config

    today = dt.datetime.now(CN_TZ).date()
    d0 = _date(start, "--from") if start else today.replace(day=1)
    d1 = _date(end, "--to") if end else today
    if d1 < d0:
        raise ConfigError(f"--to {d1} is before --from {d0}")
    cfg = load_workflow_config(workflow)
    store = _store(db)
    try:
        with store.transaction(readonly=True) as tx:
            rep = build_report(tx, cfg, d0, d1, now=time.time())
    finally:
        store.close()
    for p in write_all(rep, out):
        typer.echo(str(p))


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="report")
