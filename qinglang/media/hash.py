"""PDQ perceptual hashes (Meta's PDQ via `pdqhash`): 256 bits, near-duplicates within a small Hamming distance.

PDQ is the hash platforms already exchange for known-bad images (ThreatExchange); 31 bits is its reference
match threshold. Hashes are written as 64 lowercase hex characters.
"""

from __future__ import annotations

from dataclasses import dataclass

PDQ_THRESHOLD = 31


@dataclass(frozen=True, slots=True)
class PdqHash:
    hex: str
    quality: int  # 0–100; below ~50 the image is too flat for a trustworthy hash


def available() -> bool:
    """Installed? (found without importing it: engine builds stay fast for text-only use)"""
    import importlib.util

    return importlib.util.find_spec("pdqhash") is not None


def pdq(image) -> PdqHash:
    """PDQ hash of an RGB image."""
    try:
        import numpy as np
        import pdqhash
    except ImportError as exc:
        raise ImportError("PDQ hashing needs pdqhash: pip install 'qinglang[media]'") from exc
    bits, quality = pdqhash.compute(np.asarray(image, dtype=np.uint8))
    return PdqHash(hex=bits_to_hex(bits), quality=int(quality))


def bits_to_hex(bits) -> str:
    n = 0
    for b in bits:
        n = (n << 1) | int(b)
    return f"{n:064x}"


def hamming(a: str, b: str) -> int:
    """Bit distance between two 64-hex-character PDQ hashes."""
    return (int(a, 16) ^ int(b, 16)).bit_count()


def is_pdq(value: str) -> bool:
    return len(value) == 64 and all(c in "0123456789abcdef" for c in value.lower())
