"""The contact detector: walks the fields, maps spans back through the views' evidence factory, groups the
scored evidence into signals. Extraction: `handles` / `links` / `phones` over the `compact` view; scoring: `scoring`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field

from ...labels import LABELS
from ...lexicon.loader import load_dir
from ...lexicon.matcher import CompiledLexicon, Hit
from ...model import Content, Evidence, Signal
from ...models.purpose import LURE_LABELS, read_text
from ...models.purpose import load as load_purpose
from ...policy.schema import is_minor_audience
from ...text.diversion import about_diversion, warning_near
from ...text.exchange import exchange_purpose
from ...text.normalize import Normalizer
from ...text.personal import PERSONAL_CONTACT_TERMS, changed_contact, met_once, personal_errand, public_address
from ...text.scope import scope_at
from ..base import Views
from ..registry import BuildContext, DetectorSpec
from .base import MAX_FIELD, Handle
from .compact import Compact
from .fields import field_handles
from .links import url_value_case
from .pointers import HINT as _POINTER_HINT
from .pointers import SCORE as POINTER_SCORE
from .pointers import in_post, lured, named_offer, pointers, requests, same_number, searched
from .scoring import (
    TG_MARK,
    WEIGHTS,
    Weights,
    contextual_score,
    make_signal,
    obfuscating,
    open_phone,
    own_site,
    public_service,
)
from .talk import named_in_warning, quoted_in_warning

_Scored = dict[str, list[tuple[float, Evidence]]]
# the scope a spared phone number's evidence carries (`scoring.open_phone`): why an innocent contact is not 引流
OPEN_PHONE = "spared: a phone line in the open (no lure, 暗号, private channel or move beside it)"
# … and a link to a registrant's own site beside a call to click (`scoring.own_site`, session 19)
OWN_SITE = "spared: a registrant's own site (.cn, .com.cn) called to by its own notice (no lure or 暗号 beside it)"
# the labels whose offer makes a channel-less pointer 引流 (`ContactDetector._lured`): the purpose model's lures and
# the soft-sex services that vulgar carries (男士SPA有特殊项目)
POINTER_LURES = LURE_LABELS | {"vulgar"}


class Params(BaseModel):
    """Registry parameters of a `contact` detector."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    lexicons: list[Path] = Field(default_factory=list, description="folders of 暗号 and lures (default: shipped)")
    min_score: float = Field(0.5, ge=0.0, le=1.0, description="a scored handle below this is not reported")
    purpose_model: str | None = Field("purpose", description="shipped purpose model (qinglang/models/data); "
                                      "null: contacts are scored by rules only")
    purpose_below: float = Field(0.3, ge=0.0, le=1.0, description="P(diverting) below this: the contact is given "
                                 "for the poster's own errand or a legitimate service")
    purpose_factor: float = Field(0.3, ge=0.0, le=1.0, description="multiplier of every drainage signal then")
    purpose_gate: float = Field(0.35, ge=0.0, le=1.0, description="the model is read when a drainage signal "
                                "reaches this (the lowest score a policy acts on)")
    purpose_with_lure: bool = Field(False, description="read the model when a lure is in the item too")
    purpose_changed_below: float = Field(0.9, ge=0.0, le=1.0, description="P(diverting) below this: a one-to-one "
                                         "message handing over the poster's own replaced contact is personal")


class PurposeReader(Protocol):
    """What the detector asks of a purpose model (`qinglang.models.purpose`): P(diverting) of a purpose text."""

    @property
    def name(self) -> str: ...

    @property
    def version(self) -> str: ...

    def p_does(self, text: str) -> float: ...


