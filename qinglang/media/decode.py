"""Safe image loading from `MediaRef.path` or `MediaRef.data_base64` (DESIGN §1 media).

Untrusted images are the classic way to hang or exhaust a worker, so every step is bounded before it runs:
the byte size is checked before reading (or before base64-decoding), the pixel count is checked from the
header before any pixel is decoded, only a short list of still-image formats is opened, and relative paths
are resolved inside a configured media root (symlinks included) so that content cannot name `/etc/passwd`.
Every failure is a `MediaError` with a message that says which item and why.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import os
import stat
import warnings
from dataclasses import dataclass
from pathlib import Path

from ..errors import MediaError, MediaMissing
from ..model import MediaRef

# Kernel and device trees: never media, whatever the root (a root of "/" must not reach /proc/self/environ).
PSEUDO_FS = (Path("/proc"), Path("/sys"), Path("/dev"))
FORMATS = ("PNG", "JPEG", "GIF", "WEBP", "BMP", "TIFF")


@dataclass(frozen=True, slots=True)
class MediaLimits:
    """Hard limits for one image. Defaults fit phone screenshots and posters with room to spare."""

    max_bytes: int = 20 * 1024 * 1024
    max_pixels: int = 40_000_000  # e.g. 8000×5000; a 1080×1080 post is 1.2 M
    max_side: int = 20_000


@dataclass(frozen=True, slots=True)
class LoadedImage:
    """A decoded image (RGB, EXIF orientation applied) with the bytes it came from."""

    index: int
    source: str  # the path as given, or "inline"
    data: bytes
    sha256: str
    format: str
    width: int
    height: int
    image: object  # PIL.Image.Image (typed loosely so this module imports without Pillow for type checks)


def _pil():
    try:
        from PIL import Image, ImageFile, ImageOps
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise MediaError("image decoding needs Pillow: pip install 'qinglang[media]'") from exc
    return Image, ImageFile, ImageOps


class MediaLoader:
    """Reads and decodes media items under `root` within `limits`. Thread-safe (no mutable state)."""

    def __init__(self, root: str | Path | None = None, limits: MediaLimits | None = None) -> None:
        self.root = Path(root if root is not None else ".").resolve()
        self.limits = limits or MediaLimits()

    def resolve(self, path: str) -> Path:
        """The file a content's path names, refused if it lies outside the media root."""
        if not path or "\0" in path:
            raise MediaError("media path is empty or contains a NUL byte")
        p = Path(path)
        try:
            full = (p if p.is_absolute() else self.root / p).resolve()
        except (OSError, RuntimeError, ValueError):
            raise MediaError(f"media path {path!r} cannot be resolved") from None
        if not full.is_relative_to(self.root):
            raise MediaError(f"media path {path!r} is outside the media root {str(self.root)!r}")
        if any(full.is_relative_to(d) for d in PSEUDO_FS):
            raise MediaError(f"media path {path!r} names a device or kernel file, not media")
        return full

    def read_path(self, path: str, max_bytes: int | None = None) -> bytes:
        """The bytes of a regular file under the root, size-checked on the open descriptor before reading.

        The file is opened non-blocking (a FIFO or terminal cannot hang the reader), then `fstat` on that
        descriptor decides: only a regular file within `max_bytes` is read, so a swapped-in device or FIFO
        between the checks and the read cannot slip through.
        """
        limit = self.limits.max_bytes if max_bytes is None else max_bytes
        full = self.resolve(path)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_NOFOLLOW", 0)
        try:
            fd = os.open(full, flags)
        except FileNotFoundError:
            raise MediaMissing(f"media path {path!r} does not exist") from None
        except OSError as exc:
            raise MediaError(f"cannot read media {path!r}: {exc.strerror or exc}") from None
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise MediaError(f"media path {path!r} is not a regular file")
            if st.st_size > limit:
                raise MediaError(f"media {path!r} is {st.st_size} bytes, over the {limit}-byte limit")
            with os.fdopen(fd, "rb", closefd=False) as f:
                data = f.read(limit + 1)
        except OSError as exc:
            raise MediaError(f"cannot read media {path!r}: {exc.strerror or exc}") from None
        finally:
            os.close(fd)
        if len(data) > limit:
            raise MediaError(f"media {path!r} grew past the {limit}-byte limit while reading")
        return data

    def read_bytes(self, ref: MediaRef) -> tuple[str, bytes]:
        """(source, raw bytes) of one item, size-checked before anything large is read."""
        limit = self.limits.max_bytes
        if ref.path is not None:
            return ref.path, self.read_path(ref.path)
        b64 = ref.data_base64 or ""
        if len(b64) > (limit * 4) // 3 + 8:
            raise MediaError(f"inline media is over the {limit}-byte limit ({len(b64)} base64 characters)")
        if b64.startswith("data:") and "," in b64[:200]:
            b64 = b64.split(",", 1)[1]  # tolerate data URLs
        try:
            data = base64.b64decode(b64, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise MediaError(f"inline media is not valid base64: {exc}") from None
        return "inline", data

    def decode(self, data: bytes, source: str = "inline", index: int = 0) -> LoadedImage:
        """Decode image bytes: format whitelist, header-size check, full load, RGB. MediaError on any failure."""
        Image, ImageFile, ImageOps = _pil()
        lim = self.limits
        if not data:
            raise MediaError(f"media {source!r} is empty")
        if len(data) > lim.max_bytes:
            raise MediaError(f"media {source!r} is {len(data)} bytes, over the {lim.max_bytes}-byte limit")
        # Pillow's own bomb guard: warn above the limit, error above twice it; both become MediaError here.
        Image.MAX_IMAGE_PIXELS = lim.max_pixels
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                im = Image.open(io.BytesIO(data), formats=FORMATS)
                w, h = im.size  # header only: nothing decoded yet
                if w <= 0 or h <= 0 or w > lim.max_side or h > lim.max_side or w * h > lim.max_pixels:
                    raise MediaError(
                        f"media {source!r} is {w}×{h} pixels, over the limit "
                        f"({lim.max_pixels} pixels, {lim.max_side} per side)")
                fmt = im.format or "?"
                im.seek(0)  # first frame of an animation
                im.load()
                im = ImageOps.exif_transpose(im)
                if im.mode != "RGB":
                    im = _to_rgb(im, Image)
        except MediaError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise MediaError(f"media {source!r} is over the pixel limit ({lim.max_pixels} pixels; a possible "
                             f"decompression bomb): {exc}") from None
        except Image.UnidentifiedImageError:
            raise MediaError(f"media {source!r} is not an image in a supported format ({', '.join(FORMATS)})"
                             ) from None
        except (OSError, ValueError, SyntaxError, EOFError, MemoryError) as exc:
            raise MediaError(f"media {source!r} is corrupt or truncated: {exc}") from None
        except Exception as exc:  # a malformed file can trip any codec path (struct.error, KeyError, …)
            raise MediaError(f"media {source!r} cannot be decoded: {type(exc).__name__}: {exc}") from None
        return LoadedImage(index=index, source=source, data=data, sha256=hashlib.sha256(data).hexdigest(),
                           format=fmt, width=im.width, height=im.height, image=im)

    def load(self, ref: MediaRef, index: int = 0) -> LoadedImage:
        source, data = self.read_bytes(ref)
        return self.decode(data, source, index)


def _to_rgb(im, Image):
    """Flatten transparency onto white (text on a transparent PNG must stay readable)."""
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        bg = Image.new("RGB", rgba.size, (255, 255, 255))
        bg.paste(rgba, mask=rgba.getchannel("A"))
        return bg
    return im.convert("RGB")
