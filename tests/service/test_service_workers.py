"""Two uvicorn workers writing to one SQLite file at once: one linear audit chain, every write stored.

(PostgreSQL's cross-connection locking is covered by the store contract's concurrent-writer test, which uses
separate pooled connections; on SQLite that test is serialized by the in-process mutex, so processes are
needed to exercise BEGIN IMMEDIATE.)
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx

from qinglang.store import open_store
from qinglang.store.ports import iter_audit
from qinglang.workflow import audit
from tests.service.qlserver import Server, db_url, make_keys


def test_two_workers_keep_one_chain(tmp_path_factory, request):
    url = db_url("sqlite", tmp_path_factory, request)
    keys = make_keys(url)
    srv = Server(url, workers=2).start()
    try:
        def post(i: int) -> int:
            with httpx.Client(base_url=srv.base, timeout=30,
                              headers={"Authorization": f"Bearer {keys['submitter']}"}) as c:
                r = c.post("/v1/moderate", json={"id": f"w-{i}", "text": "你真是个sha逼", "author": {"id": "u"}})
                c.post("/v1/reports", json={"content_id": f"w-{i % 5}", "category": "abuse"})
                return r.status_code

        with ThreadPoolExecutor(8) as pool:
            codes = list(pool.map(post, range(40)))
        assert codes == [200] * 40
        stats = httpx.get(srv.base + "/v1/stats", headers={"Authorization": f"Bearer {keys['auditor']}"}).json()
        assert sum(row["count"] for row in stats["by_day_action"]) == 40
    finally:
        srv.stop()
    store = open_store(url)
    res = audit.verify(iter_audit(store))
    store.close()
    assert res.ok, res.reason