class ContactDetector:
    """Contact handles and links in every text field → `drainage` signals; lures nearby → their own labels.

    What the contact is for (`purpose`, a learned model, `qinglang.models.purpose`): see `adjust` — the one home
    of "is this 引流" over every detector's drainage evidence (handles here, 暗号 in the lexicon, diversion frames)."""

    version = "1"
    adjusts = True  # the engine calls adjust(content, views, signals) after the cascade (the purpose model)

    def __init__(self, normalizer: Normalizer, lexicon_dirs: list[Path] | None = None,
                 custom_labels: frozenset[str] = frozenset(), host: CompiledLexicon | None = None, *,
                 name: str = "contact", min_score: float = 0.5, weights: Weights = WEIGHTS,
                 purpose: PurposeReader | None = None, purpose_below: float = 0.3, purpose_factor: float = 0.3,
                 purpose_gate: float = 0.35, purpose_with_lure: bool = False,
                 purpose_changed_below: float = 0.9) -> None:
        """`lexicon_dirs`: 暗号 (label drainage) and lures; default `lexicons/drainage`. `host`: shared automaton.
        `purpose`: the purpose model (None: rules only)."""
        self.purpose, self.purpose_below, self.purpose_factor = purpose, purpose_below, purpose_factor
        self.purpose_gate, self.purpose_with_lure = purpose_gate, purpose_with_lure
        self.purpose_changed_below = purpose_changed_below
        dirs = lexicon_dirs or [Path(str(resources.files("qinglang").joinpath("lexicons", "drainage")))]
        entries = [e for d in dirs for e in load_dir(d, frozenset(LABELS) | custom_labels).entries]
        # "Where to find me" phrases (看主页, 私我…) need a lure; here any lure in the item is that context, so
        # their lexicon-level context lists are dropped. Exact spellings only: the lexicon detector already
        # reports homophones of these terms, and a phonetic pass here would double the matching cost.
        entries = [replace(e, context=(), match=frozenset({"exact"})) if e.rule.endswith(".pointer")
                   else replace(e, match=frozenset({"exact"})) for e in entries]
        self.lexicon, self.normalizer = CompiledLexicon(entries, normalizer, host=host), normalizer
        self.name, self.min_score, self.weights = name, min_score, weights
        self.supported_labels = frozenset({"drainage"} | {e.label for e in entries})
        self.id = f"{self.name}@{self.version}"

    def prepare(self, batch: Sequence[Views]) -> None:
        """Batch hook (Engine.moderate_many): match the 暗号/lure terms of every field of the batch at once."""
        self.lexicon.match_many([nt for views in batch for nt in views.fields.values()])

    def detect(self, content: Content, views: Views) -> Sequence[Signal]:
        """Signals for every handle and every lure found next to one, across all fields of `content`."""
        handles: list[tuple[str, Compact, Handle]] = []
        plus: list[tuple[str, Handle]] = []  # found on the original text (the canonical text lost the mark)
        terms: list[tuple[str, Hit]] = []
        pointed: list[tuple[str, int, int]] = []  # channel + place, no handle (微信号在主页)
        minor = is_minor_audience(content)
        for field_name, nt in views.items():
            canon = nt.text if len(nt.text) <= MAX_FIELD else nt.text[:MAX_FIELD]
            found = self.lexicon.match(nt)
            if found:
                # A 暗号 or lure that is negated, quoted, reported or debunked (警方提醒：“稳赚回血”都是诱饵) is talk
                # about 引流, not 引流: it neither makes a contact nor lifts one (qinglang.text.scope, as the
                # lexicon detector reads it).
                terms.extend((field_name, h) for h in found
                             if h.end <= MAX_FIELD and not scope_at(nt, h.start, h.end, about=h.entry.about))
            found_pointers = pointers(canon) if _POINTER_HINT.search(canon) else []
            if minor and "media" not in field_name:
                # a child asked for their own QQ / WeChat (你先把你的QQ号告诉我): a minor moved off the platform
                found_pointers += requests(canon)
            field_pointed = [(a, b) for a, b in found_pointers if not scope_at(nt, a, b, about="diversion")]
            found_handles, found_plus = field_handles(field_name, nt, canon, self.normalizer)
            handles.extend(found_handles)
            plus.extend(found_plus)
            if any(h.kind in ("phone", "landline") for _, _, h in found_handles):
                # "微信手机同号" next to the number: the number is the contact, scored as a phone
                field_pointed = [(a, b) for a, b in field_pointed if not same_number(canon, (a, b))]
            pointed.extend((field_name, a, b) for a, b in field_pointed)
        if not handles and not terms and not plus and not pointed:
            return []
        lures = [(f, h) for f, h in terms if h.entry.label != "drainage"]  # porn, gambling, water_army, fraud…
        codes = [(f, h) for f, h in terms if h.entry.label == "drainage"]
        groups: _Scored = defaultdict(list)
        for field_name, compact, h in handles:
            self._score_canonical(views, field_name, compact, h, lures, codes, groups)
        for field_name, h in plus:
            self._score_original(views, field_name, h, lures, codes, groups)
        for field_name, a, b in pointed:
            lure = lures[0][1].entry.term if lures else None
            groups["contact.pointer"].append((max(POINTER_SCORE, self.weights.lure_floor) if lure else POINTER_SCORE,
                                              views.evidence(field_name, a, b, rule="contact.pointer",
                                                             detector=self.id, context_word=lure)))
        contact_found, w = bool(groups), self.weights
        if codes and lures and not contact_found:  # 暗号 + lure, no handle: the handle is elsewhere
            for field_name, hit in codes:
                groups["contact.codeword"].append((w.code_word_with_lure,
                                                   self._term_evidence(views, field_name, hit, lures[0][1])))
        signals = [make_signal("drainage", rule, scored, self.id, w) for rule, scored in groups.items()]
        if contact_found or codes:
            by_label: _Scored = defaultdict(list)
            floor = w.lure_with_contact if contact_found else w.lure_with_code
            for field_name, hit in lures:
                by_label[hit.entry.label].append((max(hit.score, floor),
                                                  self._term_evidence(views, field_name, hit, None)))
            signals += [make_signal(label, f"contact.lure.{label}", scored, self.id, w)
                        for label, scored in by_label.items()]
        return signals

    def adjust(self, content: Content, views: Views, signals: list[Signal]) -> list[Signal]:
        """What the contact is for (the engine's post-level hook, before the stance stage, paid only by items the
        policy acts on): with a `drainage` signal at or above `purpose_gate` — a handle, a 暗号 pointer or a
        diversion frame, from whichever detector — and no lure label at that level with a span in the post (unless
        `purpose_with_lure`; a learned vote's spanless lure does not count: `_lure_in_post`),
        the purpose model reads the post with every piece of drainage evidence masked. Its P(diverting) is named
        in each drainage evidence's `detail`; below `purpose_below` every drainage signal's score × `purpose_factor`
        and the verdict goes in `scope`. Other labels are left to their own detectors and the stance stage."""
        signals = self._lured(views, signals)
        if self.purpose is None:
            return signals
        # Every drainage signal, the writer bank's spanless vote (`semantic.drainage`) included: left alone, the vote
        # gained 10 drainage labels on writer rows it was trained on and put a wrong drainage label on real toxic
        # comments (CNTP) it was not (docs/accuracy.md §23.x, drain18), so the purpose model stays its second reading.
        drainage = [s for s in signals if s.label == "drainage" and s.score > 0]
        if not drainage or max(s.score for s in drainage) < self.purpose_gate:
            return signals
        lure = _lure_in_post(signals, views, self.purpose_gate)
        if lure and not self.purpose_with_lure:
            return signals
        if any(s.score >= self.purpose_gate and _disguised(s, views) for s in drainage):
            return signals  # a contact written in disguise (5 2 0 6 . v i p, 二五八四…) is hidden from the platform:
            # nobody disguises a number they give a teacher or a customer, so its purpose is not in question
        if named_offer(drainage, signals, views.fields, self.purpose_gate):
            return signals  # the goods withheld and where they are (完整版见作者群), or a 暗号 beside a sex cue
            # (新茶到了，学生妹): the offer is named (`pointers.named_offer`)
        p = self.purpose.p_does(read_text(content, views, [e for s in drainage for e in s.evidence], lure=lure))
        model = f"{self.purpose.name}@{self.purpose.version}"
        detail = {"purpose": model, "p_diverting": round(p, 4)}
        discount = p < self.purpose_below
        tag = f"{model} p={p:.3f}"
        unsure = p < self.purpose_changed_below
        if not lure and (rel := _personal(views) or _known_addressee(views)
                                          or _changed_for_one(content, views, unsure)
                                          or _exchange(views, drainage)) is not None:
            # the people the contact reaches already know one another or seek the reader's help (本小区业主私信我
            # 门牌号，核实后拉你进群; 走失…见到请联系): qinglang.text.personal, the frames' veto family; or the post
            # is a reply to one named person who knows the poster (@阿瑾 毕业后换号了吧？我新微信…): not the public; or
            # a one-to-one message replaces the poster's own contact (我换新号了…你加一下): its reader held the old one;
            # or the clause beside the contact is the exchange itself (约试听, 看房, 进群备注姓名: text.exchange). Named
            discount, tag = True, f"personal: {rel}"  # where the model discounts too (p stays in `detail`)
            detail["personal"] = rel
        out = []
        for s in signals:
            if s.label != "drainage" or s.score <= 0:
                out.append(s)
                continue
            ev = tuple((e.scoped(tag) if discount else e)._replace(detail={**(e.detail or {}), **detail})
                       for e in s.evidence)
            out.append(replace(s, score=round(s.score * self.purpose_factor, 4) if discount else s.score,
                               evidence=ev))
        return out

    def _lured(self, views: Views, signals: list[Signal]) -> list[Signal]:
        """A pointer or invitation that names no channel (看我昵称, 要的私, 扫图进, 飞机上搜: `pointers.LURED_RE`) in an
        item where another detector's lure to the public (`POINTER_LURES`: gambling, porn, water_army, fraud, vulgar)
        reaches `purpose_gate` and no drainage signal does: the lure is what is offered, the pointer where to get it
        — 引流 with the handle kept off the post. Scored as the lure (at least a pointer's `SCORE`, at most
        `lure_floor`), the lure's rule named as the context. A warning or report about such words (scope) is not one.
        Without a lure the same words are a creator's, a friend's or a shop's, and nothing is added.

        The handles `detect` found and left below `min_score` (a plain `.vip` link, a number with no cue) are read the
        same way beside such a lure (`_lift`). And where the only drainage signal acted on is a whole-post learned
        reading with no span in the post (the writer bank's vote: `in_post`), the pointers and handles found here
        are where that vote's move is written: they are reported at the vote's own score, its rule named as the
        context word, so the reviewer sees the span (the vote is not counted twice)."""
        gate = self.purpose_gate
        if any(s.label == "drainage" and s.score >= gate and in_post(s, views.fields) for s in signals):
            return signals
        lures = [s for s in signals if s.label in POINTER_LURES and s.score >= gate]
        votes = [s for s in signals if s.label == "drainage" and s.score >= gate]  # none in the post (above)
        if not lures and not votes:
            return signals
        if lures:
            lure = max(lures, key=lambda s: s.score)
            score = min(self.weights.lure_floor, max(POINTER_SCORE, lure.score))
        else:
            lure = max(votes, key=lambda s: s.score)
            score = lure.score
        scored = []
        groups: _Scored = defaultdict(list)  # the handles `detect` found and left below `min_score`
        for field_name, nt in views.items():
            if "media" in field_name:
                continue
            canon = nt.text[:MAX_FIELD]
            spans = [(a, b) for a, b in lured(canon) if not scope_at(nt, a, b, about="diversion")]
            # a dared search's 别 is the dare, not a refusal: only talk about 引流 spares it
            spans += [(a, b) for a, b in searched(canon)
                      if about_diversion(canon, a, b) is None and warning_near(nt, a, b) is None]
            scored.extend((score, views.evidence(field_name, a, b, rule="contact.pointer.lured", detector=self.id,
                                                 context_word=lure.rule)) for a, b in spans)
            handles, plus = field_handles(field_name, nt, canon, self.normalizer)
            for _, compact, h in handles:
                self._score_canonical(views, field_name, compact, h, [], [], groups, lifted_by=lure)
            for _, h in plus:
                self._score_original(views, field_name, h, [], [], groups, lifted_by=lure)
        if groups:  # the handles read again beside the lure take the place of what `detect` spared or dropped
            signals = [s for s in signals if not (s.label == "drainage" and s.detector == self.id)]
        out = [*signals, *(make_signal("drainage", rule, sc, self.id, self.weights) for rule, sc in groups.items())]
        if scored:
            out.append(make_signal("drainage", "contact.pointer.lured", scored, self.id, self.weights))
        return out

    def _lift(self, h: Handle, text: str, score: float, why: str | None, lure: Signal | None
              ) -> tuple[float, str | None]:
        """A handle's score beside another detector's lure (`_lured`): what a lure of the detector's own lexicon does
        to it in `contextual_score` — the lure is the offer, the handle where to get it — scored as the lure (at
        least a pointer's `SCORE`, at most `lure_floor`), the lure's rule named as the context word. A handle scored
        0 (a benign host) or beside a public service's word (热线, 医院, 报警…: `scoring.public_service`) is not
        lifted (score 0: not reported)."""
        if lure is None:
            return score, why
        if score <= 0.0 or public_service(h, text, self.weights) is not None:
            return 0.0, why
        if lure.label == "drainage":  # a learned vote located (`_lured`): its own score, not a second vote
            return lure.score, lure.rule
        return min(self.weights.lure_floor, max(POINTER_SCORE, lure.score, score)), lure.rule

    def _score_canonical(self, views: Views, field_name: str, compact: Compact, h: Handle,
                         lures: list[tuple[str, Hit]], codes: list[tuple[str, Hit]], groups: _Scored,
                         lifted_by: Signal | None = None) -> None:
        cs, ce = compact.back(h.start, h.end)
        nt = views.fields[field_name]
        layers = (*nt.layers(cs, ce), "contact") if compact.touched(h.start, h.end) else nt.layers(cs, ce)
        if h.kind == "telegram" and h.score < 0.5 and TG_MARK.search(nt.original[slice(*nt.span(cs, ce))]):
            h = replace(h, score=self.weights.telegram_mark)
        if not h.rule.endswith(".obfuscated") and h.rule.count(".") == 1 and obfuscating(layers, nt, cs, ce):
            h = replace(h, rule=h.rule + ".obfuscated",
                        score=max(h.score, self.weights.obfuscated_url) if h.kind == "url" and h.score else h.score)
        disguised = obfuscating(layers, nt, cs, ce)
        score, why = contextual_score(h, compact.text, lures, codes, self.weights, disguised=disguised)
        spared = lifted_by is None and score >= self.min_score and open_phone(h, compact.text, lures, codes,
                                                                              self.weights, disguised=disguised)
        score, why = self._lift(h, compact.text, score, why, lifted_by)
        reason = None  # why an innocent contact is spared: the scope its evidence carries
        if spared:
            score, reason = min(score, self.weights.open_phone), OPEN_PHONE
        elif (0 < score < self.min_score and lifted_by is None
              and (site := own_site(h, compact.text, lures, codes, self.weights)) is not None):
            # reported below every threshold, with the reason: the call to click that did not lift it
            why, reason = site, OWN_SITE
        elif score < self.min_score or quoted_in_warning(nt, cs, ce) or (
                not lures and named_in_warning(h, nt, cs, ce)):
            return
        if h.kind == "url" and "/" in h.value[4:]:
            h = replace(h, value=url_value_case(h.value, nt.original[slice(*nt.span(cs, ce))]))
        ev = views.evidence(field_name, cs, ce, normalized=compact.text[h.start:h.end], rule=h.rule, detector=self.id,
                            layers=layers, value=h.value, context_word=why, context_gain=max(0.0, score - h.score))
        groups[h.rule].append((score, ev.scoped(reason) if reason else ev))

    def _score_original(self, views: Views, field_name: str, h: Handle, lures: list[tuple[str, Hit]],
                        codes: list[tuple[str, Hit]], groups: _Scored, lifted_by: Signal | None = None) -> None:
        if any(ev.field == field_name and ev.start < h.end and h.start < ev.end  # the main pass has it
               for scored in groups.values() for _, ev in scored):
            return
        original = views.fields[field_name].original
        score, why = contextual_score(h, original.lower(), lures, codes, self.weights,
                                      disguised=h.rule.endswith(".obfuscated"))
        score, why = self._lift(h, original.lower(), score, why, lifted_by)
        if score >= self.min_score and not quoted_in_warning(original, h.start, h.end) and not (
                not lures and named_in_warning(h, original, h.start, h.end)):
            span = self.normalizer.normalize(views.fields[field_name].original[h.start:h.end])
            groups[h.rule].append((score, views.original_evidence(
                field_name, h.start, h.end, normalized=h.value.split(":", 1)[1], rule=h.rule, detector=self.id,
                layers=span.layers(0, len(span.text)), value=h.value, context_word=why,
                context_gain=max(0.0, score - h.score))))

    def _term_evidence(self, views: Views, field_name: str, hit: Hit, ctx: Hit | None) -> Evidence:
        return views.evidence(field_name, hit.start, hit.end, rule=hit.entry.rule, detector=self.id,
                              context_word=ctx.entry.term if ctx is not None else hit.context_word)


