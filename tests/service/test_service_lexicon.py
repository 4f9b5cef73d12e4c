"""`/v1/admin/lexicon` and `/console/lexicon`: run-time word edits over HTTP, audit-logged, kept across restarts."""

from __future__ import annotations

import time
from pathlib import Path

from fastapi.testclient import TestClient

from qinglang.service.app import create_app
from qinglang.service.deps import COOKIE
from qinglang.service.keys import create_key
from qinglang.service.settings import Settings
from qinglang.store.memory import MemoryStore
from tests.wordfilter.conftest import make_engine


def _client(tmp: Path, journal: Path, store: MemoryStore | None = None) -> tuple[TestClient, dict[str, str]]:
    store = store or MemoryStore()
    with store.transaction() as tx:
        keys = {r: create_key(tx, role=r, name=r, now=time.time(), actor="t")[1]
                for r in ("submitter", "admin", "reviewer", "auditor")}
    engine = make_engine(tmp, edits=journal)
    app = create_app(Settings(db="memory://", key_cache_seconds=0, rate_limit_per_s=0), engine, store)
    return TestClient(app, raise_server_exceptions=False), keys


def _h(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_edit_is_effective_on_the_next_request_audited_and_kept_after_a_restart(tmp_path: Path) -> None:
    journal = tmp_path / "edits.jsonl"
    store = MemoryStore()
    c, keys = _client(tmp_path / "a", journal, store)
    post = {"id": "p1", "text": "快来割韭菜"}
    assert c.post("/v1/moderate", json=post, headers=_h(keys["submitter"])).json()["labels"] == []
    body = {"op": "add", "term": "割韭菜", "label": "fraud", "severity": "high", "tags": ["话术"],
            "reason": "运营工单 #88"}
    r = c.post("/v1/admin/lexicon/edits", json=body, headers=_h(keys["admin"]))
    assert r.status_code == 201, r.text
    assert r.json()["edit"]["actor"].startswith("admin:admin#")
    d = c.post("/v1/moderate?force=true", json=post, headers=_h(keys["submitter"])).json()
    assert [lab["label"] for lab in d["labels"]] == ["fraud"] and d["policy_version"] == r.json()["policy_version"]
    audit = c.get("/v1/audit?subject=lexicon:割韭菜", headers=_h(keys["auditor"])).json()["entries"]
    assert [(e["action"], e["payload"]["reason"], e["payload"]["label"]) for e in audit] == [
        ("lexicon.add", "运营工单 #88", "fraud")]
    assert c.get("/v1/audit/verify", headers=_h(keys["auditor"])).json()["ok"]
    state = c.get("/v1/admin/lexicon", headers=_h(keys["reviewer"])).json()
    assert state["added"][0]["term"] == "割韭菜" and state["history"][0]["reason"] == "运营工单 #88"
    # a restart: a new engine and app on the same journal
    c2, keys2 = _client(tmp_path / "b", journal)
    d = c2.post("/v1/moderate", json=post, headers=_h(keys2["submitter"])).json()
    assert [lab["label"] for lab in d["labels"]] == ["fraud"]


def test_only_admins_edit_and_bad_edits_are_4xx(tmp_path: Path) -> None:
    c, keys = _client(tmp_path, tmp_path / "e.jsonl")
    body = {"op": "add", "term": "词", "label": "abuse", "reason": "r"}
    assert c.post("/v1/admin/lexicon/edits", json=body, headers=_h(keys["reviewer"])).status_code == 403
    assert c.post("/v1/admin/lexicon/edits", json=body).status_code == 401
    r = c.post("/v1/admin/lexicon/edits", json={**body, "label": "drainnage"}, headers=_h(keys["admin"]))
    assert r.status_code == 400 and r.json()["error"] == "InvalidEdit" and "did you mean" in r.json()["message"]
    r = c.post("/v1/admin/lexicon/edits", json={**body, "reason": ""}, headers=_h(keys["admin"]))
    assert r.status_code == 422
    r = c.post("/v1/admin/lexicon/edits", json={**body, "op": "drop"}, headers=_h(keys["admin"]))
    assert r.status_code == 422
    assert c.get("/v1/admin/lexicon", headers=_h(keys["reviewer"])).json()["history"] == []


def test_console_page_shows_and_makes_edits(tmp_path: Path) -> None:
    c, keys = _client(tmp_path, tmp_path / "e.jsonl")
    c.cookies.set(COOKIE, keys["admin"])
    page = c.get("/console/lexicon")
    assert page.status_code == 200 and "词库维护" in page.text and 'name="reason"' in page.text
    r = c.post("/console/lexicon", data={"op": "allow", "term": "南京市长江大桥", "reason": "地名"},
               follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/console/lexicon"  # no text in the URL
    page = c.get("/console/lexicon").text
    assert "已生效" in page  # the flash message, shown once
    assert "南京市长江大桥" in page and "地名" in page and "admin:admin#" in page
    r = c.post("/console/lexicon", data={"op": "add", "term": "词", "reason": ""}, follow_redirects=False)
    assert r.headers["location"] == "/console/lexicon" and "error=" not in r.headers["location"]
    assert 'class="flash flash-error"' in c.get("/console/lexicon").text
    c.cookies.set(COOKIE, keys["reviewer"])
    assert 'name="reason"' not in c.get("/console/lexicon").text  # staff read, admins edit
    r = c.post("/console/lexicon", data={"op": "allow", "term": "x", "reason": "r"}, follow_redirects=False)
    assert r.status_code == 200 and "南京市长江大桥" not in r.text  # the denied page
