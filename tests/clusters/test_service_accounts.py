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


def test_policy_account_condition(tmp_path: Path) -> None:
    pol = tmp_path / "pol"
    pol.mkdir()
    (pol / "accounts.yaml").write_text(
        "campaign: accounts-test\nrules:\n  - id: acct.young_burst.review\n"
        "    when: {labels: [], fields: {account.young_burst: true}}\n    then: {action: review}\n", encoding="utf-8")
    eng = Engine.from_config(policies=[pol], shipped=False)
    assert eng.moderate({"id": "a", "text": "你好"}).action == "pass"
    assert eng.moderate({"id": "b", "text": "你好", "account": {"young_burst": True}}).action == "review"