def _exchange(views: Views, drainage: list[Signal]) -> str | None:
    """`text.exchange.exchange_purpose` over the item's text fields, beside the spans of its drainage evidence."""
    ev = [e for s in drainage for e in s.evidence if e.field in views.fields and e.end > e.start]
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for e in ev:
        spans[e.field].append((e.start, e.end))
    texts = {n: nt.original for n, nt in views.items() if "media" not in n}
    return exchange_purpose(texts, spans, {e.rule for e in ev})


def _lure_in_post(signals: list[Signal], views: Views, gate: float) -> bool:
    """A lure label at `gate` with a span in the post keeps the purpose model from reading it; the writer bank's
    spanless vote is a second reading of the same words, not a lure the post shows (session 22: drain22, semantic22)."""
    return any(s.label in LURE_LABELS and s.score >= gate and in_post(s, views.fields) for s in signals)


def _personal(views: Views) -> str | None:
    """The first personal-contact relation term of the frames' veto family (`PERSONAL_CONTACT_TERMS`: a notice
    seeking or returning something, a family's, class's or neighbours' group, a shared-cost meet-up) in the item's
    text fields, or None. Not the `known` class (爸妈, 班主任, 业主): a groomer's 别告诉爸妈 and a fake teacher's 请家长
    加班主任QQ name those relations too."""
    for name, nt in views.items():
        if "media" not in name and (m := _personal_rx().search(nt.text)) is not None:
            return m.group()
    return None


