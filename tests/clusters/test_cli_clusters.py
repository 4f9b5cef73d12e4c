"""`qinglang clusters IN -o OUT --html REPORT`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.clusters.test_clusters import campaign, greetings


def run(*args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    return subprocess.run([sys.executable, "-m", "qinglang.cli", *args], capture_output=True, env=env, timeout=120)


def test_clusters_command_writes_records_and_report(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in campaign() + greetings()) + "\n",
                   encoding="utf-8")
    out, html = tmp_path / "out.jsonl", tmp_path / "r.html"
    p = run("clusters", str(src), "-o", str(out), "--html", str(html))
    assert p.returncode == 0, p.stderr
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    army = [r for r in recs if r["type"] == "cluster" and r["label"] == "water_army"]
    assert len(army) == 1 and army[0]["size"] == 40
    assert {"cluster", "members", "accounts", "span", "features", "label"} <= set(army[0])
    assert "<svg" in html.read_text(encoding="utf-8")
    assert b"water_army" in p.stderr


def test_clusters_command_errors(tmp_path: Path) -> None:
    p = run("clusters", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "o.jsonl"))
    assert p.returncode == 2 and b"does not exist" in p.stderr and b"Traceback" not in p.stderr
