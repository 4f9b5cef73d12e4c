"""ModelDetector: the shipped text classifiers as a detector (registered as type `model`).

Each model gives a calibrated probability per text field; the strongest field counts. A signal is emitted
when the probability reaches `min_score` (a reporting floor that keeps decisions uncluttered; the actions
are still the policy's). `max_score` caps the signal's score (the probability stays in the evidence): the
default registry caps at 0.85, so a model alone sends an item to review but never blocks it. `label_min` sets a
per-label floor instead of `min_score`, and `min_han` a minimum of evidence: a field with fewer Chinese characters
is not reported on (short ordinary sentences fool a bag of n-grams; the campaign label models use it).
`gate` names a second-opinion model (docs/models.md, "The ordinary-text gate") scored only on the field of a
signal that passed its floor: below `gate_min` the signal is dropped (the `cold`/`swsr` models, trained on
comments about race, region and gender, call ordinary heated workplace, family and school posts offensive; the
gate also learned from posts written blind to the rules, where those are innocent). Its probability joins the
evidence `value` (``cold@2-3f2a… p=0.912 gate=0.640``).
Evidence: the canonical spans of the n-grams that raised the score most (in the sub-model the post was routed
to), mapped back to the original text, with the model, its version and the probability in `value`
(``cold@2-3f2a… p=0.912``). All models share one fused weight table per block (`linear.Fused`), so a post's
n-grams are hashed and gathered once whatever the number of models.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from ..detectors.base import Views
from ..detectors.registry import BuildContext, DetectorSpec
from ..errors import ConfigError
from ..model import Content, Signal
from ..text.decloak import decloaker
from ..text.diversion import scam_named
from ..text.normalize import NormalizedText
from ..text.scope import FACTORS, ScopeCue, discount, scope_at, scope_tag
from ..text.target import KINDS as TARGET_KINDS
from ..text.target import group_cue, group_word, person_cue, person_spans, target_tag
from .features import grams, keys_many, views_of
from .linear import Contribution, Fused, LinearModel, Looked, Scored, logits

DEFAULT_MODELS = ("cold", "swsr")
MAX_SPANS = 5
PREPARE_FIELDS = 64  # fields featurized together in `prepare`: the array overhead is paid per 64, and the
# batch's temporary arrays stay a few MB


@dataclass(frozen=True)
class Heads:
    """A second group of models served from the same fused table as the detector's own (session 8: the campaign
    label heads beside `cold` and `swsr`): one bucket lookup, one gather and one floor test per field for all of
    them, each group with its own reporting band (floors, caps, minimum evidence); the gate is the main group's."""

    models: tuple[LinearModel, ...]
    min_score: float = 0.5
    max_score: float = 1.0
    label_max: dict[str, float] = field(default_factory=dict)
    label_min: dict[str, float] = field(default_factory=dict)
    min_han: int = 0


