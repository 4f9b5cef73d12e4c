"""`qinglang spark scan` on a real local[2] Spark: the same decisions as `qinglang scan`, item for item."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pyspark = pytest.importorskip("pyspark", reason="PySpark not installed (pip install 'qinglang[spark]')")
pytest.importorskip("pyarrow", reason="pyarrow not installed (pip install 'qinglang[spark]')")
pytest.importorskip("pandas", reason="pandas not installed (pip install 'qinglang[spark]')")
if shutil.which("java") is None:
    pytest.skip("Java 17 not installed (tools/setup_system.sh)", allow_module_level=True)

from qinglang.spark.job import EngineSpec, run_scan  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.xdist_group("spark")  # one JVM (the session fixture) for every Spark test


def _input(path: Path) -> list[bytes]:
    lines = (ROOT / "qinglang" / "examples" / "sample.jsonl").read_bytes().splitlines()
    lines += (ROOT / "tests" / "data" / "policy_dev.jsonl").read_bytes().splitlines()[::12]
    lines[3:3] = [
        b'{"id": "broken", "text": ',  # malformed JSON
        json.dumps({"id": "typed", "text": 7}).encode(),  # not a valid Content
        b"",  # empty line
        b'{"id": "bad-utf8", "text": "\xe5\x8a\xa0\xff\xfe\xe5\xbe"}',  # invalid UTF-8: an error record, not U+FFFD
        json.dumps({"id": "crlf", "text": "\u52a0\u5fae\u4fe1\r\u9886\u7ea2\u5305"}).encode() + b"\r",  # CRLF line end
        json.dumps({"id": "dated", "text": "加微信 abc12345 领红包", "author": {"id": "u-9"},
                    "created_at": "2024-03-01T10:00:00+08:00"}, ensure_ascii=False).encode(),
    ]
    path.write_bytes(b"\n".join(lines) + b"\n")
    return lines


def _comparable(record: dict) -> dict:
    return {k: v for k, v in record.items() if k != "elapsed_ms"}


@pytest.mark.slow
def test_spark_scan_equals_scan(spark, tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    lines = _input(src)
    expected_path = tmp_path / "scan.jsonl"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    scan = subprocess.Popen([sys.executable, "-m", "qinglang.cli", "scan", str(src), "-o", str(expected_path)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    out = tmp_path / "decisions"
    summary = run_scan(spark, str(out), src=str(src), spec=EngineSpec(), partitions=5)
    out_jsonl = tmp_path / "decisions-jsonl"
    summary_jsonl = run_scan(spark, str(out_jsonl), src=str(src), output_format="jsonl", partitions=3)
    assert scan.wait(timeout=300) == 1, scan.stderr.read().decode()  # exit 1: the input has bad lines
    expected = [json.loads(x) for x in expected_path.read_text("utf-8").splitlines()]
    assert len(expected) == len(lines)

    rows = spark.read.parquet(str(out)).collect()
    assert len(rows) == len(lines)  # bad rows are error records in place, never dropped
    by_line = {r["line"]: r for r in rows}
    assert sorted(by_line) == list(range(1, len(lines) + 1))
    for n, want in enumerate(expected, 1):
        row = by_line[n]
        assert _comparable(json.loads(row["decision"])) == _comparable(want), n
        if "error" in want:
            assert (row["action"], row["error"], row["id"]) == ("error", want["error"], want["id"])
        else:  # the columns are the Decision's fields
            assert (row["id"], row["action"], row["risk"]) == (want["id"], want["action"], want["risk"])
            assert [lab["label"] for lab in row["labels"]] == [lab["label"] for lab in want["labels"]]
            assert list(row["marks"]) == want["marks"] and row["policy_version"] == want["policy_version"]
    bad = by_line[lines.index(next(x for x in lines if b"bad-utf8" in x)) + 1]
    assert bad["action"] == "error" and bad["error"].startswith("invalid UTF-8 at byte")
    assert "\ufffd" not in bad["decision"]
    dated = next(r for r in rows if r["id"] == "dated")
    assert str(dated["date"]) == "2024-03-01" and (out / "date=2024-03-01" / f"action={dated['action']}").is_dir()

    # the JSONL output holds the same decisions
    jrows = spark.read.json(str(out_jsonl)).select("line", "decision").collect()
    assert {r["line"]: _comparable(json.loads(r["decision"])) for r in jrows} == \
        {n: _comparable(e) for n, e in enumerate(expected, 1)}

    # summary: counts per action and label, printed by the CLI and written beside the output
    actions: dict[str, int] = {}
    labels: dict[str, int] = {}
    for e in expected:
        key = "error" if "error" in e else e["action"]
        actions[key] = actions.get(key, 0) + 1
        for lab in e.get("labels", []):
            labels[lab["label"]] = labels.get(lab["label"], 0) + 1
    written = json.loads((out / "_summary.json").read_text("utf-8"))
    assert written["actions"] == actions and written["labels"] == labels and written["items"] == len(lines)
    assert summary_jsonl.actions == actions
    # one engine per Python worker, cached across partitions and jobs (5 + 3 partitions, 2 workers)
    assert 1 <= summary.engines_built <= 2 and summary_jsonl.engines_built == 0


@pytest.mark.slow
def test_spark_scan_parquet_input(spark, tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    lines = [x for x in _input(src) if x.startswith(b'{"id"') and b'"text": 7' not in x and x.endswith(b"}")
             and b"\xff" not in x]
    good = tmp_path / "good.jsonl"
    good.write_bytes(b"\n".join(lines) + b"\n")
    pq = tmp_path / "posts.parquet"
    spark.read.json(str(good)).write.parquet(str(pq))
    out, ref = tmp_path / "decisions", tmp_path / "from-jsonl"
    summary = run_scan(spark, str(out), src=str(pq))
    run_scan(spark, str(ref), src=str(good))
    assert summary.items == len(lines) and summary.errors == 0
    got = {r["id"]: _comparable(json.loads(r["decision"])) for r in spark.read.parquet(str(out)).collect()}
    want = {r["id"]: _comparable(json.loads(r["decision"])) for r in spark.read.parquet(str(ref)).collect()}
    assert got == want and len(got) == len(lines)
