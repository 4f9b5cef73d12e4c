"""Write → inspect → mark → inspect on real files of every format; other metadata and playability survive."""

from __future__ import annotations

import io
import json
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from aigc_files import (
    FFMPEG,
    PLATFORM,
    PRODUCER,
    RECORD,
    make_audio,
    make_jpeg,
    make_markdown,
    make_mp4,
    make_ooxml,
    make_pdf,
    make_png,
    make_wav,
    make_webp,
    needs_ffmpeg,
)

from qinglang.media.aigc import inspect_bytes, mark_bytes


def _pil_info(data: bytes) -> dict:
    from PIL import Image

    im = Image.open(io.BytesIO(data))
    im.load()
    return {**im.info, "_exif": dict(im.getexif()), "_size": im.size}


def _ffprobe_tags(data: bytes, tmp_path: Path, ext: str) -> dict:
    p = tmp_path / f"probe.{ext}"
    p.write_bytes(data)
    out = subprocess.run(["ffprobe", "-v", "error", "-show_format", "-show_streams", "-of", "json", str(p)],
                         capture_output=True, check=True, timeout=60).stdout
    js = json.loads(out)
    tags = dict(js["format"].get("tags") or {})
    for s in js.get("streams", []):  # Vorbis/Opus comments are stream tags in ffprobe
        tags.update(s.get("tags") or {})
    return {k.lower(): v for k, v in tags.items()}


def _check_png(data: bytes, _tmp: Path) -> None:
    info = _pil_info(data)
    assert info["Author"] == "画师甲" and info["Software"] == "Qinglang test"


def _check_jpeg(data: bytes, _tmp: Path) -> None:
    info = _pil_info(data)
    assert info["_exif"][0x010F] == "QinglangCam"


def _check_jpeg_xmp(data: bytes, tmp_path: Path) -> None:
    _check_jpeg(data, tmp_path)
    assert "画师甲" in _pil_info(data)["xmp"].decode()  # the rest of the XMP packet survives the edit


def _check_webp(data: bytes, _tmp: Path) -> None:
    info = _pil_info(data)
    assert info["_exif"][0x010F] == "QinglangCam"
    assert info["_size"] == (96, 64)


def _check_wav(data: bytes, _tmp: Path) -> None:
    import wave

    with wave.open(io.BytesIO(data)) as w:
        assert w.getnframes() == 800
    assert b"Hello\x00" in data  # LIST/INFO title kept


def _check_av(ext: str) -> Callable[[bytes, Path], None]:
    def check(data: bytes, tmp_path: Path) -> None:
        tags = _ffprobe_tags(data, tmp_path, ext)
        assert tags.get("title") == ("测试视频" if ext == "mp4" else "测试音频")
        assert json.loads(tags["aigc"])["ContentPropagator"] == PLATFORM  # what players and ffprobe see

    return check


def _check_pdf(data: bytes, _tmp: Path) -> None:
    from pypdf import PdfReader

    r = PdfReader(io.BytesIO(data))
    assert len(r.pages) == 1
    assert r.metadata["/Title"] == "测试文档" and r.metadata["/Author"] == "Qinglang"


def _check_ooxml(kind: str) -> Callable[[bytes, Path], None]:
    def check(data: bytes, _tmp: Path) -> None:
        z = zipfile.ZipFile(io.BytesIO(data))
        assert z.testzip() is None
        assert "测试文档" in z.read("docProps/core.xml").decode()
        custom = z.read("docProps/custom.xml").decode()
        assert "内容安全部" in custom and custom.count('name="AIGC"') == 1
        assert "custom-properties" in z.read("_rels/.rels").decode()

    return check


def _check_md(data: bytes, _tmp: Path) -> None:
    import yaml

    text = data.decode()
    fm = yaml.safe_load(text.split("---\n")[1])
    assert fm["title"] == "周末游记" and fm["tags"] == ["旅行", "杭州"]
    assert text.endswith("# 周末游记\n\n西湖边的早晨。\n")


