"""Evidence packages: content, media, decision, indicators, manifest and SHA256SUMS; verify catches tampering."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qinglang.cli import _register, app
from qinglang.engine import Engine
from qinglang.errors import Conflict
from qinglang.evidence import export_package, package_dirname, verify_package
from qinglang.model import Content

_register()
runner = CliRunner()


@pytest.fixture()
def case(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A content file with an image holding a group-invite QR, and the decisions the engine made on it."""
    qrcode = pytest.importorskip("qrcode")
    pytest.importorskip("zxingcpp")
    qrcode.make("https://weixin.qq.com/g/AbCdEf123").save(tmp_path / "poster.png")
    items = [
        {"id": "p-1", "text": "进群领资料，加V abc_777", "media": [{"path": "poster.png"}]},
        {"id": "p/2 测试", "text": "今天天气很好"},
    ]
    content = tmp_path / "content.jsonl"
    content.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), "utf-8")
    engine = Engine.from_config(extra={"media": {"root": str(tmp_path), "ocr": False}})
    decisions = tmp_path / "decisions.jsonl"
    decisions.write_text("".join(json.dumps(engine.moderate(i).to_json(), ensure_ascii=False) + "\n" for i in items),
                         "utf-8")
    return tmp_path, content, decisions


def test_export_writes_a_complete_verifiable_package(case: tuple[Path, Path, Path]) -> None:
    root, content, decisions = case
    out = root / "out"
    r = runner.invoke(app, ["evidence", "export", "p-1", "p/2 测试", "--from", str(decisions), "--content",
                            str(content), "-o", str(out), "--no-ocr"])
    assert r.exit_code == 0, r.output
    pkg = out / "p-1"
    names = sorted(p.relative_to(pkg).as_posix() for p in pkg.rglob("*") if p.is_file())
    assert names == ["SHA256SUMS", "content.json", "decision.json", "indicators.json", "manifest.json",
                     "media/0.png"]
    assert (pkg / "media/0.png").read_bytes() == (root / "poster.png").read_bytes()
    manifest = json.loads((pkg / "manifest.json").read_text("utf-8"))
    decision = json.loads((pkg / "decision.json").read_text("utf-8"))
    assert manifest["format"] == "qinglang-evidence/1" and manifest["content_id"] == "p-1"
    assert manifest["policy_version"] == decision["policy_version"] and manifest["created_at"].endswith("+00:00")
    assert manifest["tool"].startswith("qinglang ")
    indicators = json.loads((pkg / "indicators.json").read_text("utf-8"))
    assert "url:weixin.qq.com/g/AbCdEf123" in indicators["from_decision"]
    extracted = {ind for row in indicators["candidates"] for ind in row["indicators"]}
    qr_row = next(row for row in indicators["candidates"] if row["field"] == "media[0].qr")
    assert qr_row["text"] == "https://weixin.qq.com/g/AbCdEf123" and len(qr_row["bbox"]) == 4
    assert {"wechat:abc_777", "qr:weixin.qq.com/g/AbCdEf123"} <= extracted
    assert indicators["media"][0]["qr"][0]["payload"] == "https://weixin.qq.com/g/AbCdEf123"
    content_json = json.loads((pkg / "content.json").read_text("utf-8"))
    assert content_json["media"][0]["file"] == "media/0.png"
    sums = dict(reversed(line.split("  ", 1)) for line in (pkg / "SHA256SUMS").read_text().splitlines())
    assert sums["manifest.json"] == hashlib.sha256((pkg / "manifest.json").read_bytes()).hexdigest()
    # the awkward id got a safe folder name
    assert (out / package_dirname("p/2 测试") / "content.json").is_file()
    r = runner.invoke(app, ["evidence", "verify", str(pkg), str(out / package_dirname("p/2 测试"))])
    assert r.exit_code == 0 and r.stdout.count("\tOK\tsha256:") == 2


def test_verify_detects_modified_missing_and_extra_files(case: tuple[Path, Path, Path]) -> None:
    root, content, decisions = case
    items = {json.loads(x)["id"]: json.loads(x) for x in content.read_text("utf-8").splitlines()}
    decs = {json.loads(x)["id"]: json.loads(x) for x in decisions.read_text("utf-8").splitlines()}
    from qinglang.media.decode import MediaLoader

    pkg = export_package(Content.from_json(items["p-1"]), decs["p-1"], root / "pkg", loader=MediaLoader(root))
    assert verify_package(pkg) == []
    (pkg / "decision.json").write_text('{"id": "p-1", "action": "pass"}', "utf-8")
    (pkg / "extra.txt").write_text("x", "utf-8")
    (pkg / "media/0.png").unlink()
    problems = verify_package(pkg)
    assert "decision.json: SHA-256 mismatch (modified)" in problems
    assert "extra.txt: not listed in SHA256SUMS" in problems
    assert "media/0.png: missing" in problems
    r = runner.invoke(app, ["evidence", "verify", str(pkg)])
    assert r.exit_code == 1 and "FAILED" in r.stdout


def test_packages_are_never_overwritten_and_unknown_ids_fail(case: tuple[Path, Path, Path]) -> None:
    root, content, decisions = case
    (root / "exists").mkdir()
    with pytest.raises(Conflict):
        export_package(Content(id="p-1"), {"id": "p-1"}, root / "exists")
    r = runner.invoke(app, ["evidence", "export", "nope", "--from", str(decisions), "--content", str(content),
                            "-o", str(root / "o2")])
    assert r.exit_code == 1 and "nope: no decision found" in r.output


def test_unreadable_media_is_listed_in_the_manifest(tmp_path: Path) -> None:
    from qinglang.media.decode import MediaLoader

    c = Content.from_json({"id": "m", "media": [{"path": "../escape.png"}]})
    pkg = export_package(c, {"id": "m", "policy_version": "v"}, tmp_path / "m", loader=MediaLoader(tmp_path))
    manifest = json.loads((pkg / "manifest.json").read_text("utf-8"))
    assert manifest["media_errors"] and "outside the media root" in manifest["media_errors"][0]
    assert verify_package(pkg) == []


def test_a_missing_file_is_listed_once_in_the_manifest(tmp_path: Path) -> None:
    # the package's own read lists it; the extractor's `missing` failure for the same file is not listed again
    pytest.importorskip("PIL", reason="media extraction needs Pillow: pip install 'qinglang[media]'")
    from qinglang.media.extract import MediaExtractor, MediaSettings

    c = Content.from_json({"id": "m", "media": [{"path": "gone.png"}]})
    ex = MediaExtractor(MediaSettings(root=tmp_path, ocr=False))
    pkg = export_package(c, {"id": "m", "policy_version": "v"}, tmp_path / "m", extractor=ex)
    errors = json.loads((pkg / "manifest.json").read_text("utf-8"))["media_errors"]
    assert len(errors) == 1 and "does not exist" in errors[0], errors