def _changed_for_one(content: Content, views: Views, unsure: bool) -> str | None:
    """"one reader: <cue>" when a one-to-one message (surface `private_chat`) hands over the poster's own replaced
    contact (换新号, 之前那个号被盗了: `personal.changed_contact`), addresses no crowd (大家, 老粉, 关注…:
    `personal.public_address`) and does not remind the reader who the poster is by one past encounter (我是上次加你的…:
    `personal.met_once`, how a stranger's lure opens), or None. Who speaks to whom: the reader is the one person who
    held the old contact, and nobody is moved off the platform. `unsure`: the purpose model is below
    `purpose_changed_below` — a confident reading that the contact diverts still stands."""
    if not unsure or content.surface != "private_chat":
        return None
    nt = views.fields.get("text")
    if nt is None or public_address(nt.text) is not None or met_once(nt.text) is not None:
        return None
    cue = changed_contact(nt.text)
    return f"one reader: {cue}" if cue is not None else None


# A reply addressed to one person by name (@阿瑾 …), not to everyone (@所有人, @全体成员) nor a string of mentions
_ONE_ADDRESSEE = re.compile(r"^\s*[@＠](?!所有人|全体|大家|all\b)[^\s@＠，,:：]{1,16}[\s，,:：]+(?![@＠])")


