"""The handles of one field, for the contact detector's first reading and for a handle read again beside a lure."""

from __future__ import annotations

from ...text.normalize import NormalizedText, Normalizer
from .base import MAX_FIELD, Handle
from .compact import Compact
from .handles import extract, maybe_handle, mentions, plus_handles
from .links import SPACED_HINT, spaced_links


def field_handles(field_name: str, nt: NormalizedText, canon: str, normalizer: Normalizer
                  ) -> tuple[list[tuple[str, Compact, Handle]], list[tuple[str, Handle]]]:
    """The handles of one field: found on the compact view, and those found on the original text (a '+' for 加,
    a link spelt one character at a time, an @mention)."""
    if not maybe_handle(canon):
        return [], []
    compact = Compact(canon, nt)
    handles = [(field_name, compact, h) for h in extract(compact)]
    plus: list[tuple[str, Handle]] = []
    original = nt.original[:MAX_FIELD]
    if "+" in nt.original or "＋" in nt.original:
        plus.extend((field_name, h) for h in plus_handles(original, normalizer))
    if SPACED_HINT.search(nt.original):
        plus.extend((field_name, h) for h in spaced_links(original))
    if "@" in nt.original or "＠" in nt.original:
        plus.extend((field_name, h) for h in mentions(original))
    return handles, plus
