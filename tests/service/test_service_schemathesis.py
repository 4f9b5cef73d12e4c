"""Schemathesis fuzzes every operation in /openapi.json against the live server: no 5xx anywhere."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.service.qlserver import Server, make_keys


def test_schemathesis_finds_no_server_error(tmp_path):
    exe = shutil.which("schemathesis") or shutil.which("st")
    if exe is None:
        pytest.skip("schemathesis is not installed (pip install schemathesis)")
    db = f"sqlite:///{tmp_path / 'fuzz.db'}"
    keys = make_keys(db)
    srv = Server(db, env={"QINGLANG_RATE_LIMIT_PER_S": "0"}).start()
    try:
        out = subprocess.run(
            [exe, "run", srv.base + "/openapi.json", "--checks", "not_a_server_error", "--max-examples", "8",
             "-H", f"Authorization: Bearer {keys['admin']}", "--request-timeout", "20", "--no-color",
             "--phases", "examples,fuzzing"],
            capture_output=True, text=True, timeout=240,
        )
    finally:
        srv.stop()
    sys.stdout.write(out.stdout[-3000:])
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]
