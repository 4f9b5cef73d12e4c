"""The service with clusters on: members' decisions carry water_army; GET /v1/accounts/{id} (memory and SQLite)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from qinglang.engine import Engine
from qinglang.service.app import create_app
from qinglang.service.keys import create_key
from qinglang.service.settings import Settings
from qinglang.store import open_store
from tests.clusters.test_clusters import campaign

ENGINE = Engine.from_config()


@pytest.fixture(params=["memory", "sqlite"])
def client(request, tmp_path: Path):
    url = "memory://" if request.param == "memory" else f"sqlite:///{tmp_path / 'q.db'}"
    store = open_store(url)
    with store.transaction() as tx:
        keys = {r: create_key(tx, role=r, name=r, now=time.time(), actor="t")[1] for r in ("submitter", "reviewer")}
    app = create_app(Settings(db=url, key_cache_seconds=0, clusters=True, clusters_window_posts=4096,
                              rate_limit_per_s=0), ENGINE, store)
    yield TestClient(app, raise_server_exceptions=False), keys
    store.close()


def test_campaign_members_get_water_army_and_account_view(client) -> None:
    c, keys = client
    sub = {"Authorization": f"Bearer {keys['submitter']}"}
    decisions = [c.post("/v1/moderate", json=item, headers=sub).json() for item in campaign()]
    last = decisions[-1]
    army = [lab for lab in last["labels"] if lab["label"] == "water_army"]
    assert army and army[0]["evidence"][0]["detail"]["size"] >= 20
    assert not [lab for lab in decisions[0]["labels"] if lab["label"] == "water_army"]  # alone, nothing yet
    # a resubmitted id is not counted twice
    again = c.post("/v1/moderate", json=campaign()[-1], headers=sub)
    assert again.headers["X-Qinglang-Stored"] == "existing"

    assert c.get("/v1/accounts/fresh3", headers=sub).status_code == 403  # submitters may not read accounts
    r = c.get("/v1/accounts/fresh3", headers={"Authorization": f"Bearer {keys['reviewer']}"})
    assert r.status_code == 200
    body = r.json()
    assert body["clusters_enabled"] and body["risk"] >= 0.5
    assert any(g["label"] == "water_army" for g in body["clusters"])
    assert {d["content_id"] for d in body["recent_decisions"]} == {"c3", "c23"}
    # the campaign's blocked members earned strikes: the account view shows them with the sanction ladder's step
    struck = {v["content_id"] for v in body["violations"]}
    assert struck <= {"c3", "c23"} and all(s["reason"].split(":")[-1] in struck for s in body["sanctions"])
    unknown = c.get("/v1/accounts/nobody", headers={"Authorization": f"Bearer {keys['reviewer']}"}).json()
    assert unknown["risk"] == 0 and unknown["clusters"] == [] and unknown["recent_decisions"] == []


def test_batch_route_feeds_the_window_item_by_item(client) -> None:
    c, keys = client
    items = campaign()
    r = c.post("/v1/moderate/batch", json={"items": [*items, {"text": "no id"}]},
               headers={"Authorization": f"Bearer {keys['submitter']}"})
    assert r.status_code == 200
    results = r.json()["results"]
    assert len(results) == len(items) + 1 and results[-1]["error"] == "InvalidContent"
    assert any(lab["label"] == "water_army" for lab in results[len(items) - 1]["labels"])
    body = c.get("/v1/accounts/fresh3", headers={"Authorization": f"Bearer {keys['reviewer']}"}).json()
    assert {d["content_id"] for d in body["recent_decisions"]} == {"c3", "c23"}


def test_policy_account_condition(tmp_path: Path) -> None:
    pol = tmp_path / "pol"
    pol.mkdir()
    (pol / "accounts.yaml").write_text(
        "campaign: accounts-test\nrules:\n  - id: acct.young_burst.review\n"
        "    when: {labels: [], fields: {account.young_burst: true}}\n    then: {action: review}\n", encoding="utf-8")
    eng = Engine.from_config(policies=[pol], shipped=False)
    assert eng.moderate({"id": "a", "text": "你好"}).action == "pass"
    assert eng.moderate({"id": "b", "text": "你好", "account": {"young_burst": True}}).action == "review"


def test_service_replaces_submitted_account_facts() -> None:
    from qinglang.clusters.ledger import AccountLedger
    from qinglang.clusters.service import ClusterService
    from qinglang.model import Content
    from qinglang.store.memory import MemoryStore

    svc = ClusterService(ENGINE.normalizer, AccountLedger())
    c = Content.from_json({"id": "x", "text": "你好", "author": {"id": "u1"},
                           "account": {"young_burst": True, "repeat_offender": True}})
    prep = svc.before(c, MemoryStore(), time.time())
    assert prep.content.account.young_burst is False and prep.content.account.repeat_offender is False
    assert prep.views.content is prep.content and "text" in prep.views.fields


def test_ledger_keeps_recent_activity_newest_first_and_prunes(tmp_path: Path) -> None:
    from qinglang.clusters.ledger import AccountLedger

    store = open_store(f"sqlite:///{tmp_path / 'l.db'}")
    ledger = AccountLedger(store.engine, retention_s=100, prune_every=3)
    group = {"id": "c1", "kind": "cluster", "label": "water_army", "score": 0.9, "detail": {"size": 30}}
    for k in range(3):
        ledger.record("u1", f"p{k}", "pass", 0.1 * k, 1000.0 + k, frozenset({"young_burst"}), [group])
    got = ledger.account("u1")
    assert [r["content_id"] for r in got["recent"]] == ["p2", "p1", "p0"]
    assert got["recent"][0]["flags"] == ["young_burst"]
    assert got["clusters"] == [{"id": "c1", "kind": "cluster", "label": "water_army", "score": 0.9, "at": 1002.0,
                                "detail": {"size": 30}}]
    for k in range(3):  # 300 s later: the third write prunes everything older than 100 s
        ledger.record("u1", f"q{k}", "pass", 0.0, 1300.0 + k, frozenset(), [])
    assert [r["content_id"] for r in ledger.account("u1")["recent"]] == ["q2", "q1", "q0"]
    assert ledger.account("u1")["clusters"] == []
    store.close()
