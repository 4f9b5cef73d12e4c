"""C2PA manifests through c2pa-python (optional, extra ``[c2pa]``): an AI-generation assertion is a trace.

AI generation is ``c2pa.actions`` with ``digitalSourceType`` …/trainedAlgorithmicMedia (or a composite of it),
or a ``c2pa.ai-disclosure`` assertion (C2PA 2.3+). Trust is not checked here: no trust list is available
offline, so a signature is at best "valid", never "trusted" (regulations.md §2).
"""

from __future__ import annotations

import io
import json
import logging
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)
AI_SOURCE_TYPES = ("trainedAlgorithmicMedia", "compositeWithTrainedAlgorithmicMedia", "algorithmicMedia",
                   "compositeSynthetic")
MIME = {"png": "image/png", "jpeg": "image/jpeg", "webp": "image/webp", "mp4": "video/mp4", "wav": "audio/wav",
        "mp3": "audio/mpeg", "pdf": "application/pdf"}


@dataclass(frozen=True, slots=True)
class C2paSummary:
    present: bool
    readable: bool = False
    ai_generated: bool = False
    active_manifest: str | None = None
    claim_generator: str | None = None
    digital_source_types: tuple[str, ...] = ()
    validation_state: str | None = None
    reason: str = ""
    assertions: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"present": self.present, "readable": self.readable, "ai_generated": self.ai_generated}
        if self.active_manifest:
            out.update(active_manifest=self.active_manifest, claim_generator=self.claim_generator,
                       digital_source_types=list(self.digital_source_types), assertions=list(self.assertions),
                       validation_state=self.validation_state)
        if self.reason:
            out["reason"] = self.reason
        return out


def available() -> bool:
    try:
        import c2pa  # noqa: F401
    except ImportError:
        return False
    return True


def read(data: bytes, fmt: str, embedded_hint: bool) -> C2paSummary:
    """Summary of the file's C2PA manifest store; `embedded_hint` is the container parser's own sighting."""
    mime = MIME.get(fmt)
    if not available():
        reason = "c2pa-python is not installed (pip install 'qinglang[c2pa]')"
        return C2paSummary(present=embedded_hint, reason=reason if embedded_hint else "")
    if mime is None:
        return C2paSummary(present=False, reason=f"C2PA is not read for {fmt} files")
    import c2pa

    try:
        with c2pa.Reader(mime, io.BytesIO(data)) as reader:
            store = json.loads(reader.json())
            state = reader.get_validation_state()
    except Exception as exc:  # c2pa raises its own error tree, and a file without a manifest is one of them
        msg = str(exc)
        if "ManifestNotFound" in msg or "JumbfNotFound" in msg or "not found" in msg.lower():
            return C2paSummary(present=embedded_hint, reason="embedded manifest could not be read" if embedded_hint
                               else "")
        return C2paSummary(present=True, reason=f"C2PA manifest unreadable: {type(exc).__name__}")
    return summarize(store, str(state) if state is not None else None)


def summarize(store: dict[str, Any], state: str | None) -> C2paSummary:
    """Find AI-generation assertions in every manifest of the store (the active one first)."""
    manifests = store.get("manifests") or {}
    active = store.get("active_manifest")
    sources: list[str] = []
    labels: list[str] = []
    ai = False
    for mid in [active, *[m for m in manifests if m != active]]:
        m = manifests.get(mid) if mid else None
        if not isinstance(m, dict):
            continue
        for a in m.get("assertions") or []:
            label = str(a.get("label", ""))
            labels.append(label)
            if label.startswith("c2pa.ai-disclosure") or label.startswith("c2pa.ai_disclosure"):
                ai = True
            if label.startswith("c2pa.actions"):
                for act in (a.get("data") or {}).get("actions") or []:
                    dst = str(act.get("digitalSourceType") or "")
                    if dst:
                        sources.append(dst)
                        if dst.rsplit("/", 1)[-1] in AI_SOURCE_TYPES:
                            ai = True
    gen = None
    am = manifests.get(active) if active else None
    if isinstance(am, dict):
        info = am.get("claim_generator_info") or []
        gen = ", ".join(str(i.get("name", "")) for i in info if isinstance(i, dict)) or am.get("claim_generator")
    return C2paSummary(present=bool(manifests), readable=True, ai_generated=ai, active_manifest=active,
                       claim_generator=gen, digital_source_types=tuple(dict.fromkeys(sources)),
                       validation_state=state, assertions=tuple(dict.fromkeys(labels)))
