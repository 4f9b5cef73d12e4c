"""The explicit label (显式标识, GB 45438 Chapter 5): find the wording in text or in image pixels, check its
position and size, and draw a compliant one.

Wording: an AI element ("AI"/"人工智能") plus a generation element ("生成"/"合成") (§5.x b)); the text corner
mark (§5.1 c)) needs only "AI". Images: on an edge or corner, text height ≥ 5% of the shortest side (§5.2).
OCR is optional (rapidocr, extra ``[ocr]``); without it the image check says so instead of guessing.
"""

from __future__ import annotations

import functools
import io
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from typing import Any, Literal

from ...text.normalize import NormalizedText, normalize
from .errors import MediaError
from .label import Problem

Level = Literal["confirmed", "possible", "suspected"]
TEXT_WORDING: dict[str, str] = {
    "confirmed": "【本内容由人工智能生成】",
    "possible": "【本内容可能由人工智能生成】",
    "suspected": "【本内容疑似由人工智能生成】",
}
IMAGE_WORDING: dict[str, str] = {"confirmed": "AI生成", "possible": "可能为AI生成", "suspected": "疑似AI生成"}
MIN_HEIGHT_RATIO = 0.05  # §5.2 / §5.4: text height ≥ 5% of the shortest side
MAX_PIXELS = 60_000_000
OCR_MAX_SIDE = 960  # a 5%-high label is still ≥ 24 px at this scale
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/msyh.ttc",
)

# On the normalized text (case and width folded): the AI element, then within a short phrase the generation one.
# (The AI element first, its left neighbour checked after it: a pattern that opens with a look-behind makes `re`
# try it at every position; opening with the words lets it skip ahead. Same matches, 2x faster.)
_LABEL = re.compile(r"(ai|人工智能)(?<![a-z]ai)(?<![a-z]人工智能)(?![a-z])[^。！？!?\n]{0,8}?(生成|合成)")
_CORNER = re.compile(r"[\[【(（<〔]\s*ai\s*[\]】)）>〕]")


@dataclass(frozen=True, slots=True)
class Finding:
    """One explicit label found: its wording, where, and (for pixels) its size against the §5.2 rule."""

    kind: str  # "text", "corner_mark" or "image"
    text: str
    position: str  # start / end / middle (text); top-left corner, bottom edge, center… (image)
    start: int | None = None
    end: int | None = None
    bbox: tuple[int, int, int, int] | None = None
    height_px: float | None = None
    height_ratio: float | None = None
    size_ok: bool | None = None
    position_ok: bool = True
    normalized: str = ""  # the canonical form that matched (text findings)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "text": self.text, "position": self.position,
                               "position_ok": self.position_ok}
        if self.start is not None:
            out.update(start=self.start, end=self.end)
        if self.bbox is not None:
            out.update(bbox=list(self.bbox), height_px=round(self.height_px or 0, 1),
                       height_ratio=round(self.height_ratio or 0, 4), size_ok=self.size_ok)
        return out


@dataclass(frozen=True, slots=True)
class ExplicitCheck:
    """The explicit-label verdict for one item: checked or why not, what was found, what is missing."""

    checked: bool
    findings: tuple[Finding, ...] = ()
    problems: tuple[Problem, ...] = ()
    reason: str = ""

    @property
    def compliant(self) -> bool:
        return self.checked and any(f.position_ok and f.size_ok is not False and f.kind != "corner_mark"
                                    for f in self.findings)

    @property
    def present(self) -> bool:
        return any(f.kind != "corner_mark" for f in self.findings)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"checked": self.checked, "present": self.present, "compliant": self.compliant,
                               "findings": [f.to_json() for f in self.findings],
                               "problems": [p.to_json() for p in self.problems]}
        if self.reason:
            out["reason"] = self.reason
        return out


# --- text ------------------------------------------------------------------------------------------------

def find_in_text(text: str, window: int = 64, normalized: NormalizedText | None = None) -> list[Finding]:
    """Every label wording in `text`, with original offsets and start/end/middle position (§5.1).
    `normalized`: `text` already normalized with every layer on (what `normalize(text)` returns), reused."""
    nt = normalized if normalized is not None and normalized.original == text else normalize(text)
    out: list[Finding] = []
    for rx, kind in ((_LABEL, "text"), (_CORNER, "corner_mark")):
        for m in rx.finditer(nt.text):
            a, b = nt.span(m.start(), m.end())
            if kind == "corner_mark" and any(f.start is not None and f.start <= a < (f.end or 0) for f in out):
                continue
            to_start, to_end = a, len(text) - b
            pos = "middle" if min(to_start, to_end) > window else "start" if to_start <= to_end else "end"
            if kind == "corner_mark" and pos == "middle":
                continue  # a bracketed "AI" mid-text is prose, not a corner mark
            out.append(Finding(kind, text[a:b], pos, start=a, end=b, normalized=m.group(0)))
    return sorted(out, key=lambda f: f.start or 0)