CASES: dict[str, tuple[Callable[[Path], bytes], str, Callable[[bytes, Path], None]]] = {
    "png-tEXt": (lambda t: make_png(where="tEXt"), "png:tEXt:AIGC", _check_png),
    "png-zTXt": (lambda t: make_png(where="zTXt"), "png:zTXt:AIGC", _check_png),
    "png-xmp": (lambda t: make_png(where="xmp"), "png:iTXt:XML:com.adobe.xmp/TC260:AIGC", _check_png),
    "png-exif": (lambda t: make_png(where="exif"), "png:eXIf:UserComment", _check_png),
    "jpeg-xmp": (lambda t: make_jpeg(where="xmp"), "jpeg:APP1:XMP/TC260:AIGC", _check_jpeg_xmp),
    "jpeg-exif": (lambda t: make_jpeg(where="exif"), "jpeg:APP1:EXIF/UserComment", _check_jpeg),
    "webp-lossy": (lambda t: make_webp(), "webp:XMP/TC260:AIGC", _check_webp),
    "webp-lossless": (lambda t: make_webp(lossless=True), "webp:XMP/TC260:AIGC", _check_webp),
    "wav": (lambda t: make_wav(), "wav:chunk:AIGC", _check_wav),
    "pdf": (lambda t: make_pdf(), "pdf:Info/AIGC", _check_pdf),
    "docx": (lambda t: make_ooxml("docx"), "docx:docProps/custom.xml:AIGC", _check_ooxml("docx")),
    "xlsx": (lambda t: make_ooxml("xlsx"), "xlsx:docProps/custom.xml:AIGC", _check_ooxml("xlsx")),
    "pptx": (lambda t: make_ooxml("pptx"), "pptx:docProps/custom.xml:AIGC", _check_ooxml("pptx")),
    "markdown": (lambda t: make_markdown(), "markdown:front-matter:AIGC", _check_md),
}
FFMPEG_CASES = {
    "mp4": (lambda t: make_mp4(t), "mp4:moov/udta/meta/keys:AIGC", _check_av("mp4")),
    "mp4-faststart": (lambda t: make_mp4(t, faststart=True), "mp4:moov/udta/meta/keys:AIGC", _check_av("mp4")),
    "mp3": (lambda t: make_audio(t, "mp3"), "mp3:ID3v2.4:TXXX:AIGC", _check_av("mp3")),
    "flac": (lambda t: make_audio(t, "flac"), "flac:FLAC:VORBIS_COMMENT:AIGC", _check_av("flac")),
    "ogg-vorbis": (lambda t: make_audio(t, "ogg"), "ogg:VorbisComment:AIGC", _check_av("ogg")),
    "ogg-opus": (lambda t: make_audio(t, "opus"), "ogg:OpusTags:AIGC", _check_av("ogg")),
}
ALL = [pytest.param(k, *v, id=k) for k, v in CASES.items()] + [
    pytest.param(k, *v, id=k, marks=needs_ffmpeg) for k, v in FFMPEG_CASES.items()]


@pytest.mark.parametrize(("case", "make", "location", "check"), ALL)
def test_write_inspect_mark_inspect(case: str, make, location: str, check, tmp_path: Path) -> None:
    data = make(tmp_path)
    before = inspect_bytes(data, name=f"x.{case}", ocr=False, read_c2pa=False)
    assert [r.location for r in before.records] == [location]
    rec = before.valid_record
    assert rec is not None, before.to_json()
    assert dict(rec.fields) == RECORD
    assert before.outcome.level == "confirmed" and before.outcome.rule == "aigc.implicit.confirmed"
    assert not before.outcome.unlabeled

    res = mark_bytes(data, name=f"x.{case}", propagator=PLATFORM, propagate_id="post-42")
    after = inspect_bytes(res.data, name=f"x.{case}", ocr=False, read_c2pa=False)
    v = after.valid_record
    assert v is not None, after.to_json()
    assert v.fields["Label"] == "1"
    assert v.fields["ContentProducer"] == PRODUCER and v.fields["ProduceID"] == "gen-7f3a/2025"
    assert v.fields["ReservedCode1"] == "e862483430d9"  # the producer's signature is never touched
    assert v.fields["ContentPropagator"] == PLATFORM and v.fields["PropagateID"] == "post-42"
    assert len(after.records) == 1, [r.location for r in after.records]  # §6.1 c): replaced, not appended
    assert not [p for p in after.all_problems() if p.severity == "error"]
    check(res.data, tmp_path)

    again = mark_bytes(res.data, name=f"x.{case}", propagator=PLATFORM, propagate_id="post-43")
    third = inspect_bytes(again.data, name=f"x.{case}", ocr=False, read_c2pa=False)
    assert len(third.records) == 1 and third.valid_record.fields["PropagateID"] == "post-43"


