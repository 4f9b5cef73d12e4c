"""Media → text fields for the ONE text pipeline: QR payloads and OCR lines become `Views` fields.

For image i the extractor adds ``media[i].qr`` (one payload per line) and ``media[i].ocr`` (one OCR line per
line), each with a box per character, so every detector runs on them unchanged and their evidence says which
image and where. It also records per-image facts (sha256, size, PDQ hash) for detectors that match images.
A failure on one image never fails the request: it is returned as a `MediaFailure` and the engine marks
the decision degraded (the default policy then sends it to review rather than passing unseen pixels).
"""

from __future__ import annotations

import hashlib
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError, MediaError, MediaMissing
from ..model import Content, MediaRef
from . import hash as pdq_mod
from . import ocr as ocr_mod
from . import qr as qr_mod
from .boxes import Box, split_line
from .decode import MediaLimits, MediaLoader

log = logging.getLogger(__name__)

# Audio and video containers: an item with no `mime` whose path ends so is not an image, and the image stage
# does not open it (its note and metadata are still read). A table, not `mimetypes`, whose answer depends on
# the host's /etc/mime.types (`.ts` is a Qt translation file there).
AV_SUFFIXES = frozenset({
    ".mp4", ".m4v", ".mov", ".avi", ".mkv", ".webm", ".flv", ".ts", ".m3u8", ".3gp", ".wmv", ".mpg", ".mpeg",
    ".mp3", ".m4a", ".aac", ".wav", ".flac", ".ogg", ".opus", ".amr", ".wma", ".silk",
})


def is_image_ref(ref: MediaRef) -> bool:
    """Whether the image stage should open this item: bytes to read, and an image by `mime` or, without one,
    not an audio/video file by its path's suffix."""
    if not ref.has_file:
        return False
    if ref.mime:
        return ref.mime.startswith("image/")
    return ref.path is None or Path(ref.path).suffix.lower() not in AV_SUFFIXES


@dataclass(frozen=True, slots=True)
class ImageInfo:
    index: int
    source: str
    sha256: str
    format: str
    width: int
    height: int
    pdq: str | None = None
    pdq_quality: int | None = None
    qr: tuple[qr_mod.QRCode, ...] = ()
    ocr: tuple[ocr_mod.OcrLine, ...] = ()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"index": self.index, "source": self.source, "sha256": self.sha256,
                               "format": self.format, "width": self.width, "height": self.height}
        if self.pdq is not None:
            out["pdq"] = self.pdq
            out["pdq_quality"] = self.pdq_quality
        if self.qr:
            out["qr"] = [{"payload": q.payload, "bbox": list(q.bbox)} for q in self.qr]
        if self.ocr:
            out["ocr"] = [{"text": o.text, "score": round(o.score, 3), "bbox": list(o.bbox)} for o in self.ocr]
        return out


@dataclass(frozen=True, slots=True)
class ExtractedField:
    name: str
    text: str
    boxes: tuple[Box | None, ...]


@dataclass(frozen=True, slots=True)
class MediaFailure:
    index: int
    stage: str  # missing | read | decode | qr | ocr | pdq | limit
    message: str

    def __str__(self) -> str:
        return f"media[{self.index}].{self.stage}: {self.message}"


@dataclass(frozen=True, slots=True)
class Extraction:
    fields: tuple[ExtractedField, ...] = ()
    images: tuple[ImageInfo, ...] = ()
    failures: tuple[MediaFailure, ...] = ()


@dataclass(frozen=True)
class MediaSettings:
    """What to extract. From `EngineConfig.extra["media"]` (a dict with these keys) or defaults."""

    root: Path | None = None
    limits: MediaLimits = field(default_factory=MediaLimits)
    qr: bool = True
    ocr: bool = True
    pdq: bool = True
    ocr_config: ocr_mod.OcrConfig = field(default_factory=ocr_mod.OcrConfig)
    max_items: int = 16

    @classmethod
    def from_options(cls, opts: dict[str, Any]) -> MediaSettings:
        known = {"root", "max_bytes", "max_pixels", "max_side", "qr", "ocr", "pdq", "ocr_max_side", "ocr_min_scale",
                 "ocr_threads", "ocr_use_cls", "ocr_min_score", "max_items"}
        unknown = set(opts) - known
        if unknown:
            raise ConfigError(f"media options: unknown keys {sorted(unknown)}; known: {sorted(known)}")
        dl, do = MediaLimits(), ocr_mod.OcrConfig()
        try:
            lim = MediaLimits(
                max_bytes=int(opts.get("max_bytes", dl.max_bytes)),
                max_pixels=int(opts.get("max_pixels", dl.max_pixels)),
                max_side=int(opts.get("max_side", dl.max_side)),
            )
            oc = ocr_mod.OcrConfig(
                max_side=int(opts.get("ocr_max_side", do.max_side)),
                min_scale=float(opts.get("ocr_min_scale", do.min_scale)),
                threads=int(opts.get("ocr_threads", do.threads)),
                use_cls=bool(opts.get("ocr_use_cls", do.use_cls)),
                min_score=float(opts.get("ocr_min_score", do.min_score)),
            )
            return cls(root=Path(opts["root"]) if opts.get("root") else None, limits=lim,
                       qr=bool(opts.get("qr", True)), ocr=bool(opts.get("ocr", True)), pdq=bool(opts.get("pdq", True)),
                       ocr_config=oc, max_items=int(opts.get("max_items", 16)))
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"media options: {exc}") from None


