"""EXIF (TIFF) blobs: find a UserComment that holds an AIGC label (seen in real JPEG/PNG outputs, §1.4a).

A bounded TIFF walk: every offset is checked against the blob, at most a few IFDs and entries are visited.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from .errors import MediaError

USER_COMMENT = 0x9286
IMAGE_DESCRIPTION = 0x010E
EXIF_IFD = 0x8769
MAX_ENTRIES = 1024
_CHARSETS = {b"ASCII\x00\x00\x00": "ascii", b"UNICODE\x00": "utf-16", b"\x00" * 8: "utf-8"}


@dataclass(frozen=True, slots=True)
class ExifText:
    tag: int
    text: str
    offset: int  # of the value bytes within the blob
    length: int


def _entries(blob: bytes, endian: str, ifd: int) -> list[tuple[int, int, int, int]]:
    if ifd + 2 > len(blob):
        raise MediaError(f"EXIF IFD offset {ifd} is past the end of the {len(blob)}-byte block")
    (n,) = struct.unpack_from(endian + "H", blob, ifd)
    if n > MAX_ENTRIES or ifd + 2 + 12 * n > len(blob):
        raise MediaError(f"EXIF IFD at {ifd} declares {n} entries that do not fit the block")
    out = []
    for i in range(n):
        tag, typ, count, val = struct.unpack_from(endian + "HHII", blob, ifd + 2 + 12 * i)
        out.append((tag, typ, count, val))
    return out


def _value_at(blob: bytes, entry_pos: int, count: int, val: int) -> tuple[int, int]:
    off = entry_pos + 8 if count <= 4 else val
    if off + count > len(blob):
        raise MediaError(f"EXIF value of {count} bytes at offset {off} is past the end of the block")
    return off, count


def find_texts(blob: bytes) -> list[ExifText]:
    """UserComment and ImageDescription strings in a TIFF-structured EXIF blob (no 'Exif\\0\\0' prefix)."""
    if len(blob) < 8 or blob[:2] not in (b"II", b"MM"):
        raise MediaError("EXIF block does not start with a TIFF header")
    endian = "<" if blob[:2] == b"II" else ">"
    (ifd0,) = struct.unpack_from(endian + "I", blob, 4)
    out: list[ExifText] = []
    seen: set[int] = set()
    queue = [ifd0]
    while queue and len(seen) < 4:
        ifd = queue.pop(0)
        if ifd in seen:
            continue
        seen.add(ifd)
        for i, (tag, _typ, count, val) in enumerate(_entries(blob, endian, ifd)):
            pos = ifd + 2 + 12 * i
            if tag == EXIF_IFD:
                queue.append(val)
            elif tag in (USER_COMMENT, IMAGE_DESCRIPTION):
                off, n = _value_at(blob, pos, count, val)
                raw = blob[off:off + n]
                if tag == USER_COMMENT and n >= 8:
                    enc = _CHARSETS.get(raw[:8], "utf-8")
                    text = raw[8:].decode(enc, "replace")
                    if enc == "utf-16" and raw[8:10] not in (b"\xff\xfe", b"\xfe\xff"):
                        text = raw[8:].decode("utf-16-be" if endian == ">" else "utf-16-le", "replace")
                    out.append(ExifText(tag, text.strip("\x00 "), off, n))
                elif tag == IMAGE_DESCRIPTION:
                    out.append(ExifText(tag, raw.decode("utf-8", "replace").strip("\x00 "), off, n))
    return out


def blank(blob: bytes, item: ExifText) -> bytes:
    """The blob with one text value overwritten in place (same length), used when a label moves to XMP."""
    filler = (b"ASCII\x00\x00\x00" + b" " * (item.length - 8)) if item.tag == USER_COMMENT and item.length >= 8 \
        else b"\x00" * item.length
    return blob[:item.offset] + filler + blob[item.offset + item.length:]