@pytest.mark.parametrize("make", [
    pytest.param(lambda t: make_png(None), id="png"), pytest.param(lambda t: make_jpeg(None), id="jpeg"),
    pytest.param(lambda t: make_webp(None), id="webp"), pytest.param(lambda t: make_wav(None), id="wav"),
    pytest.param(lambda t: make_pdf(None), id="pdf"),
    pytest.param(lambda t: make_ooxml("docx", None, other_prop=False), id="docx-no-custom-part"),
    pytest.param(lambda t: make_markdown(None), id="markdown"),
    pytest.param(lambda t: make_mp4(t, None), id="mp4", marks=needs_ffmpeg),
    pytest.param(lambda t: make_mp4(t, None, faststart=True), id="mp4-faststart", marks=needs_ffmpeg),
    pytest.param(lambda t: make_audio(t, "mp3", None), id="mp3", marks=needs_ffmpeg),
    pytest.param(lambda t: make_audio(t, "flac", None), id="flac", marks=needs_ffmpeg),
])
def test_declared_unlabeled_file_gets_a_possible_label(make, tmp_path: Path) -> None:
    """Art. 6 (二): no implicit label, user declared → the platform writes Label "2" with its own fields."""
    data = make(tmp_path)
    before = inspect_bytes(data, ocr=False, read_c2pa=False, declared_ai=True)
    assert before.records == () and before.outcome.rule == "aigc.declared.possible" and before.outcome.unlabeled
    res = mark_bytes(data, propagator=PLATFORM, propagate_id="post-1", declared_ai=True)
    after = inspect_bytes(res.data, ocr=False, read_c2pa=False)
    assert after.valid_record is not None
    assert after.valid_record.fields["Label"] == "2" and after.valid_record.fields["ContentPropagator"] == PLATFORM
    assert after.outcome.level == "possible" and not after.outcome.unlabeled
    if FFMPEG and before.format in ("mp4", "mp3", "flac"):
        ext = {"mp4": "mp4", "mp3": "mp3", "flac": "flac"}[before.format]
        tags = _ffprobe_tags(res.data, tmp_path, ext)
        assert json.loads(tags["aigc"])["Label"] == "2" and tags["title"] in ("测试视频", "测试音频")


def test_plain_text_gets_only_the_explicit_label() -> None:
    data = "今天去了西湖。".encode()
    res = mark_bytes(data, name="note.txt", propagator=PLATFORM, propagate_id="p-1", declared_ai=True,
                     add_explicit=True)
    text = res.data.decode()
    assert text.startswith("【本内容可能由人工智能生成】\n今天去了西湖。")
    assert any("no metadata container" in n for n in res.notes)
    rep = inspect_bytes(res.data, name="note.txt")
    assert rep.explicit is not None and rep.explicit.compliant and rep.explicit.findings[0].position == "start"


def test_markdown_explicit_label_goes_after_front_matter() -> None:
    res = mark_bytes(make_markdown(), name="a.md", propagator=PLATFORM, propagate_id="p-2", add_explicit=True,
                     text_where="both")
    text = res.data.decode()
    body = text.split("---\n", 2)[2]
    notice = "【本内容由人工智能生成】"
    assert body.startswith(notice + "\n# 周末游记") and body.rstrip().endswith(notice)
    rep = inspect_bytes(res.data, name="a.md")
    assert rep.valid_record is not None and rep.explicit.compliant
    assert {f.position for f in rep.explicit.findings} == {"start", "end"}


def test_mp4_chunk_offsets_shift_when_moov_precedes_mdat(tmp_path: Path) -> None:
    if FFMPEG is None:
        pytest.skip("ffmpeg not installed")
    data = make_mp4(tmp_path, None, faststart=True)
    res = mark_bytes(data, propagator=PLATFORM, propagate_id="v-1", declared_ai=True)
    p = tmp_path / "out.mp4"
    p.write_bytes(res.data)
    # decoding every frame fails loudly if stco offsets were not shifted with the grown moov
    proc = subprocess.run(["ffmpeg", "-v", "error", "-i", str(p), "-f", "null", "-"], capture_output=True,
                          timeout=60)
    assert proc.returncode == 0 and not proc.stderr.strip(), proc.stderr.decode()[:500]


def test_minimal_bmff_built_in_python() -> None:
    """Without ffmpeg: a hand-built ISO-BMFF file (ftyp, moov with a stco table, mdat) round-trips."""
    import struct

    def box(t: bytes, body: bytes) -> bytes:
        return struct.pack(">I4s", 8 + len(body), t) + body

    ftyp = box(b"ftyp", b"isom\x00\x00\x02\x00isomiso2")
    mdat_payload = b"\x11" * 64

    def moov(off: int) -> bytes:
        stco = box(b"stco", struct.pack(">III", 0, 1, off))
        stbl = box(b"stbl", stco)
        trak = box(b"trak", box(b"mdia", box(b"minf", stbl)))
        return box(b"moov", box(b"mvhd", b"\x00" * 100) + trak)

    size_moov = len(moov(0))
    data = ftyp + moov(len(ftyp) + size_moov + 8) + box(b"mdat", mdat_payload)
    res = mark_bytes(data, propagator=PLATFORM, propagate_id="v-2", declared_ai=True)
    after = inspect_bytes(res.data, ocr=False, read_c2pa=False)
    assert after.valid_record.fields["Label"] == "2"
    # the chunk offset now points at the moved mdat payload
    i = res.data.find(b"stco")
    (off,) = struct.unpack_from(">I", res.data, i + 12)
    assert res.data[off:off + 64] == mdat_payload