class ModelDetector:
    name = "model"

    def __init__(self, models: Sequence[LinearModel], *, min_score: float = 0.5, top: int = 3,
                 max_score: float = 1.0, label_max: dict[str, float] | None = None, name: str = "model",
                 label_min: dict[str, float] | None = None, min_han: int = 0, gate: LinearModel | None = None,
                 gate_min: float = 0.0, heads: Heads | None = None, target_split: dict[str, str] | None = None,
                 target_factor: float = 0.3, need_group_word: bool = False,
                 group_by_people_noun: bool = False) -> None:
        if not models:
            raise ConfigError("model detector: 'models' is empty")
        if not 0.0 <= gate_min <= 1.0:
            raise ConfigError(f"model detector: gate_min must be in [0, 1], got {gate_min}")
        bad = {k: v for k, v in (target_split or {}).items() if v not in TARGET_KINDS}
        if bad or not 0.0 <= target_factor <= 1.0:
            raise ConfigError(f"model detector: target_split values must be one of {TARGET_KINDS} and target_factor "
                              f"in [0, 1], got {bad or target_factor}")
        # label → the target it needs (abuse: one person; antagonism: a group): used only for a model that reports
        # labels of both kinds at once (cold), which cannot tell them apart (`qinglang.text.target`)
        self.target_split, self.target_factor = dict(target_split or {}), target_factor
        self.need_group_word = need_group_word
        self.group_by_people_noun = group_by_people_noun
        main = Heads(tuple(models), min_score, max_score, dict(label_max or {}), dict(label_min or {}), min_han)
        groups = [main, *([heads] if heads is not None and heads.models else [])]
        for g in groups:
            if not 0.0 <= g.min_score <= 1.0:
                raise ConfigError(f"model detector: min_score must be in [0, 1], got {g.min_score}")
            if not g.min_score <= g.max_score <= 1.0:
                raise ConfigError(f"model detector: max_score must be in [min_score, 1], got {g.max_score}")
        self.own = len(main.models)  # models [0, own) are the main group's, the rest the heads'
        self.models = tuple(m for g in groups for m in g.models)
        if len({m.bits for m in self.models}) > 1:
            raise ConfigError("model detector: heads must share the models' hash size to share their table: "
                              + ", ".join(f"{m.name} 2**{m.bits}" for m in self.models))
        self.min_score, self.max_score = min_score, max_score
        self.label_max, self.label_min, self.min_han = main.label_max, main.label_min, min_han
        self.heads = heads
        self._group = tuple(g for g in groups for _ in g.models)  # each model's group
        self.top = top
        self.gate, self.gate_min = gate, gate_min
        self._gate_fused = Fused([gate]) if gate is not None else None
        self.version = "2+" + "+".join(f"{m.name}.{m.version}" for m in (*self.models, *([gate] if gate else [])))
        self.name = name
        self.id = f"{self.name}@{self.version}"
        self.supported_labels = frozenset(label for m in self.models for label in m.meta["labels"])
        self._fused = Fused(self.models)
        self._floors = np.array([max((g.label_min.get(label, g.min_score) for label in m.meta["labels"]),
                                     default=g.min_score) for m, g in zip(self.models, self._group, strict=True)])
        self._z_floors = logits(self._floors)

    @classmethod
    def shipped(cls, names: Sequence[str] = DEFAULT_MODELS, **kw: Any) -> ModelDetector:
        return cls([LinearModel.shipped(n) for n in names], **kw)  # type: ignore[arg-type]

    def prepare(self, batch: Sequence[Views]) -> None:
        """Batch hook (Engine.moderate_many): every field of the batch de-cloaked (one lexicon pass per view),
        then, PREPARE_FIELDS at a time, featurized, looked up and floor-tested at once (`Fused.reaching_many`).
        Each field keeps its floor test; only the few fields that reach a floor keep their lookup (copied out of
        the batch's arrays, which are freed at once)."""
        nts = [nt for views in batch for nt in views.fields.values() if self not in nt.cache]
        if len(nts) < 2:
            return
        decloaker(nts[0].normalizer).lexicon.match_many(nts)
        for k in range(0, len(nts), PREPARE_FIELDS):
            chunk = nts[k:k + PREPARE_FIELDS]
            gs = keys_many([views_of(nt) for nt in chunk])
            looked, hits = self._fused.reaching_many(gs, self._z_floors)
            for nt, g, lk, hit in zip(chunk, gs, looked, hits, strict=True):
                if hit.any():
                    lk = lk.detached()
                    nt.cache[grams] = lk.grams
                    nt.cache[self] = (lk, hit)
                else:
                    nt.cache[grams] = g  # the keys stay for the recall heads (qinglang.models.recall), which read them
                    nt.cache[self] = (None, hit)

    def _reach(self, nt: NormalizedText) -> tuple[Looked | None, np.ndarray]:
        """One field's floor test and, where it reaches a floor, its lookup (memoized: `prepare` makes them for
        a whole batch)."""
        got = nt.cache.get(self)
        if got is None:  # one field alone: the single-field lookup, the same verdict as `reaching_many` gives
            looked = self._fused.lookup(grams(nt))
            got = nt.cache[self] = (looked, self._fused.reaching(looked, self._z_floors))
        return got  # type: ignore[return-value]

    def detect(self, content: Content, views: Views) -> list[Signal]:
        # Every model's floor test in every field in a few array operations; only the models that reach their
        # floor somewhere (a few posts in a hundred) are scored exactly and explained.
        fields = views.items()
        reached = [self._reach(nt) for _, nt in fields]
        if not reached:
            return []
        reach = np.logical_or.reduce([hit for _, hit in reached])
        if not reach.any():
            return []
        looked = {name: lk if lk is not None else self._fused.lookup(grams(nt))
                  for (name, nt), (lk, _) in zip(fields, reached, strict=True)}
        only = [int(k) for k in np.flatnonzero(reach)]
        scored = {name: self._fused.score(lk, only) for name, lk in looked.items()}
        signals: list[Signal] = []
        gate_p: dict[str, float] = {}
        for j, k in enumerate(only):
            m = self.models[k]
            best = _best(scored, j)
            if best is None:
                continue
            field_name, sc = best
            floor = float(self._floors[k])
            if sc.p < floor:
                continue
            canon = views.fields[field_name].text
            group = self._group[k]
            if group.min_han and _han(canon) < group.min_han:
                continue  # minimum evidence: too few words for a bag of n-grams to mean anything (see _han)
            gp: float | None = None
            if self._gate_fused is not None and k < self.own:
                # Second opinion, on this field only (paid by the few posts that reach the floor).
                gp = gate_p.get(field_name)
                if gp is None:
                    gp = gate_p[field_name] = self._gate_fused.score(looked[field_name].grams)[0].p
                if gp < self.gate_min:
                    continue
            rule = m.meta.get("rule", f"model.{m.name}")
            spans = [t for a, b in _merge(self._fused.contributions(k, looked[field_name], sc.route, self.top))
                     if (t := _trim(canon, a, b))][:MAX_SPANS]
            value = f"{m.name}@{m.version} p={sc.p:.3f}"  # the calibrated probability, before any cap
            if gp is not None:
                value += f" gate={gp:.3f}"
            # Scope (qinglang.text.scope), as for lexicon hits: the words that drove the score, negated, quoted or
            # inside a warning or a debunk, are talked about, not used.
            cues = scope_at(views.fields[field_name], *spans[0]) if spans else ()
            if spans and (bait := scam_named(canon, *spans[0])) is not None:
                cues = (*cues, ScopeCue("about", bait, FACTORS["about"]))  # 都是骗子 said of 加v带你做单: a warning
            p = discount(sc.p, cues) if cues else sc.p
            if p < floor:
                continue
            tag = scope_tag(cues)
            evidence = tuple(views.evidence(field_name, a, b, rule=rule, detector=self.id, value=value, scope=tag)
                             for a, b in spans)
            split = self._split(m.meta["labels"], canon)
            for label in m.meta["labels"]:
                cap = group.label_max.get(label, group.max_score)
                ev, score = evidence, min(p, cap)
                if split is not None and self.target_split.get(label, split[0]) != split[0]:
                    # the post's insult has the other label's target (or, `none`, no people noun for a group label
                    # to be about): this label is talked past, not given
                    ttag = f"target:{split[0]}:{split[1]}"
                    ev = tuple(e.scoped(ttag) for e in evidence)
                    score = round(score * self.target_factor, 4)
                signals.append(Signal(label=label, score=score, rule=rule, detector=self.id, evidence=ev))
        return signals

    def _split(self, labels: Sequence[str], text: str) -> tuple[str, str] | None:
        """(target kind, cue) of the field when the model reports labels of both target kinds and the field's
        insult has only one kind of target (`qinglang.text.target`), else None."""
        if len({self.target_split[lb] for lb in labels if lb in self.target_split}) < 2:
            return None
        tag = target_tag(text)
        if tag is None and self.group_by_people_noun and not person_spans(text) \
                and (word := group_word(text)) is not None:
            # session 17 (lang17): no one person in sight (no 你, no thread role, no name, no 她的…) but a people
            # noun stands (外卖骑手, 城里人, 穷人, 女生): whatever the post runs down is that people, not one person,
            # so only the group labels stand (scope target:group:<the noun>)
            return "group", word
        if tag is None and self.need_group_word and not group_cue(text) and not person_cue(text) \
                and group_word(text) is None:
            # neither target named and no people noun at all (session 16, story16): the insult is at no group, so
            # only the labels that need one person (abuse) stand
            return "person", "none"
        return tag

    def scores(self, views: Views) -> dict[str, tuple[float, str]]:
        """Per model name: (best calibrated probability over the text fields, the field that gave it)."""
        scored = {name: self._fused.score(self._fused.lookup(grams(nt))) for name, nt in views.items()}
        out: dict[str, tuple[float, str]] = {}
        for k, m in enumerate(self.models):
            best = _best(scored, k)
            out[m.name] = (best[1].p, best[0]) if best else (0.0, "")
        return out

    def looked(self, views: Views) -> dict[str, Looked]:
        return {name: self._fused.lookup(grams(nt)) for name, nt in views.items()}


