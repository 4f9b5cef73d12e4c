"""`qinglang lexicon import --from houbb|toolgood|lines` and `qinglang mask` as real processes on real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from qinglang.errors import ConfigError
from qinglang.lexicon.importer import parse, write_folder

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "qinglang.cli", *args], input=stdin, capture_output=True,
                          cwd=ROOT, env=env, timeout=300)


def test_parse_formats() -> None:
    assert [(r.term, r.tags) for r in parse("\ufeff五星红旗 政治,国家\n# c\n\n毛主席\n毛主席\n", "houbb")] == [
        ("五星红旗", ("政治", "国家")), ("毛主席", ())]
    assert [r.term for r in parse("中国|国人|zg人\nfuck|all", "toolgood")] == ["中国", "国人", "zg人", "fuck", "all"]
    rows = parse("黄片\tporn\thigh\t色情，低俗\n傻逼\n", "lines")
    assert [(r.term, r.label, r.severity, r.tags) for r in rows] == [
        ("黄片", "porn", "high", ("色情", "低俗")), ("傻逼", "", "", ())]
    with pytest.raises(ConfigError):
        parse("x", "csv")


def test_write_folder_is_checked_like_any_lexicon(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="source and its license"):
        write_folder(tmp_path / "a", parse("词", "lines"), name="a", label="abuse", severity="medium", source="",
                     license="MIT")
    with pytest.raises(ConfigError, match="did you mean"):
        write_folder(tmp_path / "b", parse("词\tdrainnage", "lines"), name="b", label="abuse", severity="medium",
                     source="s", license="MIT")


def test_import_then_mask_end_to_end(tmp_path: Path) -> None:
    src = tmp_path / "sensitive_word_dict.txt"
    src.write_text("五星红旗 政治,国家\n毛主席\n天安门\n黄片\n", encoding="utf-8")
    allow = tmp_path / "allow.txt"
    allow.write_text("三黄片\n", encoding="utf-8")
    out = tmp_path / "lex"
    p = run("lexicon", "import", str(src), "--from", "houbb", "-o", str(out), "--label", "language_misuse",
            "--source", "a platform's own list", "--license", "proprietary", "--allow", str(allow))
    assert p.returncode == 0, p.stderr.decode()
    assert "4 terms (1 tagged), 1 allow phrases" in p.stdout.decode()
    assert (out / "PROVENANCE").read_text("utf-8").startswith("source: a platform's own list\nlicense: proprietary")
    p = run("mask", "五星紅旗迎风飘扬，毛-主-席的画像在天安门前。三黄片", "-l", str(out), "--no-shipped")
    assert p.returncode == 1  # something was masked
    assert p.stdout.decode().strip() == "****迎风飘扬，*****的画像在***前。三黄片"
    p = run("mask", "-", "-l", str(out), "--no-shipped", "--json", "--tag", "国家", "--replacement", "[屏蔽]",
            stdin="五星红旗与天安门\n无事\n".encode())
    rows = [json.loads(x) for x in p.stdout.decode().splitlines()]
    assert [r["masked"] for r in rows] == ["[屏蔽]与天安门", "无事"]
    assert rows[0]["hits"][0]["tags"] == ["政治", "国家"]
    p = run("mask", "x", "--label", "drainnage", "-l", str(out), "--no-shipped")
    assert p.returncode == 2 and "InvalidOptions" in p.stderr.decode() and "Traceback" not in p.stderr.decode()


def test_import_toolgood_keywords(tmp_path: Path) -> None:
    src = tmp_path / "keywords.txt"
    src.write_text("中国|国人|zg人", encoding="utf-8")
    out = tmp_path / "tg"
    p = run("lexicon", "import", str(src), "--from", "toolgood", "-o", str(out), "--label", "antagonism",
            "--source", "s", "--license", "MIT")
    assert p.returncode == 0, p.stderr.decode()
    p = run("mask", "我是中国人", "-l", str(out), "--no-shipped", "--char", "#")
    assert p.stdout.decode().strip() == "我是###"


def test_lexicon_edit_and_edits_commands(tmp_path: Path) -> None:
    journal = tmp_path / "edits.jsonl"
    p = run("lexicon", "edit", "add", "割韭菜", "--edits", str(journal), "--actor", "ops:张三", "--reason", "工单",
            "--label", "fraud", "--tag", "话术")
    assert p.returncode == 0, p.stderr.decode()
    p = run("lexicon", "edit", "add", "词", "--edits", str(journal), "--actor", "a", "--reason", "r",
            "--label", "drainnage")
    assert p.returncode == 2 and "InvalidEdit" in p.stderr.decode()
    state = json.loads(run("lexicon", "edits", "--edits", str(journal)).stdout)
    assert state["added"][0]["term"] == "割韭菜" and state["history"][0]["actor"] == "ops:张三"
    p = run("mask", "又来割韭菜", "--edits", str(journal), "--no-shipped", "-l",
            str(ROOT / "qinglang" / "lexicons" / "vulgar"))
    assert p.stdout.decode().strip() == "又来***"
