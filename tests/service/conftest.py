from __future__ import annotations

import os

import pytest

pytest.importorskip("fastapi", reason="service tests need qinglang[server]")


def reset_pg(url: str) -> None:
    import sqlalchemy as sa

    from qinglang.store.sql import make_engine

    eng = make_engine(url)
    with eng.begin() as c:
        c.execute(sa.text("DROP SCHEMA public CASCADE"))
        c.execute(sa.text("CREATE SCHEMA public"))
    eng.dispose()


@pytest.fixture(scope="session")
def pg_url() -> str:
    url = os.environ.get("QINGLANG_TEST_PG_URL")
    if not url:
        pytest.skip("QINGLANG_TEST_PG_URL is not set (start one with: eval \"$(tools/pg_test_server.sh start)\")")
    return url


def db_url(kind: str, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'qinglang.db'}"
    url = request.getfixturevalue("pg_url")
    reset_pg(url)
    return url
