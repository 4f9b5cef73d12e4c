"""The stance stage (registry type `stance`): after every detector and the cascade, the engine hands it the
post's signals (`adjust`); when the stance model (`qinglang.models.stance`) says the post talks about what its
flagged words name rather than doing it, every signal's score is multiplied by `factor`.

Where it sits: `Engine._decide` calls `adjust` once per item, after the cascade and before the policy (the one
hook; detectors with `adjusts = True`). It is gated: a post whose strongest signal is below `gate` (nothing the
policies would act on) is not read at all, so the bulk path pays nothing for it. A post with an act of its own
— a signal of one of the `own_act` detectors or rules at or above `own_act_min` (a contact handle offered with a
cue; a martyr's name turned into a mocking nickname, which is the act itself) — keeps its scores whatever the model
says: a warning with a WeChat id in it is still 引流. A bait headline
is the post's own act whatever its body does (`qinglang.scoping.HEADLINE`, the scope pass's rule): a signal of such
a label with evidence in the title keeps its score while the post's other signals are discounted. The labels in
`kept` (unlicensed_news, source_missing) are never discounted: their violation is the act of publishing news itself
(who publishes it, whether it names a source), so a post in a reporting voice is doing it, not talking about it.
Nor is a signal whose evidence lies only in the post's media fields (a file's note, OCR, metadata): the model never
reads them, so its verdict on the post's words says nothing of what the files are (session 19, story19).
Evidence: each discounted signal's evidence carries ``stance@<version> p=<P(does)>`` in its `scope`.
"""

from __future__ import annotations

import dataclasses

from pydantic import BaseModel, ConfigDict, Field

from ..detectors.base import Views
from ..detectors.registry import BuildContext, DetectorSpec
from ..errors import ConfigError
from ..model import Content, Signal
from ..scoping import HEADLINE
from .stance import StanceModel, frame_text, shipped, signal_tokens

# Labels whose violation is the act of publishing itself: a reporting voice is the act, not talk about it.
KEPT = ("unlicensed_news", "source_missing")


class StanceDetector:
    name = "stance"
    adjusts = True  # the engine calls adjust(content, views, signals) after the cascade, before the policy

    def __init__(self, model: StanceModel, *, below: float = 0.5, factor: float = 0.5, gate: float = 0.35,
                 own_act: tuple[str, ...] = ("contact",), own_act_min: float = 0.6, name: str = "stance",
                 kept: tuple[str, ...] = KEPT) -> None:
        for key, v in (("below", below), ("factor", factor), ("gate", gate), ("own_act_min", own_act_min)):
            if not 0.0 <= v <= 1.0:
                raise ConfigError(f"stance detector: {key} must be in [0, 1], got {v}")
        self.model, self.below, self.factor, self.gate = model, below, factor, gate
        self.own_act, self.own_act_min = tuple(own_act), own_act_min
        self.kept = frozenset(kept)
        self.name = name
        self.version = f"{model.name}.{model.version}"
        self.id = f"{name}@{self.version}"
        self.supported_labels: frozenset[str] = frozenset()

    def detect(self, content: Content, views: Views) -> list[Signal]:
        return []  # an adjusting stage: see adjust

    def p_does(self, views: Views, signals: list[Signal]) -> float:
        """P(the post does what its flagged words name), reading the text fields with every evidence span masked
        (and, for a model trained with them, which families fired: `signal_tokens`)."""
        spans: dict[str, list[tuple[int, int]]] = {}
        for s in signals:
            for e in s.evidence:
                spans.setdefault(e.field, []).append((e.start, e.end))
        fields = [(nt.original, spans.get(name, ())) for name, nt in views.fields.items() if "media" not in name]
        tokens = signal_tokens(signals) if self.model.token_weight else ()
        return self.model.p_does(frame_text(fields), tokens)

    def adjust(self, content: Content, views: Views, signals: list[Signal]) -> list[Signal]:
        if not signals or max(s.score for s in signals) < self.gate:
            return signals
        p = self.p_does(views, signals)
        return self.discount(signals, p) if p < self.below else signals

    def discount(self, signals: list[Signal], p: float) -> list[Signal]:
        """The signals of a post the model gives P(does) = p below `below`: each score times `factor`, the
        model's verdict in each piece of evidence's scope; unchanged (the same list) where the post has an act of
        its own."""
        for s in signals:
            if s.score >= self.own_act_min and (s.detector.split("@", 1)[0] in self.own_act or s.rule in self.own_act):
                return signals  # an act of its own (a handle offered with a cue, a martyr renamed in mockery)
        tag = f"{self.id} p={p:.3f}"
        out = []
        for s in signals:
            if (s.score <= 0 or s.label in self.kept
                    or (s.label in HEADLINE and any(e.field == "title" for e in s.evidence))
                    or _in_media_only(s)):
                out.append(s)  # nothing to discount, a publishing act, a bait headline (the post's own act), or a
                continue       # finding in the files alone, which the model (reading the post's words) never saw
            ev = tuple(e.scoped(tag) for e in s.evidence)
            out.append(dataclasses.replace(s, score=s.score * self.factor, evidence=ev))
        return out


def _in_media_only(s: Signal) -> bool:
    """Whether every piece of a signal's evidence lies in a media field (a file's note, OCR, metadata): the stance
    model reads only the post's own text fields (`p_does`), so whether the post talks about something says nothing of
    what its files are (an AI-generated video the platform's note describes; session 19, story19)."""
    return bool(s.evidence) and all(e.field.startswith("media") for e in s.evidence)


class Params(BaseModel):
    """Registry parameters of the stance stage (thresholds chosen on cross-writer figures, docs/models.md)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    model: str = Field("stance", description="shipped stance model name (qinglang/models/data)")
    below: float = Field(0.5, ge=0.0, le=1.0, description="P(does) below this: the post talks about it")
    factor: float = Field(0.5, ge=0.0, le=1.0, description="multiplier of every signal's score when it does")
    gate: float = Field(0.35, ge=0.0, le=1.0, description="strongest signal below this: the post is not read")
    own_act: list[str] = Field(default_factory=lambda: ["contact"], description="detectors (by name) or rules whose "
                               "signal at or above own_act_min is an act of the post's own (no discount)")
    own_act_min: float = Field(0.6, ge=0.0, le=1.0, description="see own_act")
    kept: list[str] = Field(default_factory=lambda: list(KEPT), description="labels never discounted (their "
                            "violation is the act of publishing: a reporting voice does it)")


def build(spec: DetectorSpec[Params], ctx: BuildContext) -> StanceDetector:
    p = spec.params
    return StanceDetector(shipped(p.model), below=p.below, factor=p.factor, gate=p.gate, own_act=tuple(p.own_act),
                          own_act_min=p.own_act_min, name=spec.name, kept=tuple(p.kept))


__all__ = ["Params", "StanceDetector", "build"]