def _han(text: str) -> int:
    """Chinese characters in a text. A linear n-gram model reads a short sentence through a handful of n-grams,
    and one that leans positive decides: the campaign models called one short ordinary clause in ten (4-20
    characters of real COLD comments) a rumour or a false claim, and a Latin-only word ("Chinese") went to their
    untrained Latin route. `min_han` asks for enough Chinese text to be evidence."""
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf")


def _best(scored: dict[str, list[Scored]], k: int) -> tuple[str, Scored] | None:
    """The field where model k is most confident (first field on ties)."""
    best: tuple[str, Scored] | None = None
    for field_name, per_model in scored.items():
        if best is None or per_model[k].p > best[1].p:
            best = (field_name, per_model[k])
    return best


def _trim(text: str, a: int, b: int) -> tuple[int, int] | None:
    """A span without the punctuation or spaces at its edges (an n-gram may take in the comma after a word);
    None when nothing is left."""
    while a < b and not text[a].isalnum():
        a += 1
    while b > a and not text[b - 1].isalnum():
        b -= 1
    return (a, b) if a < b else None


def _merge(contribs: list[Contribution]) -> list[tuple[int, int]]:
    """Overlapping or touching canonical spans merged, strongest first."""
    spans = sorted({(c.start, c.end) for c in contribs if c.end > c.start})
    merged: list[list[int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    # Each contribution lies inside exactly one merged span: find it by bisection (linear in the contributions;
    # a scan per span was quadratic and stalled on a 10-million-character text).
    starts = [a for a, _ in merged]
    weight = [0.0] * len(merged)
    for c in contribs:
        i = bisect_right(starts, c.start) - 1
        if i >= 0 and c.end <= merged[i][1]:  # empty contributions count where they fall inside a span
            weight[i] += c.weight
    order = sorted(range(len(merged)), key=lambda i: -weight[i])  # stable: ties keep the text order
    return [(merged[i][0], merged[i][1]) for i in order]


__all__ = ["DEFAULT_MODELS", "Heads", "ModelDetector"]


class HeadParams(BaseModel):
    """Registry parameters of a `model` detector's heads: more shipped models served from its fused table (one
    lookup for all), with their own reporting band."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    enabled: bool = Field(True, description="false: the heads are not loaded (the main models still run)")
    models: list[str] = Field(default_factory=list, description="shipped model names (qinglang/models/data)")
    min_score: float = Field(0.5, ge=0.0, le=1.0, description="calibrated probability below this: no signal")
    max_score: float = Field(1.0, ge=0.0, le=1.0, description="cap of a head's signal")
    label_max: dict[str, float] = Field(default_factory=dict, description="per-label cap overriding max_score")
    label_min: dict[str, float] = Field(default_factory=dict, description="per-label floor overriding min_score")
    min_han: int = Field(0, ge=0, description="minimum Chinese characters in a field for a head to report on it")


class Params(BaseModel):
    """Registry parameters of a `model` detector: which shipped models, and the score band it reports in."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    models: list[str] = Field(default_factory=lambda: list(DEFAULT_MODELS), min_length=1,
                              description="shipped model names (qinglang/models/data)")
    min_score: float = Field(0.5, ge=0.0, le=1.0, description="calibrated probability below this: no signal")
    max_score: float = Field(1.0, ge=0.0, le=1.0, description="cap of a model's signal (a human confirms)")
    top: int = Field(3, ge=1, description="spans reported per signal")
    label_max: dict[str, float] = Field(
        default_factory=dict, description="per-label cap overriding max_score: where a policy blocks a label at a "
        "lower score (grooming blocks from 0.5), a model alone is held below that, at review")
    label_min: dict[str, float] = Field(
        default_factory=dict, description="per-label reporting floor overriding min_score (thresholds chosen per "
        "label on development data)")
    min_han: int = Field(0, ge=0, description="minimum evidence: a field with fewer Chinese characters than this is "
                         "not reported on (short texts fool a bag of n-grams; 0: off)")
    gate: str | None = Field(None, description="shipped second-opinion model scored on the field of a signal that "
                             "reached its floor (docs/models.md, the ordinary-text gate); None: no gate")
    gate_min: float = Field(0.0, ge=0.0, le=1.0, description="the gate's calibrated probability below this: the "
                            "signal is dropped")
    heads: HeadParams | None = Field(None, description="label heads served from the same fused table (one "
                                     "bucket lookup and floor test for all models), with their own band")
    target_split: dict[str, str] = Field(
        default_factory=dict, description="label → the target it needs (person | group): a model that reports "
        "labels of both kinds (cold: abuse and antagonism) keeps only the one that fits the field's target "
        "(qinglang.text.target); the other's score is multiplied by target_factor. {}: off")
    target_factor: float = Field(0.3, ge=0.0, le=1.0, description="see target_split")
    need_group_word: bool = Field(
        False, description="with target_split: a field that names neither target and has no people noun at all "
        "(qinglang.text.target.group_word) keeps only the labels that need one person; the group labels' score is "
        "multiplied by target_factor (scope target:person:none)")
    group_by_people_noun: bool = Field(
        False, description="with target_split: a field that names neither target, points at no one person "
        "(qinglang.text.target.person_spans: no 你, thread role, name or 她的) and holds a people noun "
        "(qinglang.text.target.group_word) keeps only the group labels; the person labels' score is multiplied by "
        "target_factor (scope target:group:<noun>)")


def _check_band(name: str, where: str, label_max: dict[str, float], max_score: float,
                label_min: dict[str, float]) -> None:
    bad = {k: v for k, v in label_max.items() if not 0.0 <= v <= max_score}
    if bad:
        raise ConfigError(f"model detector {name!r}: {where}label_max values must be in [0, max_score]: {bad}")
    bad = {k: v for k, v in label_min.items() if not 0.0 <= v <= 1.0}
    if bad:
        raise ConfigError(f"model detector {name!r}: {where}label_min values must be in [0, 1]: {bad}")


def build(spec: DetectorSpec[Params], ctx: BuildContext) -> ModelDetector:
    p = spec.params
    _check_band(spec.name, "", p.label_max, p.max_score, p.label_min)
    heads = None
    if p.heads is not None and p.heads.enabled and p.heads.models:
        h = p.heads
        if not h.min_score <= h.max_score:
            raise ConfigError(f"model detector {spec.name!r}: heads.max_score must be at least heads.min_score")
        _check_band(spec.name, "heads.", h.label_max, h.max_score, h.label_min)
        heads = Heads(tuple(LinearModel.shipped(n) for n in h.models), h.min_score, h.max_score, dict(h.label_max),
                      dict(h.label_min), h.min_han)
    decloaker(ctx.normalizer)  # built with the engine, not on its first post (the engine freezes what it built)
    gate = LinearModel.shipped(p.gate) if p.gate else None
    return ModelDetector.shipped(p.models, min_score=p.min_score, top=p.top, max_score=p.max_score,
                                 label_max=p.label_max, name=spec.name, label_min=p.label_min, min_han=p.min_han,
                                 gate=gate, gate_min=p.gate_min, heads=heads, target_split=p.target_split,
                                 target_factor=p.target_factor, need_group_word=p.need_group_word,
                                 group_by_people_noun=p.group_by_people_noun)
