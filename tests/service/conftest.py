from __future__ import annotations

import os

import pytest

pytest.importorskip("fastapi", reason="service tests need qinglang[server]")


@pytest.fixture(scope="session")
def pg_url() -> str:
    url = os.environ.get("QINGLANG_TEST_PG_URL")
    if not url:
        pytest.skip("QINGLANG_TEST_PG_URL is not set (start one with: eval \"$(tools/pg_test_server.sh start)\")")
    return url
