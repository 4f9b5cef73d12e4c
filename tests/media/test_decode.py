"""Safe decoding: limits are enforced before pixels are decoded, bad files give a MediaError that says why."""

from __future__ import annotations

import base64
import io
import os
import struct
import time
import zlib
from pathlib import Path

import pytest

pytest.importorskip("PIL", reason="media tests need Pillow: pip install 'qinglang[media]'")
from PIL import Image

from qinglang.errors import MediaError, QinglangError
from qinglang.media.decode import MediaLimits, MediaLoader
from qinglang.model import MediaRef


def _png_bytes(size: tuple[int, int] = (64, 48), color: str = "red", mode: str = "RGB") -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size, color).save(buf, "PNG")
    return buf.getvalue()


def _png_with_header(width: int, height: int) -> bytes:
    """A PNG whose IHDR claims width×height (valid CRC) followed by a tiny IDAT: a decompression bomb header."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def test_loads_a_png_from_a_relative_path_under_the_root(tmp_path: Path) -> None:
    (tmp_path / "a.png").write_bytes(_png_bytes())
    img = MediaLoader(tmp_path).load(MediaRef(path="a.png"))
    assert (img.width, img.height, img.format) == (64, 48, "PNG")
    assert img.image.mode == "RGB" and len(img.sha256) == 64


def test_loads_inline_base64_and_data_urls(tmp_path: Path) -> None:
    b64 = base64.b64encode(_png_bytes()).decode()
    loader = MediaLoader(tmp_path)
    assert loader.load(MediaRef(data_base64=b64)).source == "inline"
    assert loader.load(MediaRef(data_base64="data:image/png;base64," + b64)).width == 64


@pytest.mark.parametrize("path", ["../outside.png", "sub/../../outside.png", "/etc/passwd"])
def test_paths_outside_the_media_root_are_refused(tmp_path: Path, path: str) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (tmp_path / "outside.png").write_bytes(_png_bytes())
    with pytest.raises(MediaError, match="outside the media root"):
        MediaLoader(root).load(MediaRef(path=path))


def test_a_symlink_leading_out_of_the_root_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (tmp_path / "secret.png").write_bytes(_png_bytes())
    os.symlink(tmp_path / "secret.png", root / "link.png")
    with pytest.raises(MediaError, match="outside the media root"):
        MediaLoader(root).load(MediaRef(path="link.png"))


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(MediaError, match="does not exist"):
        MediaLoader(tmp_path).load(MediaRef(path="nope.png"))


def test_garbage_bytes_are_not_an_image(tmp_path: Path) -> None:
    (tmp_path / "x.png").write_bytes(os.urandom(2048))
    with pytest.raises(MediaError, match="not an image in a supported format"):
        MediaLoader(tmp_path).load(MediaRef(path="x.png"))


def test_truncated_png_is_reported_as_corrupt(tmp_path: Path) -> None:
    buf = io.BytesIO()
    Image.effect_noise((400, 400), 64).convert("RGB").save(buf, "PNG")
    (tmp_path / "t.png").write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    with pytest.raises(MediaError, match="corrupt or truncated"):
        MediaLoader(tmp_path).load(MediaRef(path="t.png"))


def test_truncated_jpeg_is_reported_as_corrupt(tmp_path: Path) -> None:
    buf = io.BytesIO()
    Image.effect_noise((400, 400), 64).convert("RGB").save(buf, "JPEG")
    (tmp_path / "t.jpg").write_bytes(buf.getvalue()[:1500])
    with pytest.raises(MediaError, match="corrupt or truncated"):
        MediaLoader(tmp_path).load(MediaRef(path="t.jpg"))


def test_huge_dimensions_are_refused_from_the_header_without_decoding(tmp_path: Path) -> None:
    (tmp_path / "bomb.png").write_bytes(_png_with_header(100_000, 100_000))
    t0 = time.perf_counter()
    with pytest.raises(MediaError, match=r"over the pixel limit|100000×100000 pixels, over the limit"):
        MediaLoader(tmp_path).load(MediaRef(path="bomb.png"))
    assert time.perf_counter() - t0 < 1.0  # refused from the header: 10^10 pixels were never allocated


def test_pixel_limit_applies_to_real_compressible_images(tmp_path: Path) -> None:
    (tmp_path / "big.png").write_bytes(_png_bytes((3000, 3000), "white"))  # ~30 KB, 9 M pixels
    assert (tmp_path / "big.png").stat().st_size < 100_000
    with pytest.raises(MediaError, match=r"over the (pixel )?limit"):
        MediaLoader(tmp_path, MediaLimits(max_pixels=4_000_000)).load(MediaRef(path="big.png"))


def test_byte_limits_apply_to_files_and_inline_data(tmp_path: Path) -> None:
    data = _png_bytes((200, 200))
    (tmp_path / "a.png").write_bytes(data)
    loader = MediaLoader(tmp_path, MediaLimits(max_bytes=len(data) - 1))
    with pytest.raises(MediaError, match=r"over the .*-byte limit"):
        loader.load(MediaRef(path="a.png"))
    with pytest.raises(MediaError, match=r"over the .*-byte limit"):
        loader.load(MediaRef(data_base64=base64.b64encode(data * 2).decode()))


def test_invalid_base64_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(MediaError, match="not valid base64"):
        MediaLoader(tmp_path).load(MediaRef(data_base64="!!!not base64!!!"))


def test_transparent_png_is_flattened_on_white(tmp_path: Path) -> None:
    img = MediaLoader(tmp_path).decode(_png_bytes((10, 10), (0, 0, 0, 0), "RGBA"))
    assert img.image.getpixel((5, 5)) == (255, 255, 255)


def test_media_error_is_a_qinglang_error() -> None:
    assert issubclass(MediaError, QinglangError) and MediaError.kind == "MediaError"


def test_mutated_files_give_media_errors_never_other_exceptions(tmp_path: Path) -> None:
    """Byte-flipped and cut PNG/JPEG/GIF files: each either decodes or raises MediaError (no crash, no hang)."""
    import random

    rng = random.Random(7)
    loader = MediaLoader(tmp_path)
    seeds = []
    for fmt in ("PNG", "JPEG", "GIF"):
        buf = io.BytesIO()
        Image.effect_noise((64, 64), 40).convert("RGB").save(buf, fmt)
        seeds.append(buf.getvalue())
    outcomes = {"ok": 0, "MediaError": 0}
    for k in range(90):
        data = bytearray(seeds[k % 3])
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if k % 4 == 0:
            data = data[: rng.randrange(8, len(data))]
        try:
            loader.decode(bytes(data), f"m{k}")
            outcomes["ok"] += 1
        except MediaError:
            outcomes["MediaError"] += 1
    assert outcomes["MediaError"] > 0 and sum(outcomes.values()) == 90