def _known_addressee(views: Views) -> str | None:
    """"@name" plus a relation the two share (换号了, 老同学, 表姐: `qinglang.text.personal`, every class) in the item's
    own text: a contact handed to one acquaintance in public — intent, not form, makes 引流, and an offer to strangers
    is addressed to everyone. The relation is the cue the poster writes: a bare @reply with a handle is not excused."""
    nt = views.fields.get("text")
    if nt is None or _ONE_ADDRESSEE.match(nt.original) is None:
        return None
    rel = personal_errand(nt.text)
    return f"@one: {rel}" if rel is not None else None


@lru_cache(maxsize=1)
def _personal_rx() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(PERSONAL_CONTACT_TERMS, key=len, reverse=True))))


def _disguised(s: Signal, views: Views) -> bool:
    """A contact signal whose handle normalization had to undo (rule `contact.<kind>.obfuscated`) and whose written
    form is not its normalized form but for case: spelt apart, in numerals, decorated. A cue spelling alone (工单号
    WX2024071203: the rule says obfuscated because `wx` is a code spelling of 微信) is not a disguise of the handle,
    and a disguised link quoted in talk about 引流 (收到“…登录10086jf点top兑换”的短信千万别点) is the bait shown, so
    the model reads those as before."""
    if not (s.rule.startswith("contact.") and s.rule.endswith(".obfuscated")):
        return False
    for e in s.evidence:
        if e.normalized is None or e.text.lower() == e.normalized or e.field not in views.fields:
            continue
        if about_diversion(views.fields[e.field].original, e.start, e.end) is None:
            return True
    return False


def build(spec: DetectorSpec[Params], ctx: BuildContext) -> ContactDetector:
    p = spec.params
    return ContactDetector(ctx.normalizer, list(p.lexicons) or None, ctx.custom_labels, host=ctx.lexicon,
                           name=spec.name, min_score=p.min_score,
                           purpose=load_purpose(p.purpose_model) if p.purpose_model else None,
                           purpose_below=p.purpose_below, purpose_factor=p.purpose_factor,
                           purpose_gate=p.purpose_gate, purpose_with_lure=p.purpose_with_lure,
                           purpose_changed_below=p.purpose_changed_below)
