"""Console defects of issue 21, without a browser: decisions agree with reasons, Chinese everywhere, leases renew,
feedback after a decision, flash messages instead of `?error=`, HTML error pages, search, spot checks, reports."""

from __future__ import annotations

import re
import time

import pytest
from fastapi.testclient import TestClient

from qinglang.engine import Engine
from qinglang.service.app import create_app
from qinglang.service.keys import create_key
from qinglang.service.settings import Settings
from qinglang.store.memory import MemoryStore
from qinglang.store.ports import StoredDecision
from qinglang.workflow import queue
from qinglang.workflow.config import WorkflowConfig


class Clock:
    def __init__(self) -> None:
        self.t = time.time()

    def __call__(self) -> float:
        return self.t


def _rec(cid: str, action: str, text: str, label: str = "drainage", campaign: str = "illegal-links",
         author: str = "u-1", at: float | None = None, span: str = "") -> StoredDecision:
    span = span or text
    a = text.index(span)
    ev = {"field": "text", "start": a, "end": a + len(span), "text": span, "normalized": span.lower(), "rule": "r.x"}
    return StoredDecision(content_id=cid, content={"id": cid, "text": text, "surface": "local"}, action=action,
                          risk=0.8, author_id=author, created_at=at or time.time(),
                          decision={"id": cid, "action": action, "labels": [
                              {"label": label, "score": 0.8, "campaign": campaign, "evidence": [ev]}]})


@pytest.fixture()
def env():
    store, clock = MemoryStore(), Clock()
    cfg = WorkflowConfig(lease_seconds=60)
    with store.transaction() as tx:
        tx.insert_decision(_rec("c-1", "review", "加微信 abc12345 详聊", span="abc12345"))
        tx.insert_decision(_rec("c-2", "block", "加微信 ABC12345 领红包", author="u-2", span="ABC12345"))
        tx.insert_decision(_rec("c-3", "review", "同城约见面", label="vulgar", campaign="local", author="u-3"))
        for cid in ("c-1", "c-3"):
            queue.enqueue(tx, cfg, cid, "review", now=clock.t, actor="测试")
        keys = {role: create_key(tx, role=role, name=name, now=clock.t, actor="t")[1]
                for role, name in (("reviewer", "审核员甲"), ("auditor", "审计员"))}
        keys["reviewer2"] = create_key(tx, role="reviewer", name="审核员乙", now=clock.t, actor="t")[1]
    app = create_app(Settings(db="memory://"), Engine.from_config(), store, workflow=cfg, clock=clock)

    def client(role: str) -> TestClient:
        c = TestClient(app)
        assert c.post("/console/login", data={"key": keys[role]}, follow_redirects=False).status_code == 303
        return c

    return store, clock, client


def test_contradictory_or_unexplained_decisions_are_refused_and_the_form_starts_empty(env):
    store, _clock, client = env
    c = client("reviewer")
    c.post("/console/items/c-1/claim")
    page = c.get("/console/items/c-1").text
    assert re.search(r'<option value="" selected disabled>选择处置</option>', page)
    assert re.search(r'<option value="" selected disabled>选择理由</option>', page)
    r = c.post("/console/items/c-1/decide", data={"action": "pass", "reason": "violation.confirmed"})
    assert "矛盾" in r.text and "确认违规" in r.text
    r = c.post("/console/items/c-1/decide", data={"action": "block", "reason": "violation.confirmed"})
    assert "拦截须填写备注" in r.text
    with store.transaction(readonly=True) as tx:
        assert tx.get_review("c-1").status == "pending" and tx.get_decision("c-1").final_action is None


def test_audit_is_chinese_in_beijing_time_and_lease_until_is_a_time(env):
    _store, _clock, client = env
    c = client("reviewer")
    c.post("/console/items/c-1/claim")
    c.post("/console/items/c-1/decide", data={"action": "limit", "reason": "violation.partial", "note": "测试备注"})
    a = client("auditor")
    for page in (a.get("/console/items/c-1").text, a.get("/console/audit").text):
        assert "\\u" not in page and "测试备注" in page
        assert "领取审核" in page and "审核终审" in page and ">review.claimed<" not in page
        assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d</td>", page) and not re.search(r"T\d\d:\d\d:\d\d\.\d+", page)
        assert re.search(r"&#34;lease_until&#34;: &#34;\d{4}-\d\d-\d\d \d\d:\d\d:\d\d&#34;", page)
    item = a.get("/console/items/c-1").text
    assert "同城版块" in item and "打击违法信息外链" in item  # surface and campaign in Chinese


def test_english_workflow_errors_become_chinese_flash_messages_and_error_param_is_ignored(env):
    _store, _clock, client = env
    c, c2 = client("reviewer"), client("reviewer2")
    c.post("/console/items/c-1/claim")
    r = c2.post("/console/items/c-1/claim")
    assert "已被其他审核员领取" in r.text and "claimed by" not in r.text
    assert "钓鱼" not in c.get("/console/items/c-1?error=钓鱼网站请登录").text
    # a forged flash cookie renders nothing
    c.cookies.set("ql_flash", "eyJrIjoiZXJyb3IiLCJ0IjoiXHU5NDkzIn0=.0000", path="/console")
    assert 'id="flash"' not in c.get("/console/items/c-3").text


