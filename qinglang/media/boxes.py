"""Bounding boxes: (x0, y0, x1, y1) in pixels of the decoded image, end exclusive, axis-aligned."""

from __future__ import annotations

from collections.abc import Iterable

Box = tuple[int, int, int, int]


def union(boxes: Iterable[Box | None]) -> Box | None:
    """The smallest box holding all given boxes (None if there are none)."""
    xs0, ys0, xs1, ys1 = [], [], [], []
    for b in boxes:
        if b is None:
            continue
        xs0.append(b[0])
        ys0.append(b[1])
        xs1.append(b[2])
        ys1.append(b[3])
    if not xs0:
        return None
    return (min(xs0), min(ys0), max(xs1), max(ys1))


def from_points(points: Iterable[tuple[float, float]]) -> Box:
    """The axis-aligned box around a quadrilateral (OCR and QR corners may be rotated)."""
    pts = list(points)
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return (int(min(xs)), int(min(ys)), round(max(xs)), round(max(ys)))


def split_line(box: Box, text: str) -> list[Box]:
    """Per-character boxes for a horizontal text line: the line box cut by character widths.

    Approximate (CJK and full-width characters count as one em, others as half an em), but enough to say
    where in a line a phone number sits; vertical lines (taller than wide) are cut top to bottom.
    """
    if not text:
        return []
    weights = [1.0 if _wide(c) else 0.5 for c in text]
    total = sum(weights)
    x0, y0, x1, y1 = box
    vertical = (y1 - y0) > 1.5 * (x1 - x0) and len(text) > 1
    lo, hi = (y0, y1) if vertical else (x0, x1)
    out: list[Box] = []
    acc = 0.0
    for w in weights:
        a = lo + (hi - lo) * acc / total
        acc += w
        b = lo + (hi - lo) * acc / total
        a_i, b_i = int(a), max(round(b), int(a) + 1)
        out.append((x0, a_i, x1, b_i) if vertical else (a_i, y0, b_i, y1))
    return out


def _wide(c: str) -> bool:
    o = ord(c)
    return o >= 0x1100 and not (0xFF61 <= o <= 0xFFDC)
