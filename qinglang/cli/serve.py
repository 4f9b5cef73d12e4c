"""`qinglang serve`, `keys`, `audit verify`, `db upgrade`, `demo`: the service's command-line side."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Annotated

import typer

from ..errors import ConfigError
from .common import audit_app

DbOpt = Annotated[str, typer.Option("--db", envvar="QINGLANG_DB", help="Database URL (sqlite:///file.db or "
                                                                        "postgresql://…).")]
DEFAULT_DB = "sqlite:///qinglang.db"
DEMO_KEYS = (("reviewer", "演示审核员"), ("reviewer 2", "演示复核员"), ("auditor", "演示审计员"),
             ("admin", "演示管理员"), ("submitter", "演示接入方"))
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "sample.jsonl"  # shipped in the package


def _need_server() -> None:
    try:
        import fastapi  # noqa: F401
        import sqlalchemy  # noqa: F401
        import uvicorn  # noqa: F401
    except ModuleNotFoundError as exc:
        raise ConfigError(f"the service needs optional packages ({exc.name} is missing): "
                          "pip install 'qinglang[server]'") from None


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.command("demo")(demo)
    keys_app = typer.Typer(help="API keys (stored hashed; printed once).", no_args_is_help=True)
    keys_app.command("create")(keys_create)
    keys_app.command("list")(keys_list)
    keys_app.command("revoke")(keys_revoke)
    app.add_typer(keys_app, name="keys")
    audit_app.command("verify")(audit_verify)
    db_app = typer.Typer(help="Database schema (Alembic migrations).", no_args_is_help=True)
    db_app.command("upgrade")(db_upgrade)
    app.add_typer(db_app, name="db")


def _store(db: str, *, create: bool = False):
    """The store at `db`. Only commands that set up a database (`demo`, `serve`, `db upgrade`) may create one: the
    others refuse a missing database instead of answering from an empty new one (a typo in --db would otherwise
    report "ok" or put a key where no server reads it)."""
    _need_server()
    from ..store import open_store

    if not create and db not in ("", "memory://"):
        _require_existing(db)
    return open_store(db)


def _require_existing(db: str) -> None:
    from sqlalchemy import inspect
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    from ..store.sql import make_engine

    hint = f"create it with `qinglang db upgrade --db {db}` (or `qinglang demo` / `qinglang serve`), or check --db"
    try:
        url = make_url(db)
    except ArgumentError:
        raise ConfigError(f"invalid database URL {db!r}") from None
    if url.get_backend_name() == "sqlite":
        path = url.database or ""
        if path in ("", ":memory:") or not Path(path).is_file():
            raise ConfigError(f"no database at {path or db!r}: {hint}")
        return
    eng = make_engine(db)
    try:
        with eng.connect() as conn:
            ready = inspect(conn).has_table("alembic_version")
    except SQLAlchemyError as exc:
        raise ConfigError(f"cannot open database {url.render_as_string(hide_password=True)}: "
                          f"{type(exc).__name__}") from None
    finally:
        eng.dispose()
    if not ready:
        raise ConfigError(f"database {url.render_as_string(hide_password=True)} has no Qinglang schema: {hint}")


def serve(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8080,
    db: DbOpt = DEFAULT_DB,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
    workflow: Annotated[Path | None, typer.Option(help="Workflow YAML (priorities, SLAs, sanction ladder).")] = None,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
) -> None:
    """Run the HTTP service and the reviewer console (migrates the database first)."""
    _need_server()
    import uvicorn

    from ..store import open_store
    from ..workflow.config import load_workflow_config

    load_workflow_config(workflow)  # fail here, with the file and key, rather than in every worker
    open_store(db).close()  # migrate once here, before workers start
    os.environ.update(QINGLANG_DB=db, QINGLANG_MIGRATE="false")
    if workflow:
        os.environ["QINGLANG_WORKFLOW_CONFIG"] = str(workflow)
    if workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="qinglang-metrics-")
    typer.echo(f"qinglang: serving on http://{host}:{port}  console http://{host}:{port}/console/", err=True)
    uvicorn.run("qinglang.service.app:app_from_env", factory=True, host=host, port=port, workers=workers,
                log_level=log_level, timeout_graceful_shutdown=5,
                # /v1/live frames are ~200 bytes: per-message deflate costs CPU for nothing; the receive queue
                # per socket stays bounded (frames beyond it wait in TCP: back-pressure on the sender)
                ws_per_message_deflate=False, ws_max_queue=32)


def keys_create(
    role: Annotated[str, typer.Option(help="submitter | reviewer | admin | auditor")],
    db: DbOpt = DEFAULT_DB,
    name: Annotated[str, typer.Option(help="A label for the key holder.")] = "",
) -> None:
    """Create an API key and print it (the only time it is shown)."""
    from ..service.keys import create_key

    store = _store(db)
    with store.transaction() as tx:
        _rec, key = create_key(tx, role=role, name=name or role, now=time.time(), actor="cli")
    typer.echo(key)


def keys_list(db: DbOpt = DEFAULT_DB) -> None:
    """List keys (ids, roles, names; never secrets)."""
    store = _store(db)
    with store.transaction(readonly=True) as tx:
        for k in tx.list_keys():
            typer.echo(f"{k.key_id}\t{k.role}\t{k.name}\t{'revoked' if k.revoked else 'active'}")


def keys_revoke(key_id: Annotated[str, typer.Argument(help="Key id (the part after ql_ and before the dot).")],
                db: DbOpt = DEFAULT_DB) -> None:
    """Revoke a key (workers notice within QINGLANG_KEY_CACHE_SECONDS)."""
    from dataclasses import replace

    from ..errors import NotFound
    from ..workflow import audit

    store = _store(db)
    with store.transaction() as tx:
        k = tx.get_key(key_id)
        if k is None:
            raise NotFound(f"no API key {key_id!r}")
        tx.put_key(replace(k, revoked=True))
        audit.record(tx, actor="cli", action="key.revoked", subject=f"key:{key_id}", payload={}, now=time.time())
    typer.echo(f"revoked {key_id}")


def audit_verify(db: DbOpt = DEFAULT_DB) -> None:
    """Recompute the audit hash chain; exit 1 at the first broken link."""
    from ..store.ports import iter_audit
    from ..workflow import audit

    res = audit.verify(iter_audit(_store(db)))
    if res.ok:
        typer.echo(f"ok: {res.entries} entries, head {res.head}")
        return
    typer.echo(f"FAILED at entry {res.bad_seq}: {res.reason} ({res.entries} entries verified before it)", err=True)
    raise typer.Exit(1)


def db_upgrade(db: DbOpt = DEFAULT_DB) -> None:
    """Apply the Alembic migrations up to the newest revision."""
    _need_server()
    from ..store.migrate import upgrade
    from ..store.sql import make_engine

    eng = make_engine(db)
    typer.echo(f"database at revision {upgrade(eng)}")
    eng.dispose()


def demo(
    db: DbOpt = "sqlite:///qinglang-demo.db",
    sample: Annotated[Path, typer.Option(help="JSONL of Content to scan into the database.")] = EXAMPLES,
    host: Annotated[str, typer.Option()] = "127.0.0.1",
    port: Annotated[int, typer.Option()] = 8080,
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Scan, create keys, print, and exit.")] = False,
) -> None:
    """Scan a bundled sample into a database, create demo keys, print the console URL and serve."""
    _need_server()
    from ..engine import Engine, freeze_heap
    from ..model import Content
    from ..service.keys import create_key
    from ..workflow import intake, reports
    from ..workflow.config import WorkflowConfig

    if not sample.is_file():
        raise ConfigError(f"sample file {sample} not found")
    engine = Engine.from_config()
    freeze_heap()
    store = _store(db, create=True)
    wf = WorkflowConfig()
    now = time.time()
    n = 0
    with store.transaction() as tx:
        for line in sample.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            content = Content.from_json(json.loads(line))
            d = engine.moderate(content).to_json()
            intake.store_decision(tx, wf, content=content.to_json(), decision=d, now=now, actor="demo")
            n += 1
        first = tx.list_decisions(limit=1)
        if first and not tx.reports_for(first[0].content_id):
            reports.submit(tx, wf, content_id=first[0].content_id, type="user", category="abuse",
                           evidence="演示举报：内容涉嫌辱骂", reporter="demo-user", now=now, actor="demo")
        # Two reviewers (a second review and an appeal must be decided by someone other than the first
        # reviewer), an auditor for 审计日志 and an admin: every console flow can be finished with these keys.
        keys = {role: create_key(tx, role=role.split()[0], name=name, now=now, actor="demo")[1]
                for role, name in DEMO_KEYS}
    typer.echo(f"scanned {n} items from {sample} into {db}")
    typer.echo(f"console:        http://{host}:{port}/console/")
    for role, name in DEMO_KEYS:
        typer.echo(f"{role + ' key:':<16}{keys[role]}  ({name})")
    typer.echo(f"more keys:      qinglang keys create --role reviewer --db {db}")
    typer.echo(f"try: curl -s -H 'Authorization: Bearer {keys['submitter']}' -H 'Content-Type: application/json' "
               f"-d '{{\"id\":\"t1\",\"text\":\"加微信abc123\"}}' http://{host}:{port}/v1/moderate")
    sys.stdout.flush()
    if not no_serve:
        serve(host=host, port=port, db=db, workers=1, workflow=None, log_level="info")
