"""ISO-BMFF (MP4/MOV/M4A): ``moov/udta/meta`` with an ``mdta`` key ``AIGC`` and its value in ``ilst``.

This is where ``ffmpeg -metadata AIGC=… -movflags use_metadata_tags`` puts it (GB 45438 Annex A). Box sizes
are checked against their parent, nesting is bounded, and only ``moov`` is ever held as a tree. When ``moov``
grows and sits before ``mdat``, every chunk offset (stco/co64) is shifted so the file stays playable.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from ..errors import MediaError
from .base import Found, Scan, has_aigc_key

CONTAINERS = {b"moov", b"udta", b"trak", b"mdia", b"minf", b"stbl", b"edts", b"dinf", b"ilst", b"moof", b"traf"}
MAX_DEPTH = 12
MAX_BOXES = 200_000
MAX_MOOV = 64 * 1024 * 1024
C2PA_UUID = bytes.fromhex("d8fec3d61b0e483c92975828877ec481")


@dataclass
class Box:
    type: bytes
    payload: bytes = b""  # leaf content (or the 4-byte version/flags of a full-box container like meta)
    children: list[Box] | None = None

    def encode(self) -> bytes:
        body = self.payload + (b"".join(c.encode() for c in self.children) if self.children is not None else b"")
        if len(body) + 8 > 0xFFFFFFFF:
            return struct.pack(">I4sQ", 1, self.type, len(body) + 16) + body
        return struct.pack(">I4s", len(body) + 8, self.type) + body

    def child(self, typ: bytes) -> Box | None:
        return next((c for c in self.children or [] if c.type == typ), None)


def _headers(data: bytes | memoryview, pos: int, end: int, where: str) -> list[tuple[bytes, int, int, int]]:
    """(type, start, header_len, size) of each box in [pos, end), sizes checked against the parent."""
    out = []
    while pos < end:
        if pos + 8 > end:
            raise MediaError(f"{where}: {end - pos} stray bytes at {pos} (truncated box header)")
        size, typ = struct.unpack_from(">I4s", data, pos)
        hdr = 8
        if size == 1:
            if pos + 16 > end:
                raise MediaError(f"{where}: truncated 64-bit box size at {pos}")
            (size,) = struct.unpack_from(">Q", data, pos + 8)
            hdr = 16
        elif size == 0:
            size = end - pos
        if size < hdr or pos + size > end:
            raise MediaError(f"{where}: box {typ!r} at byte {pos} declares {size} bytes but only {end - pos} remain")
        out.append((typ, pos, hdr, size))
        pos += size
        if len(out) > MAX_BOXES:
            raise MediaError(f"{where}: more than {MAX_BOXES} boxes")
    return out


def _is_full_meta(data: bytes, start: int, end: int) -> bool:
    """MP4 `meta` is a full box (4 bytes version/flags); QuickTime's is a plain container."""
    return not (end - start >= 8 and data[start + 4:start + 8] == b"hdlr")


def _tree(data: bytes, start: int, end: int, depth: int, where: str, items: bool = False) -> list[Box]:
    if depth > MAX_DEPTH:
        raise MediaError(f"{where}: boxes nested deeper than {MAX_DEPTH}")
    out = []
    for typ, pos, hdr, size in _headers(data, start, end, where):
        b0, b1 = pos + hdr, pos + size
        if typ == b"meta":
            pre = 4 if _is_full_meta(data, b0, b1) else 0
            out.append(Box(typ, data[b0:b0 + pre], _tree(data, b0 + pre, b1, depth + 1, where + "/meta")))
        elif typ in CONTAINERS or items:  # ilst items hold data/mean/name boxes
            name = f"{where}/{typ.decode('latin-1')}"
            out.append(Box(typ, b"", _tree(data, b0, b1, depth + 1, name, items=typ == b"ilst")))
        else:
            out.append(Box(typ, data[b0:b1]))
    return out


def top_level(data: bytes) -> list[tuple[bytes, int, int, int]]:
    if len(data) < 8 or data[4:8] not in (b"ftyp", b"moov", b"mdat", b"free", b"wide", b"skip", b"pnot"):
        raise MediaError("not an ISO-BMFF (MP4/MOV) file")
    return _headers(data, 0, len(data), "mp4")


