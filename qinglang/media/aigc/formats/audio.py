"""Tagged audio through mutagen: MP3 (ID3v2 ``TXXX:AIGC``), FLAC and Ogg Vorbis/Opus (comment ``AIGC=``)."""

from __future__ import annotations

import io
from typing import Any

from ..errors import MediaError
from .base import Found, Scan, has_aigc_key


def _mutagen() -> Any:
    try:
        import mutagen
    except ImportError as exc:  # pragma: no cover - exercised only without the [media] extra
        raise MediaError("audio tags need mutagen (pip install 'qinglang[media]')") from exc
    return mutagen


def _guard(what: str, fn: Any, *args: Any) -> Any:
    """Run a mutagen call; its many exception types become one MediaError naming the format."""
    mutagen = _mutagen()
    try:
        return fn(*args)
    except MediaError:
        raise
    except (mutagen.MutagenError, ValueError, EOFError, OverflowError, IndexError, KeyError, TypeError) as exc:
        raise MediaError(f"{what}: cannot read tags: {type(exc).__name__}: {exc}") from None


# --- MP3 / ID3 -------------------------------------------------------------------------------------------

def _id3(data: bytes) -> Any:
    from mutagen.id3 import ID3, ID3NoHeaderError

    try:
        return ID3(io.BytesIO(data))
    except ID3NoHeaderError:
        return None


def read_mp3(data: bytes) -> Scan:
    scan = Scan("mp3")
    tags = _guard("mp3", _id3, data)
    if tags is None:
        scan.notes.append("no ID3v2 tag")
        return scan
    for frame in tags.getall("TXXX"):
        if has_aigc_key(frame.desc):
            for text in frame.text:
                scan.found.append(Found(f"mp3:ID3v2.{tags.version[1]}:TXXX:{frame.desc}", str(text)))
    return scan


def write_mp3(data: bytes, value: str) -> bytes:
    from mutagen.id3 import ID3, TXXX

    tags = _guard("mp3", _id3, data)
    version = 4
    if tags is None:
        tags = ID3()
    else:
        version = 3 if tags.version[1] == 3 else 4
        for frame in list(tags.getall("TXXX")):
            if has_aigc_key(frame.desc):
                tags.delall(f"TXXX:{frame.desc}")
    tags.add(TXXX(encoding=3 if version == 4 else 1, desc="AIGC", text=[value]))
    buf = io.BytesIO(data)
    _guard("mp3", lambda: tags.save(buf, v2_version=version))
    return buf.getvalue()


# --- FLAC / Ogg ------------------------------------------------------------------------------------------

def _vorbis(fmt: str, data: bytes) -> Any:
    if fmt == "flac":
        from mutagen.flac import FLAC

        return FLAC(io.BytesIO(data))
    from mutagen.oggopus import OggOpus
    from mutagen.oggvorbis import OggVorbis

    head = data[:512]
    cls = OggOpus if b"OpusHead" in head else OggVorbis
    if cls is OggVorbis and b"\x01vorbis" not in head:
        raise MediaError("ogg: only Vorbis and Opus streams are supported")
    return cls(io.BytesIO(data))


def read_vorbis(fmt: str, data: bytes) -> Scan:
    scan = Scan(fmt)
    f = _guard(fmt, _vorbis, fmt, data)
    where = "FLAC:VORBIS_COMMENT" if fmt == "flac" else ("OpusTags" if "Opus" in type(f).__name__ else
                                                          "VorbisComment")
    pairs = list.__iter__(f.tags) if f.tags is not None else iter(())  # (key, value) pairs, repeats kept
    for key, val in pairs:
        if has_aigc_key(key):
            scan.found.append(Found(f"{fmt}:{where}:{key}", val))
    return scan


def write_vorbis(fmt: str, data: bytes, value: str) -> bytes:
    f = _guard(fmt, _vorbis, fmt, data)
    if f.tags is None:
        f.add_tags()
    for key in [k for k in f.tags.keys() if has_aigc_key(k)]:
        del f.tags[key]
    f.tags["AIGC"] = [value]
    buf = io.BytesIO(data)
    _guard(fmt, lambda: f.save(buf))
    return buf.getvalue()
