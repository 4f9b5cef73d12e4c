"""The detector protocol and the per-request views every detector shares (STYLE §5.3)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol, runtime_checkable

from ..model import Content, Evidence
from ..text.normalize import NormalizedText, Normalizer


class Views:
    """Normalized text fields of one Content, computed once per request and shared by all detectors.

    Extra fields (OCR text of an image, a QR payload) are added with `add` under names like
    ``media[0].ocr``; their evidence may carry a bounding box.
    """

    __slots__ = ("content", "fields", "normalizer")

    def __init__(self, content: Content, normalizer: Normalizer,
                 fields: dict[str, NormalizedText] | None = None) -> None:
        self.content = content
        self.normalizer = normalizer
        self.fields: dict[str, NormalizedText] = {} if fields is None else fields

    @classmethod
    def build(cls, content: Content, normalizer: Normalizer) -> Views:
        views = cls(content, normalizer)
        if content.title:
            views.fields["title"] = normalizer.normalize(content.title)
        if content.text:
            views.fields["text"] = normalizer.normalize(content.text)
        return views

    def add(self, name: str, text: str) -> NormalizedText:
        nt = self.normalizer.normalize(text)
        self.fields[name] = nt
        return nt

    def items(self) -> Iterator[tuple[str, NormalizedText]]:
        return iter(list(self.fields.items()))

    def evidence(
        self, field_name: str, start: int, end: int, *, normalized: str | None = None, rule: str = "",
        detector: str = "", layers: tuple[str, ...] | None = None, **extra: object,
    ) -> Evidence:
        """Evidence for canonical span [start, end) of a field, mapped back to the original text."""
        nt = self.fields[field_name]
        a, b = nt.span(start, end)
        if layers is None:
            layers = nt.layers(start, end)
        ev = Evidence(
            field=field_name, start=a, end=b, text=nt.original[a:b],
            normalized=nt.text[start:end] if normalized is None else normalized,
            rule=rule, detector=detector, layers=layers, **extra,  # type: ignore[arg-type]
        )
        assert nt.original[ev.start:ev.end] == ev.text
        return ev


@runtime_checkable
class Detector(Protocol):
    """A pure function from (content, views) to signals; heavy assets load in the constructor."""

    name: str
    version: str
    supported_labels: frozenset[str]

    def detect(self, content: Content, views: Views) -> list: ...  # list[Signal]
