"""PNG: tEXt/zTXt/iTXt chunks keyed ``AIGC``, the XMP packet (iTXt ``XML:com.adobe.xmp``), and eXIf."""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

from .. import exif, xmp
from ..errors import MediaError
from .base import Found, Scan, has_aigc_key, inflate

SIGNATURE = b"\x89PNG\r\n\x1a\n"
XMP_KEY = "XML:com.adobe.xmp"
MAX_CHUNKS = 100_000
MAX_CHUNK = 2**31 - 1  # PNG spec limit on a chunk's length


@dataclass(frozen=True, slots=True)
class Chunk:
    type: bytes
    data: bytes

    def encode(self) -> bytes:
        crc = zlib.crc32(self.type + self.data) & 0xFFFFFFFF
        return struct.pack(">I", len(self.data)) + self.type + self.data + struct.pack(">I", crc)


def chunks(data: bytes) -> list[Chunk]:
    """All chunks up to IEND, with every declared length checked against the bytes that remain."""
    if not data.startswith(SIGNATURE):
        raise MediaError("not a PNG file (bad signature)")
    out: list[Chunk] = []
    pos = len(SIGNATURE)
    while True:
        if pos + 8 > len(data):
            raise MediaError(f"PNG truncated: chunk header expected at byte {pos}, file has {len(data)} bytes")
        length, ctype = struct.unpack_from(">I4s", data, pos)
        if length > MAX_CHUNK or pos + 12 + length > len(data):
            raise MediaError(f"PNG chunk {ctype!r} at byte {pos} declares {length} bytes but only "
                             f"{max(0, len(data) - pos - 12)} remain")
        out.append(Chunk(ctype, data[pos + 8:pos + 8 + length]))
        pos += 12 + length
        if ctype == b"IEND":
            return out
        if len(out) > MAX_CHUNKS:
            raise MediaError(f"PNG has more than {MAX_CHUNKS} chunks")


def _text(c: Chunk) -> tuple[str, str]:
    """(keyword, text) of a tEXt/zTXt/iTXt chunk."""
    key, sep, rest = c.data.partition(b"\x00")
    if not sep:
        raise MediaError(f"PNG {c.type.decode()} chunk has no keyword terminator")
    keyword = key.decode("latin-1")
    if c.type == b"tEXt":
        return keyword, rest.decode("latin-1")
    if c.type == b"zTXt":
        return keyword, inflate(rest[1:], f"PNG zTXt {keyword!r}").decode("latin-1")
    if len(rest) < 2:
        raise MediaError(f"PNG iTXt {keyword!r} is truncated")
    compressed = rest[0]
    parts = rest[2:].split(b"\x00", 2)
    if len(parts) != 3:
        raise MediaError(f"PNG iTXt {keyword!r} lacks its language/translated-keyword fields")
    body = inflate(parts[2], f"PNG iTXt {keyword!r}") if compressed else parts[2]
    return keyword, body.decode("utf-8", "replace")


def read(data: bytes) -> Scan:
    scan = Scan("png")
    for c in chunks(data):
        if c.type in (b"tEXt", b"zTXt", b"iTXt"):
            key, text = _text(c)
            if key == XMP_KEY:
                for val in xmp.read_aigc(text.encode("utf-8")):
                    scan.found.append(Found(f"png:{c.type.decode()}:{XMP_KEY}/TC260:AIGC", val))
            elif has_aigc_key(key):
                scan.found.append(Found(f"png:{c.type.decode()}:{key}", text))
            elif (trace := generator_trace(key, text)) is not None:
                scan.traces.append(f"{trace} (png:{c.type.decode()}:{key})")
        elif c.type == b"eXIf":
            for item in exif.find_texts(c.data):
                if "AIGC" in item.text:
                    scan.found.append(Found(f"png:eXIf:{_exif_name(item.tag)}", item.text))
        elif c.type == b"caBX":
            scan.c2pa_embedded = True
    return scan


# Text chunks image generators write by default (no label, but a fingerprint of generation): AUTOMATIC1111 /
# Forge / SD.Next "parameters" ("…Steps: 20, Sampler: …, Seed: …"), ComfyUI "prompt"/"workflow" (node-graph JSON
# with "class_type"), NovelAI "Software"/"Comment".
_SD_KEYS = ("Steps:", "Sampler:", "CFG scale:", "Seed:", "Negative prompt:")


def generator_trace(key: str, text: str) -> str | None:
    """A short description of the generator a PNG text chunk reveals, or None."""
    k = key.strip().lower()
    if k == "parameters" and sum(m in text for m in _SD_KEYS) >= 2:
        return "Stable Diffusion generation parameters"
    if (k in ("prompt", "workflow") and '"class_type"' in text) or (k == "workflow" and '"nodes"' in text):
        return "ComfyUI workflow"
    if k == "software" and text.strip().lower().startswith("novelai"):
        return "NovelAI"
    if k == "comment" and '"sampler"' in text and '"steps"' in text:
        return "generation parameters (sampler/steps)"
    return None


def _exif_name(tag: int) -> str:
    return "UserComment" if tag == exif.USER_COMMENT else "ImageDescription"


def _itxt(keyword: str, text: str) -> Chunk:
    return Chunk(b"iTXt", keyword.encode("latin-1") + b"\x00\x00\x00\x00\x00" + text.encode("utf-8"))


def write(data: bytes, value: str) -> bytes:
    out: list[Chunk] = []
    wrote = False
    for c in chunks(data):
        if c.type in (b"tEXt", b"zTXt", b"iTXt"):
            key, text = _text(c)
            if key == XMP_KEY and xmp.read_aigc(text.encode("utf-8")):
                c = _itxt(XMP_KEY, xmp.set_aigc(text.encode("utf-8"), value).decode("utf-8"))
                wrote = True
            elif key != XMP_KEY and has_aigc_key(key):
                c = Chunk(b"tEXt", key.encode("latin-1") + b"\x00" + value.encode("latin-1")) \
                    if c.type == b"tEXt" else _itxt(key, value)
                wrote = True
        elif c.type == b"eXIf":
            blob = c.data
            for item in exif.find_texts(blob):
                if "AIGC" in item.text:  # cannot grow in place: the label moves to XMP below
                    blob = exif.blank(blob, item)
            c = Chunk(b"eXIf", blob)
        out.append(c)
    if not wrote:
        xi = next((i for i, c in enumerate(out) if c.type == b"iTXt" and c.data.startswith(XMP_KEY.encode() + b"\0")),
                  None)
        if xi is not None:
            _, text = _text(out[xi])
            out[xi] = _itxt(XMP_KEY, xmp.set_aigc(text.encode("utf-8"), value).decode("utf-8"))
        else:
            at = next(i for i, c in enumerate(out) if c.type in (b"IDAT", b"IEND"))
            out.insert(at, _itxt(XMP_KEY, xmp.new_packet(value).decode("utf-8")))
    return SIGNATURE + b"".join(c.encode() for c in out)
