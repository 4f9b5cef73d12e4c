"""Console rendering without a browser: evidence marks by code-point offsets, escaping, image boxes, roles."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient

from qinglang.engine import Engine
from qinglang.service.app import create_app
from qinglang.service.console.pages import highlight
from qinglang.service.keys import create_key
from qinglang.service.settings import Settings
from qinglang.store.memory import MemoryStore
from qinglang.store.ports import StoredDecision


def test_highlight_uses_code_points_merges_overlaps_and_escapes():
    text = "𝟙加<b>薇信abc"
    html = str(highlight(text, [(1, 4, "x"), (3, 6, "y"), (99, 120, "z")]))
    assert html == '𝟙<mark title="x; y">加&lt;b&gt;薇</mark>信abc'


def test_item_page_marks_text_and_boxes_image_evidence_and_hides_reporters():
    store = MemoryStore()
    now = time.time()
    ev_text = {"field": "text", "start": 2, "end": 5, "text": "<i>", "normalized": "i", "rule": "r.t"}
    ev_img = {"field": "media[0].ocr", "start": 0, "end": 2, "text": "加我", "normalized": "加我", "rule": "r.i",
              "bbox": [10, 20, 50, 40]}
    content = {"id": "img-1", "text": "前缀<i>后缀", "media": [{"data_base64": "iVBORw0KGgo=", "mime": "image/png"}]}
    decision = {"id": "img-1", "action": "review", "risk": 0.7, "labels": [
        {"label": "drainage", "score": 0.7, "campaign": "c", "rule": "r.t", "evidence": [ev_text, ev_img]}]}
    with store.transaction() as tx:
        tx.insert_decision(StoredDecision(content_id="img-1", content=content, decision=decision, action="review",
                                          risk=0.7, author_id=None, created_at=now))
        reviewer = create_key(tx, role="reviewer", name="审核员甲", now=now, actor="t")[1]
        submitter = create_key(tx, role="submitter", name="s", now=now, actor="t")[1]
    c = TestClient(create_app(Settings(db="memory://"), Engine.from_config(), store))
    assert c.get("/console/", follow_redirects=False).headers["location"] == "/console/login"
    r = c.post("/console/login", data={"key": submitter}, follow_redirects=False)
    assert r.status_code == 403 and "无权使用审核台" in r.text
    r = c.post("/console/login", data={"key": reviewer}, follow_redirects=False)
    assert r.status_code == 303 and "httponly" in r.headers["set-cookie"].lower()
    page = c.get("/console/items/img-1").text
    assert '前缀<mark title="drainage · r.t">&lt;i&gt;</mark>后缀' in page
    assert 'style="left:10px;top:20px;width:40px;height:20px"' in page
    assert "data:image/png;base64,iVBORw0KGgo=" in page
    assert "审计日志" not in page  # reviewers get no audit-log page link
