"""Media: safe decoding of images and extraction of their text (QR payloads, OCR) for the text pipeline.

Optional dependencies: Pillow, zxing-cpp and pdqhash (`qinglang[media]`), rapidocr_onnxruntime (`qinglang[ocr]`).
Importing this package needs none of them; each step explains what to install when it is missing.
"""

from .decode import LoadedImage, MediaLimits, MediaLoader
from .extract import Extraction, ImageInfo, MediaExtractor, MediaFailure, MediaSettings

__all__ = ["Extraction", "ImageInfo", "LoadedImage", "MediaExtractor", "MediaFailure", "MediaLimits",
           "MediaLoader", "MediaSettings"]
