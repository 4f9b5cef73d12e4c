"""The debunk bank (辟谣库): import validation, near-duplicate matching, the detector's evidence, CLI and API."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("datasketch")

from qinglang.claims.bank import BankError, DebunkBank, read_rows
from qinglang.engine import Engine

ROOT = Path(__file__).resolve().parents[2]


def _write(path: Path, text: str) -> Path:
    path.write_text(text, "utf-8")
    return path


def test_example_bank_names_a_source_for_every_entry() -> None:
    bank = DebunkBank.load("example")
    assert len(bank.entries) >= 25
    assert all(e.source and e.verdict and e.date for e in bank.entries)


def test_reworded_copy_matches_by_minhash_and_unrelated_text_does_not() -> None:
    bank = DebunkBank.load("example")
    text = "转发：明天开始全市封城，超市都要关门了，大家赶紧囤货"
    m = bank.match_text("群里刚看到的。" + text)
    assert m and m[0].entry.claim.startswith("明天开始全市封城") and m[0].method in ("minhash", "exact")
    assert ("群里刚看到的。" + text)[m[0].start:m[0].end] in ("群里刚看到的。" + text)
    assert bank.match_text("今天天气很好，我们去公园散步，晚上吃火锅") == []


def test_import_rejects_a_row_naming_file_line_and_field(tmp_path: Path) -> None:
    bad = _write(tmp_path / "bad.csv", "claim,verdict,source,date\n某地自来水有毒不能喝,false,,2024-05-01\n")
    with pytest.raises(BankError, match=r"bad.csv:2: 'source' is required"):
        read_rows(bad)
    bad2 = _write(tmp_path / "bad.jsonl", '{"claim": "某地自来水有毒不能喝", "verdict": "maybe", "source": "x", '
                                          '"date": "2024-05-01"}\n')
    with pytest.raises(BankError, match="verdict"):
        read_rows(bad2)


def test_detector_reports_the_bank_entry_and_source_and_skips_debunks(tmp_path: Path) -> None:
    reg = (ROOT / "qinglang/detectors/default.yaml").read_text("utf-8").replace(
        "params: {}             # bank:", "params: {bank: example}  # bank:")
    engine = Engine.from_config(detectors=_write(tmp_path / "det.yaml", reg))
    d = engine.moderate({"id": "a", "text": "香蕉跟酸奶千万不能一起吃，会中毒的！"})
    rumor = next(lr for lr in d.labels if lr.label == "rumor")
    assert rumor.rule.startswith("claims.bank.")
    assert any("科普中国" in (e.value or "") and "qlex" in (e.value or "") for e in rumor.evidence)
    assert d.action in ("review", "block")
    debunk = engine.moderate({"id": "b", "text": "辟谣：网传“香蕉和酸奶一起吃会中毒”不实"})
    assert not any(lr.label == "rumor" for lr in debunk.labels)


def _cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "qinglang.cli", "claims", *args], input=stdin, text=True,
                          capture_output=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_cli_import_merges_and_match_prints_the_entry(tmp_path: Path) -> None:
    src = _write(tmp_path / "list.csv", "claim,verdict,source,date\n"
                                       "某品牌奶粉检出三聚氰胺已全部下架,false,某市市场监管局通报,2024-05-01\n")
    bank = tmp_path / "bank.jsonl"
    r = _cli("import", str(src), "--bank", str(bank))
    assert r.returncode == 0, r.stderr
    r = _cli("import", str(src), "--bank", str(bank))  # the same claim twice: still one entry
    assert len(bank.read_text("utf-8").splitlines()) == 1
    r = _cli("match", "--bank", str(bank), stdin="听说某品牌奶粉检出三聚氰胺了，已经全部下架\n今天吃了火锅\n")
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert rows[0]["matches"][0]["source"] == "某市市场监管局通报" and rows[1]["matches"] == []
    bad = _cli("import", str(_write(tmp_path / "bad.csv", "claim,verdict\nx,false\n")), "--bank", str(bank))
    assert bad.returncode == 2 and "BankError" in bad.stderr and "Traceback" not in bad.stderr


def test_api_match_and_admin_import_reload_the_engine(tmp_path: Path) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from qinglang.service.app import create_app
    from qinglang.service.keys import create_key
    from qinglang.service.settings import Settings
    from qinglang.store.memory import MemoryStore

    bank = tmp_path / "bank.jsonl"
    DebunkBank(read_rows(DebunkBank.load("example").path)).save(bank)
    reg = (ROOT / "qinglang/detectors/default.yaml").read_text("utf-8").replace(
        "params: {}             # bank:", f"params: {{bank: '{bank}'}}  # bank:")
    engine = Engine.from_config(detectors=_write(tmp_path / "det.yaml", reg))
    store = MemoryStore()
    with store.transaction() as tx:
        keys = {r: create_key(tx, role=r, name=r, now=time.time(), actor="t")[1] for r in ("submitter", "admin")}
    c = TestClient(create_app(Settings(db="memory://", key_cache_seconds=0), engine, store),
                   raise_server_exceptions=False)
    sub, adm = ({"Authorization": f"Bearer {keys[r]}"} for r in ("submitter", "admin"))
    r = c.post("/v1/claims/match", json={"text": "家长快看：有人在菜市场用针扎人传播艾滋病"}, headers=sub)
    assert r.status_code == 200 and r.json()["matches"][0]["id"].startswith("qlex")
    row = {"claim": "某景区玻璃栈道碎裂游客坠亡", "verdict": "false", "source": "某县公安局通报", "date": "2024-07-01"}
    assert c.post("/v1/admin/claims/import", json={"entries": [row]}, headers=sub).status_code == 403
    bad = c.post("/v1/admin/claims/import", json={"entries": [{**row, "date": "yesterday"}]}, headers=adm)
    assert bad.status_code == 400 and bad.json()["error"] == "BankError"
    ok = c.post("/v1/admin/claims/import", json={"entries": [row]}, headers=adm)
    assert ok.status_code == 200 and ok.json()["added"] == 1
    d = c.post("/v1/moderate", json={"id": "p1", "text": "刚刚某景区玻璃栈道碎裂，游客坠亡"}, headers=sub).json()
    assert any(lab["label"] == "rumor" and lab["rule"].startswith("claims.bank.") for lab in d["labels"])
