"""`qinglang worker` (decide what a queue holds, store it, acknowledge) and `qinglang enqueue` (feed a queue)."""

from __future__ import annotations

import json
import os
import socket
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import ConfigError
from .common import DetectorsOpt, LexiconOpt, PolicyOpt, build_engine, make_console
from .serve import DEFAULT_DB, DbOpt

QueueOpt = Annotated[str | None, typer.Option(
    "--queue", envvar="QINGLANG_QUEUE",
    help="Queue URL: redis://host:6379/0?stream=NAME&group=NAME, or a database URL (the embedded queue table; "
         "default: the --db database).")]


def register(app: typer.Typer) -> None:
    app.command("worker")(worker)
    app.command("enqueue")(enqueue)


def worker(
    db: DbOpt = DEFAULT_DB,
    queue: QueueOpt = None,
    batch: Annotated[int, typer.Option(min=1, max=10_000, help="Items decided per batch.")] = 256,
    lease: Annotated[float, typer.Option(min=0.1, help="Seconds an item stays leased before it is handed out "
                                         "again (a dead worker's items come back after this).")] = 60.0,
    consumer: Annotated[str | None, typer.Option(help="Consumer name (default host-pid).")] = None,
    metrics_port: Annotated[int | None, typer.Option(help="Serve Prometheus metrics on 127.0.0.1:PORT.")] = None,
    metrics_addr: Annotated[str, typer.Option(help="Address for --metrics-port.")] = "127.0.0.1",
    exit_when_idle: Annotated[bool, typer.Option(help="Stop once the queue is empty (batch jobs, tests).")] = False,
    workflow: Annotated[Path | None, typer.Option(help="Workflow config YAML (review SLA, sanctions).")] = None,
    retention: Annotated[float, typer.Option(min=0, help="Seconds an acknowledged item stays in the embedded "
                                             "queue table before it is deleted (Redis deletes at the ack).")]
    = 86_400.0,
    lexicon: LexiconOpt = None,
    policy: PolicyOpt = None,
    detectors: DetectorsOpt = None,
) -> None:
    """Consume a queue: decide items in batches, write the decisions to the store, acknowledge after the commit."""
    from ..store import open_store
    from ..stream.queue import open_queue
    from ..stream.worker import Worker, WorkerMetrics, install_signal_stop
    from ..workflow.config import load_workflow_config

    if db in ("", "memory://"):
        raise ConfigError("the worker writes decisions to a database: give --db sqlite:///… or postgresql://…")
    cfg = load_workflow_config(workflow)
    store = open_store(db)
    q = open_queue(queue or db)
    engine = build_engine(lexicon, policy, detectors)
    metrics = WorkerMetrics()
    if metrics_port is not None:
        metrics.serve(metrics_port, metrics_addr)
    name = consumer or f"{socket.gethostname()}-{os.getpid()}"
    w = Worker(engine=engine, store=store, queue=q, workflow=cfg, batch=batch, lease=lease, consumer=name,
               metrics=metrics, retention=retention)
    stop = install_signal_stop()
    err = make_console(stderr=True)
    err.print(f"worker {name}: queue {_safe(q.url)} → store {_safe(db)} (batch {batch}, lease {lease:g}s)")
    try:
        total = w.run(stop=stop, exit_when_idle=exit_when_idle)
    finally:
        q.close()
        store.close()
    err.print(f"worker {name}: {total} items handled")


def enqueue(
    src: Annotated[str, typer.Argument(metavar="IN", help="JSONL of Content; '-' for stdin.")],
    db: DbOpt = DEFAULT_DB,
    queue: QueueOpt = None,
) -> None:
    """Put JSONL items on the worker's queue (lines that are not JSON objects are refused and counted)."""
    from ..stream.queue import open_queue

    q = open_queue(queue or db)
    bad = 0

    def items():
        nonlocal bad
        fh = sys.stdin if src == "-" else open(src, encoding="utf-8")
        with fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    obj = None
                    typer.echo(f"line {n}: malformed JSON ({exc.msg})", err=True)
                if isinstance(obj, dict):
                    yield obj
                else:
                    bad += 1

    try:
        added = q.put(items())
    except OSError as exc:
        raise typer.BadParameter(f"cannot read {src}: {exc.strerror}", param_hint="IN") from None
    finally:
        q.close()
    typer.echo(f"{added} items enqueued on {_safe(q.url)}" + (f" ({bad} lines refused)" if bad else ""), err=True)
    if bad:
        raise typer.Exit(1)


def _safe(url: str) -> str:
    """A URL without its password, for logs."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True) if "://" in url else url
    except Exception:
        return url.split("@")[-1]
