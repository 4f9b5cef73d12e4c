"""Lexicons: term folders with provenance, compiled to automata over the normalized views."""

from .loader import Lexicon, load_dir, load_dirs, shipped_lexicon_dirs
from .matcher import CompiledLexicon, Hit
from .model import Entry

__all__ = ["CompiledLexicon", "Entry", "Hit", "Lexicon", "load_dir", "load_dirs", "shipped_lexicon_dirs"]
