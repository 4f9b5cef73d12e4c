"""Indicator detector: content whose handles, links, QR payloads or image hashes are in a known bank.

Design choice: detectors are independent (no detector sees another's signals), so this one runs its own
light, context-free candidate extraction (`qinglang.indicators.extract`) over every view, including the
media fields and PDQ hashes. A bank hit needs no 加微信 context: the bank is the context. The bank is read
into memory when the engine is built (or reloaded); matching never touches the database.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from ..errors import ConfigError, IndicatorError
from ..indicators.bank import IndicatorIndex, IndicatorStore
from ..indicators.extract import candidates
from ..media.hash import PDQ_THRESHOLD
from ..model import Content, Evidence, Signal
from .base import Views
from .registry import BuildContext, DetectorSpec

MAX_EVIDENCE = 20


class IndicatorDetector:
    name = "indicator"
    version = "1"
    supported_labels = frozenset({"drainage"})

    def __init__(self, index: IndicatorIndex, *, score: float = 0.95, pdq_threshold: int = PDQ_THRESHOLD,
                 name: str = "indicator") -> None:
        self.index = index
        self.score = score
        self.pdq_threshold = pdq_threshold
        self.name = name
        self.id = f"{self.name}@{self.version}"

    def detect(self, content: Content, views: Views) -> list[Signal]:
        if not len(self.index):
            return []
        per_bank: dict[str, list[Evidence]] = {}
        for c in candidates(views):
            for m in self.index.match(c.kind, c.value, pdq_threshold=self.pdq_threshold):
                rule = f"indicator.{m.bank}"
                if c.media_index is not None:
                    info = next(i for i in views.media if i.index == c.media_index)
                    ev = Evidence(field=c.field, start=0, end=0, text="", normalized=c.value, rule=rule,
                                  detector=self.id, bbox=(0, 0, info.width, info.height), value=c.indicator,
                                  layers=(f"pdq_distance={m.distance}",) if m.via == "pdq" else ())
                else:
                    nt = views.fields[c.field]
                    ev = Evidence(field=c.field, start=c.start, end=c.end, text=nt.original[c.start:c.end],
                                  normalized=c.value, rule=rule, detector=self.id,
                                  bbox=views.bbox(c.field, c.start, c.end), value=c.indicator)
                per_bank.setdefault(m.bank, []).append(ev)
        return [Signal(label="drainage", score=self.score, rule=f"indicator.{bank}", detector=self.id,
                       evidence=tuple(evs[:MAX_EVIDENCE])) for bank, evs in sorted(per_bank.items())]


class Params(BaseModel):
    """Registry parameters of an `indicator` detector: the bank file and how close a perceptual hash must be."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    db: str = Field(..., min_length=1, description="path of an indicator bank file (qinglang indicators import)")
    banks: list[str] | None = Field(None, description="banks to load (default: all)")
    score: float = Field(0.95, ge=0.0, le=1.0)
    pdq_threshold: int = Field(PDQ_THRESHOLD, ge=0, le=256)


def build(spec: DetectorSpec[Params], ctx: BuildContext) -> IndicatorDetector:
    p = spec.params
    if not Path(p.db).is_file():
        raise ConfigError(f"{spec.where}: indicator bank {p.db!r} does not exist "
                          "(create it with `qinglang indicators import`)")
    try:
        with IndicatorStore(p.db) as store:
            index = store.index(p.banks)
        return IndicatorDetector(index, score=p.score, pdq_threshold=p.pdq_threshold, name=spec.name)
    except IndicatorError as exc:
        raise ConfigError(f"{spec.where}: indicator detector: {exc.message}") from None
