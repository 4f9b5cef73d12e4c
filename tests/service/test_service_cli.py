"""`qinglang keys create`, `db upgrade`, `audit verify` (and its tamper detection), `demo --no-serve`."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from qinglang.cli import _register, app
from qinglang.errors import InvalidContent
from tests.service.qlserver import ROOT

_register()
runner = CliRunner()


def ql(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_demo_keys_and_audit_verify_with_tampering(tmp_path):
    path = tmp_path / "demo.db"
    db = f"sqlite:///{path}"
    out = ql("demo", "--db", db, "--no-serve", "--port", "8123")
    assert out.exit_code == 0, out.output
    assert "http://127.0.0.1:8123/console/" in out.stdout and "reviewer key:   ql_" in out.stdout
    from alembic.script import ScriptDirectory

    from qinglang.store.migrate import MIGRATIONS

    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    assert ql("db", "upgrade", "--db", db).stdout.strip() == f"database at revision {head}"
    key = ql("keys", "create", "--role", "auditor", "--db", db).stdout.strip()
    assert key.startswith("ql_") and "." in key
    assert "auditor" in ql("keys", "list", "--db", db).stdout
    with pytest.raises(InvalidContent, match="unknown role 'boss'"):
        ql("keys", "create", "--role", "boss", "--db", db)
    ok = ql("audit", "verify", "--db", db)
    assert ok.exit_code == 0 and ok.stdout.startswith("ok: ")
    with sqlite3.connect(path) as conn:  # an insider rewrites history
        seq = conn.execute("SELECT min(seq) FROM audit_log WHERE payload LIKE '%\"block\"%'").fetchone()[0]
        conn.execute("UPDATE audit_log SET payload = replace(payload, '\"block\"', '\"pass\"') WHERE seq = ?", (seq,))
    broken = ql("audit", "verify", "--db", db)
    assert broken.exit_code == 1 and f"FAILED at entry {seq}: entry content does not match" in broken.output


def test_typed_errors_exit_2_without_traceback():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-m", "qinglang.cli", "keys", "create", "--role", "boss", "--db",
                          "nosuchdb://x"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and "ConfigError" in out.stderr and "Traceback" not in out.stderr


def test_read_commands_never_create_a_database(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    typo = tmp_path / "typo.db"
    for args in (("audit", "verify", "--db", f"sqlite:///{typo}"), ("keys", "list", "--db", f"sqlite:///{typo}"),
                 ("keys", "create", "--role", "auditor")):  # no --db: must not write ./qinglang.db
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        env.pop("QINGLANG_DB", None)
        out = subprocess.run([sys.executable, "-m", "qinglang.cli", *args], cwd=tmp_path, env=env,
                             capture_output=True, text=True, timeout=120)
        assert out.returncode == 2 and "no database at" in out.stderr, (args, out.stderr)
    assert not typo.exists() and not (tmp_path / "qinglang.db").exists()


def test_demo_prints_every_key_a_console_flow_needs_and_a_working_curl(tmp_path):
    import shlex

    from tests.service.qlserver import Server

    db = f"sqlite:///{tmp_path / 'demo.db'}"
    server = Server(db)
    out = ql("demo", "--db", db, "--no-serve", "--port", str(server.port))
    assert out.exit_code == 0, out.output
    lines = out.stdout.splitlines()
    for role in ("reviewer key:", "reviewer 2 key:", "auditor key:", "admin key:", "submitter key:"):
        assert any(line.startswith(role) and " ql_" in line for line in lines), role
    curl = next(line for line in lines if line.startswith("try: curl"))[len("try: "):]
    server.start()
    try:
        res = subprocess.run(shlex.split(curl), capture_output=True, text=True, timeout=60)
    finally:
        server.stop()
    body = __import__("json").loads(res.stdout)
    assert body["id"] == "t1" and body["action"] != "pass", res.stdout  # the printed example is accepted (not 422)


def test_pg_test_server_runs_side_by_side(tmp_path):
    import glob
    import shutil

    if not glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        pytest.skip("PostgreSQL server binaries not installed (make test installs them)")
    script = str(ROOT / "tools" / "pg_test_server.sh")
    env = {k: v for k, v in os.environ.items() if not k.startswith("QINGLANG_TEST_PG_")}
    started = []
    try:
        for _ in range(2):
            out = subprocess.run([script, "start"], env=env, capture_output=True, text=True, timeout=120, check=True)
            exports = dict(kv.split("=", 1) for line in out.stdout.splitlines() for kv in line.split()[1:])
            started.append(exports)
        assert started[0]["QINGLANG_TEST_PG_PORT"] != started[1]["QINGLANG_TEST_PG_PORT"]
        assert started[0]["QINGLANG_TEST_PG_DIR"] != started[1]["QINGLANG_TEST_PG_DIR"]
        for exports in started:
            assert shutil.which("psql") is None or subprocess.run(
                ["psql", exports["QINGLANG_TEST_PG_URL"], "-tAc", "select 1"], capture_output=True, text=True,
                timeout=60).stdout.strip() == "1"
    finally:
        for exports in started:
            subprocess.run([script, "stop"], env={**env, **exports}, timeout=120)
    assert not any(os.path.exists(e["QINGLANG_TEST_PG_DIR"]) for e in started)
