"""In-process checks with create_app(...) and the memory store: rate limits, unknown errors, key revocation."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient

from qinglang.engine import Engine
from qinglang.service.app import create_app
from qinglang.service.keys import create_key
from qinglang.service.settings import Settings
from qinglang.store.memory import MemoryStore

ENGINE = Engine.from_config()


def _app(store=None, **settings):
    store = store or MemoryStore()
    with store.transaction() as tx:
        keys = {r: create_key(tx, role=r, name=r, now=time.time(), actor="t")[1] for r in ("submitter", "admin")}
    app = create_app(Settings(db="memory://", key_cache_seconds=0, **settings), ENGINE, store)
    return TestClient(app, raise_server_exceptions=False), keys


def test_rate_limit_per_key_gives_429_with_retry_after():
    c, keys = _app(rate_limit_per_s=0.5, rate_limit_burst=2)
    h = {"Authorization": f"Bearer {keys['submitter']}"}
    codes = [c.post("/v1/moderate", json={"id": f"r{i}"}, headers=h).status_code for i in range(3)]
    assert codes == [200, 200, 429]
    r = c.post("/v1/moderate", json={"id": "r9"}, headers=h)
    assert r.json()["error"] == "RateLimited" and int(r.headers["retry-after"]) >= 1
    other = {"Authorization": f"Bearer {keys['admin']}"}
    assert c.post("/v1/moderate", json={"id": "r10"}, headers=other).status_code == 200


class BrokenStore(MemoryStore):
    def __init__(self) -> None:
        super().__init__()
        self.broken = False

    def transaction(self, *, readonly: bool = False):
        if self.broken:
            raise RuntimeError("database password is hunter2")
        return super().transaction(readonly=readonly)


def test_unknown_error_is_500_with_request_id_and_no_detail():
    store = BrokenStore()
    c, keys = _app(store)
    h = {"Authorization": f"Bearer {keys['submitter']}"}
    assert c.post("/v1/moderate", json={"id": "ok"}, headers=h).status_code == 200
    store.broken = True
    r = c.post("/v1/moderate", json={"id": "x"}, headers={**h, "X-Request-Id": "req-42"})
    assert r.status_code == 500 and r.json()["request_id"] == "req-42"
    assert "hunter2" not in r.text and "Traceback" not in r.text


def test_revoked_key_stops_working_and_keys_are_stored_hashed():
    store = MemoryStore()
    c, keys = _app(store)
    admin = {"Authorization": f"Bearer {keys['admin']}"}
    made = c.post("/v1/admin/keys", json={"role": "reviewer", "name": "张三"}, headers=admin).json()
    with store.transaction() as tx:
        rec = tx.get_key(made["key_id"])
    assert made["key"].split(".", 1)[1] not in rec.secret_hash
    h = {"Authorization": f"Bearer {made['key']}"}
    assert c.get("/v1/review/queue", headers=h).status_code == 200
    assert c.delete(f"/v1/admin/keys/{made['key_id']}", headers=admin).status_code == 200
    assert c.get("/v1/review/queue", headers=h).status_code == 401
