"""Shared types and bounded-read helpers for the container parsers."""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import MediaError

MAX_TEXT_BYTES = 4 * 1024 * 1024  # one decompressed text/XMP field


@dataclass(frozen=True, slots=True)
class Found:
    """A label value as stored: JSON text, or a mapping when the container is YAML (Markdown front matter)."""

    location: str
    value: str | Mapping[str, Any]


@dataclass
class Scan:
    """What a container parser saw: label values, whether a C2PA manifest is embedded, notes for the report."""

    format: str
    found: list[Found] = field(default_factory=list)
    c2pa_embedded: bool = False
    notes: list[str] = field(default_factory=list)
    text: str | None = None  # body text, for the explicit-label check of text formats
    traces: list[str] = field(default_factory=list)  # generator fingerprints (SD parameters…): evidence, not labels


def inflate(data: bytes, what: str, limit: int = MAX_TEXT_BYTES) -> bytes:
    """zlib-decompress at most `limit` bytes; a bomb or corrupt stream is a MediaError, never a memory spike."""
    d = zlib.decompressobj()
    try:
        out = d.decompress(data, limit)
    except zlib.error as exc:
        raise MediaError(f"{what}: corrupt compressed data ({exc})") from None
    if d.unconsumed_tail:
        raise MediaError(f"{what}: decompresses to more than {limit} bytes")
    return out


def has_aigc_key(name: str) -> bool:
    """Annex E a): the field name or keyword contains "AIGC"."""
    return "AIGC" in name.upper()
