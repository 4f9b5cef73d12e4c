"""`qinglang scan` / `check` / `normalize` / `lexicon` run as real processes on real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "250"}
    return subprocess.run([sys.executable, "-m", "qinglang.cli", *args], input=stdin, capture_output=True,
                          cwd=ROOT, env=env, timeout=300)


def test_scan_contract(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": "你真是个 傻-逼"}, ensure_ascii=False).encode(),
        b'{"id": "b", "text": ',  # malformed JSON
        b"\xff\xfe\xfa",  # invalid UTF-8
        json.dumps({"id": "c", "text": "普通的一天"}, ensure_ascii=False).encode(),
        json.dumps({"id": "d", "text": 7}).encode(),  # not a valid Content
        b"[" * 100_000 + b"]" * 100_000,  # deeply nested JSON
        b"",  # empty line
        json.dumps({"id": "e", "text": "\x00nmsl\x00"}).encode(),
        # ~4.8 MB line: longer than a whole batch (BATCH_BYTES, 4 MB) on its own
        json.dumps({"id": "f", "text": "正常" * 800_000 + "nmsl"}, ensure_ascii=False).encode(),
    ]
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\n".join(lines) + b"\n")
    out = tmp_path / "out.jsonl"
    proc = run("scan", str(src), "-o", str(out))
    assert proc.returncode == 1, proc.stderr.decode()
    rows = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert len(rows) == len(lines)
    assert [r.get("id") for r in rows] == ["a", None, None, "c", "d", None, None, "e", "f"]
    assert rows[0]["action"] == "block"
    ev = rows[0]["labels"][0]["evidence"][0]
    assert "你真是个 傻-逼"[ev["start"]:ev["end"]] == ev["text"] == "傻-逼"
    assert rows[1] == {"id": None, "line": 2, "error": rows[1]["error"]} and "malformed JSON" in rows[1]["error"]
    assert "invalid UTF-8" in rows[2]["error"]
    assert rows[3]["action"] == "pass"
    assert "field 'text' must be a string" in rows[4]["error"] and rows[4]["line"] == 5
    assert "nested too deeply" in rows[5]["error"]
    assert rows[6]["error"] == "empty line"
    assert rows[7]["action"] == "block" and rows[8]["action"] == "block"
    summary = proc.stderr.decode()
    assert "9 items" in summary and "error" in summary


def test_scan_clean_input_exits_zero_and_strict_stops(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "1", "text": "你好"}\n{"id": "2", "text": "nmsl"}\n', "utf-8")
    proc = run("scan", str(src), "-o", "-")
    assert proc.returncode == 0
    rows = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert [r["action"] for r in rows] == ["pass", "block"]
    src.write_text('{"id": "1"}\nnot json\n{"id": "3"}\n', "utf-8")
    proc = run("scan", str(src), "--strict")
    assert proc.returncode == 1 and len(proc.stdout.decode().splitlines()) == 2


def test_scan_text_mode_from_stdin_skips_blank_lines() -> None:
    proc = run("scan", "-", "--text", stdin="第一行\nnmsl\n\n  \n最后\n".encode())
    rows = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert [r.get("id") for r in rows] == ["line-1", "line-2", "line-5"]  # ids stay the input line numbers
    assert rows[1]["action"] == "block" and all("error" not in r for r in rows)
    assert proc.returncode == 0 and "2 blank lines skipped" in proc.stderr.decode()


def test_usage_errors_exit_two(tmp_path: Path) -> None:
    assert run("scan", str(tmp_path / "missing.jsonl")).returncode == 2
    assert run("scan").returncode == 2
    bad = tmp_path / "badlex"
    bad.mkdir()
    (bad / "lexicon.yaml").write_text("name: x\nlabel: porn\n", "utf-8")
    proc = run("check", "你好", "--lexicon", str(bad))
    assert proc.returncode == 2 and b"PROVENANCE" in proc.stderr and b"Traceback" not in proc.stderr


def test_check_shows_evidence() -> None:
    proc = run("check", "你真是个sha逼")
    out = proc.stdout.decode()
    assert proc.returncode == 0 and "block" in out and "sha逼" in out and "pinyin" in out
    proc = run("check", "nmsl", "--json")
    assert json.loads(proc.stdout)["action"] == "block"


def test_normalize_text_and_file(tmp_path: Path) -> None:
    proc = run("normalize", "微-信①③⑧")
    assert "微信138" in proc.stdout.decode()
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "1", "text": "說話 哈哈哈哈"}\nnope\n', "utf-8")
    out = tmp_path / "out.jsonl"
    proc = run("normalize", str(src), "-o", str(out))
    rows = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert rows[0]["normalized"]["text"] == "说话哈" and "t2s" in rows[0]["layers"]["text"]
    assert "error" in rows[1] and proc.returncode == 1


def test_lexicon_commands(tmp_path: Path) -> None:
    assert b"abuse" in run("lexicon", "list").stdout
    proc = run("lexicon", "check", "尼玛死了")
    assert proc.returncode == 0 and "homophone" in proc.stdout.decode()
    assert run("lexicon", "check", "风和日丽").returncode == 1
    good = ROOT / "qinglang" / "lexicons" / "abuse"
    assert b"compiled" in run("lexicon", "compile", str(good)).stdout
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "PROVENANCE").write_text("x", "utf-8")
    (bad / "lexicon.yaml").write_text("name: bad\nlabel: porn\nentries:\n  - {term: ab, match: [nope]}\n", "utf-8")
    proc = run("lexicon", "compile", str(bad))
    assert proc.returncode == 2 and b"unknown match modes" in proc.stderr


def test_scan_output_folder_and_empty_input_are_plain_messages(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "1", "text": "你好"}\n', "utf-8")
    proc = run("scan", str(src), "-o", str(tmp_path))  # a folder, not a file
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "is a folder" in err and "internal error" not in err
    proc = run("scan", str(tmp_path))
    assert proc.returncode == 2 and "is a folder" in proc.stderr.decode()
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    proc = run("scan", str(empty), "-o", str(tmp_path / "out.jsonl"))
    assert proc.returncode == 0 and f"no items in {empty}" in proc.stderr.decode()
    assert "action / label" not in proc.stderr.decode()  # no empty table


def test_summary_and_tables_do_not_wrap_when_piped(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": str(i), "text": f"加微信 abc_{i:04d}xyz 兼职日结"}) + "\n"
                           for i in range(3)), "utf-8")
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    proc = subprocess.run([sys.executable, "-m", "qinglang.cli", "scan", str(src), "-o", "-"], capture_output=True,
                          cwd=ROOT, env={**env, "PYTHONPATH": str(ROOT)}, timeout=300)
    summary = proc.stderr.decode()
    assert "items/s)" in summary.splitlines()[0], summary  # the title is one line, not "255 \n items/s"
    proc = subprocess.run([sys.executable, "-m", "qinglang.cli", "check", "加微信 abc_0001xyz 兼职日结"],
                          capture_output=True, cwd=ROOT, env={**env, "PYTHONPATH": str(ROOT)}, timeout=300)
    out = proc.stdout.decode()
    assert "…" not in out and "contact.wechat" in out, out


def test_progress_bar_has_a_total_for_files(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": str(i), "text": "你好"}) + "\n" for i in range(500)), "utf-8")
    proc = run("scan", str(src), "-o", str(tmp_path / "out.jsonl"), "--progress")
    err = proc.stderr.decode()
    assert proc.returncode == 0 and "100%" in err and "500 items" in err and "left" in err


def test_normalize_shows_deleted_characters() -> None:
    proc = run("normalize", "微-信 加\u200bv")
    out = proc.stdout.decode()
    rows = [line.split() for line in out.splitlines() if line.strip().startswith("∅")]
    assert ["∅", "-", "deleted"] in rows and ["∅", "␠", "deleted"] in rows and ["∅", "\\u200b", "deleted"] in rows


def test_lexicon_compile_rejects_unknown_keys_and_empty_folders(tmp_path: Path) -> None:
    typo = tmp_path / "typo"
    typo.mkdir()
    (typo / "PROVENANCE").write_text("ours, CC0", "utf-8")
    (typo / "lexicon.yaml").write_text("name: typo\nlabel: porn\nentrys:\n  - {term: 约炮}\n", "utf-8")
    proc = run("lexicon", "compile", str(typo))
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "unknown top-level keys 'entrys' (did you mean 'entries'?)" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "PROVENANCE").write_text("ours, CC0", "utf-8")
    (empty / "lexicon.yaml").write_text("name: empty\nlabel: porn\n", "utf-8")
    proc = run("lexicon", "compile", str(empty))
    assert proc.returncode == 2 and "no entries" in proc.stderr.decode()
