"""RIFF containers: WAV (an ``AIGC`` chunk, also inside LIST/INFO) and WebP (the ``XMP `` chunk, EXIF)."""

from __future__ import annotations

import struct
from dataclasses import dataclass

from .. import exif, xmp
from ..errors import MediaError
from .base import Found, Scan, has_aigc_key

MAX_CHUNKS = 100_000


@dataclass(frozen=True, slots=True)
class Chunk:
    id: bytes
    data: bytes

    def encode(self) -> bytes:
        pad = b"\x00" if len(self.data) % 2 else b""
        return self.id + struct.pack("<I", len(self.data)) + self.data + pad


def parse(data: bytes, form: bytes) -> list[Chunk]:
    """Top-level chunks of a RIFF file of the given form type, with sizes checked against the file."""
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != form:
        raise MediaError(f"not a RIFF/{form.decode().strip()} file")
    (riff_size,) = struct.unpack_from("<I", data, 4)
    if riff_size in (0, 0xFFFFFFFF):  # written by a streaming encoder that never patched the size
        riff_size = len(data) - 8
    if riff_size + 8 > len(data):
        raise MediaError(f"RIFF header declares {riff_size + 8} bytes but the file has {len(data)} (truncated)")
    return _chunks(data, 12, 8 + riff_size, "RIFF")


def _chunks(data: bytes, pos: int, end: int, where: str) -> list[Chunk]:
    out: list[Chunk] = []
    while pos + 8 <= end:
        cid = data[pos:pos + 4]
        (size,) = struct.unpack_from("<I", data, pos + 4)
        if pos + 8 + size > end:
            raise MediaError(f"{where} chunk {cid!r} at byte {pos} declares {size} bytes but only {end - pos - 8} "
                             f"remain")
        out.append(Chunk(cid, data[pos + 8:pos + 8 + size]))
        pos += 8 + size + (size & 1)
        if len(out) > MAX_CHUNKS:
            raise MediaError(f"{where} has more than {MAX_CHUNKS} chunks")
    return out


def _assemble(form: bytes, chunks: list[Chunk]) -> bytes:
    body = form + b"".join(c.encode() for c in chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _text(b: bytes) -> str:
    return b.rstrip(b"\x00").decode("utf-8", "replace")


# --- WAV -------------------------------------------------------------------------------------------------

def read_wav(data: bytes) -> Scan:
    scan = Scan("wav")
    for c in parse(data, b"WAVE"):
        if has_aigc_key(c.id.decode("latin-1")):
            scan.found.append(Found(f"wav:chunk:{c.id.decode('latin-1')}", _text(c.data)))
        elif c.id == b"LIST" and c.data[:4] == b"INFO":
            for sub in _chunks(c.data, 4, len(c.data), "LIST/INFO"):
                if has_aigc_key(sub.id.decode("latin-1")):
                    scan.found.append(Found(f"wav:LIST/INFO:{sub.id.decode('latin-1')}", _text(sub.data)))
        elif c.id in (b"C2PA", b"c2pa"):
            scan.c2pa_embedded = True
    return scan


def write_wav(data: bytes, value: str) -> bytes:
    raw = value.encode("utf-8")
    out: list[Chunk] = []
    wrote = False
    for c in parse(data, b"WAVE"):
        if has_aigc_key(c.id.decode("latin-1")):
            c, wrote = Chunk(c.id, raw), True
        elif c.id == b"LIST" and c.data[:4] == b"INFO":
            subs = _chunks(c.data, 4, len(c.data), "LIST/INFO")
            if any(has_aigc_key(s.id.decode("latin-1")) for s in subs):
                subs = [Chunk(s.id, raw + b"\x00") if has_aigc_key(s.id.decode("latin-1")) else s for s in subs]
                c, wrote = Chunk(b"LIST", b"INFO" + b"".join(s.encode() for s in subs)), True
        out.append(c)
    if not wrote:
        out.append(Chunk(b"AIGC", raw))
    return _assemble(b"WAVE", out)


# --- WebP ------------------------------------------------------------------------------------------------

def read_webp(data: bytes) -> Scan:
    scan = Scan("webp")
    for c in parse(data, b"WEBP"):
        if c.id == b"XMP ":
            for val in xmp.read_aigc(c.data):
                scan.found.append(Found("webp:XMP/TC260:AIGC", val))
        elif c.id == b"EXIF":
            blob = c.data[6:] if c.data.startswith(b"Exif\x00\x00") else c.data
            for item in exif.find_texts(blob):
                if "AIGC" in item.text:
                    scan.found.append(Found("webp:EXIF/UserComment", item.text))
        elif has_aigc_key(c.id.decode("latin-1")):
            scan.found.append(Found(f"webp:chunk:{c.id.decode('latin-1')}", _text(c.data)))
        elif c.id == b"C2PA":
            scan.c2pa_embedded = True
    return scan


def _canvas(chunks: list[Chunk]) -> tuple[int, int, bool]:
    """(width, height, has_alpha) from a simple-format WebP's VP8/VP8L bitstream header."""
    for c in chunks:
        if c.id == b"VP8 " and len(c.data) >= 10 and c.data[3:6] == b"\x9d\x01\x2a":
            w, h = struct.unpack_from("<HH", c.data, 6)
            return w & 0x3FFF, h & 0x3FFF, False
        if c.id == b"VP8L" and len(c.data) >= 5 and c.data[0] == 0x2F:
            (bits,) = struct.unpack_from("<I", c.data, 1)
            return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1, bool((bits >> 28) & 1)
    raise MediaError("WebP has no VP8/VP8L image chunk to size the extended header from")


def write_webp(data: bytes, value: str) -> bytes:
    chunks = parse(data, b"WEBP")
    if not chunks or chunks[0].id != b"VP8X":  # simple format: XMP needs the extended header
        w, h, alpha = _canvas(chunks)
        flags = 0x10 if alpha else 0
        vp8x = Chunk(b"VP8X", bytes((flags, 0, 0, 0)) + (w - 1).to_bytes(3, "little") + (h - 1).to_bytes(3, "little"))
        chunks = [vp8x, *chunks]
    out: list[Chunk] = []
    wrote = False
    for c in chunks:
        if c.id == b"XMP " and not wrote:
            c, wrote = Chunk(b"XMP ", xmp.set_aigc(c.data, value)), True
        elif c.id == b"EXIF":
            prefix = b"Exif\x00\x00" if c.data.startswith(b"Exif\x00\x00") else b""
            blob = c.data[len(prefix):]
            for item in exif.find_texts(blob):
                if "AIGC" in item.text:
                    blob = exif.blank(blob, item)
            c = Chunk(b"EXIF", prefix + blob)
        elif has_aigc_key(c.id.decode("latin-1")):
            continue  # a non-standard AIGC chunk: the label lives in XMP now
        out.append(c)
    if not wrote:
        out.append(Chunk(b"XMP ", xmp.new_packet(value)))
    flags = out[0].data[0] | 0x04
    out[0] = Chunk(b"VP8X", bytes((flags,)) + out[0].data[1:])
    return _assemble(b"WEBP", out)
