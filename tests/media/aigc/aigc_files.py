"""Real files of every supported format, made here with the tools producers use (Pillow, ffmpeg, pypdf, …).

Not a conftest.py: test module names must be unique across tests/ (no __init__.py, prepend import mode).

Each factory writes the producer's label the way real generators do (not with our own writer where a
third-party tool can), so the round-trip tests exercise reading what others write.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import wave
import zipfile
from pathlib import Path

import pytest

PRODUCER = "001191110102MAD55U9H0F10002"  # observed in real files (regulations.md §1.3)
PLATFORM = "001191440300708461136T2QLNG"  # a propagation-service code (type digit 2)
RECORD = {"Label": "1", "ContentProducer": PRODUCER, "ProduceID": "gen-7f3a/2025", "ReservedCode1": "e862483430d9",
          "ContentPropagator": PRODUCER, "PropagateID": "gen-7f3a/2025", "ReservedCode2": ""}
LABEL_JSON = json.dumps(RECORD, separators=(",", ":"))
FFMPEG = shutil.which("ffmpeg")
needs_ffmpeg = pytest.mark.skipif(FFMPEG is None, reason="ffmpeg not installed (apt-get install ffmpeg)")


def xmp_packet(value: str, other: str = '<dc:creator><rdf:Seq><rdf:li>画师甲</rdf:li></rdf:Seq></dc:creator>') -> bytes:
    from xml.sax.saxutils import escape

    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">' + other + '</rdf:Description>'
        '<rdf:Description rdf:about="" xmlns:TC260="http://www.tc260.org.cn/ns/AIGC/1.0/">'
        f'<TC260:AIGC>{escape(value, {chr(34): "&quot;"})}</TC260:AIGC></rdf:Description>'
        '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    ).encode()


def exif_with_comment(comment: str | None) -> bytes:
    from PIL import Image

    ex = Image.Exif()
    ex[0x010F] = "QinglangCam"  # Make: other metadata that must survive
    if comment is not None:
        ex.get_ifd(0x8769)[0x9286] = b"ASCII\x00\x00\x00" + comment.encode()
    return ex.tobytes()


def make_png(label: str | None = LABEL_JSON, *, where: str = "tEXt", size: tuple[int, int] = (160, 120)) -> bytes:
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    im = Image.new("RGB", size, (40, 120, 200))
    info = PngInfo()
    info.add_text("Author", "画师甲", zip=False)
    info.add_text("Software", "Qinglang test")
    if label is not None and where == "tEXt":
        info.add_text("AIGC", label)
    if label is not None and where == "zTXt":
        info.add_text("AIGC", label, zip=True)
    if label is not None and where == "xmp":
        info.add_itxt("XML:com.adobe.xmp", xmp_packet(label).decode())
    buf = io.BytesIO()
    kw = {"exif": exif_with_comment(json.dumps({"AIGC": json.loads(label)}))} if label and where == "exif" else {}
    im.save(buf, "PNG", pnginfo=info, **kw)
    return buf.getvalue()


def make_jpeg(label: str | None = LABEL_JSON, *, where: str = "xmp", size: tuple[int, int] = (160, 120)) -> bytes:
    from PIL import Image

    im = Image.new("RGB", size, (200, 80, 40))
    buf = io.BytesIO()
    kw: dict = {"exif": exif_with_comment(None)}
    if label is not None and where == "xmp":
        kw["xmp"] = xmp_packet(label)
    if label is not None and where == "exif":
        kw["exif"] = exif_with_comment(json.dumps({"AIGC": json.loads(label)}))
    im.save(buf, "JPEG", quality=90, **kw)
    return buf.getvalue()


def make_webp(label: str | None = LABEL_JSON, *, lossless: bool = False, size: tuple[int, int] = (96, 64)) -> bytes:
    from PIL import Image

    im = Image.new("RGB", size, (10, 200, 90))
    buf = io.BytesIO()
    kw: dict = {"exif": exif_with_comment(None)}
    if label is not None:
        kw["xmp"] = xmp_packet(label)
    im.save(buf, "WEBP", lossless=lossless, **kw)
    return buf.getvalue()


def make_wav(label: str | None = LABEL_JSON) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(b"\x00\x01" * 800)
    data = buf.getvalue()
    info = b"INFO" + b"INAM" + (6).to_bytes(4, "little") + b"Hello\x00"
    extra = b"LIST" + len(info).to_bytes(4, "little") + info
    if label is not None:
        raw = label.encode()
        extra += b"AIGC" + len(raw).to_bytes(4, "little") + raw + (b"\x00" if len(raw) % 2 else b"")
    body = data[8:] + extra
    return b"RIFF" + len(body).to_bytes(4, "little") + body


def ffmpeg(tmp: Path, args: list[str], out: str) -> bytes:
    path = tmp / out
    subprocess.run([FFMPEG or "ffmpeg", "-hide_banner", "-loglevel", "error", "-y", *args, str(path)], check=True,
                   timeout=60)
    return path.read_bytes()


def make_mp4(tmp: Path, label: str | None = LABEL_JSON, *, faststart: bool = False) -> bytes:
    args = ["-f", "lavfi", "-i", "color=c=red:s=64x48:d=0.5:r=10", "-f", "lavfi", "-i", "sine=d=0.5",
            "-shortest", "-c:v", "mpeg4", "-c:a", "aac", "-metadata", "title=测试视频"]
    if label is not None:
        args += ["-metadata", f"AIGC={label}", "-movflags", "use_metadata_tags" + ("+faststart" if faststart else "")]
    elif faststart:
        args += ["-movflags", "faststart"]
    return ffmpeg(tmp, args, "v.mp4")


def make_audio(tmp: Path, fmt: str, label: str | None = LABEL_JSON) -> bytes:
    codec = {"mp3": "libmp3lame", "flac": "flac", "ogg": "libvorbis", "opus": "libopus"}[fmt]
    args = ["-f", "lavfi", "-i", "sine=d=0.3:sample_rate=48000", "-c:a", codec, "-metadata", "title=测试音频"]
    if label is not None:
        args += ["-metadata", f"AIGC={label}"]
    ext = "ogg" if fmt == "opus" else fmt
    return ffmpeg(tmp, args, f"a.{ext}")


def make_pdf(label: str | None = LABEL_JSON, *, xmp_label: str | None = None) -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, StreamObject

    w = PdfWriter()
    w.add_blank_page(200, 200)
    meta = {"/Title": "测试文档", "/Author": "Qinglang"}
    if label is not None:
        meta["/AIGC"] = label
    w.add_metadata(meta)
    if xmp_label is not None:
        s = StreamObject()
        s.set_data(xmp_packet(xmp_label))
        s[NameObject("/Type")] = NameObject("/Metadata")
        s[NameObject("/Subtype")] = NameObject("/XML")
        w._root_object[NameObject("/Metadata")] = w._add_object(s)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


_CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/'
       'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
       'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/{main}" '
       'ContentType="{mainct}"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
       'package.core-properties+xml"/>{custom}</Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.'
         'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats'
         '.org/officeDocument/2006/relationships/officeDocument" Target="{main}"/><Relationship Id="rId2" Type="http'
         '://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.'
         'xml"/>{custom}</Relationships>')
_CORE = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.'
         'openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
         '<dc:title>测试文档</dc:title><dc:creator>Qinglang</dc:creator></cp:coreProperties>')
OOXML_MAIN = {
    "docx": ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
             '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
             '<w:t>正文</w:t></w:r></w:p></w:body></w:document>'),
    "xlsx": ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
             '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>'),
    "pptx": ("ppt/presentation.xml",
             "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
             '<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>'),
}


def make_ooxml(kind: str, label: str | None = LABEL_JSON, *, other_prop: bool = True) -> bytes:
    from xml.sax.saxutils import escape

    main, mainct, body = OOXML_MAIN[kind]
    props = []
    if other_prop:
        props.append('<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Department">'
                     '<vt:lpwstr>内容安全部</vt:lpwstr></property>')
    if label is not None:
        props.append('<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="AIGC"><vt:lpwstr>'
                     + escape(label) + "</vt:lpwstr></property>")
    has_custom = bool(props)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        ct_custom = ('<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-'
                     'officedocument.custom-properties+xml"/>') if has_custom else ""
        rel_custom = ('<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                      'relationships/custom-properties" Target="docProps/custom.xml"/>') if has_custom else ""
        z.writestr("[Content_Types].xml", _CT.format(main=main, mainct=mainct, custom=ct_custom))
        z.writestr("_rels/.rels", _RELS.format(main=main, custom=rel_custom))
        z.writestr("docProps/core.xml", _CORE)
        z.writestr(main, body)
        if has_custom:
            z.writestr("docProps/custom.xml",
                       '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.'
                       'openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.'
                       'openxmlformats.org/officeDocument/2006/docPropsVTypes">' + "".join(props) + "</Properties>")
    return buf.getvalue()


def make_markdown(label: dict | None = RECORD) -> bytes:
    fm = "---\ntitle: 周末游记\ntags: [旅行, 杭州]\n"
    if label is not None:
        fm += "AIGC:\n" + "".join(f"  {k}: '{v}'\n" for k, v in label.items())
    fm += "---\n"
    return (fm + "# 周末游记\n\n西湖边的早晨。\n").encode()
