"""JPEG: the XMP packet in APP1 (``TC260:AIGC``), EXIF UserComment in APP1, C2PA JUMBF in APP11."""

from __future__ import annotations

import struct
from dataclasses import dataclass

from .. import exif, xmp
from ..errors import MediaError
from .base import Found, Scan

XMP_SIG = b"http://ns.adobe.com/xap/1.0/\x00"
EXIF_SIG = b"Exif\x00\x00"
MAX_SEGMENT = 65533
MAX_SEGMENTS = 10_000


@dataclass(frozen=True, slots=True)
class Segment:
    marker: int
    payload: bytes  # without the marker and length

    def encode(self) -> bytes:
        if len(self.payload) > MAX_SEGMENT:
            raise MediaError(f"JPEG segment payload of {len(self.payload)} bytes exceeds {MAX_SEGMENT}")
        return bytes((0xFF, self.marker)) + struct.pack(">H", len(self.payload) + 2) + self.payload


def segments(data: bytes) -> tuple[list[Segment], bytes]:
    """The header segments up to SOS, and the rest of the file (scan data onward) untouched."""
    if not data.startswith(b"\xff\xd8"):
        raise MediaError("not a JPEG file (no SOI marker)")
    out: list[Segment] = []
    pos = 2
    while True:
        if pos + 4 > len(data):
            raise MediaError(f"JPEG truncated at byte {pos} before the image data")
        if data[pos] != 0xFF:
            raise MediaError(f"JPEG marker expected at byte {pos}, found 0x{data[pos]:02x}")
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xDA or marker == 0xD9:  # SOS / EOI: the rest is entropy-coded data
            return out, data[pos:]
        (length,) = struct.unpack_from(">H", data, pos + 2)
        if length < 2 or pos + 2 + length > len(data):
            raise MediaError(f"JPEG segment 0x{marker:02x} at byte {pos} declares {length} bytes but only "
                             f"{len(data) - pos - 2} remain")
        out.append(Segment(marker, data[pos + 4:pos + 2 + length]))
        pos += 2 + length
        if len(out) > MAX_SEGMENTS:
            raise MediaError(f"JPEG has more than {MAX_SEGMENTS} header segments")


def read(data: bytes) -> Scan:
    scan = Scan("jpeg")
    segs, _ = segments(data)
    for s in segs:
        if s.marker == 0xE1 and s.payload.startswith(XMP_SIG):
            for val in xmp.read_aigc(s.payload[len(XMP_SIG):]):
                scan.found.append(Found("jpeg:APP1:XMP/TC260:AIGC", val))
        elif s.marker == 0xE1 and s.payload.startswith(EXIF_SIG):
            for item in exif.find_texts(s.payload[len(EXIF_SIG):]):
                if "AIGC" in item.text:
                    name = "UserComment" if item.tag == exif.USER_COMMENT else "ImageDescription"
                    scan.found.append(Found(f"jpeg:APP1:EXIF/{name}", item.text))
        elif s.marker == 0xEB and s.payload[:2] == b"JP":
            scan.c2pa_embedded = True
    return scan


def write(data: bytes, value: str) -> bytes:
    segs, rest = segments(data)
    out: list[Segment] = []
    wrote = False
    for s in segs:
        if s.marker == 0xE1 and s.payload.startswith(XMP_SIG) and not wrote:
            s = Segment(0xE1, XMP_SIG + xmp.set_aigc(s.payload[len(XMP_SIG):], value))
            wrote = True
        elif s.marker == 0xE1 and s.payload.startswith(EXIF_SIG):
            blob = s.payload[len(EXIF_SIG):]
            for item in exif.find_texts(blob):
                if "AIGC" in item.text:  # cannot grow in place: the label moves to XMP
                    blob = exif.blank(blob, item)
            s = Segment(0xE1, EXIF_SIG + blob)
        out.append(s)
    if not wrote:
        at = 0
        while at < len(out) and out[at].marker in (0xE0, 0xE1):  # after JFIF/EXIF, as XMP writers do
            at += 1
        out.insert(at, Segment(0xE1, XMP_SIG + xmp.new_packet(value)))
    return b"\xff\xd8" + b"".join(s.encode() for s in out) + rest


def transplant_metadata(original: bytes, reencoded: bytes) -> bytes:
    """`reencoded`'s image data with `original`'s APPn and COM segments (used after drawing a visible label)."""
    osegs, _ = segments(original)
    nsegs, rest = segments(reencoded)
    meta = [s for s in osegs if 0xE0 <= s.marker <= 0xEF or s.marker == 0xFE]
    if not any(s.marker == 0xE0 for s in meta):
        meta = [s for s in nsegs if s.marker == 0xE0] + meta
    body = [s for s in nsegs if not (0xE0 <= s.marker <= 0xEF or s.marker == 0xFE)]
    return b"\xff\xd8" + b"".join(s.encode() for s in meta + body) + rest
