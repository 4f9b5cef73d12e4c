"""Implicit-label inspection speed per format, as a ratio against a baseline metadata read in the same process.

Baseline: what a platform would otherwise call to get at the file's metadata (Pillow `Image.open().info` for
images, mutagen for audio, pypdf for PDF, zipfile for OOXML, a plain `bytes.find` elsewhere). Our inspector
does more (every location, validation, cross-checks), so a ratio near 1 means "no slower than reading tags".

    python benchmarks/aigc_inspect.py            # needs the [media] extra; ffmpeg for MP4/MP3/FLAC/Ogg
"""

from __future__ import annotations

import io
import shutil
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "media" / "aigc")]

import aigc_files as f  # noqa: E402  (the test-file factories: real files made with Pillow, ffmpeg, pypdf)

from qinglang.media.aigc import inspect_bytes  # noqa: E402


def _pil(d: bytes) -> object:
    from PIL import Image

    return Image.open(io.BytesIO(d)).info


def _mutagen(d: bytes) -> object:
    import mutagen

    return mutagen.File(io.BytesIO(d))


def _pdf(d: bytes) -> object:
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(d)).metadata


def _zip(d: bytes) -> object:
    return zipfile.ZipFile(io.BytesIO(d)).read("docProps/custom.xml")


def bench(fn: Callable[[bytes], object], data: bytes, seconds: float = 0.3) -> float:
    """Calls per second, timed for about `seconds`."""
    fn(data)
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        fn(data)
        n += 1
    return n / (time.perf_counter() - t0)


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="aigc-bench-"))
    cases: list[tuple[str, bytes, Callable[[bytes], object]]] = [
        ("png", f.make_png(where="xmp", size=(1024, 768)), _pil),
        ("jpeg", f.make_jpeg(size=(1024, 768)), _pil),
        ("webp", f.make_webp(size=(1024, 768)), _pil),
        ("wav", f.make_wav(), lambda d: d.find(b"AIGC")),
        ("pdf", f.make_pdf(), _pdf),
        ("docx", f.make_ooxml("docx"), _zip),
        ("markdown", f.make_markdown(), lambda d: d.find(b"AIGC")),
    ]
    if shutil.which("ffmpeg"):
        cases += [("mp4", f.make_mp4(tmp), lambda d: d.find(b"AIGC")), ("mp3", f.make_audio(tmp, "mp3"), _mutagen),
                  ("flac", f.make_audio(tmp, "flac"), _mutagen), ("ogg", f.make_audio(tmp, "ogg"), _mutagen)]
    print(f"{'format':9} {'bytes':>8} {'inspect/s':>10} {'baseline/s':>11} {'ratio':>6}")
    for name, data, base in cases:
        ours = bench(lambda d, n=name: inspect_bytes(d, name=f"x.{n}", ocr=False, read_c2pa=False), data)
        ref = bench(base, data)
        print(f"{name:9} {len(data):8d} {ours:10.0f} {ref:11.0f} {ours / ref:6.2f}")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
