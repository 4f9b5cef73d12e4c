"""`qinglang keys create`, `db upgrade`, `audit verify` (and its tamper detection), `demo --no-serve`."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

from qlserver import ROOT


def ql(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "qinglang.cli", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def test_demo_keys_and_audit_verify_with_tampering(tmp_path):
    path = tmp_path / "demo.db"
    db = f"sqlite:///{path}"
    out = ql("demo", "--db", db, "--no-serve", "--port", "8123")
    assert out.returncode == 0, out.stderr
    assert "http://127.0.0.1:8123/console/" in out.stdout and "reviewer key:   ql_" in out.stdout
    assert ql("db", "upgrade", "--db", db).stdout.strip() == "database at revision 0001"
    key = ql("keys", "create", "--role", "auditor", "--db", db).stdout.strip()
    assert key.startswith("ql_") and "." in key
    bad = ql("keys", "create", "--role", "boss", "--db", db)
    assert bad.returncode == 2 and "unknown role 'boss'" in bad.stderr and "Traceback" not in bad.stderr
    ok = ql("audit", "verify", "--db", db)
    assert ok.returncode == 0 and ok.stdout.startswith("ok: ")
    with sqlite3.connect(path) as conn:  # an insider rewrites history
        seq = conn.execute("SELECT min(seq) FROM audit_log WHERE payload LIKE '%\"block\"%'").fetchone()[0]
        conn.execute("UPDATE audit_log SET payload = replace(payload, '\"block\"', '\"pass\"') WHERE seq = ?", (seq,))
    broken = ql("audit", "verify", "--db", db)
    assert broken.returncode == 1 and f"FAILED at entry {seq}: entry content does not match" in broken.stderr


def test_bad_database_url_is_a_clear_error():
    out = ql("audit", "verify", "--db", "nosuchdb://x")
    assert out.returncode == 2 and "ConfigError" in out.stderr and "Traceback" not in out.stderr
