"""Schemathesis fuzzes every operation in /openapi.json against the live server: no 5xx anywhere, on SQLite
and on PostgreSQL (where NUL characters and 64-bit integers used to reach the database)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.service.qlserver import Server, db_url, make_keys


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_schemathesis_finds_no_server_error(kind, tmp_path, tmp_path_factory, request):
    exe = shutil.which("schemathesis") or shutil.which("st")
    if exe is None:
        pytest.skip("schemathesis is not installed (pip install schemathesis)")
    if kind == "sqlite":
        srv, keys = request.getfixturevalue("sqlite_server")
        _fuzz(exe, srv, keys, tmp_path)
        return
    url = db_url(kind, tmp_path_factory, request)
    keys = make_keys(url)
    srv = Server(url, env={"QINGLANG_RATE_LIMIT_PER_S": "0"}).start()
    try:
        _fuzz(exe, srv, keys, tmp_path)
    finally:
        srv.stop()


def _fuzz(exe: str, srv: Server, keys: dict[str, str], tmp_path) -> None:
    out = subprocess.run(
        [exe, "run", srv.base + "/openapi.json", "--checks", "not_a_server_error", "--max-examples", "8",
         "-H", f"Authorization: Bearer {keys['admin']}", "--request-timeout", "20", "--no-color",
         "--phases", "examples,fuzzing"],
        capture_output=True, text=True, timeout=240, cwd=tmp_path,  # its cache stays out of the repo
    )
    sys.stdout.write(out.stdout[-3000:])
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]
