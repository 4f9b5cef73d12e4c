"""Run the real service in a subprocess on loopback (shared by the service tests)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from qinglang.service.keys import ROLES, create_key
from qinglang.store import open_store

ROOT = Path(__file__).resolve().parents[2]


# The shared test servers' settings: no rate limit, keys cached 60 s, a small rejected-token bound (see conftest).
SERVER_ENV = {"QINGLANG_RATE_LIMIT_PER_S": "0", "QINGLANG_KEY_CACHE_SECONDS": "60",
              "QINGLANG_KEY_CACHE_MAX_REJECTED": "128"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_keys(db: str, *, extra: tuple[str, ...] = ("reviewer",)) -> dict[str, str]:
    """One key per role (plus a second reviewer as 'reviewer2'), written straight into the database."""
    store = open_store(db)
    out = {}
    with store.transaction() as tx:
        for role in ROLES:
            out[role] = create_key(tx, role=role, name=f"test-{role}", now=time.time(), actor="test")[1]
        for i, role in enumerate(extra, 2):
            out[f"{role}{i}"] = create_key(tx, role=role, name=f"test-{role}{i}", now=time.time(), actor="test")[1]
    store.close()
    return out


def reset_pg(url: str) -> None:
    """Empty the PostgreSQL test database (drop and recreate the public schema)."""
    import sqlalchemy as sa

    from qinglang.store.sql import make_engine

    eng = make_engine(url)
    with eng.begin() as c:
        c.execute(sa.text("DROP SCHEMA public CASCADE"))
        c.execute(sa.text("CREATE SCHEMA public"))
    eng.dispose()


def db_url(kind: str, tmp_path_factory, request) -> str:
    """A fresh database of a kind: a SQLite file, or the emptied PostgreSQL test database (fixture pg_url)."""
    if kind == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'qinglang.db'}"
    url = request.getfixturevalue("pg_url")
    reset_pg(url)
    return url


class Server:
    def __init__(self, db: str, *, workers: int = 1, env: dict[str, str] | None = None,
                 preexec_fn: Callable[[], None] | None = None, root: Path | None = None) -> None:
        """`root`: the source tree the server runs from (default this one; a benchmark compares two trees)."""
        self.db, self.workers, self.port = db, workers, free_port()
        self.root = root or ROOT
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "PYTHONPATH": str(self.root), **(env or {})}
        self.preexec_fn = preexec_fn
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 120) -> Server:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "qinglang.cli", "serve", "--host", "127.0.0.1", "--port", str(self.port),
             "--db", self.db, "--workers", str(self.workers), "--log-level", "warning"],
            cwd=self.root, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=self.preexec_fn,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.proc.stderr.read().decode()[-2000:]}")
            try:
                if httpx.get(self.base + "/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("server did not become healthy")

    def kill(self) -> None:
        """SIGKILL the whole process group's main process (workers die with their parent's pipe)."""
        assert self.proc is not None
        self.proc.kill()
        self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
