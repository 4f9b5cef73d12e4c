"""Lexicon detector: every lexicon term hit, on every normalized field, as evidence-carrying signals."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from ..lexicon.matcher import CompiledLexicon, Hit
from ..model import Content, Evidence, Signal
from ..text.scope import discount, scope_at, scope_tag
from .base import Views
from .registry import BuildContext, DetectorSpec

MAX_EVIDENCE = 20


class LexiconDetector:
    name = "lexicon"
    version = "1"

    def __init__(self, compiled: CompiledLexicon, *, name: str = "lexicon") -> None:
        self.compiled = compiled
        self.supported_labels = frozenset(e.label for e in compiled.entries)
        self.name = name
        self.id = f"{self.name}@{self.version}"

    def prepare(self, batch: Sequence[Views]) -> None:
        """Batch hook (Engine.moderate_many): match every field of the batch at once."""
        self.compiled.match_many([nt for views in batch for nt in views.fields.values()])

    def detect(self, content: Content, views: Views) -> list[Signal]:
        best: dict[tuple[str, str, str, int, int], Hit] = {}
        for field_name, nt in views.items():
            for hit in self.compiled.match(nt):
                # One span, one piece of evidence per rule: the strongest entry, exact spellings first.
                key = (hit.entry.label, hit.entry.rule, field_name, hit.start, hit.end)
                prev = best.get(key)
                if prev is None or (hit.score, hit.variant == "exact") > (prev.score, prev.variant == "exact"):
                    best[key] = hit
        if not best:
            return []
        if any(hit.entry.yields for hit in best.values()):
            best = _yielded(best)
        groups: dict[tuple[str, str], list[tuple[float, Evidence]]] = {}
        for (label, rule, field_name, _, _), hit in best.items():
            # Negated, quoted, reported or debunked: the poster is not doing it (qinglang.text.scope).
            cues = scope_at(views.fields[field_name], hit.start, hit.end, about=hit.entry.about)
            if hit.entry.about and any(c.kind == "about" for c in cues):
                continue  # talk about 引流 (a warning, report, refusal) names the bait: no signal, as the frames veto
            scored = (discount(hit.score, cues) if cues else hit.score,
                      self._evidence(views, field_name, hit, scope_tag(cues)))
            group = groups.get((label, rule))
            if group is None:
                groups[(label, rule)] = [scored]
            else:
                group.append(scored)
        signals = []
        for (label, rule), scored in groups.items():
            if len(scored) == 1:
                score, ev = scored[0]
                signals.append(Signal(label=label, score=score, rule=rule, detector=self.id, evidence=(ev,)))
                continue
            scored.sort(key=lambda se: (-se[0], se[1].field, se[1].start))
            distinct = len({ev.normalized for _, ev in scored})
            score = min(1.0, scored[0][0] + 0.05 * (distinct - 1))
            evidence = tuple(sorted((ev for _, ev in scored[:MAX_EVIDENCE]), key=lambda ev: (ev.field, ev.start)))
            signals.append(Signal(label=label, score=score, rule=rule, detector=self.id, evidence=evidence))
        return signals

    def _evidence(self, views: Views, field_name: str, hit: Hit, scope: str | None = None) -> Evidence:
        regex = hit.variant == "regex"
        return views.evidence(
            field_name, hit.start, hit.end,
            normalized=None if regex else self.compiled.canonical_term(hit.index), rule=hit.entry.rule,
            detector=self.id, also=None if regex or hit.variant == "exact" else hit.variant,
            context_word=hit.context_word,
            context_gain=(hit.score - hit.entry.score) if hit.context_word else 0.0, scope=scope,
        )


def _yielded(best: dict[tuple[str, str, str, int, int], Hit]) -> dict[tuple[str, str, str, int, int], Hit]:
    """`best` without the hits whose entry yields to a label another hit reads over an overlapping span of the same
    field (`Entry.yields`): the same characters read as a curse by the abuse lexicon are no porn evidence."""
    spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for (label, _, field_name, start, end) in best:
        spans.setdefault((label, field_name), []).append((start, end))
    return {key: hit for key, hit in best.items()
            if not any(a < key[4] and key[3] < b for other in hit.entry.yields
                       for a, b in spans.get((other, key[2]), ()))}


class Params(BaseModel):
    """A `lexicon` detector takes no parameters: it reports the engine's compiled lexicons."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def build(spec: DetectorSpec[Params], ctx: BuildContext) -> LexiconDetector:
    return LexiconDetector(ctx.lexicon, name=spec.name)
