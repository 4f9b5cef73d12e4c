"""The campaign report: every figure in the CSV and in the PDF text recounted from a store built with known counts."""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from qinglang.report.names import CN_TZ, campaign_zh, ten_tasks
from qinglang.store import open_store
from qinglang.store.ports import Appeal, Report, Sanction, StoredDecision

pypdf = pytest.importorskip("pypdf")
pytest.importorskip("reportlab")

DAY = dt.datetime(2024, 7, 10, 9, 30, tzinfo=CN_TZ).timestamp()


def _decision(cid: str, author: str, campaign: str, label: str, action: str, final: str | None, at: float
              ) -> StoredDecision:
    ev = {"field": "text", "start": 0, "end": 4, "text": f"证据{cid}", "normalized": f"证据{cid}", "rule": f"r.{label}"}
    return StoredDecision(content_id=cid, content={"id": cid, "text": f"证据{cid}正文"}, action=action, risk=0.9,
                          decision={"id": cid, "action": action, "labels": [
                              {"label": label, "campaign": campaign, "score": 0.9, "evidence": [ev]}]},
                          author_id=author, created_at=at, final_action=final)


@pytest.fixture()
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'report.db'}"
    store = open_store(url)
    with store.transaction() as tx:
        # illegal-links: 4 items in the period (3 block: 2 machine + 1 final; 1 pass after appeal), 1 outside
        tx.insert_decision(_decision("L1", "u1", "illegal-links", "drainage", "block", None, DAY))
        tx.insert_decision(_decision("L2", "u1", "illegal-links", "drainage", "block", None, DAY + 86400))
        tx.insert_decision(_decision("L3", "u2", "illegal-links", "gambling", "review", "block", DAY + 3600))
        tx.insert_decision(_decision("L4", "u3", "illegal-links", "drainage", "block", "pass", DAY + 7200))
        tx.insert_decision(_decision("L5", "u9", "illegal-links", "drainage", "block", None, DAY - 30 * 86400))
        # livestream: 2 items, both limited
        tx.insert_decision(_decision("V1", "u4", "livestream", "vulgar", "limit", None, DAY))
        tx.insert_decision(_decision("V2", "u5", "livestream", "vulgar", "review", "limit", DAY + 60))
        # reports: on L1 handled in 1 h (within 12 h SLA), on L3 handled after 20 h, on V1 still open
        tx.put_report(Report(id="R1", content_id="L1", type="user", category="drainage", status="upheld",
                             created_at=DAY, updated_at=DAY + 3600, count=3))
        tx.put_report(Report(id="R2", content_id="L3", type="user", category="gambling", status="upheld",
                             created_at=DAY, updated_at=DAY + 20 * 3600))
        tx.put_report(Report(id="R3", content_id="V1", type="user", category="vulgar", status="received",
                             created_at=DAY, updated_at=DAY))
        # appeals: L4 upheld (overturned), L1 rejected
        tx.put_appeal(Appeal(id="A1", content_id="L4", author_id="u3", reason="误判", status="upheld",
                             created_at=DAY + 7300, decided_at=DAY + 8000))
        tx.put_appeal(Appeal(id="A2", content_id="L1", author_id="u1", reason="申诉", status="rejected",
                             created_at=DAY + 100, decided_at=DAY + 200))
        # sanctions: u1 warning + throttle, u2 warning, u3 warning revoked, u4 mute
        tx.put_sanction(Sanction(id="S1", account_id="u1", level="warning", started_at=DAY, expires_at=None))
        tx.put_sanction(Sanction(id="S2", account_id="u1", level="throttle", started_at=DAY + 86400,
                                 expires_at=None))
        tx.put_sanction(Sanction(id="S3", account_id="u2", level="warning", started_at=DAY + 3600, expires_at=None))
        tx.put_sanction(Sanction(id="S4", account_id="u3", level="warning", started_at=DAY + 7200, expires_at=None,
                                 revoked=True))
        tx.put_sanction(Sanction(id="S5", account_id="u4", level="mute", started_at=DAY, expires_at=None))
    store.close()
    return url


