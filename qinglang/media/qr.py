"""QR code decoding with zxing-cpp (C++: ~10 ms for a phone screenshot, no model)."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import MediaError
from .boxes import Box, from_points


@dataclass(frozen=True, slots=True)
class QRCode:
    payload: str
    bbox: Box
    format: str = "QRCode"


def available() -> bool:
    """Installed? (found without importing it: engine builds stay fast for text-only use)"""
    import importlib.util

    return importlib.util.find_spec("zxingcpp") is not None


class QRReader:
    """Finds every QR / Micro QR / rMQR code in an RGB image; payloads are the decoded text."""

    def __init__(self) -> None:
        try:
            import zxingcpp
        except ImportError as exc:
            raise ImportError("QR decoding needs zxing-cpp: pip install 'qinglang[media]'") from exc
        self._zx = zxingcpp
        f = zxingcpp.BarcodeFormat
        self._formats = (f.QRCode, f.MicroQRCode, f.RMQRCode)

    def read(self, image) -> list[QRCode]:
        try:
            results = self._zx.read_barcodes(image, formats=self._formats)
        except Exception as exc:  # zxing raises plain exceptions on odd buffers
            raise MediaError(f"QR decoding failed: {exc}") from None
        out = []
        for r in results:
            if not r.valid or not r.text:
                continue
            p = r.position
            box = from_points([(p.top_left.x, p.top_left.y), (p.top_right.x, p.top_right.y),
                               (p.bottom_right.x, p.bottom_right.y), (p.bottom_left.x, p.bottom_left.y)])
            out.append(QRCode(payload=r.text, bbox=box, format=str(r.format)))
        out.sort(key=lambda q: (q.bbox[1], q.bbox[0]))
        return out
