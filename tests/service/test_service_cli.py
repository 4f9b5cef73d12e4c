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