EXPECTED = {
    ("illegal-links", "处置内容总数", ""): 4, ("illegal-links", "按处置", "拦截"): 3,
    ("illegal-links", "按处置", "通过"): 1, ("illegal-links", "按处置", "限流"): 0,
    ("illegal-links", "按标签", "drainage"): 3, ("illegal-links", "按标签", "gambling"): 1,
    ("illegal-links", "处置账号", "提醒"): 2, ("illegal-links", "处置账号", "限流"): 1,
    ("illegal-links", "处置账号", "禁言"): 0, ("illegal-links", "用户举报", "受理"): 2,
    ("illegal-links", "用户举报", "办结"): 2, ("illegal-links", "用户举报", "时限内办结"): 1,
    ("illegal-links", "申诉", "收到"): 2, ("illegal-links", "申诉", "改判"): 1,
    ("livestream", "处置内容总数", ""): 2, ("livestream", "按处置", "限流"): 2,
    ("livestream", "按标签", "vulgar"): 2, ("livestream", "处置账号", "禁言"): 1,
    ("livestream", "用户举报", "受理"): 1, ("livestream", "用户举报", "办结"): 0,
    ("livestream", "申诉", "收到"): 0, ("news", "处置内容总数", ""): 0,
}


def test_report_command_writes_every_number_to_csv_and_pdf(db: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    res = subprocess.run([sys.executable, "-m", "qinglang.cli", "report", "campaign", "--db", db,
                          "--from", "2024-07-01", "--to", "2024-07-31", "-o", str(out)],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    with (out / "report.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    got = {(r["专项编号"], r["指标"], r["分项"]): int(r["数值"]) for r in rows}
    for key, n in EXPECTED.items():
        assert got[key] == n, key
    assert {r["专项编号"] for r in rows} == set(ten_tasks()) and len(ten_tasks()) == 10
    text = "".join(p.extract_text() for p in pypdf.PdfReader(out / "report.pdf").pages)
    flat = text.replace("\n", "").replace(" ", "")
    assert "清朗”系列专项行动工作情况报告" in flat and "2024年07月01日至2024年07月31日" in flat
    assert "处置内容4条" in flat and "按标签：" in flat
    assert "提醒2个；限流1个；禁言0个；取消营利权限0个；封号0个" in flat
    assert "用户举报受理2件，办结2件，时限内办结1件；申诉2件，改判1件" in flat
    assert "用户举报受理1件，办结0件，时限内办结0件；申诉0件，改判0件" in flat
    assert "提醒0个；限流0个；禁言1个" in flat
    assert "证据包" in flat and "L1" in flat  # examples carry their evidence ids
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "<svg" in html and "<script" not in html and campaign_zh("illegal-links") in html
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")  # no CDN


def test_report_command_refuses_missing_db_and_bad_dates(tmp_path: Path) -> None:
    missing = subprocess.run([sys.executable, "-m", "qinglang.cli", "report", "campaign", "--db",
                              f"sqlite:///{tmp_path / 'typo.db'}", "-o", str(tmp_path / "o")],
                             capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2 and not (tmp_path / "typo.db").exists()
    bad = subprocess.run([sys.executable, "-m", "qinglang.cli", "report", "campaign", "--db", "memory://", "--from",
                          "7月1日", "-o", str(tmp_path / "o")], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr


def test_report_builds_from_the_demo_store_in_one_command(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    demo = subprocess.run([sys.executable, "-m", "qinglang.cli", "demo", "--no-serve", "--db", db],
                          capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert demo.returncode == 0, demo.stderr
    res = subprocess.run([sys.executable, "-m", "qinglang.cli", "report", "campaign", "--db", db, "--from",
                          "2000-01-01", "--to", "2099-12-31", "-o", str(tmp_path / "r")],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    with (tmp_path / "r" / "report.csv").open(encoding="utf-8-sig") as fh:
        total = sum(int(r["数值"]) for r in csv.DictReader(fh) if r["指标"] == "处置内容总数")
    assert total > 0 and (tmp_path / "r" / "report.pdf").stat().st_size > 1000
