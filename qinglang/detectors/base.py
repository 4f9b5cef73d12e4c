"""The detector protocol and the per-request views every detector shares (STYLE §5.3)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any, Protocol, runtime_checkable

from ..model import Content, Evidence, Signal
from ..text.normalize import NormalizedText, Normalizer

Box = tuple[int, int, int, int]


def text_fields(content: Content, normalizer: Normalizer) -> dict[str, NormalizedText]:
    """The text stage: the content's own fields, normalized (title first, then text, then each media note)."""
    fields: dict[str, NormalizedText] = {}
    if content.title:
        fields["title"] = normalizer.normalize(content.title)
    if content.text:
        fields["text"] = normalizer.normalize(content.text)
    for i, ref in enumerate(content.media):
        if ref.note:  # what the platform holds about a file (alt text, caption, transcript), read as text
            fields[f"media[{i}].note"] = normalizer.normalize(ref.note)
    return fields


class Views:
    """Normalized text fields of one Content, built once per request by the stages (`qinglang.stages`: text,
    then media) before any detector runs, and shared read-only by all detectors.

    Media fields (OCR text of an image, a QR payload) sit under names like ``media[0].ocr``; their evidence may
    carry a bounding box: `boxes[name][i]` is the box (x0, y0, x1, y1) of ORIGINAL character i in its image,
    and `evidence` puts the union box of the span into `Evidence.bbox`. `media` holds what the media stage
    learned about each image (`qinglang.media.extract.ImageInfo`). Immutable: a detector cannot change what
    the next one sees (the per-text memo `NormalizedText.cache` is the one shared scratch space).
    """

    __slots__ = ("boxes", "content", "fields", "media", "replies")
    content: Content
    fields: Mapping[str, NormalizedText]
    boxes: Mapping[str, tuple[Box | None, ...]]
    media: tuple[Any, ...]
    # Views of replies to this content seen in the same call (`moderate(replies=…)`, or `moderate_many` when a
    # batch holds a root and its replies, linked by `qinglang.stages.link_replies`): context for detectors that
    # read threads (claims), never scanned as this content's own text.
    replies: tuple[Views, ...]

    def __init__(self, content: Content, fields: Mapping[str, NormalizedText] | None = None, *,
                 boxes: Mapping[str, Sequence[Box | None]] | None = None, media: Sequence[Any] = (),
                 replies: Sequence[Views] = ()) -> None:
        fields = fields or {}
        for name, per_char in (boxes or {}).items():
            if name not in fields or len(per_char) != len(fields[name].original):
                n = len(fields[name].original) if name in fields else 0
                raise ValueError(f"field {name!r}: {len(per_char)} boxes for {n} characters")
        setter = object.__setattr__
        setter(self, "content", content)
        setter(self, "fields", MappingProxyType(dict(fields)))
        setter(self, "boxes", MappingProxyType({k: tuple(v) for k, v in (boxes or {}).items()}))
        setter(self, "media", tuple(media))
        setter(self, "replies", tuple(replies))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Views are immutable (tried to set {name!r}); build them with qinglang.stages")

    def with_replies(self, replies: Sequence[Views]) -> Views:
        """The same views with `replies` as this content's thread context (a new object; this one is unchanged)."""
        return Views(self.content, self.fields, boxes=self.boxes, media=self.media, replies=replies)

    @classmethod
    def build(cls, content: Content, normalizer: Normalizer) -> Views:
        """The text stage alone (title and text normalized): what a detector sees for content without media."""
        return cls(content, text_fields(content, normalizer))

    def bbox(self, field_name: str, start: int, end: int) -> tuple[int, int, int, int] | None:
        """Union box of ORIGINAL characters [start, end) of a field, or None for fields without boxes."""
        per_char = self.boxes.get(field_name)
        if not per_char:
            return None
        from ..media.boxes import union

        return union(per_char[start:max(end, start + 1)])

    def items(self) -> list[tuple[str, NormalizedText]]:
        """The fields in stage order: title, text, then each image's QR / OCR fields."""
        return list(self.fields.items())

    def evidence(
        self, field_name: str, start: int, end: int, *, normalized: str | None = None, rule: str = "",
        detector: str = "", layers: tuple[str, ...] | None = None, also: str | None = None,
        context_word: str | None = None, context_gain: float = 0.0, value: str | None = None,
        bbox: tuple[int, int, int, int] | None = None, scope: str | None = None,
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
                        rule, detector, layers, context_word, context_gain, bbox, value, scope)

    def original_evidence(
        self, field_name: str, start: int, end: int, *, normalized: str, rule: str = "", detector: str = "",
        layers: tuple[str, ...] = (), context_word: str | None = None, context_gain: float = 0.0,
        value: str | None = None,
    ) -> Evidence:
        """Evidence for a span found on the ORIGINAL text [start, end) (patterns that need what normalization
        removes: a '+' for 加, an '@' between CJK and a letter); the box is the union box as in `evidence`."""
        nt = self.fields[field_name]
        bbox = self.bbox(field_name, start, end) if self.boxes and field_name in self.boxes else None
        return Evidence(field_name, start, end, nt.original[start:end], normalized, rule, detector, layers,
                        context_word, context_gain, bbox, value)


@runtime_checkable
class Detector(Protocol):
    """A pure function from (content, views) to signals; heavy assets load in the constructor.

    `name` is the instance name from the registry YAML; evidence and `degraded` report ``name@version``."""

    name: str
    version: str
    supported_labels: frozenset[str]

    def detect(self, content: Content, views: Views) -> Sequence[Signal]: ...


@runtime_checkable
class BatchPreparer(Protocol):
    """Optional batch hook: `Engine.moderate_many` calls `prepare` once per batch before `detect` runs on each
    item, so shared work happens in one pass (memoized on the views, e.g. `CompiledLexicon.match_many`).
    It must not change what `detect` returns: the batch and the single-item paths decide alike."""

    def prepare(self, batch: Sequence[Views]) -> None: ...


@runtime_checkable
class BatchCascade(Protocol):
    """Optional batch hook of a cascade stage: `Engine.moderate_many` calls `detect_cascade_many` once per batch with
    (content, views, a copy of the cheap pass's signals) per item, in place of `detect_cascade` on each (the semantic
    tier embeds and searches its gated items together). It returns one list per item, in order, and must return what
    `detect_cascade` returns on each: the batch and the single-item paths decide alike. If it raises, the engine runs
    `detect_cascade` item by item."""

    def detect_cascade_many(self, items: Sequence[tuple[Content, Views, list[Signal]]]) -> list[list[Signal]]: ...
