"""Claims detector (issue 17; campaign tasks 1, 4, 5, 10): rumour, clickbait and false-science claims.

A thin adapter over `qinglang.claims`: the cue scorers give `rumor` (a checkable, unsupported claim),
`clickbait` (a teaser title, or a title the body denies or does not carry) and `false_science` (health and
science myths, impersonated medical authority); a debunk bank, when configured (`bank: PATH`), gives `rumor`
with the bank entry and its source as evidence. Every signal's evidence shows each part that scored.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ..claims.pair import TitlePair
from ..claims.score import (
    Cues,
    Part,
    ReplyCue,
    Scale,
    Score,
    score_replies,
    score_rumor,
    score_science,
)
from ..claims.source import calm_claim, measured_report, source_missing, topics
from ..claims.sourcing import SourceReading, source_features
from ..claims.title import score_title
from ..model import Content, Evidence, Signal
from ..text.diversion import about_diversion
from .base import Views
from .patterns import evidence
from .registry import BuildContext, DetectorSpec

TITLE_RULES = frozenset({"claims.rumor.title_denied_by_body", "claims.rumor.title_not_in_body"})


# news16: a learned false_science signal (the recall heads, any detector but this one) on a post the claim scorer reads
# as refuting the myth (说喝盐水降血压的别害人了…降压药也不能自己停; 根本治不了; `refuted`) and does not itself read as
# false science: the learned reading of the claim's words is taken back to this factor, as the semantic tier already
# leaves such posts alone (claims9). The post names the claim to deny it.
REFUTED_FACTOR = 0.3
# Only two readings of the `negation` family count here: the people who spread the claim told they do harm (说…的别害人
# 了) and medicine kept to (降压药不能自己停, 不能代替药物). A myth calls the sound view a scam, a rumour or a tax on
# fools as often as a correction calls the myth one (人体每天需要喝8杯水是骗局…; 别信那些专家…; 没有寄生虫的说法是谣言:
# five blind dev myths lost their false_science when 骗局, 谣言, 别信, 智商税 and 骗人的 counted here), and 吃什么药都
# 没用 or 其实 (the family's other words) as often again
REFUTING = re.compile(r"害人"
                      r"|(不能|不要|别|切勿|不可)[^，。！？]{0,3}(随便|自行|擅自|私自|自己)[^，。！？]{0,3}(停|减|换|加)"
                      r"|(不能|无法|不可)(代替|替代|取代)(药|治疗|医生|正规)")


# news23: a rumour marked unsourced by the source reading scores from the policy's `source_missing` floor (0.6) up to
# 0.8, below the cue rule's strongest findings
READ_FLOOR, READ_CAP = 0.6, 0.8


def _from_point(p: float, point: float, floor: float, cap: float) -> float:
    """A learned reading's probability `p` at or above its operating `point` as a signal score: `floor` at the point,
    rising linearly to `cap` at p = 1 (the title-pair tier and the source reading)."""
    return round(min(cap, floor + (cap - floor) * (p - point) / max(1 - point, 1e-6)), 4)


class ClaimsDetector:
    name = "claims"
    version = "1"
    supported_labels = frozenset({"rumor", "clickbait", "false_science", "source_missing", "false_ad"})
    adjusts = True  # the engine calls adjust(content, views, signals) after the cascade (a refuted health claim)

    def __init__(self, cues: Cues | None = None, bank: Any = None, bank_threshold: float = 0.6, *,
                 name: str = "claims", source_missing: bool = True, title_rumor: bool = False,
                 title_pair: TitlePair | None = None, source_reading: SourceReading | None = None) -> None:
        self.name = name
        self.title_pair = title_pair
        self.source_reading = source_reading
        self.flag_source_missing = source_missing
        self.title_rumor = title_rumor
        self.cues = cues or Cues.load()
        self.bank = bank
        self.bank_threshold = bank_threshold
        self.id = f"{self.name}@{self.version}"
        self._last: tuple[Views, Score, Score] | None = None  # `_scores` of the last post (a views object) seen

    def _scores(self, views: Views) -> tuple[Score, Score]:
        """The rumour and false-science scores of a post, kept for the last post seen: `refuted` (the semantic
        cascade's question, asked right after `detect` on the same views) does not score the post again."""
        last = self._last
        if last is not None and last[0] is views:
            return last[1], last[2]
        rumor, science = score_rumor(self.cues, views), score_science(self.cues, views)
        self._last = (views, rumor, science)
        return rumor, science

    def _signal(self, label: str, s: Score, scale: Scale, views: Views) -> Signal | None:
        if s.raw < scale.threshold:
            return None
        positive = [p for p in s.parts if p.contribution > 0]
        if not positive:
            return None
        top = max(positive, key=lambda p: p.contribution)
        return Signal(label, s.reported(scale), f"claims.{label}.{top.family}", self.id,
                      _evidence(views, s.parts, self.id))

    def missing_source(self, views: Views, rumor_score: Score, prefix: str = "claims") -> Signal | None:
        """`source_missing` on a current-affairs report that names no source (qinglang.claims.source); a cue-rule
        finding the source-reading model (news23, qinglang.claims.sourcing) reads below its `veto` is dropped."""
        m = source_missing(views, rumor_score)
        if m is None:
            return None
        reading = self.source_reading
        if reading is not None and reading.probability(source_features(views, rumor_score, m)) < reading.veto:
            return None
        return Signal("source_missing", m.score, f"{prefix}.{m.topic}.source_missing", self.id,
                      evidence(views, m.found, self.id))

    def _unsourced_rumor(self, views: Views, rumor_score: Score) -> Signal | None:
        """news23: `source_missing` beside a rumour the source-reading model reads at its `add` point or above — a
        claim that reads as an unsourced report as much as a fabrication (the writers mark both); evidence the cue
        rule's finding where it has one, else the post's topic words (rule `claims.source_missing.reading`)."""
        reading = self.source_reading
        assert reading is not None
        m = source_missing(views, rumor_score)
        p = reading.probability(source_features(views, rumor_score, m))
        found = list(m.found) if m is not None else [f for fs in topics(views).values() for f in fs]
        if p < reading.add or not found:
            return None
        return Signal("source_missing", _from_point(p, reading.add, READ_FLOOR, READ_CAP),
                      "claims.source_missing.reading", self.id, evidence(views, found, self.id))

    def _paired_title(self, views: Views) -> Signal | None:
        """news22: `clickbait` from the title-pair model (qinglang.claims.pair) on a titled post the cue scorer did
        not mark: the title overstates what its body tells. Score from the clickbait floor at the model's operating
        point up to the scale's cap; evidence the title span that weighs most and the body fact it is read against."""
        title, body = views.fields.get("title"), views.fields.get("text")
        if title is None or body is None or not title.text.strip() or not body.text.strip():
            return None
        m = self.title_pair
        assert m is not None
        r = m.read(title.text, body.text)
        if not r.found:
            return None
        scale = self.cues.clickbait_scale
        return Signal("clickbait", _from_point(r.probability, m.threshold, scale.floor, scale.cap),
                      "claims.clickbait.title_pair", self.id, (*evidence(views, r.found, self.id), ))

    def refuted(self, views: Views) -> frozenset[str]:
        """The claim labels a post refutes or doubts (a debunk, 网传“…”不实, 没有科学依据, a doctor's correction): the
        semantic tier does not read such a post's bag of words as the claim it answers (claims9)."""
        out = set()
        rumor, science = self._scores(views)
        if _debunking(rumor):
            out.add("rumor")
        if _refutes(science, ("negation",)):
            out.add("false_science")
        return frozenset(out)

    def adjust(self, content: Content, views: Views, signals: list[Signal]) -> list[Signal]:
        """Learned `false_science` signals on a post that refutes the health claim, at `REFUTED_FACTOR` (see there);
        the signals unchanged otherwise."""
        learned = [s for s in signals if s.label == "false_science" and s.detector != self.id and s.score > 0]
        if not learned or any(s.label == "false_science" and s.detector == self.id for s in signals):
            return signals
        _, science = self._scores(views)
        said = [views.fields[f.field].text[f.start:f.end] for p in science.parts if p.family == "negation"
                for f in p.found]
        if not any(REFUTING.search(t) for t in said):
            return signals
        tag = "claims:refuted"
        return [replace(s, score=round(s.score * REFUTED_FACTOR, 4), evidence=tuple(e.scoped(tag) for e in s.evidence))
                if s in learned else s for s in signals]

    def detect(self, content: Content, views: Views) -> list[Signal]:
        out: list[Signal] = []
        c = self.cues
        rumor_score, sci_score = self._scores(views)
        cited: tuple[ReplyCue, ...] = ()
        if views.replies and not _debunking(rumor_score):
            rumor_score, cited = score_replies(c, views, rumor_score)
        rumor = self._signal("rumor", rumor_score, c.rumor_scale, views)
        if rumor is not None and cited:
            rumor = Signal(rumor.label, rumor.score, rumor.rule, rumor.detector,
                           (*rumor.evidence, *_reply_evidence(cited, self.id)))
        title = score_title(c, views)
        title_claim = False  # a clickbait title asserting what its body denies or never carries
        baited = False  # news15: the post is clickbait: its fault is the title, not a missing credit line
        if title is not None:
            title = replace(title, clickbait=_without_diversion_bait(title.clickbait, views))
            sig = self._signal("clickbait", title.clickbait, c.clickbait_scale, views)
            if sig is not None:
                out.append(sig)
                baited = True
                # the title asserts an event the body denies, or never carries: a false claim, too (when
                # `title_rumor`; by default such a post is clickbait only, see Params.title_rumor)
                pairs = ((title.title_denied, "claims.rumor.title_denied_by_body"),
                         (title.title_unsupported, "claims.rumor.title_not_in_body")) if self.title_rumor else ()
                title_claim = bool(title.title_denied or title.title_unsupported)
                for found, rule in pairs:
                    if found:
                        denied = Signal("rumor", max(0.6, sig.score), rule, self.id, evidence(views, found, self.id))
                        if rumor is None or rumor.score < denied.score:
                            rumor = denied
                        break
        if not baited and self.title_pair is not None:
            paired = self._paired_title(views)
            if paired is not None:
                out.append(paired)
                baited = True
        sci = self._signal("false_science", sci_score, c.science_scale, views)
        # A post that reads as both is reported as the one it reads as more strongly (raw score above each
        # scorer's threshold): a health myth as the more specific false_science, a spread alert or a local
        # incident that merely names a body part as a rumour. A title the body denies is a rumour as well.
        if sci is not None and rumor is not None and rumor.rule not in TITLE_RULES and \
                rumor_score.raw - c.rumor_scale.threshold > sci_score.raw - c.science_scale.threshold:
            sci = None
        if sci is not None:
            out.append(sci)
            sold = _sold_health_claim(sci, sci_score)
            if sold is not None:
                out.append(sold)
        calm = rumor is not None and sci is None and rumor.rule not in TITLE_RULES and calm_claim(rumor_score)
        missing = None
        # a misleading title is clickbait (news15: any clickbait post — the writer sets mark the title, 0 of 7 tune
        # rows so marked also expect a source); a rumour is not also marked, unless it is a calm report (news13)
        if self.flag_source_missing and not title_claim and not baited and (rumor is None or calm):
            missing = self.missing_source(views, rumor_score)
        elif self.flag_source_missing and self.source_reading is not None and not baited and rumor is not None \
                and sci is None:
            missing = self._unsourced_rumor(views, rumor_score)
        # news15: a calm report in an institution's measured register (央行今天宣布下调存款准备金率0.5个百分点) is
        # an unsourced report, not a rumour: the source mark alone (qinglang.claims.source.measured_report)
        measured = measured_report(views, rumor_score) if calm and missing is not None else []
        if missing is not None and measured:
            rumor = None
            missing = replace(missing, evidence=(*missing.evidence, *evidence(views, measured, self.id)))
        if rumor is not None and (sci is None or rumor.rule in TITLE_RULES):
            out.append(rumor)
        if missing is not None:
            out.append(missing)
        if self.bank is not None and not _debunking(rumor_score):
            out.extend(self.bank.signals(views, self.id, self.bank_threshold))
        return out


# recall11: a health claim made to sell the product (this tea lowers blood sugar, stop the pills; 两盒888) is an
# advertisement's efficacy claim as well (《广告法》第十六、十七条: no efficacy assertion, no comparison with drugs):
# the writers of five blind sets and both twin-pair sets label it `false_ad`, the scorer reads it `false_science`.
# Emitted beside it, capped below the block threshold of the false_ad rules (the claim decides, not the shop).
AD_PARTS = frozenset({"efficacy", "anti_medicine"})
FALSE_AD_CAP = 0.85


def _sold_health_claim(sci: Signal, s: Score) -> Signal | None:
    """`false_ad` beside a `false_science` signal whose claim comes with the selling of a product."""
    families = {p.family for p in s.parts if p.contribution > 0}
    if "selling" not in families or not families & AD_PARTS:
        return None
    return Signal("false_ad", min(sci.score, FALSE_AD_CAP), "claims.false_ad.health_claim_sold", sci.detector,
                  sci.evidence)


def _refutes(s: Score, families: tuple[str, ...]) -> bool:
    return any(p.family in families for p in s.parts)


def _debunking(s: Score) -> bool:
    """Is the post a debunk or a doubt about a claim (辟谣, 网传“…”不实, 是真的吗)? Such posts quote the rumour
    they answer, so a bank match on them is not a rumour. Post-level; the cue words of the `debunk` family
    include the debunking frames of qinglang/text/scope.py, and the rumour scorer already drops claim parts that
    scope.py finds quoted, refuted or mentioned (`score_families(scoped=True)`)."""
    return any(p.family in ("debunk", "doubt", "question") for p in s.parts)


def _reply_evidence(cited: tuple[ReplyCue, ...], detector: str) -> tuple[Evidence, ...]:
    """Evidence in the replies: field `reply:<id>.<field>`, span in the reply's original text."""
    out = []
    for rc in cited[:10]:
        f, rid = rc.found, rc.reply.content.id
        nt = rc.reply.fields[f.field]
        a, b = nt.span(f.start, f.end)
        out.append(Evidence(f"reply:{rid}.{f.field}", a, b, nt.original[a:b], nt.text[f.start:f.end],
                            f.pattern.rule, detector))
    return tuple(out)


def _evidence(views: Views, parts: tuple[Part, ...], detector: str) -> tuple[Evidence, ...]:
    found = [f for p in parts for f in p.found]
    return evidence(views, found, detector, limit=24)


class Params(BaseModel):
    """Registry parameters of a `claims` detector."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    bank: str | None = Field(None, description="debunk bank file (`qinglang claims import`; `example`: shipped)")
    bank_threshold: float = Field(0.6, ge=0.0, le=1.0, description="least similarity for a bank match")
    paraphrase: bool = Field(False, description="also match paraphrases (needs qinglang[claims-embed])")
    source_missing: bool = Field(True, description="report `source_missing` on current-affairs reports that name "
                                 "no source and are not judged rumours (qinglang.claims.source)")
    # claims9: the four unseen sets and the campaign dev rows label a title that the body denies or does not carry
    # (官宣离婚 over a TV-drama scene, 爆炸 over a smoking power bank) `clickbait` only, 0 of 10 `rumor`; the body
    # itself tells the true event, so the post spreads no false account. Off by default (docs/accuracy.md, "claims9").
    title_rumor: bool = Field(False, description="also report `rumor` when a clickbait title asserts an event its "
                              "body denies or never carries")
    # news22: the learned reading of a title against its body (qinglang.claims.pair; docs/models.md "title-pair")
    title_pair: bool = Field(True, description="mark `clickbait` where the shipped title-pair model reads a title "
                             "that overstates its body and the cue scorer did not")
    # news23: the learned reading of who tells what, and how (qinglang.claims.sourcing; docs/models.md "source-reading")
    source_reading: bool = Field(True, description="read each `source_missing` candidate with the shipped "
                                 "source-reading model: drop the cue rule's findings it reads below its veto, mark "
                                 "topical posts it reads at its add point")


def build(spec: DetectorSpec[Params], ctx: BuildContext) -> ClaimsDetector:
    """The cue scorers, plus the debunk bank when `bank` names one (a bad bank file is a ConfigError)."""
    p = spec.params
    bank = None
    if p.bank:
        from ..claims.bank import BankError, DebunkBank
        from ..errors import ConfigError

        try:
            bank = DebunkBank.load(p.bank, ctx.normalizer, paraphrase=p.paraphrase)
        except BankError as exc:
            raise ConfigError(f"{spec.where or spec.name}: {exc.message}") from None
    return ClaimsDetector(bank=bank, bank_threshold=p.bank_threshold, name=spec.name,
                          source_missing=p.source_missing, title_rumor=p.title_rumor,
                          title_pair=TitlePair.load() if p.title_pair else None,
                          source_reading=SourceReading.load() if p.source_reading and p.source_missing else None)


def _without_diversion_bait(s: Score, views: Views) -> Score:
    """The clickbait score without a body `bait` part whose every contact word (私信, 加微信, 下载, 链接…) stands in
    talk about 引流 — an anti-scam note describing the bait, a creator refusing private offers (私信推广一律不回) —
    read with the talk-about-引流 cues (qinglang.text.diversion) as the 引流 detectors read them."""
    drop = [p for p in s.parts if p.family == "bait" and all(
        about_diversion(views.fields[f.field].text, f.start, f.end) for f in p.found)]
    return Score(s.raw - sum(p.contribution for p in drop), tuple(p for p in s.parts if p not in drop)) if drop else s
