"""OOXML (docx/xlsx/pptx and templates): ``docProps/custom.xml`` property ``AIGC`` holding the flat JSON.

Only the few small parts we need are ever decompressed, each with a size cap (zip bombs). Writing copies
every other part unchanged and registers custom.xml in ``[Content_Types].xml`` and ``_rels/.rels`` if new.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from xml.sax.saxutils import escape

from ..errors import MediaError
from .base import Found, Scan, has_aigc_key

CUSTOM = "docProps/custom.xml"
MAX_PART = 4 * 1024 * 1024
MAX_TOTAL = 1024 * 1024 * 1024
MAX_ENTRIES = 20_000
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
MAIN_PARTS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx", "ppt/presentation.xml": "pptx"}


def _zip(data: bytes) -> zipfile.ZipFile:
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise MediaError(f"ooxml: not a readable zip: {exc}") from None
    if len(z.infolist()) > MAX_ENTRIES:
        raise MediaError(f"ooxml: more than {MAX_ENTRIES} zip entries")
    return z


def _part(z: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = z.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART:
        raise MediaError(f"ooxml: part {name} declares {info.file_size} bytes (limit {MAX_PART})")
    try:
        with z.open(info) as f:
            raw = f.read(MAX_PART + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, zlib.error) as exc:
        raise MediaError(f"ooxml: part {name} is corrupt: {exc}") from None
    if len(raw) > MAX_PART:
        raise MediaError(f"ooxml: part {name} inflates past {MAX_PART} bytes")
    return raw


def kind(data: bytes) -> str | None:
    """'docx' / 'xlsx' / 'pptx' for an OOXML package, None for another zip (MediaError if unreadable)."""
    names = set(_zip(data).namelist())
    if "[Content_Types].xml" not in names:
        return None
    return next((k for p, k in MAIN_PARTS.items() if p in names), "ooxml")


def _properties(xml: bytes) -> list[tuple[str, str]]:
    from ..xmp import _parse  # the same defused parser, limits and error messages

    root = _parse(xml)
    out = []
    for prop in root.iter(f"{{{CUSTOM_NS}}}property"):
        name = prop.attrib.get("name", "")
        value = "".join(child.text or "" for child in prop)
        out.append((name, value))
    return out


def read(data: bytes) -> Scan:
    z = _zip(data)
    scan = Scan(kind(data) or "ooxml")
    xml = _part(z, CUSTOM)
    if xml is None:
        scan.notes.append("no docProps/custom.xml part")
        return scan
    for name, value in _properties(xml):
        if has_aigc_key(name):
            scan.found.append(Found(f"{scan.format}:{CUSTOM}:{name}", value))
    return scan


_PROP = re.compile(rb"<(?P<pfx>(?:\w+:)?)property\b(?P<attrs>[^>]*)>(?P<body>.*?)</(?P=pfx)property>", re.S)
_NAME = re.compile(rb"""\bname\s*=\s*["']([^"']*)["']""")
_PID = re.compile(rb"""\bpid\s*=\s*["'](\d+)["']""")
_VALUE = re.compile(rb"(<(?:\w+:)?lpwstr>)(.*?)(</(?:\w+:)?lpwstr>)", re.S)


def _set_custom(xml: bytes | None, value: str) -> bytes:
    esc = escape(value).encode("utf-8")
    if xml is None:
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="{CUSTOM_NS}" '
                f'xmlns:vt="{VT_NS}"><property fmtid="{FMTID}" pid="2" name="AIGC"><vt:lpwstr>').encode() + esc + \
            b"</vt:lpwstr></property></Properties>"
    _properties(xml)  # refuse hostile XML before editing it
    wrote = False

    def sub(m: re.Match[bytes]) -> bytes:
        nonlocal wrote
        name = _NAME.search(m.group("attrs"))
        if not name or not has_aigc_key(name.group(1).decode("utf-8", "replace")):
            return m.group(0)
        wrote = True
        body = m.group("body")
        if _VALUE.search(body):
            body = _VALUE.sub(lambda v: v.group(1) + esc + v.group(3), body, count=1)
        else:
            body = b"<vt:lpwstr>" + esc + b"</vt:lpwstr>"
        return b"<" + m.group("pfx") + b"property" + m.group("attrs") + b">" + body + b"</" + m.group("pfx") + \
            b"property>"

    out = _PROP.sub(sub, xml)
    if not wrote:
        pid = max([int(p) for p in _PID.findall(xml)] + [1]) + 1
        vt = _vt_prefix(xml)
        new = (f'<property fmtid="{FMTID}" pid="{pid}" name="AIGC"><{vt}lpwstr>').encode() + esc + \
            f"</{vt}lpwstr></property>".encode()
        idx = out.rfind(b"</")
        if idx < 0:
            raise MediaError("ooxml: custom.xml has no closing root element")
        out = out[:idx] + new + out[idx:]
    _properties(out)
    return out


def _vt_prefix(xml: bytes) -> str:
    m = re.search(rb'xmlns:(\w+)\s*=\s*["\']' + re.escape(VT_NS.encode()), xml)
    return m.group(1).decode() + ":" if m else "vt:"


def _register(ct: bytes, rels: bytes | None) -> tuple[bytes, bytes]:
    if b"/docProps/custom.xml" not in ct:
        idx = ct.rfind(b"</Types>")
        if idx < 0:
            raise MediaError("ooxml: [Content_Types].xml has no </Types>")
        ct = ct[:idx] + f'<Override PartName="/docProps/custom.xml" ContentType="{CUSTOM_CT}"/>'.encode() + ct[idx:]
    if rels is None:
        rels = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.'
                b'openxmlformats.org/package/2006/relationships"></Relationships>')
    if CUSTOM_REL.encode() not in rels:
        ids = {int(n) for n in re.findall(rb'Id\s*=\s*["\']rId(\d+)["\']', rels)}
        rid = max(ids | {0}) + 1
        idx = rels.rfind(b"</Relationships>")
        if idx < 0:
            raise MediaError("ooxml: _rels/.rels has no </Relationships>")
        rels = rels[:idx] + (f'<Relationship Id="rId{rid}" Type="{CUSTOM_REL}" Target="docProps/custom.xml"/>'
                             ).encode() + rels[idx:]
    return ct, rels


def write(data: bytes, value: str) -> bytes:
    z = _zip(data)
    infos = z.infolist()
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL:
        raise MediaError(f"ooxml: package inflates to {total} bytes (limit {MAX_TOTAL})")
    ct = _part(z, "[Content_Types].xml")
    if ct is None:
        raise MediaError("ooxml: no [Content_Types].xml")
    custom_old = _part(z, CUSTOM)
    custom = _set_custom(custom_old, value)
    replace = {CUSTOM: custom}
    if custom_old is None:
        replace["[Content_Types].xml"], replace["_rels/.rels"] = _register(ct, _part(z, "_rels/.rels"))
    buf = io.BytesIO()
    try:
        with zipfile.ZipFile(buf, "w") as out:
            for info in infos:
                if info.filename in replace:
                    out.writestr(info, replace.pop(info.filename), compress_type=info.compress_type)
                else:
                    with z.open(info) as src, out.open(info, "w") as dst:
                        while chunk := src.read(1 << 20):
                            dst.write(chunk)
            for name, raw in replace.items():
                out.writestr(name, raw, compress_type=zipfile.ZIP_DEFLATED)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, zlib.error) as exc:
        raise MediaError(f"ooxml: cannot rewrite the package: {exc}") from None
    return buf.getvalue()
