"""Corrupt, truncated and hostile files give a clear MediaError (or a report), never a hang or a memory spike."""

from __future__ import annotations

import io
import json
import random
import struct
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from aigc_files import (
    LABEL_JSON,
    PLATFORM,
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
    xmp_packet,
)

from qinglang.media.aigc import MediaError, inspect_bytes, mark_bytes
from qinglang.media.aigc.formats import png as pngfmt

BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + ']><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description xmlns:TC260="http://www.tc260.org.cn/ns/AIGC/1.0/"><TC260:AIGC>&lol9;</TC260:AIGC>'
    "</rdf:Description></rdf:RDF></x:xmpmeta>"
)
XXE = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x:xmpmeta xmlns:x="adobe:ns:'
       'meta/"><TC260:AIGC xmlns:TC260="http://www.tc260.org.cn/ns/AIGC/1.0/">&e;</TC260:AIGC></x:xmpmeta>')


def _inspect(data: bytes, name: str | None = None):
    return inspect_bytes(data, name=name, ocr=False, read_c2pa=False)


def _png_with(chunk_type: bytes, payload: bytes) -> bytes:
    chunks = pngfmt.chunks(make_png(None))
    chunks.insert(1, pngfmt.Chunk(chunk_type, payload))
    return pngfmt.SIGNATURE + b"".join(c.encode() for c in chunks)


@pytest.mark.parametrize("packet", [BILLION_LAUGHS, XXE], ids=["billion-laughs", "xxe"])
def test_xml_bombs_in_png_and_jpeg_xmp_are_refused(packet: str) -> None:
    png = _png_with(b"iTXt", b"XML:com.adobe.xmp\x00\x00\x00\x00\x00" + packet.encode())
    with pytest.raises(MediaError, match="XMP packet refused"):
        _inspect(png)
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buf, "JPEG", xmp=packet.encode())
    with pytest.raises(MediaError, match="XMP packet refused"):
        _inspect(buf.getvalue())
    with pytest.raises(MediaError, match="XMP packet refused"):
        mark_bytes(png, propagator=PLATFORM, propagate_id="p", declared_ai=True)


def test_xml_bomb_in_docx_custom_properties_is_refused() -> None:
    data = make_ooxml("docx", None, other_prop=False)
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w") as dst:
        for i in src.infolist():
            dst.writestr(i, src.read(i))
        dst.writestr("docProps/custom.xml", BILLION_LAUGHS)
    with pytest.raises(MediaError, match="refused"):
        _inspect(buf.getvalue())


def test_png_chunk_declaring_huge_size_is_refused_without_allocation() -> None:
    data = make_png()
    i = data.find(b"tEXt") - 4
    evil = data[:i] + struct.pack(">I", 0x7FFFFFF0) + data[i + 4:]
    with pytest.raises(MediaError, match="declares 2147483632 bytes"):
        _inspect(evil)


def test_png_ztxt_decompression_bomb_is_capped() -> None:
    bomb = zlib.compress(b"A" * (64 * 1024 * 1024), 9)  # 64 MiB of 'A' in ~65 KiB
    data = _png_with(b"zTXt", b"AIGC\x00\x00" + bomb)
    t0 = time.perf_counter()
    with pytest.raises(MediaError, match="decompresses to more than"):
        _inspect(data)
    assert time.perf_counter() - t0 < 5


@pytest.mark.parametrize(("name", "make"), [
    ("png", lambda: make_png()), ("jpeg", lambda: make_jpeg()), ("webp", lambda: make_webp()),
    ("wav", lambda: make_wav()), ("pdf", lambda: make_pdf()), ("docx", lambda: make_ooxml("docx")),
])
def test_truncated_files_give_a_clear_error_or_a_report(name: str, make) -> None:
    data = make()
    for cut in (1, 7, 13, 40, len(data) // 3, len(data) // 2, len(data) - 3):
        try:
            rep = _inspect(data[:cut], name=f"x.{name}")
        except MediaError as exc:
            assert exc.message and "Traceback" not in exc.message
        else:  # a prefix may still hold the whole header; then the report must be well-formed
            json.dumps(rep.to_json())


def test_riff_chunk_larger_than_file() -> None:
    data = bytearray(make_wav())
    i = data.find(b"AIGC")
    data[i + 4:i + 8] = struct.pack("<I", 0xFFFFFF00)
    with pytest.raises(MediaError, match="declares 4294967040 bytes"):
        _inspect(bytes(data))


def test_mp4_box_larger_than_file_and_deep_nesting() -> None:
    def box(t: bytes, body: bytes) -> bytes:
        return struct.pack(">I4s", 8 + len(body), t) + body

    ftyp = box(b"ftyp", b"isom\x00\x00\x02\x00isom")
    evil = ftyp + struct.pack(">I4s", 0xFFFFFFF0, b"moov") + b"\x00" * 32
    with pytest.raises(MediaError, match="declares 4294967280 bytes"):
        _inspect(evil)
    inner = box(b"free", b"")
    for _ in range(40):
        inner = box(b"udta", inner)
    with pytest.raises(MediaError, match="nested deeper"):
        _inspect(ftyp + box(b"moov", inner))
    largesize = ftyp + struct.pack(">I4sQ", 1, b"mdat", 2**62)
    with pytest.raises(MediaError, match="declares"):
        _inspect(largesize)


def test_exif_offsets_outside_the_block() -> None:
    tiff = b"MM\x00\x2a" + struct.pack(">I", 8) + struct.pack(">H", 1) + struct.pack(">HHII", 0x9286, 7, 5000, 9999)
    with pytest.raises(MediaError, match="past the end"):
        _inspect(_png_with(b"eXIf", tiff))


def test_ooxml_part_declared_huge_is_not_inflated() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("docProps/custom.xml", b"<a>" + b" " * (8 * 1024 * 1024) + b"</a>")  # 8 MiB → ~8 KiB
    with pytest.raises(MediaError, match="declares 8388615 bytes"):
        _inspect(buf.getvalue())


def test_garbage_and_unknown_formats() -> None:
    with pytest.raises(MediaError, match="unsupported or unrecognised binary format"):
        _inspect(b"\x00\x01\x02binary" * 10, name="x.bin")
    with pytest.raises(MediaError, match=r"not a readable zip|not an OOXML"):
        _inspect(b"PK\x03\x04" + b"\x00" * 50)
    with pytest.raises(MediaError, match="pdf: cannot parse"):
        _inspect(b"%PDF-1.7\n" + b"\xff" * 200)
    with pytest.raises(MediaError, match="not UTF-8"):
        _inspect(b"---\nAIGC: x\n---\n\xff\xfe\xfa", name="a.md")


def test_markdown_yaml_alias_bomb_is_not_expanded() -> None:
    bomb = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
        f"*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n" for i in range(8))
    data = f"---\n{bomb}AIGC:\n  Label: *i\n---\n正文\n".encode()
    t0 = time.perf_counter()
    rep = _inspect(data, name="a.md")
    assert time.perf_counter() - t0 < 5
    assert rep.records[0].problems[0].code in ("FIELD_TYPE", "LABEL_INVALID")


