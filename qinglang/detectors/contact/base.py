"""The contact package's shared record: one extracted handle, and the size limits every extractor honours."""

from __future__ import annotations

from dataclasses import dataclass

MAX_EVIDENCE = 20
MAX_HANDLES = 100  # per field: a post with more is spam whatever the rest says, and checks stay cheap
MAX_FIELD = 200_000  # beyond this a field is scanned in its first MAX_FIELD characters only


@dataclass(frozen=True, slots=True)
class Handle:
    """One extracted handle: compact-view offsets, its normalized value and how sure we are of it (its prior
    score, before `scoring.contextual_score` looks at the words around it)."""

    kind: str  # wechat qq qq_group telegram phone landline email url mention other
    value: str  # e.g. "wechat:abc_777"
    start: int
    end: int
    rule: str
    score: float
    cue: str | None = None