def check_text(text: str, window: int = 64) -> ExplicitCheck:
    """§5.1: a text label at the start, the end or a suitable middle point (any position counts)."""
    findings = find_in_text(text, window)
    problems: list[Problem] = []
    if not any(f.kind == "text" for f in findings):
        if findings:
            problems.append(Problem("EXPLICIT_CORNER_ONLY", "warning",
                                    "only an 'AI' corner mark was found; a text notice needs AI + 生成/合成"))
        else:
            problems.append(Problem("EXPLICIT_MISSING", "warning",
                                    "no explicit label (AI/人工智能 + 生成/合成) in the text"))
    elif not any(f.position in ("start", "end") for f in findings if f.kind == "text"):
        problems.append(Problem("EXPLICIT_MIDDLE_ONLY", "info",
                                f"the label appears only mid-text (not within {window} characters of the start or "
                                f"end); allowed by §5.1 but less prominent"))
    return ExplicitCheck(True, tuple(findings), tuple(problems))


def add_text_label(text: str, level: Level, where: Literal["start", "end", "both"] = "start",
                   wording: dict[str, str] | None = None) -> str:
    """The text with the platform's notice prepended and/or appended (标识办法 Art. 6)."""
    notice = (wording or TEXT_WORDING)[level]
    out = text
    if where in ("start", "both"):
        out = notice + "\n" + out
    if where in ("end", "both"):
        out = out + ("" if out.endswith("\n") else "\n") + notice + "\n"
    return out


# --- OCR -------------------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _ocr_engine() -> Any:
    """The project's one OCR pipeline (`qinglang.media.ocr`), sized for labels: the default would upsample every
    image, 4x slower on labels that are >= 5% of the short side anyway."""
    from .. import ocr

    if not ocr.available():
        return None
    return ocr.OcrReader(ocr.OcrConfig(max_side=OCR_MAX_SIDE))


def ocr_available() -> bool:
    return _ocr_engine() is not None


def _ocr(img: Any) -> list[tuple[list[tuple[float, float]], str, float]]:
    """(quad, text, score) for each text line, in the image's pixel coordinates."""
    lines = _ocr_engine().read(img.convert("RGB"))
    return [([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], ln.text, ln.score)
            for ln in lines for x0, y0, x1, y1 in [ln.bbox]]


def _open_image(data: bytes) -> Any:
    try:
        from PIL import Image, UnidentifiedImageError
    except ImportError as exc:  # pragma: no cover - exercised only without the [media] extra
        raise MediaError("image labels need Pillow (pip install 'qinglang[media]')") from exc
    try:
        im = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise MediaError(f"image cannot be decoded: {exc}") from None
    w, h = im.size
    if w <= 0 or h <= 0 or w * h > MAX_PIXELS:
        raise MediaError(f"image of {w}x{h} pixels exceeds the {MAX_PIXELS}-pixel limit")
    try:
        im.load()
    except (OSError, ValueError, SyntaxError) as exc:
        raise MediaError(f"image data is corrupt or truncated: {exc}") from None
    return im


def _where(bbox: tuple[float, float, float, float], w: int, h: int, band: float) -> tuple[str, bool]:
    x0, y0, x1, y1 = bbox
    left, right = x0 <= band * w, x1 >= (1 - band) * w
    top, bottom = y0 <= band * h, y1 >= (1 - band) * h
    vert = "top" if top and not bottom else "bottom" if bottom and not top else ""
    horiz = "left" if left and not right else "right" if right and not left else ""
    if vert and horiz:
        return f"{vert}-{horiz} corner", True
    if vert or horiz:
        return f"{vert or horiz} edge", True
    return "center", False


def check_image(data: bytes, *, min_height_ratio: float = MIN_HEIGHT_RATIO, edge_band: float = 0.2,
                what: str = "image") -> ExplicitCheck:
    """§5.2: OCR the image, keep lines carrying the wording, check edge/corner position and text height."""
    if not ocr_available():
        return ExplicitCheck(False, reason="OCR is not installed (pip install 'qinglang[ocr]'): the visible label "
                                           "was not checked")
    im = _open_image(data)
    if getattr(im, "n_frames", 1) > 1:
        im.seek(0)
    w, h = im.size
    scale = min(1.0, OCR_MAX_SIDE / max(w, h))
    small = im if scale == 1.0 else im.convert("RGB").resize((max(1, round(w * scale)), max(1, round(h * scale))))
    return _judge(_ocr(small), w, h, scale, min_height_ratio, edge_band, what)


