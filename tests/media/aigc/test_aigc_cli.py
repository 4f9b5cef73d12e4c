"""`qinglang aigc inspect|mark` through the real entry point (exit codes, JSON shape, error messages)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from aigc_files import PLATFORM, make_png

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "qinglang.cli", "aigc", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def invoke(*args: str):
    """In-process run of the same Typer app (fast); exit codes as the entry point gives them."""
    from typer.testing import CliRunner

    from qinglang.cli import _register, app

    _register()
    return CliRunner().invoke(app, ["aigc", *args])


def test_inspect_mark_inspect_json(tmp_path: Path) -> None:
    src, out = tmp_path / "in.png", tmp_path / "out.png"
    src.write_bytes(make_png())
    r = invoke("inspect", str(src), "--json", "--no-ocr", "--no-c2pa")
    assert r.exit_code == 0, r.output
    rep = json.loads(r.stdout)
    assert set(rep) == {"path", "format", "size", "implicit", "explicit", "c2pa", "outcome", "problems", "notes"}
    assert rep["implicit"]["valid"] and rep["outcome"]["level"] == "confirmed"
    r = invoke("mark", str(src), "-o", str(out), "--propagator", PLATFORM, "--propagate-id", "post-1", "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["written"]["PropagateID"] == "post-1"
    r = invoke("inspect", str(out), "--json", "--no-ocr", "--no-c2pa")
    assert json.loads(r.stdout)["implicit"]["fields"]["ContentPropagator"] == PLATFORM


def test_bad_files_exit_nonzero_with_a_message(tmp_path: Path) -> None:
    bad = tmp_path / "bad.png"
    bad.write_bytes(make_png()[:60])
    r = run("inspect", str(bad), "--json", "--no-ocr")
    assert r.returncode == 1 and "PNG" in json.loads(r.stdout)["error"] and "Traceback" not in r.stderr
    r = run("mark", str(bad), "-o", str(tmp_path / "o.png"), "--propagator", PLATFORM, "--propagate-id", "x")
    assert r.returncode == 2 and r.stderr.startswith("error: InvalidMedia:") and "Traceback" not in r.stderr
    assert not (tmp_path / "o.png").exists()


def test_unlabeled_generated_file_exits_1(tmp_path: Path) -> None:
    p = tmp_path / "x.png"
    p.write_bytes(make_png('{"Label":"AIGC"}'))
    r = invoke("inspect", str(p), "--no-ocr", "--no-c2pa")
    assert r.exit_code == 1 and "LABEL_INVALID" in r.stdout and "UNLABELED" in r.stdout
