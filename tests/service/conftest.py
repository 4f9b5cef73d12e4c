from __future__ import annotations

import importlib.util
import os

import pytest

# Without the [server] extra there is nothing to test here (the core install stays light).
if any(importlib.util.find_spec(m) is None for m in ("fastapi", "sqlalchemy", "uvicorn", "httpx")):
    collect_ignore_glob = ["test_*.py"]


@pytest.fixture(scope="session")
def pg_url() -> str:
    url = os.environ.get("QINGLANG_TEST_PG_URL")
    if not url:
        pytest.skip("QINGLANG_TEST_PG_URL is not set (start one with: eval \"$(tools/pg_test_server.sh start)\")")
    return url


@pytest.fixture(scope="session")
def sqlite_server(tmp_path_factory):
    """One live server on a SQLite file, shared by the HTTP, attack, console, live-room and fuzzing tests (server
    starts are slow). Keys stay cached for 60 s (a slow machine must not see a valid key expire mid-test) and at
    most 128 rejected tokens are remembered, so a flood of a few hundred random tokens shows the bound."""
    from tests.service.qlserver import SERVER_ENV, Server, make_keys

    url = f"sqlite:///{tmp_path_factory.mktemp('live') / 'live.db'}"
    keys = make_keys(url, extra=("reviewer", "reviewer"))  # reviewer2, reviewer3
    srv = Server(url, env=SERVER_ENV).start()
    yield srv, keys
    srv.stop()