@pytest.mark.parametrize(("name", "make"), [
    ("png", lambda: make_png(where="xmp")), ("jpeg", lambda: make_jpeg()), ("webp", lambda: make_webp()),
    ("wav", lambda: make_wav()), ("md", lambda: make_markdown()), ("docx", lambda: make_ooxml("docx")),
])
def test_random_corruption_never_escapes_as_another_exception(name: str, make) -> None:
    """Flip bytes at random: every outcome is a report or a MediaError (fixed seed, fast)."""
    data = make()
    rng = random.Random(f"aigc-{name}")
    t0 = time.perf_counter()
    for _ in range(60):
        buf = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            buf[rng.randrange(len(buf))] = rng.randrange(256)
        try:
            _inspect(bytes(buf), name=f"x.{name}")
        except MediaError:
            pass
    assert time.perf_counter() - t0 < 20


def test_file_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    from qinglang.media.aigc import inspect_path

    p = tmp_path / "big.png"
    p.write_bytes(make_png())
    with pytest.raises(MediaError, match="exceeds the 100-byte limit"):
        inspect_path(p, max_bytes=100)


def test_mark_refuses_bad_propagation_values() -> None:
    with pytest.raises(MediaError, match="outside GB 45438 Annex E j"):
        mark_bytes(make_png(), propagator="某平台", propagate_id="p-1")
    with pytest.raises(MediaError, match="must not be empty"):
        mark_bytes(make_png(), propagator=PLATFORM, propagate_id="")
    with pytest.raises(MediaError, match="nothing to mark"):
        mark_bytes(make_png(None), propagator=PLATFORM, propagate_id="p-1")


def test_duplicate_keys_in_label_json_are_reported() -> None:
    dup = LABEL_JSON[:-1] + ',"Label":"3"}'
    rep = _inspect(make_png(dup))
    assert rep.records[0].problems[0].code == "DUPLICATE_KEY"
    assert rep.outcome.rule == "aigc.trace.suspected" and rep.outcome.unlabeled


def test_xmp_helper_packet_is_well_formed() -> None:
    from qinglang.media.aigc import xmp

    assert xmp.read_aigc(xmp_packet(LABEL_JSON)) == [LABEL_JSON]


@pytest.mark.parametrize("fmt", [
    pytest.param("mp4", marks=needs_ffmpeg), pytest.param("mp3", marks=needs_ffmpeg),
    pytest.param("flac", marks=needs_ffmpeg), pytest.param("ogg", marks=needs_ffmpeg), "pdf",
])
def test_random_corruption_of_av_and_pdf(fmt: str, tmp_path: Path) -> None:
    data = make_pdf() if fmt == "pdf" else make_mp4(tmp_path) if fmt == "mp4" else make_audio(tmp_path, fmt)
    rng = random.Random(f"aigc-{fmt}")
    header = min(len(data), 4096)  # metadata lives near the start (or in moov): corrupt where parsers look
    t0 = time.perf_counter()
    for _ in range(40):
        buf = bytearray(data)
        for _ in range(rng.randint(1, 6)):
            pos = rng.randrange(header) if rng.random() < 0.7 else rng.randrange(len(buf))
            buf[pos] = rng.randrange(256)
        try:
            _inspect(bytes(buf), name=f"x.{fmt}")
        except MediaError:
            pass
    assert time.perf_counter() - t0 < 30


@pytest.mark.parametrize(("head", "what"), [(b"GIF89a", "GIF"), (b"II*\x00", "TIFF"), (b"\x1aE\xdf\xa3", "Matroska"),
                                            (b"RIFF\x00\x00\x00\x00AVI ", "AVI")])
def test_known_unsupported_formats_are_named(head: bytes, what: str) -> None:
    with pytest.raises(MediaError, match=f"{what}.* files are not supported yet"):
        _inspect(head + b"\x00" * 64)
