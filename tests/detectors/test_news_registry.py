"""News licences: an importable, updatable registry; a well-formed unlisted number goes to review, not limit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from qinglang.detectors.news_licence import NewsRegistry, licence_format
from qinglang.engine import Engine

REG = "licence_no,entity,accounts,category\n31120170006,上海东方报业有限公司,澎湃新闻,采编发布服务\n"
FLASH = "【快讯】今天17时许，某路段发生一起三车碰撞事故，交警部门正在现场处置。"


@pytest.mark.parametrize(("number", "fmt"), [
    ("31120170006", "current"), ("10120180014", "current"), ("3112014002", "legacy"), ("12345", "malformed"),
    ("99120170006", "malformed"), ("3112017000X", "malformed"), ("10122022222", "unusual"), ("1234567", "malformed"),
])
def test_licence_format(number: str, fmt: str) -> None:
    assert licence_format(number) == fmt


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    p = tmp_path_factory.mktemp("reg") / "registry.csv"
    p.write_text(REG, "utf-8")
    return Engine.from_config(extra={"news_registry": str(p)})


def _item(name: str, licence: str | None, text: str = FLASH) -> dict:
    return {"id": "n", "text": text, "created_at": "2024-10-20T10:00:00+08:00",
            "author": {"id": "u-1", "name": name, "verified": True, "news_license": licence}}


def test_listed_holder_passes(engine: Engine) -> None:
    assert engine.moderate(_item("澎湃新闻", "31120170006")).action == "pass"


def test_well_formed_unlisted_number_goes_to_review_not_limit(engine: Engine) -> None:
    d = engine.moderate(_item("XX晚报", "44120170008"))
    assert d.action == "review"
    lr = next(lr for lr in d.labels if lr.label == "unlicensed_news")
    assert lr.rule == "news.licence.unverified" and lr.evidence[0].value == "licence:44120170008:current"


def test_malformed_number_is_no_licence(engine: Engine) -> None:
    d = engine.moderate(_item("XX晚报", "12345"))
    # news14: a news story under a number no licence can have shows a forged licence: blocked
    assert d.action == "block"
    assert next(lr for lr in d.labels if lr.label == "unlicensed_news").rule == "news.licence.forged"


def test_without_a_registry_a_well_formed_number_is_not_flagged() -> None:
    d = Engine.from_config()
    assert "unlicensed_news" not in {lr.label for lr in d.moderate(_item("XX晚报", "44120170008")).labels}
    # 持证亮牌: a verified outlet showing a number of a form we have not seen is not an outlet posing as one
    assert "unlicensed_news" not in {lr.label for lr in d.moderate(_item("中国新闻网", "10123294713")).labels}
    unverified = _item("XX晚报", "10123294713")
    unverified["author"]["verified"] = False
    got = d.moderate(unverified)
    assert got.action == "review"  # an unknown form needs review (regulations.md), never a limit
    assert next(lr for lr in got.labels if lr.label == "unlicensed_news").rule == "news.licence.unverified"


def test_news_as_a_discipline_in_a_name_is_no_outlet(engine: Engine) -> None:
    d = engine.moderate(_item("新闻系小王的学习笔记", None, "今天整理了传播学的议程设置理论，明天复习沉默的螺旋。"))
    assert "unlicensed_news" not in {lr.label for lr in d.labels}
    assert "unlicensed_news" in {lr.label for lr in engine.moderate(_item("城市新闻速递", None)).labels}


def test_an_unusual_number_unlisted_in_an_imported_registry_goes_to_review(engine: Engine) -> None:
    d = engine.moderate(_item("XX晚报", "10123294713"))
    assert d.action == "review"
    assert next(lr for lr in d.labels if lr.label == "unlicensed_news").rule == "news.licence.unverified"


def test_verified_institutions_are_not_news_outlets_by_name(engine: Engine) -> None:
    d = engine.moderate(_item("XX市人民政府新闻办公室", None, "新闻发布会预告：明天上午10点举行发布会。"))
    assert "unlicensed_news" not in {lr.label for lr in d.labels}


def test_cli_import_merges_and_check_reports(tmp_path: Path) -> None:
    src, reg = tmp_path / "src.csv", tmp_path / "registry.csv"
    src.write_text(REG, "utf-8")
    run = [sys.executable, "-m", "qinglang.cli", "news"]
    subprocess.run([*run, "import", str(src), "--registry", str(reg)], check=True, capture_output=True)
    src.write_text("licence_no,entity,accounts\n42120170009,长江日报报业集团,长江日报\n", "utf-8")
    out = subprocess.run([*run, "import", str(src), "--registry", str(reg)], check=True, capture_output=True,
                         text=True).stdout
    assert "1 → 2 holders" in out
    assert len(NewsRegistry.from_csv(reg)) == 2
    ok = subprocess.run([*run, "check", "42120170009", "--registry", str(reg)], capture_output=True, text=True)
    assert ok.returncode == 0 and "listed" in ok.stdout
    miss = subprocess.run([*run, "check", "44120170008", "--registry", str(reg)], capture_output=True, text=True)
    assert miss.returncode == 1 and "review" in miss.stdout
