"""Topic detector (campaign 4): 时事 / 公共政策 / 社会事件 reports that name no source → `source_missing`.

The 自媒体 rules (2023 "13条" rule 3; 2024 清朗 task 4) require a prominent information source on current
affairs, public policy and social events. The rule itself lives in `qinglang.claims.source` (topic words, what
makes a post a report of fact, what counts as a cited source, why a post judged a rumour is not also marked),
and the default registry has the `claims` detector report it. This detector is that same rule on its own, for
registries that name `type: topic` (rule ids `topic.<topic>.source_missing`).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from ..claims.score import score_rumor
from ..claims.source import TOPICS, calm_claim, source_missing
from ..model import Content, Signal
from .base import Views
from .claims import ClaimsDetector
from .patterns import evidence
from .registry import BuildContext, DetectorSpec

__all__ = ["TOPICS", "TopicDetector"]


class TopicDetector:
    name = "topic"
    version = "2"
    supported_labels = frozenset({"source_missing"})

    def __init__(self, min_hits: int = 2, *, name: str = "topic") -> None:
        self.min_hits = min_hits
        self.name = name
        self.id = f"{self.name}@{self.version}"
        self._claims = ClaimsDetector(name=name)

    def detect(self, content: Content, views: Views) -> list[Signal]:
        cues = self._claims.cues
        rumor = score_rumor(cues, views)
        if rumor.raw >= cues.rumor_scale.threshold and not calm_claim(rumor):  # a rumour, not a missing source
            return []  # (a calm one, no informant nor call to act, is marked too: qinglang.claims.source, news13)
        m = source_missing(views, rumor, self.min_hits)
        if m is None:
            return []
        return [Signal("source_missing", m.score, f"topic.{m.topic}.source_missing", self.id,
                       evidence(views, m.found, self.id))]


class Params(BaseModel):
    """Registry parameters of a `topic` detector."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    min_hits: int = Field(2, ge=1, description="distinct topic words that make a post a report on their own")


def build(spec: DetectorSpec[Params], ctx: BuildContext) -> TopicDetector:
    return TopicDetector(min_hits=spec.params.min_hits, name=spec.name)