def pillow_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("PIL") is not None


class MediaExtractor:
    """Built once per engine state; thread-safe. The OCR model loads on the first image that needs it."""

    def __init__(self, settings: MediaSettings | None = None) -> None:
        self.settings = s = settings or MediaSettings()
        if not pillow_available():
            raise ImportError("media extraction needs Pillow: pip install 'qinglang[media]'")
        self.loader = MediaLoader(s.root, s.limits)
        self.notes: list[str] = []  # why a step is off (shown by the engine and the docs)
        self._qr = None
        if s.qr:
            if qr_mod.available():
                self._qr = qr_mod.QRReader()
            else:
                self.notes.append("QR decoding off: zxing-cpp is not installed (pip install 'qinglang[media]')")
        self._ocr_on = s.ocr and ocr_mod.available()
        if s.ocr and not self._ocr_on:
            self.notes.append("OCR off: rapidocr_onnxruntime is not installed (pip install 'qinglang[ocr]')")
        self._pdq_on = s.pdq and pdq_mod.available()
        if s.pdq and not self._pdq_on:
            self.notes.append("PDQ hashing off: pdqhash is not installed (pip install 'qinglang[media]')")
        self._ocr: ocr_mod.OcrReader | None = None
        self._ocr_lock = threading.Lock()
        for note in self.notes:
            log.warning(note)

    @property
    def fingerprint(self) -> str:
        """Changes when what the extractor produces may change (goes into the engine's policy version)."""
        s = self.settings
        parts = [f"qr={self._qr is not None}", f"ocr={self._ocr_on}:{s.ocr_config}", f"pdq={self._pdq_on}",
                 f"limits={s.limits}"]
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]

    def _ocr_reader(self) -> ocr_mod.OcrReader:
        with self._ocr_lock:
            if self._ocr is None:
                self._ocr = ocr_mod.OcrReader(self.settings.ocr_config)
            return self._ocr

    def extract(self, content: Content) -> Extraction:
        fields: list[ExtractedField] = []
        images: list[ImageInfo] = []
        failures: list[MediaFailure] = []
        for i, ref in enumerate(content.media):
            if i >= self.settings.max_items:
                failures.append(MediaFailure(i, "limit", f"more than {self.settings.max_items} media items; "
                                                         "the rest were not examined"))
                break
            if not is_image_ref(ref):
                continue  # metadata only (no bytes to look at); audio/video/documents are other extractors' business
            try:
                img = self.loader.load(ref, i)
            except MediaMissing as exc:
                failures.append(MediaFailure(i, "missing", exc.message))
                continue
            except MediaError as exc:
                failures.append(MediaFailure(i, "decode", exc.message))
                continue
            codes: tuple[qr_mod.QRCode, ...] = ()
            lines: tuple[ocr_mod.OcrLine, ...] = ()
            pdq_hex = quality = None
            if self._qr is not None:
                try:
                    codes = tuple(self._qr.read(img.image))
                except MediaError as exc:
                    failures.append(MediaFailure(i, "qr", exc.message))
            if self._ocr_on:
                try:
                    lines = tuple(self._ocr_reader().read(img.image))
                except MediaError as exc:
                    failures.append(MediaFailure(i, "ocr", exc.message))
            if self._pdq_on:
                try:
                    h = pdq_mod.pdq(img.image)
                    pdq_hex, quality = h.hex, h.quality
                except Exception as exc:  # a hashing bug must not fail the request either
                    failures.append(MediaFailure(i, "pdq", f"{type(exc).__name__}: {exc}"))
            images.append(ImageInfo(index=i, source=img.source, sha256=img.sha256, format=img.format,
                                    width=img.width, height=img.height, pdq=pdq_hex, pdq_quality=quality,
                                    qr=codes, ocr=lines))
            if codes:
                fields.append(_joined(f"media[{i}].qr", [(c.payload, c.bbox, False) for c in codes]))
            if lines:
                fields.append(_joined(f"media[{i}].ocr", [(ln.text, ln.bbox, True) for ln in lines]))
        return Extraction(tuple(fields), tuple(images), tuple(failures))


def _joined(name: str, parts: list[tuple[str, Box, bool]]) -> ExtractedField:
    """One field, one part per line; each character carries its part's box (OCR lines: cut per character)."""
    text_parts: list[str] = []
    boxes: list[Box | None] = []
    for k, (text, box, split) in enumerate(parts):
        text = text.replace("\n", " ").replace("\r", " ")
        if k:
            text_parts.append("\n")
            boxes.append(None)
        text_parts.append(text)
        boxes.extend(split_line(box, text) if split else [box] * len(text))
    return ExtractedField(name, "".join(text_parts), tuple(boxes))
