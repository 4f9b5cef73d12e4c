"""Real image files for the media tests: QR codes made with `qrcode`, Chinese text rendered with a CJK font."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

FONT_PATHS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
)


def cjk_font_path() -> str | None:
    for p in FONT_PATHS:
        if Path(p).is_file():
            return p
    if shutil.which("fc-list"):
        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, check=False).stdout
        for line in out.splitlines():
            path = line.split(":", 1)[0].strip()
            if path:
                return path
    return None


def render_text(path: Path, lines: list[tuple[tuple[int, int], str]], font_path: str, *, size: int = 56,
                canvas: tuple[int, int] = (1080, 1080)) -> dict[str, tuple[int, int, int, int]]:
    """Draw lines of text; return each line's drawn box (x0, y0, x1, y1)."""
    font = ImageFont.truetype(font_path, size)
    im = Image.new("RGB", canvas, "white")
    d = ImageDraw.Draw(im)
    boxes = {}
    for (x, y), text in lines:
        d.text((x, y), text, font=font, fill=(20, 20, 20))
        boxes[text] = d.textbbox((x, y), text, font=font)
    im.save(path)
    return boxes


def make_qr(path: Path, payload: str, *, canvas: tuple[int, int] = (800, 600), at: tuple[int, int] = (300, 100),
            fmt: str = "PNG") -> tuple[int, int, int, int]:
    """A QR code pasted on a white canvas; returns the pasted code's box (with its quiet zone)."""
    qrcode = pytest.importorskip("qrcode", reason="pip install qrcode")
    q = qrcode.make(payload).get_image().convert("RGB")
    im = Image.new("RGB", canvas, "white")
    im.paste(q, at)
    im.save(path, fmt)
    return (at[0], at[1], at[0] + q.width, at[1] + q.height)
