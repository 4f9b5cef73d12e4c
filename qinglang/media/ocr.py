"""Text in images with RapidOCR (PP-OCRv4 detection + recognition on onnxruntime; the models ship inside the
`rapidocr_onnxruntime` wheel, so nothing is downloaded at run time).

Tuned for throughput on small CPUs (figures in docs/media.md): the image is shrunk so its longer side is at
most `max_side` (but never below `min_scale`, so long screenshots keep legible text) before detection and
recognition (detection cost grows with the pixel count; PP-OCR still reads 14 px text shrunk to 60 %), the
angle classifier is skipped (screenshots and posters are upright; EXIF rotation is already applied), and
onnxruntime gets a fixed thread count instead of grabbing every core of a shared machine.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from ..errors import MediaError
from .boxes import Box, from_points


@dataclass(frozen=True, slots=True)
class OcrLine:
    text: str
    score: float
    bbox: Box  # in the decoded image's pixels


@dataclass(frozen=True, slots=True)
class OcrConfig:
    max_side: int = 736  # longer side before detection; 0 = keep the original size
    min_scale: float = 0.5  # never shrink more than this (a long screenshot keeps legible text)
    use_cls: bool = False
    threads: int = 2
    min_score: float = 0.5  # recognition confidence below which a line is dropped


def available() -> bool:
    """Installed? (found without importing it: engine builds stay fast for text-only use)"""
    import importlib.util

    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


class OcrReader:
    """One loaded OCR pipeline; `read` is serialized with a lock (onnxruntime sessions already use the cores)."""

    def __init__(self, config: OcrConfig | None = None) -> None:
        self.config = cfg = config or OcrConfig()
        try:
            from rapidocr_onnxruntime import RapidOCR
        except ImportError as exc:
            raise ImportError("OCR needs rapidocr_onnxruntime: pip install 'qinglang[ocr]'") from exc
        import logging

        logging.getLogger("RapidOCR").setLevel(logging.WARNING)
        self._ocr = RapidOCR(
            use_cls=cfg.use_cls, text_score=cfg.min_score, intra_op_num_threads=cfg.threads,
            inter_op_num_threads=1, det_limit_type="max", det_limit_side_len=max(cfg.max_side, 32),
        )
        self._lock = threading.Lock()

    def read(self, image) -> list[OcrLine]:
        """Lines of text, top to bottom, each with its box in the ORIGINAL image's pixel coordinates."""
        cfg = self.config
        scale = 1.0
        w, h = image.size
        if cfg.max_side and max(w, h) > cfg.max_side:
            scale = min(max(w, h) / cfg.max_side, 1 / max(cfg.min_scale, 1e-3))
            image = image.resize((max(1, round(w / scale)), max(1, round(h / scale))), resample=2)  # bilinear
        try:
            with self._lock:
                result, _ = self._ocr(image, use_cls=cfg.use_cls, text_score=cfg.min_score)
        except Exception as exc:  # onnxruntime / opencv errors on odd inputs
            raise MediaError(f"OCR failed: {type(exc).__name__}: {exc}") from None
        lines = []
        for points, text, score in result or []:
            text = str(text).strip()
            if not text:
                continue
            x0, y0, x1, y1 = from_points((float(x) * scale, float(y) * scale) for x, y in points)
            lines.append(OcrLine(text=text, score=float(score),
                                 bbox=(max(0, x0), max(0, y0), min(w, x1), min(h, y1))))
        return lines