def _judge(lines: list[tuple[list[tuple[float, float]], str, float]], w: int, h: int, scale: float,
           min_height_ratio: float, edge_band: float, what: str) -> ExplicitCheck:
    shortest = min(w, h)
    findings: list[Finding] = []
    for quad, txt, _score in lines:
        nt = normalize(txt)
        if not _LABEL.search(nt.text):
            continue
        xs = [p[0] / scale for p in quad]
        ys = [p[1] / scale for p in quad]
        bbox = (min(xs), min(ys), max(xs), max(ys))
        sides = [((quad[i][0] - quad[i - 1][0]) ** 2 + (quad[i][1] - quad[i - 1][1]) ** 2) ** 0.5 / scale
                 for i in range(4)]
        height = min(sides)  # a text line is longer than it is tall, whatever its rotation
        ratio = height / shortest
        position, pos_ok = _where(bbox, w, h, edge_band)
        findings.append(Finding("image", txt, position, bbox=tuple(round(v) for v in bbox),  # type: ignore[arg-type]
                                height_px=height, height_ratio=ratio, size_ok=ratio >= min_height_ratio,
                                position_ok=pos_ok))
    problems: list[Problem] = []
    if not findings:
        problems.append(Problem("EXPLICIT_MISSING", "warning",
                                f"no visible label (AI/人工智能 + 生成/合成) found in the {what} by OCR"))
    else:
        if not any(f.size_ok for f in findings):
            best = max(findings, key=lambda f: f.height_ratio or 0)
            problems.append(Problem("EXPLICIT_TOO_SMALL", "error",
                                    f"label text is {best.height_px:.0f}px high = {100 * (best.height_ratio or 0):.1f}%"
                                    f" of the shortest side ({shortest}px); GB 45438 requires ≥ "
                                    f"{100 * min_height_ratio:.0f}%"))
        if not any(f.position_ok for f in findings):
            problems.append(Problem("EXPLICIT_NOT_AT_EDGE", "error",
                                    "label is not on an edge or corner of the " + what))
    return ExplicitCheck(True, tuple(findings), tuple(problems))


# --- video (opening frames, §5.4) ------------------------------------------------------------------------

