"""The detector protocol and the per-request views every detector shares (STYLE §5.3)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

from ..model import Content, Evidence
from ..text.normalize import NormalizedText, Normalizer


class Views:
    """Normalized text fields of one Content, computed once per request and shared by all detectors.

    Extra fields (OCR text of an image, a QR payload) are added with `add` under names like
    ``media[0].ocr``; their evidence may carry a bounding box: `boxes[name][i]` is the box (x0, y0, x1, y1)
    of ORIGINAL character i in its image, and `evidence` puts the union box of the span into `Evidence.bbox`.
    `media` holds what the media extractor learned about each image (`qinglang.media.extract.ImageInfo`).
    """

    __slots__ = ("boxes", "content", "fields", "media", "normalizer", "replies")

    def __init__(self, content: Content, normalizer: Normalizer,
                 fields: dict[str, NormalizedText] | None = None) -> None:
        self.content = content
        self.normalizer = normalizer
        self.fields: dict[str, NormalizedText] = {} if fields is None else fields
        self.boxes: dict[str, tuple[tuple[int, int, int, int] | None, ...]] = {}
        self.media: list[Any] = []
        # Views of replies to this content seen in the same call (`moderate(replies=…)`, or `moderate_many` when a
        # batch holds a root and its replies): context for detectors that read threads (claims), never scanned as
        # this content's own text.
        self.replies: list[Views] = []

    @classmethod
    def build(cls, content: Content, normalizer: Normalizer) -> Views:
        views = cls(content, normalizer)
        if content.title:
            views.fields["title"] = normalizer.normalize(content.title)
        if content.text:
            views.fields["text"] = normalizer.normalize(content.text)
        return views

    def add(self, name: str, text: str, *,
            boxes: Sequence[tuple[int, int, int, int] | None] | None = None) -> NormalizedText:
        """Add an extracted field; `boxes`, if given, has one box (or None) per character of `text`."""
        if boxes is not None and len(boxes) != len(text):
            raise ValueError(f"field {name!r}: {len(boxes)} boxes for {len(text)} characters")
        nt = self.normalizer.normalize(text)
        self.fields[name] = nt
        if boxes is not None:
            self.boxes[name] = tuple(boxes)
        return nt

    def bbox(self, field_name: str, start: int, end: int) -> tuple[int, int, int, int] | None:
        """Union box of ORIGINAL characters [start, end) of a field, or None for fields without boxes."""
        per_char = self.boxes.get(field_name)
        if not per_char:
            return None
        from ..media.boxes import union

        return union(per_char[start:max(end, start + 1)])

    def items(self) -> list[tuple[str, NormalizedText]]:
        """The fields (a copy: a detector may add fields while iterating)."""
        return list(self.fields.items())

    def evidence(
        self, field_name: str, start: int, end: int, *, normalized: str | None = None, rule: str = "",
        detector: str = "", layers: tuple[str, ...] | None = None, also: str | None = None,
        context_word: str | None = None, context_gain: float = 0.0, value: str | None = None,
        bbox: tuple[int, int, int, int] | None = None,
    ) -> Evidence:
        """Evidence for canonical span [start, end) of a field, mapped back to the original text. `layers`
        defaults to the normalization layers that changed the span, plus `also` (the matcher's variant); the
        box defaults to the union box of the span's characters for fields that have boxes."""
        nt = self.fields[field_name]
        if layers is None:
            a, b, layers = nt.locate(start, end)
            if also:
                layers = (*layers, also)
        else:
            a, b = nt.span(start, end)
        if bbox is None and self.boxes and field_name in self.boxes:
            bbox = self.bbox(field_name, a, b)
        return Evidence(field_name, a, b, nt.original[a:b], nt.text[start:end] if normalized is None else normalized,
                        rule, detector, layers, context_word, context_gain, bbox, value)


@runtime_checkable
class Detector(Protocol):
    """A pure function from (content, views) to signals; heavy assets load in the constructor."""

    name: str
    version: str
    supported_labels: frozenset[str]

    def detect(self, content: Content, views: Views) -> list: ...  # list[Signal]


# Optional batch hook: a detector may also define `prepare(self, batch: list[Views]) -> None`, called by
# `Engine.moderate_many` once per batch before `detect` runs on each item, to do shared work in one pass
# (memoized on the views, e.g. `CompiledLexicon.match_many`). It must not change what `detect` returns.
