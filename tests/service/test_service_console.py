"""The reviewer console in Debian's headless Chromium (Playwright, never `playwright install`): the whole flow
claim → decide → second review → appeal → audit at desktop (1366 px) and phone (390 px) widths, with screenshots
in the test's output folder, no console errors, and no horizontal scroll at 390 px."""

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
NO_HSCROLL = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"


@pytest.mark.parametrize("width", [1366, 390])
def test_console_claim_decide_second_review_appeal_audit(sqlite_server, width, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="console test needs the playwright package")
    if not shutil.which(CHROMIUM):
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)")
    srv, keys = sqlite_server
    cid, author = f"cw-{width}", f"u-cw-{width}"
    sub = httpx.Client(base_url=srv.base, headers={"Authorization": f"Bearer {keys['submitter']}"}, timeout=30)
    assert sub.post("/v1/moderate", json={"id": cid, "text": "楼主你真是个sha逼，nmsl",
                                          "author": {"id": author}}).status_code == 200
    assert sub.post("/v1/reports", json={"content_id": cid, "category": "abuse"}).status_code == 201
    shots = tmp_path / "screens"
    shots.mkdir()
    errors: list[str] = []

    def check(page, name: str) -> None:
        page.screenshot(path=str(shots / f"{width}-{name}.png"), full_page=True)
        if width <= 400:
            assert page.evaluate(NO_HSCROLL), f"horizontal scroll on {name} at {width}px"

    def login(browser, key: str):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.on("console", lambda m: errors.append(f"{m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(srv.base + "/console/login")
        page.fill("#key", key)
        page.click("#login")
        page.wait_for_url("**/console/")
        return page

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        first = login(browser, keys["reviewer"])
        check(first, "queue")
        first.goto(f"{srv.base}/console/items/{cid}")
        first.keyboard.press("c")  # one key: claim
        first.wait_for_selector("#lease")
        assert "已领取" in first.inner_text("#flash")
        assert "分" in first.inner_text("#lease-left")  # the countdown runs
        marks = first.locator("#field-text mark").all_inner_texts()
        assert "sha逼" in marks and "nmsl" in marks
        assert "举报与投诉共" in first.inner_text("#why-queued")
        check(first, "item-claimed")
        # the form starts empty; a reason limits the actions that agree with it
        first.select_option("#f-reason", "no_violation")
        assert first.locator("#f-action option[value=block]").is_disabled()
        first.select_option("#f-action", "pass")
        first.click("#f-submit")
        first.wait_for_selector("#flash")
        assert "转交另一位审核员复核" in first.inner_text("#flash")
        first.goto(f"{srv.base}/console/items/{cid}")
        assert first.locator("#excluded").count() == 1 and first.locator("#claim").count() == 0
        check(first, "item-excluded")

        second = login(browser, keys["reviewer2"])
        second.goto(f"{srv.base}/console/items/{cid}")
        second.click("#claim")
        second.wait_for_selector("#decide-form")
        second.select_option("#f-reason", "violation.confirmed")
        second.select_option("#f-action", "block")
        second.fill("#f-note", "辱骂他人，确认违规")
        second.click("#f-submit")
        second.wait_for_selector("#flash")
        assert f"已提交 {cid}" in second.inner_text("#flash")
        second.goto(f"{srv.base}/console/items/{cid}")
        assert "终审：拦截" in second.inner_text("#final-action")
        check(second, "item-decided")

        assert sub.post("/v1/appeals", json={"content_id": cid, "author_id": author,
                                             "reason": "我是在引用别人的话"}).status_code == 201
        # both reviewers judged the item, so a third decides the appeal (reviewers are checked at decision time)
        third = login(browser, keys["reviewer3"])
        third.goto(srv.base + "/console/appeals")
        row = third.locator("#appeals tr", has_text=cid)
        row.locator("input[name=upheld][value='0']").check()
        row.locator("input[name=note]").fill("引用不改变辱骂性质，维持")
        row.locator(".appeal-submit").click()
        third.wait_for_selector("#flash")
        assert "申诉已驳回" in third.inner_text("#flash")
        assert "申诉驳回，维持原处置" in third.locator("#appeals tr", has_text=cid).inner_text()
        check(first, "appeals")

        auditor = login(browser, keys["auditor"])
        auditor.goto(f"{srv.base}/console/audit?subject=content:{cid}")
        actions = auditor.locator("#audit-table .audit-action").all_inner_texts()
        assert {"领取审核", "转交复核", "审核终审", "提交申诉", "申诉已处理"} <= set(actions)
        assert "\\u" not in auditor.inner_text("#audit-table") and "辱骂他人，确认违规" in auditor.content()
        auditor.click("#verify-chain")
        auditor.wait_for_selector("#flash")
        assert "哈希链完整" in auditor.inner_text("#flash")
        check(auditor, "audit")
        auditor.goto(srv.base + "/console/dashboard")
        assert auditor.locator("#charts svg").count() >= 3
        check(auditor, "dashboard")
        auditor.goto(srv.base + "/console/no-such-page")
        assert "页面不存在" in auditor.content()
        browser.close()
    assert not [e for e in errors if "404" not in e], errors  # the deliberate 404 page logs its status only
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for f in shots.iterdir():
        shutil.copy(f, ARTIFACTS / f"console-{f.name}")