def test_lease_renews_and_an_expired_lease_does_not_drop_the_decision(env):
    store, clock, client = env
    c, c2 = client("reviewer"), client("reviewer2")
    c2.post("/console/items/c-3/claim")
    # someone else holds it: the message names the unsent choice
    r = c.post("/console/items/c-3/decide", data={"action": "pass", "reason": "no_violation"})
    assert "您的处置（通过 · 未发现违规）未提交" in r.text
    c.post("/console/items/c-1/claim")
    page = c.get("/console/items/c-1").text
    assert 'id="lease"' in page and 'data-left="60"' in page and 'data-renew="/console/items/c-1/renew"' in page
    clock.t += 50
    j = c.post("/console/items/c-1/renew").json()
    assert j["ok"] and j["lease_until"] == clock.t + 60 and re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d",
                                                                         j["lease_until_text"])
    clock.t += 120  # expired while reading: the decision still lands (the item is taken again)
    assert c.post("/console/items/c-1/renew").status_code == 409
    r = c.post("/console/items/c-1/decide", data={"action": "pass", "reason": "no_violation"})
    assert "已提交 c-1" in r.text
    with store.transaction(readonly=True) as tx:
        assert tx.get_review("c-1").reviews[-1]["action"] == "pass"


def test_feedback_after_decision_moves_on_and_excluded_reviewer_gets_no_claim_button(env):
    _store, _clock, client = env
    c = client("reviewer")
    c.post("/console/items/c-1/claim")
    r = c.post("/console/items/c-1/decide", data={"action": "review", "reason": "escalate"})
    assert r.url.path == "/console/items/c-3" and "已为您领取下一条 c-3" in r.text
    assert "已提交 c-1" in r.text and "转交另一位审核员复核" in r.text
    with _store.transaction(readonly=True) as tx:
        assert [i.content_id for i in tx.open_reviews() if i.status == "disputed"] == ["c-1"]
    page = c.get("/console/items/c-1").text
    assert 'id="claim"' not in page and 'id="excluded"' in page
    assert 'id="claim"' in client("reviewer2").get("/console/items/c-1").text


def test_html_error_pages_favicon_and_phone_css(env):
    _store, _clock, client = env
    c = client("reviewer")
    r = c.get("/console/no-such-page")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html") and "页面不存在" in r.text
    r = c.get("/console/audit?after=-5")
    assert r.status_code == 422 and "提交的内容不完整或格式不对" in r.text
    assert c.get("/v1/nothing").headers["content-type"].startswith("application/")  # the API keeps JSON
    assert c.get("/console/static/favicon.svg").status_code == 200
    assert 'rel="icon"' in c.get("/console/").text
    assert "@media (max-width:600px)" in c.get("/console/static/console.css").text


def test_item_context_search_spot_checks_audit_filters_and_verify(env):
    _store, _clock, client = env
    c = client("reviewer")
    page = c.get("/console/items/c-1").text
    assert 'href="/console/items/c-2"' in page and "共同线索" in page  # same handle in another item
    assert 'id="author-history"' in page and 'id="why-queued"' in page
    assert "c-1" in c.get("/console/?q=u-1").text and "c-3" not in c.get("/console/?q=u-1").text
    assert "c-3" in c.get("/console/?campaign=local").text and "c-1" not in c.get("/console/?campaign=local").text
    assert "c-3" in c.get("/console/?surface=local&label=vulgar").text
    blocks = c.get("/console/blocks").text
    assert "c-2" in blocks and "送抽查" in blocks
    r = c.post("/console/blocks/c-2/check")
    assert r.url.path == "/console/items/c-2" and "已送入审核队列抽查" in r.text
    a = client("auditor")
    assert "哈希链完整" in a.post("/console/audit/verify").text
    filtered = a.get("/console/audit?action=review.enqueued").text
    assert "进入审核队列" in filtered and "领取审核</td>" not in filtered


def test_dashboard_has_svg_charts_in_chinese_and_console_report_downloads(env):
    _store, _clock, client = env
    c = client("reviewer")
    page = c.get("/console/dashboard").text
    assert page.count("<svg") >= 3 and "待审内容已等待时长" in page and "改判率" in page
    assert ">—<" not in page and "<td>illegal-links</td>" not in page and "打击违法信息外链" in page
    assert "专项行动工作情况报告" in c.get("/console/report").text
    today = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 8 * 3600))
    start = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 8 * 3600 - 20 * 86400))
    html = c.get(f"/console/report?from={start}&to={today}&view=html").text
    assert "<svg" in html and "打击违法信息外链" in html
    assert "期间不超过一年" in c.get(f"/console/report?from=2020-01-01&to={today}&view=html").text
    csv = c.get(f"/console/report?from={start}&to={today}&view=csv")
    assert csv.headers["content-type"].startswith("text/csv") and "illegal-links" in csv.content.decode("utf-8-sig")