def check_video(path: str, *, seconds: tuple[float, ...] = (0.0, 1.9), timeout: float = 30.0,
                min_height_ratio: float = MIN_HEIGHT_RATIO, edge_band: float = 0.2) -> ExplicitCheck:
    """§5.4: the label must be on the opening frames for ≥ 2 s: OCR the frames at 0 s and 1.9 s (ffmpeg)."""
    if shutil.which("ffmpeg") is None:
        return ExplicitCheck(False, reason="ffmpeg is not installed: video frames were not checked")
    if not ocr_available():
        return ExplicitCheck(False, reason="OCR is not installed (pip install 'qinglang[ocr]'): video frames were "
                                           "not checked")
    findings: list[Finding] = []
    problems: list[Problem] = []
    seen: list[bool] = []
    for t in seconds:
        try:
            proc = subprocess.run(
                ["ffmpeg", "-v", "error", "-ss", f"{t}", "-i", path, "-frames:v", "1", "-f", "image2pipe",
                 "-vcodec", "png", "-"], capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise MediaError(f"ffmpeg took more than {timeout}s to decode a frame of {path}") from None
        if proc.returncode != 0 or not proc.stdout:
            problems.append(Problem("EXPLICIT_FRAME_MISSING", "error" if t == 0 else "warning",
                                    f"no video frame at {t}s (video shorter than the 2 s label rule?)"))
            continue
        frame = check_image(proc.stdout, min_height_ratio=min_height_ratio, edge_band=edge_band, what="video frame")
        findings += [Finding(f.kind, f.text, f"{f.position} @ {t}s", bbox=f.bbox, height_px=f.height_px,
                             height_ratio=f.height_ratio, size_ok=f.size_ok, position_ok=f.position_ok)
                     for f in frame.findings]
        seen.append(frame.present)
        if not frame.present and any(seen[:-1]):
            problems.append(Problem("EXPLICIT_TOO_SHORT", "error", f"the label on the opening frames is gone at {t}s;"
                                    f" GB 45438 §5.4 requires it for at least 2 s"))
            continue
        problems += [Problem(p.code, p.severity, f"{p.message} (frame at {t}s)") for p in frame.problems]
    return ExplicitCheck(True, tuple(findings), tuple(problems))


# --- drawing ---------------------------------------------------------------------------------------------

def find_font(path: str | None = None) -> str:
    """A font file with CJK glyphs: the given one, a known system path, or what fontconfig suggests."""
    import os

    if path:
        if not os.path.exists(path):
            raise MediaError(f"font not found: {path}")
        return path
    for cand in FONT_CANDIDATES:
        if os.path.exists(cand):
            return cand
    if shutil.which("fc-match"):
        try:
            out = subprocess.run(["fc-match", "-f", "%{file}", ":lang=zh"], capture_output=True, text=True,
                                 timeout=5, check=False).stdout.strip()
        except subprocess.TimeoutExpired:
            out = ""
        if out and os.path.exists(out):
            return out
    raise MediaError("no font with Chinese glyphs found: install fonts-wqy-microhei or pass --font")


@dataclass(frozen=True, slots=True)
class DrawSpec:
    """How the visible label is drawn: corner, target text height (a margin above the 5% rule), font."""

    corner: Literal["top-left", "top-right", "bottom-left", "bottom-right"] = "bottom-right"
    height_ratio: float = 0.065
    font: str | None = None
    wording: dict[str, str] = field(default_factory=lambda: dict(IMAGE_WORDING))


def draw_image_label(data: bytes, fmt: str, level: Level, spec: DrawSpec = DrawSpec()) -> bytes:
    """The image with the wording drawn in a corner, ink height ≥ spec.height_ratio of the shortest side.

    The pixels are re-encoded; every metadata chunk/segment of the original is carried over unchanged.
    """
    from PIL import Image, ImageDraw, ImageFont

    im = _open_image(data)
    if getattr(im, "n_frames", 1) > 1:
        raise MediaError("animated images are not supported for drawing a visible label")
    w, h = im.size
    text = spec.wording[level]
    target = spec.height_ratio * min(w, h)
    font_path = find_font(spec.font)
    size = max(8, int(target))
    for _ in range(200):
        font = ImageFont.truetype(font_path, size)
        x0, y0, x1, y1 = font.getbbox(text)
        if y1 - y0 >= target:
            break
        size += 1
    pad = max(2, round(0.25 * (y1 - y0)))
    margin = max(2, round(0.02 * min(w, h)))
    bw, bh = (x1 - x0) + 2 * pad, (y1 - y0) + 2 * pad
    if bw + 2 * margin > w or bh + 2 * margin > h:
        raise MediaError(f"image of {w}x{h} is too small for a label {bw}x{bh}px high enough for GB 45438 §5.2")
    bx = margin if spec.corner.endswith("left") else w - margin - bw
    by = margin if spec.corner.startswith("top") else h - margin - bh
    base = im.convert("RGBA")
    overlay = Image.new("RGBA", base.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    draw.rectangle((bx, by, bx + bw, by + bh), fill=(0, 0, 0, 160))
    draw.text((bx + pad - x0, by + pad - y0), text, font=font, fill=(255, 255, 255, 255))
    out_im = Image.alpha_composite(base, overlay)
    buf = io.BytesIO()
    if fmt == "png":
        keep_alpha = im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info)
        (out_im if keep_alpha else out_im.convert("RGB")).save(buf, "PNG")
        from .formats import png

        return _png_transplant(data, buf.getvalue(), png)
    if fmt == "jpeg":
        out_im.convert("RGB").save(buf, "JPEG", quality=95)
        from .formats import jpeg

        return jpeg.transplant_metadata(data, buf.getvalue())
    if fmt == "webp":
        kw = {k: im.info[k] for k in ("exif", "xmp", "icc_profile") if im.info.get(k)}
        out_im.save(buf, "WEBP", quality=92, **kw)
        return buf.getvalue()
    raise MediaError(f"drawing a visible label is not supported for {fmt} files")


_PIXEL_BOUND = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND", b"bKGD", b"sBIT", b"hIST", b"acTL", b"fcTL", b"fdAT"}


def _png_transplant(original: bytes, reencoded: bytes, png: Any) -> bytes:
    """The re-encoded PNG's pixel chunks with every metadata chunk of the original (text, XMP, EXIF, ICC…)."""
    old = png.chunks(original)
    new = png.chunks(reencoded)
    meta = [c for c in old if c.type not in _PIXEL_BOUND]
    ihdr = [c for c in new if c.type == b"IHDR"]
    pix = [c for c in new if c.type in (b"PLTE", b"tRNS", b"IDAT")]
    return png.SIGNATURE + b"".join(c.encode() for c in [*ihdr, *meta, *pix, png.Chunk(b"IEND", b"")])
