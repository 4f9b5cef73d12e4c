"""Replies as evidence (issue 17 §5): doubt and debunk replies raise the root's rumour score, in a batch, in
`moderate(replies=…)` and in the service when the replies arrive after the root was decided."""

from __future__ import annotations

import time

import pytest

from qinglang.engine import Engine

ROOT = {"id": "r1", "thread_id": "r1", "text": "明天起地铁停运", "surface": "feed"}
DOUBT = [{"id": "c1", "thread_id": "r1", "parent_id": "r1", "text": "假的，已经辟谣了"},
         {"id": "c2", "thread_id": "r1", "parent_id": "r1", "text": "谣言吧，来源呢"}]


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.from_config()


def test_batch_with_doubting_replies_raises_the_root_with_replies_as_evidence(engine) -> None:
    alone = engine.moderate(ROOT)
    # news17: alone, the root states a public rule change with its day and no source: a source mark at most, no rumour
    assert alone.action in ("pass", "label") and not any(lr.label == "rumor" for lr in alone.labels)
    root, *_ = engine.moderate_many([ROOT, *DOUBT])
    rumor = next(lr for lr in root.labels if lr.label == "rumor")
    assert root.action == "review"
    assert {e.field for e in rumor.evidence if e.field.startswith("reply:")} == {"reply:c1.text", "reply:c2.text"}
    assert any(e.text == "辟谣" or e.text == "已经辟谣" for e in rumor.evidence)


def test_neutral_replies_and_a_non_claim_root_are_not_raised(engine) -> None:
    root, *_ = engine.moderate_many([ROOT, {"id": "c3", "parent_id": "r1", "text": "知道了，谢谢提醒"}])
    assert root.action in ("pass", "label") and not any(lr.label == "rumor" for lr in root.labels)
    joke = {"id": "j1", "text": "今天的晚饭是我做的，好吃吧"}
    d, *_ = engine.moderate_many([joke, {"id": "c4", "parent_id": "j1", "text": "假的吧哈哈"}])
    assert not any(lr.label == "rumor" for lr in d.labels)


def test_moderate_accepts_replies_seen_earlier(engine) -> None:
    d = engine.moderate(ROOT, replies=DOUBT)
    assert d.action == "review" and d.labels[0].rule == "claims.rumor.replies"


def test_service_rescores_a_root_when_a_doubting_reply_arrives(engine) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from qinglang.service.app import create_app
    from qinglang.service.keys import create_key
    from qinglang.service.settings import Settings
    from qinglang.store.memory import MemoryStore

    store = MemoryStore()
    with store.transaction() as tx:
        key = create_key(tx, role="submitter", name="s", now=time.time(), actor="t")[1]
    c = TestClient(create_app(Settings(db="memory://", key_cache_seconds=0), engine, store),
                   raise_server_exceptions=False)
    h = {"Authorization": f"Bearer {key}"}
    assert c.post("/v1/moderate", json=ROOT, headers=h).json()["action"] in ("pass", "label")  # a source mark
    c.post("/v1/moderate", json={"id": "c9", "parent_id": "r1", "text": "知道了"}, headers=h)
    assert c.get("/v1/decisions/r1", headers=h).json()["version"] == 1  # a neutral reply changes nothing
    c.post("/v1/moderate", json=DOUBT[0], headers=h)
    root = c.get("/v1/decisions/r1", headers=h).json()
    assert root["action"] == "review" and root["version"] == 2
    assert any(e["field"] == "reply:c1.text" for lab in root["labels"] for e in lab["evidence"])
