"""Indicator bank: normalization, CSV/JSONL import/export round trips, salted SHA-256 lists, PDQ distance."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from qinglang.errors import IndicatorError
from qinglang.indicators.bank import IndicatorStore
from qinglang.indicators.normalize import digest, normalize, parse


@pytest.mark.parametrize(("kind", "raw", "want"), [
    ("wechat", " ABC_777 ", "abc_777"),
    ("wechat", "ａｂｃ＿７７７", "abc_777"),  # full-width
    ("phone", "+86 138-0013-8000", "13800138000"),
    ("phone", "0086 13800138000", "13800138000"),
    ("url", "HTTPS://Weixin.QQ.com/g/AbC/", "weixin.qq.com/g/AbC"),  # invite code case kept
    ("url", "t.me/+AbC", "t.me/+AbC"),
    ("domain", "WWW.Evil.com.", "evil.com"),
    ("domain", "例子.中国", "xn--fsqu00a.xn--fiqs8s"),
    ("qr", "https://weixin.qq.com/g/X", "weixin.qq.com/g/X"),
    ("qr", "  生日  快乐 ", "生日 快乐"),
    ("pdq", "AB" * 32, "ab" * 32),
])
def test_normalize(kind: str, raw: str, want: str) -> None:
    assert normalize(kind, raw) == want


@pytest.mark.parametrize("text", ["wechat:a", "qq:abc", "pdq:123", "url:not a url", "nokind:x", "wechat"])
def test_invalid_indicators_are_typed_errors(text: str) -> None:
    with pytest.raises(IndicatorError):
        parse(text)


def test_digest_is_documented_form() -> None:
    # SHA-256 of salt + "kind:value" (docs/indicators.md), written out: a change of form must fail here
    assert digest("wechat", "abc_777", "s3cret") == "4f0dc5735d5fa86155c10a40e7127252787d285b84d59672f73a93c2530232e1"


def test_plain_csv_import_export_jsonl_round_trip(tmp_path: Path, plain_list: Path) -> None:
    with IndicatorStore(tmp_path / "a.sqlite") as store:
        res = store.import_file(plain_list, "cac-2024", description="test list")
        assert (res.added, res.skipped, res.errors) == (6, 0, ())
        assert store.import_file(plain_list, "cac-2024").skipped == 6  # idempotent
        out = io.StringIO()
        assert store.export("cac-2024", out, fmt="jsonl") == 6
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert {"kind": "wechat", "value": "abc_777", "note": "举报 2024-05"} in rows
    (tmp_path / "back.jsonl").write_text(out.getvalue(), "utf-8")
    with IndicatorStore(tmp_path / "b.sqlite") as store:
        assert store.import_file(tmp_path / "back.jsonl", "copy").added == 6
        again = io.StringIO()
        store.export("copy", again, fmt="jsonl")
    assert again.getvalue() == out.getvalue()


def test_salted_list_shared_between_platforms_matches_only_with_the_salt(tmp_path: Path, plain_list: Path) -> None:
    with IndicatorStore(tmp_path / "a.sqlite") as a:
        a.import_file(plain_list, "ours")
        shared = io.StringIO()
        a.export("ours", shared, fmt="csv", hashed=True, salt="partner-salt")
    text = shared.getvalue()
    assert "abc_777" not in text and "sha256" in text.splitlines()[0] and "note" not in text
    (tmp_path / "shared.csv").write_text(text, "utf-8")
    with IndicatorStore(tmp_path / "b.sqlite") as b:
        res = b.import_file(tmp_path / "shared.csv", "partner", salt="partner-salt")
        assert res.added == 6
        b.import_file(tmp_path / "shared.csv", "wrong-salt", salt="other")
        idx = b.index()
    assert [m.bank for m in idx.match("wechat", "abc_777")] == ["partner"]
    assert idx.match("wechat", "abc_777")[0].via == "sha256"
    assert [m.bank for m in idx.match("domain", "evil-shop.com")] == ["partner"]
    assert idx.match("wechat", "someone_else") == []


def test_unsalted_hashed_list(tmp_path: Path) -> None:
    p = tmp_path / "h.jsonl"
    p.write_text(json.dumps({"kind": "qq", "sha256": digest("qq", "12345678")}) + "\n", "utf-8")
    with IndicatorStore(tmp_path / "x.sqlite") as s:
        s.import_file(p, "h")
        assert [m.via for m in s.index().match("qq", "12345678")] == ["sha256"]


def test_bad_rows_are_reported_with_line_numbers_and_skipped(tmp_path: Path) -> None:
    p = tmp_path / "bad.csv"
    p.write_text("kind,value\nwechat,ok_handle\nqq,not-a-number\nfax,123\n", "utf-8")
    with IndicatorStore(tmp_path / "x.sqlite") as s:
        res = s.import_file(p, "b")
    assert res.added == 1
    assert res.errors[0].startswith("line 3: ") and "QQ" in res.errors[0]
    assert res.errors[1].startswith("line 4: unknown kind 'fax'")


def test_a_bank_keeps_one_form(tmp_path: Path, plain_list: Path) -> None:
    hashed = tmp_path / "h.jsonl"
    hashed.write_text(json.dumps({"kind": "qq", "sha256": "0" * 64}) + "\n", "utf-8")
    with IndicatorStore(tmp_path / "x.sqlite") as s:
        s.import_file(plain_list, "b")
        with pytest.raises(IndicatorError, match="is plain"):
            s.import_file(hashed, "b", salt="x")
        s.import_file(hashed, "h", salt="x")
        with pytest.raises(IndicatorError, match="holds hashes"):
            s.export("h", io.StringIO())
        with pytest.raises(IndicatorError, match="must be 1–64"):
            s.ensure_bank("bad name!")


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    p = tmp_path / "junk.sqlite"
    p.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(IndicatorError, match="not a usable indicator bank"):
        IndicatorStore(p)


def test_pdq_matches_within_the_hamming_threshold(tmp_path: Path) -> None:
    pytest.importorskip("pdqhash", reason="pip install pdqhash")
    from PIL import Image, ImageDraw

    from qinglang.media.hash import hamming, pdq

    im = Image.new("RGB", (600, 600), "white")
    d = ImageDraw.Draw(im)
    for k in range(0, 600, 40):
        d.rectangle((k, k // 2, k + 25, 600 - k // 3), fill=(k % 255, 80, 200 - k // 4))
    near = im.resize((300, 300)).convert("L").convert("RGB")  # resized + greyscale: same picture
    other = im.transpose(Image.Transpose.ROTATE_90).transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    h, h_near, h_other = pdq(im).hex, pdq(near).hex, pdq(other).hex
    assert hamming(h, h_near) <= 31 < hamming(h, h_other)
    with IndicatorStore(tmp_path / "x.sqlite") as s:
        s.add("images", "pdq", h)
        idx = s.index()
    m = idx.match("pdq", h_near)
    assert m and m[0].via == "pdq" and m[0].distance == hamming(h, h_near)
    assert idx.match("pdq", h_other) == []
