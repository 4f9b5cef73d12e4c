"""The reviewer console in Debian's headless Chromium (Playwright, never `playwright install`)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import httpx
import pytest

from tests.service.qlserver import ROOT

CHROMIUM = os.environ.get("QINGLANG_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("QINGLANG_ARTIFACTS", ROOT / "artifacts"))
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def test_console_login_claim_decide_and_audit(sqlite_server):
    sync_api = pytest.importorskip("playwright.sync_api", reason="console test needs the playwright package")
    if not shutil.which(CHROMIUM):
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)")
    srv, keys = sqlite_server
    sub = httpx.Client(base_url=srv.base, headers={"Authorization": f"Bearer {keys['submitter']}"}, timeout=30)
    sub.post("/v1/moderate", json={"id": "c-1", "text": "楼主你真是个sha逼，nmsl", "author": {"id": "u-c"}})
    assert sub.post("/v1/reports", json={"content_id": "c-1", "category": "abuse"}).status_code == 201
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto(srv.base + "/console/login")
        page.fill("#key", "ql_wrong.key")
        page.click("#login")
        assert "密钥无效" in page.content()
        page.fill("#key", keys["reviewer"])
        page.click("#login")
        page.wait_for_url("**/console/")
        assert "审核队列" in page.content() and "c-1" in page.content()
        page.click("a[href='/console/items/c-1']")
        page.wait_for_url("**/console/items/c-1")
        page.keyboard.press("c")  # one key: claim
        page.wait_for_selector("#decide-block")
        marks = page.locator("#field-text mark").all_inner_texts()
        assert "sha逼" in marks and "nmsl" in marks  # evidence highlighted in the original text
        page.keyboard.press("4")  # one-key decision: block (违规确认)
        page.wait_for_selector("#final-action")
        assert "终审：拦截" in page.inner_text("#final-action")
        trail = page.locator("#audit-trail .audit-action").all_inner_texts()
        assert "review.decided" in trail and "review.claimed" in trail
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "console-item.png"), full_page=True)
        page.goto(srv.base + "/console/dashboard")
        assert "专项看板" in page.content()
        browser.close()
    reps = sub.get("/v1/reports", headers={"Authorization": f"Bearer {keys['reviewer']}"}).json()["reports"]
    assert [r["status"] for r in reps if r["content_id"] == "c-1"] == ["upheld"]
