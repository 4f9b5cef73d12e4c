"""SIGKILL during a stream of writes loses no acknowledged write (SQLite WAL with synchronous=FULL, and
PostgreSQL), with group commit: concurrent writers share transactions and commits."""

from __future__ import annotations

import threading
import time

import httpx
import pytest

from qinglang.store import open_store
from qinglang.store.ports import iter_audit
from qinglang.workflow import audit
from tests.service.qlserver import Server, db_url, make_keys


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_sigkill_loses_no_acknowledged_write(kind, tmp_path_factory, request):
    db = db_url(kind, tmp_path_factory, request)
    keys = make_keys(db)
    srv = Server(db, workers=1).start()
    acked: list[str] = []
    stop = threading.Event()

    def writer(k: int) -> None:
        with httpx.Client(base_url=srv.base, timeout=10,
                          headers={"Authorization": f"Bearer {keys['submitter']}"}) as c:
            i = 0
            while not stop.is_set():
                cid = f"w{k}-{i}"
                try:
                    r = c.post("/v1/moderate", json={"id": cid, "text": f"第{i}条 你真是个sha逼",
                                                      "author": {"id": f"u{k}"}})
                except httpx.HTTPError:
                    return  # the server is gone: this write was never acknowledged
                if r.status_code == 200:
                    acked.append(cid)
                i += 1

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(8)]  # enough to share commits
    for t in threads:
        t.start()
    deadline = time.monotonic() + 20
    while len(acked) < 30 and time.monotonic() < deadline:
        time.sleep(0.05)
    srv.kill()
    stop.set()
    for t in threads:
        t.join(15)
    assert len(acked) >= 20, "too few writes acknowledged before the kill"

    restarted = Server(db).start()  # recovery: the server comes back on the same file
    try:
        with httpx.Client(base_url=restarted.base, timeout=10,
                          headers={"Authorization": f"Bearer {keys['submitter']}"}) as c:
            missing = [cid for cid in acked if c.get(f"/v1/decisions/{cid}").status_code != 200]
    finally:
        restarted.stop()
    assert missing == []
    store = open_store(db)
    assert audit.verify(iter_audit(store)).ok  # the chain survived the crash intact
    store.close()
