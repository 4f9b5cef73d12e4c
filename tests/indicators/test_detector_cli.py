"""The indicator detector through the engine, and the `qinglang indicators` commands end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qinglang.cli import _register, app
from qinglang.engine import Engine
from qinglang.errors import ConfigError
from qinglang.indicators.bank import IndicatorStore

_register()
runner = CliRunner()


def _registry(tmp_path: Path, db: Path) -> Path:
    p = tmp_path / "detectors.yaml"
    p.write_text(f"detectors:\n  - {{name: indicator, type: indicator, params: {{db: '{db}'}}}}\n"
                 "  - {name: qr, type: qr}\n", "utf-8")
    return p


@pytest.fixture()
def engine(tmp_path: Path, plain_list: Path) -> Engine:
    db = tmp_path / "bank.sqlite"
    with IndicatorStore(db) as s:
        s.import_file(plain_list, "cac-2024")
    return Engine.from_config(detectors=_registry(tmp_path, db), extra={"media": {"root": str(tmp_path)}})


@pytest.mark.parametrize("text", [
    "想要资源的私我，薇❤：ABC_777",
    "备用号 ａｂｃ＿７７７",
    "打这个 138 0013 8000",
    "进群 https://weixin.qq.com/g/AbCdEf123 快",
    "访问 shop.evil-shop.com/item 领取",
])
def test_known_indicators_are_flagged_with_the_bank_name(engine: Engine, text: str) -> None:
    d = engine.moderate({"id": "t", "text": text})
    lab = next(lab for lab in d.labels if lab.label == "drainage")
    ev = lab.evidence[0]
    assert lab.rule == "indicator.cac-2024" and ev.rule == "indicator.cac-2024"
    assert ev.value is not None and text[ev.start:ev.end] == ev.text
    assert d.action == "block"


@pytest.mark.parametrize("text", [
    "联系我 abc_778",  # one character off
    "weixin.qq.com/g/abcdef123",  # invite codes are case-sensitive: another group
    "今天天气很好，一起去公园",
    "订单号 13800138001",
])
def test_hard_negatives_do_not_match(engine: Engine, text: str) -> None:
    d = engine.moderate({"id": "n", "text": text})
    assert not any(lab.rule.startswith("indicator.") for lab in d.labels)


def test_known_qr_payload_in_an_image_is_flagged_with_its_box(engine: Engine, tmp_path: Path) -> None:
    qrcode = pytest.importorskip("qrcode")
    pytest.importorskip("zxingcpp")
    qrcode.make("https://t.me/+Q8vLxq3ZmN1kYzE1").save(tmp_path / "tg.png")
    d = engine.moderate({"id": "i", "media": [{"path": "tg.png"}]})
    evs = [e for lab in d.labels for e in lab.evidence if e.rule == "indicator.cac-2024"]
    assert {e.value for e in evs} >= {"qr:t.me/+Q8vLxq3ZmN1kYzE1"}
    assert all(e.field == "media[0].qr" and e.bbox is not None for e in evs)


def test_missing_bank_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        Engine.from_config(detectors=_registry(tmp_path, tmp_path / "nope.sqlite"))


def test_cli_import_export_match_round_trip(tmp_path: Path, plain_list: Path) -> None:
    db, db2 = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    r = runner.invoke(app, ["indicators", "import", str(plain_list), "--db", str(db), "--bank", "ours"])
    assert r.exit_code == 0, r.output
    salt = tmp_path / "salt.txt"
    salt.write_text("s3cret\n", "utf-8")
    out = tmp_path / "shared.jsonl"
    r = runner.invoke(app, ["indicators", "export", "--db", str(db), "--bank", "ours", "--hash", "--salt-file",
                            str(salt), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "abc_777" not in out.read_text("utf-8")
    r = runner.invoke(app, ["indicators", "import", str(out), "--db", str(db2), "--bank", "partner",
                            "--salt", "s3cret"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["indicators", "match", "--db", str(db2), "wechat:ABC_777", "qq:99999"])
    assert r.exit_code == 0
    hits = [json.loads(line) for line in r.stdout.splitlines()]
    assert hits == [{"input": "wechat:ABC_777", "bank": "partner", "indicator": "wechat:abc_777", "via": "sha256",
                     "distance": 0}]
    r = runner.invoke(app, ["indicators", "match", "--db", str(db2), "--text", "加我 abc_777 哦"])
    assert r.exit_code == 0 and json.loads(r.stdout.splitlines()[0])["start"] == 3
    r = runner.invoke(app, ["indicators", "match", "--db", str(db2), "qq:99999"])
    assert r.exit_code == 1
    r = runner.invoke(app, ["indicators", "list", "--db", str(db2)])
    assert r.stdout.startswith("partner\t6\tsha256+salt")


def test_cli_bad_value_is_a_typed_error_not_a_traceback(tmp_path: Path) -> None:
    import subprocess
    import sys

    repo = Path(__file__).resolve().parents[2]
    r = subprocess.run([sys.executable, "-m", "qinglang.cli", "indicators", "match", "--db",
                        str(tmp_path / "x.sqlite"), "wechat:?"], capture_output=True, text=True, cwd=repo, check=False)
    assert r.returncode == 2
    assert r.stderr.strip() == "error: IndicatorError: '?' is not a WeChat ID (5–30 letters, digits, '_' or '-')"