def _moov(data: bytes, tops: list[tuple[bytes, int, int, int]]) -> tuple[int, Box] | None:
    for i, (typ, pos, hdr, size) in enumerate(tops):
        if typ == b"moov":
            if size > MAX_MOOV:
                raise MediaError(f"mp4: moov box of {size} bytes exceeds the {MAX_MOOV}-byte limit")
            return i, Box(b"moov", b"", _tree(data, pos + hdr, pos + size, 1, "mp4/moov"))
    return None


def _keys(meta: Box) -> list[tuple[bytes, bytes]]:
    """(namespace, key) entries of a `keys` box, 1-based index = position + 1."""
    kb = meta.child(b"keys")
    if kb is None:
        return []
    p = kb.payload
    if len(p) < 8:
        raise MediaError("mp4: keys box is truncated")
    (count,) = struct.unpack_from(">I", p, 4)
    out, pos = [], 8
    for _ in range(count):
        if pos + 8 > len(p):
            raise MediaError("mp4: keys box declares more entries than it holds")
        (size,) = struct.unpack_from(">I", p, pos)
        if size < 8 or pos + size > len(p):
            raise MediaError(f"mp4: key entry at {pos} declares {size} bytes")
        out.append((p[pos + 4:pos + 8], p[pos + 8:pos + size]))
        pos += size
    return out


def _data_value(item: Box) -> str | None:
    d = item.child(b"data")
    if d is None or len(d.payload) < 8:
        return None
    return d.payload[8:].decode("utf-8", "replace")


def _metas(moov: Box) -> list[Box]:
    udta = moov.child(b"udta")
    out = [b for b in (udta.children if udta and udta.children else []) if b.type == b"meta"]
    out += [b for b in moov.children or [] if b.type == b"meta"]
    return out


def _aigc_items(meta: Box) -> list[tuple[Box, str]]:
    """(ilst item, location) for every AIGC entry: mdta keys and iTunes '----' freeform atoms."""
    ilst = meta.child(b"ilst")
    if ilst is None:
        return []
    keys = _keys(meta)
    out = []
    for item in ilst.children or []:
        idx = struct.unpack(">I", item.type)[0]
        if 1 <= idx <= len(keys) and has_aigc_key(keys[idx - 1][1].decode("utf-8", "replace")):
            out.append((item, f"mp4:moov/udta/meta/keys:{keys[idx - 1][1].decode('utf-8', 'replace')}"))
        elif item.type == b"----":  # iTunes freeform atom: mean, name, data
            name = item.child(b"name")
            if name is not None and has_aigc_key(name.payload[4:].decode("utf-8", "replace")):
                out.append((item, "mp4:moov/udta/meta/ilst/----:AIGC"))
    return out


def read(data: bytes) -> Scan:
    scan = Scan("mp4")
    tops = top_level(data)
    scan.c2pa_embedded = any(t == b"uuid" and data[p + h:p + h + 16] == C2PA_UUID for t, p, h, _ in tops)
    found = _moov(data, tops)
    if found is None:
        scan.notes.append("no moov box (fragmented or incomplete file): no metadata to read")
        return scan
    _, moov = found
    for meta in _metas(moov):
        for item, loc in _aigc_items(meta):
            val = _data_value(item)
            if val is not None:
                scan.found.append(Found(loc, val))
    return scan


def _data_box(value: str) -> Box:
    return Box(b"data", struct.pack(">II", 1, 0) + value.encode("utf-8"))  # type 1 = UTF-8, default locale


def _set_in_meta(meta: Box, value: str) -> bool:
    items = _aigc_items(meta)
    for item, _ in items:
        d = item.child(b"data")
        if d is not None:
            d.payload = d.payload[:8] + value.encode("utf-8")
    return bool(items)


