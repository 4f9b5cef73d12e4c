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


def _visible_label_png(path: Path) -> None:
    from PIL import Image, ImageDraw, ImageFont

    im = Image.new("RGB", (640, 480), (120, 160, 200))
    font = ImageFont.truetype("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 28)
    ImageDraw.Draw(im).text((420, 430), "AI生成", font=font, fill=(255, 255, 255))
    im.save(path)


def test_visible_label_without_metadata_is_labelled_with_a_reason(tmp_path: Path) -> None:
    """A compliant visible label is a label: a warning names the missing metadata label; exit 0, not UNLABELED."""
    src = tmp_path / "visible.png"
    _visible_label_png(src)
    r = invoke("inspect", str(src), "--no-c2pa")
    assert r.exit_code == 0, r.output
    assert "UNLABELED" not in r.stdout and "IMPLICIT_MISSING" in r.stdout
    rep = json.loads(invoke("inspect", str(src), "--json", "--no-c2pa").stdout)
    assert rep["outcome"]["unlabeled"] is False and rep["explicit"]["compliant"] is True
    assert "AI生成" in json.dumps(rep, ensure_ascii=False)
    raw = invoke("inspect", str(src), "--json", "--no-c2pa").stdout
    assert "AI生成" in raw and "\\u" not in raw  # Chinese stays readable in --json


def test_stable_diffusion_parameters_are_generation_evidence(tmp_path: Path) -> None:
    from PIL import Image, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("parameters", "a cat in space\nNegative prompt: blurry\nSteps: 20, Sampler: Euler a, "
                                "CFG scale: 7, Seed: 42, Size: 512x512")
    src = tmp_path / "sd.png"
    Image.new("RGB", (64, 64)).save(src, pnginfo=info)
    r = invoke("inspect", str(src), "--no-ocr", "--no-c2pa")
    assert r.exit_code == 1
    assert "UNLABELED" in r.stdout and "Stable Diffusion generation parameters (png:tEXt:parameters)" in r.stdout
    assert "neither a valid implicit" in r.stdout  # the reason is printed
    plain = tmp_path / "plain.png"
    info2 = PngImagePlugin.PngInfo()
    info2.add_text("parameters", "exposure 1/200s")  # a camera app's parameters are no generation trace
    Image.new("RGB", (64, 64)).save(plain, pnginfo=info2)
    assert invoke("inspect", str(plain), "--no-ocr", "--no-c2pa").exit_code == 0
