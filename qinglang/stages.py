"""The stages that build a request's `Views` before any detector runs: text (normalize title and text), then
media (QR / OCR text of each image, with per-character boxes). Detectors only read the result.

One home for what the engine, `qinglang indicators match` and the evidence package each did by hand (build
views, then add the media fields). A failing stage never fails the request: it yields `Degradation`s, with
the details logged here and nowhere else.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from .detectors.base import Views, text_fields
from .model import Content, Degradation
from .text.normalize import NormalizedText, Normalizer

if TYPE_CHECKING:
    from .media.extract import Extraction, MediaExtractor

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Staged:
    """A content's views, what went wrong building them, and the media stage's report for `explain`."""

    views: Views
    degraded: tuple[Degradation, ...] = ()
    media_trace: list[dict[str, Any]] | None = None


def extract_media(extractor: MediaExtractor, content: Content) -> tuple[Extraction | None, list[Degradation]]:
    """Run the media extractor; an exception or a per-image failure becomes a `Degradation` (detail logged)."""
    try:
        ex = extractor.extract(content)
    except Exception:  # a bug in a media library must not fail the request
        log.exception("media extraction failed on %s", content.id)
        return None, [Degradation("media", "error")]
    out = []
    for fail in ex.failures:
        log.warning("%s: %s", content.id, fail)
        out.append(Degradation(f"media[{fail.index}]", fail.stage))
    return ex, out


def build_views(content: Content, normalizer: Normalizer, extractor: MediaExtractor | None = None,
                media_off: Degradation | None = None, replies: Sequence[Views] = (), *,
                fields: Mapping[str, NormalizedText] | None = None) -> Staged:
    """Text stage, then (when the content has media) the media stage. `media_off`: why media cannot be read
    (Pillow missing), reported for content that has media. `replies`: views of replies already seen, the
    thread context of `Views.replies`. `fields`: the text stage when a caller already ran it with this
    normalizer (the service's cluster window normalizes once for both)."""
    staged = _build_views(content, normalizer, extractor, media_off, fields)
    return replace(staged, views=staged.views.with_replies(replies)) if replies else staged


def reply_views(replies: Sequence[Content], normalizer: Normalizer) -> tuple[Views, ...]:
    """Views of replies given as context (text stage only: replies are read for their words, not their media)."""
    return tuple(Views.build(r, normalizer) for r in replies)


def link_replies(batch: Sequence[Staged | None]) -> list[Staged | None]:
    """Give each root in a batch the views of its replies in the same batch (by `parent_id`, else `thread_id`):
    new `Staged` for roots, the others unchanged. Replies in another batch are not seen: callers that stream
    threads pass a root's replies to `Engine.moderate(replies=…)`."""
    out = list(batch)
    if not any(st is not None and (st.views.content.parent_id or st.views.content.thread_id) for st in out):
        return out
    index = {st.views.content.id: k for k, st in enumerate(out) if st is not None}
    found: dict[int, list[Views]] = {}
    for st in out:
        if st is None:
            continue
        c = st.views.content
        target = c.parent_id if c.parent_id in index else c.thread_id
        if target and target != c.id and target in index:
            found.setdefault(index[target], []).append(st.views)
    for k, views in found.items():
        st = out[k]
        assert st is not None
        out[k] = replace(st, views=st.views.with_replies(views))
    return out


def _build_views(content: Content, normalizer: Normalizer, extractor: MediaExtractor | None,
                 media_off: Degradation | None, fields: Mapping[str, NormalizedText] | None = None) -> Staged:
    fields = dict(text_fields(content, normalizer) if fields is None else fields)
    if not content.media:
        return Staged(Views(content, fields))
    if extractor is None:
        return Staged(Views(content, fields), (media_off,) if media_off else (), [])
    ex, degraded = extract_media(extractor, content)
    if ex is None:
        return Staged(Views(content, fields), tuple(degraded), [])
    return Staged(media_views(content, normalizer, ex, fields), tuple(degraded), [img.to_json() for img in ex.images])


def media_views(content: Content, normalizer: Normalizer, ex: Extraction,
                fields: dict[str, NormalizedText] | None = None) -> Views:
    """The views of a content whose media were extracted: text fields, then each image's fields and boxes."""
    fields = dict(text_fields(content, normalizer) if fields is None else fields)
    boxes = {}
    for f in ex.fields:
        fields[f.name] = normalizer.normalize(f.text)
        if f.boxes is not None:
            boxes[f.name] = f.boxes
    return Views(content, fields, boxes=boxes, media=ex.images)
