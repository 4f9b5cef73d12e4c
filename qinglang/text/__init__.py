"""Text normalization: canonical text, offset maps and phonetic keys (DESIGN §1)."""

from .normalize import LAYERS, NormalizedText, Normalizer, default_normalizer, normalize

__all__ = ["LAYERS", "NormalizedText", "Normalizer", "default_normalizer", "normalize"]