def _mdta_meta(value: str) -> Box:
    hdlr = Box(b"hdlr", b"\x00" * 8 + b"mdta" + b"\x00" * 13)
    key = b"AIGC"
    keys = Box(b"keys", struct.pack(">II", 0, 1) + struct.pack(">I", 8 + len(key)) + b"mdta" + key)
    ilst = Box(b"ilst", b"", [Box(struct.pack(">I", 1), b"", [_data_box(value)])])
    return Box(b"meta", b"\x00\x00\x00\x00", [hdlr, keys, ilst])


def _add_key(meta: Box, value: str) -> None:
    """Append an mdta key AIGC and its ilst item to an existing mdta meta box."""
    keys = _keys(meta)
    keys.append((b"mdta", b"AIGC"))
    body = b"".join(struct.pack(">I", 8 + len(k)) + ns + k for ns, k in keys)
    kb = meta.child(b"keys")
    assert kb is not None
    kb.payload = kb.payload[:4] + struct.pack(">I", len(keys)) + body
    ilst = meta.child(b"ilst")
    if ilst is None:
        ilst = Box(b"ilst", b"", [])
        meta.children = [*(meta.children or []), ilst]
    ilst.children = [*(ilst.children or []), Box(struct.pack(">I", len(keys)), b"", [_data_box(value)])]


def _handler(meta: Box) -> bytes:
    h = meta.child(b"hdlr")
    return h.payload[8:12] if h is not None and len(h.payload) >= 12 else b""


def _shift_offsets(box: Box, delta: int, after: int) -> None:
    """Add `delta` to every chunk offset at or past `after` (data that moves when moov grows)."""
    for c in box.children or []:
        if c.type in (b"stco", b"co64") and len(c.payload) < 8:
            raise MediaError(f"mp4: {c.type.decode()} box is truncated")
        if c.type == b"stco":
            n = struct.unpack_from(">I", c.payload, 4)[0]
            if 8 + 4 * n > len(c.payload):
                raise MediaError("mp4: stco box declares more entries than it holds")
            offs = [o + delta if o >= after else o for o in struct.unpack_from(f">{n}I", c.payload, 8)]
            if offs and max(offs) > 0xFFFFFFFF:
                raise MediaError("mp4: chunk offsets overflow 32 bits after adding metadata")
            c.payload = c.payload[:8] + struct.pack(f">{n}I", *offs)
        elif c.type == b"co64":
            n = struct.unpack_from(">I", c.payload, 4)[0]
            if 8 + 8 * n > len(c.payload):
                raise MediaError("mp4: co64 box declares more entries than it holds")
            offs = [o + delta if o >= after else o for o in struct.unpack_from(f">{n}Q", c.payload, 8)]
            c.payload = c.payload[:8] + struct.pack(f">{n}Q", *offs)
        elif c.children is not None:
            _shift_offsets(c, delta, after)


def write(data: bytes, value: str) -> bytes:
    tops = top_level(data)
    found = _moov(data, tops)
    if found is None:
        raise MediaError("mp4: no moov box: cannot add metadata to a fragmented or incomplete file")
    idx, moov = found
    if any(t in (b"moof", b"sidx") for t, *_ in tops):
        raise MediaError("mp4: fragmented files (moof) are not supported for writing")
    metas = _metas(moov)
    wrote = False
    for meta in metas:
        wrote = _set_in_meta(meta, value) or wrote
    if not wrote:
        udta = moov.child(b"udta")
        if udta is None:
            udta = Box(b"udta", b"", [])
            moov.children = [*(moov.children or []), udta]
        mdta = next((m for m in udta.children or [] if m.type == b"meta" and _handler(m) == b"mdta"), None)
        if mdta is not None:
            _add_key(mdta, value)
        else:  # keep an iTunes (mdir) meta as it is and add an mdta one beside it
            udta.children = [*(udta.children or []), _mdta_meta(value)]
    _, pos, _, size = tops[idx]
    new_moov = moov.encode()
    delta = len(new_moov) - size
    if delta and any(t == b"mdat" and p > pos for t, p, _, _ in tops):
        _shift_offsets(moov, delta, pos + size)
        new_moov = moov.encode()
        if len(new_moov) - size != delta:
            raise MediaError("mp4: moov size changed while shifting chunk offsets")
    return data[:pos] + new_moov + data[pos + size:]
