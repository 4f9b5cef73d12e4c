"""Claim scoring (issue 17): how claim-like and how unsupported a post is, from cue families in `data/cues.yaml`.

Three scorers share one mechanism — each cue family that matches adds its weight once (a second distinct cue of
the family adds `REPEAT` × weight); discount families (a source, a debunk frame, an opinion, a joke) subtract:

- `rumor`: authority, announcement/event verbs, numbers/dates, places, consequences for the reader, urgency and
  spreading cues, hearsay, absolutes and a topic that matters (policy, health, disasters, named people and
  companies); discounted by a cited source, a debunk/doubt frame and opinion/joke markers.
- `clickbait`: the title alone (teaser words, withheld subject, tease punctuation) and the title against the body
  (a body that sells or withholds, an empty body, a body that denies the title's event or lacks it). A title that
  asserts a strong event (去世, 被抓, 停发…) over a body that denies it is also a `rumor`.
- `false_science`: efficacy claims, diseases, certainty, impersonated medical authority, selling and spreading;
  discounted by negation ("没有依据", "别信") and professional framing.

Every part found is reported as evidence with its family in the rule id (`claims.rumor.hearsay`, …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from .. import yamlio
from ..detectors.patterns import Found, Pattern, find, regex, words
from ..text.scope import DEBUNKING, DENYING, scope_at, scope_view
from .families import Family, FamilySet
from .headline import body_beyond_title
from .source import poster_is_source

REPEAT = 0.3


@dataclass(frozen=True)
class Part:
    """One cue family that matched: its contribution and its spans."""

    family: str
    contribution: float
    found: tuple[Found, ...]


@dataclass(frozen=True)
class Score:
    raw: float
    parts: tuple[Part, ...]

    def reported(self, scale: Scale) -> float:
        """Raw score → reported score: `floor` at the threshold, `slope` per raw point above it, at most `cap`."""
        return round(min(scale.cap, scale.floor + scale.slope * max(0.0, self.raw - scale.threshold)), 4)


@dataclass(frozen=True)
class Scale:
    """Where a raw score becomes a signal and how it maps to the reported score (data/cues.yaml)."""

    threshold: float
    floor: float
    slope: float
    cap: float

    @classmethod
    def from_spec(cls, spec: dict[str, Any]) -> Scale:
        return cls(float(spec["threshold"]), float(spec["floor"]), float(spec["slope"]), float(spec["cap"]))


def _family(prefix: str, name: str, spec: dict[str, Any], extra_terms: dict[str, list[str]]) -> Family:
    pats: list[Pattern] = []
    terms = [str(t) for t in spec.get("words") or []]
    if spec.get("extra"):
        terms += extra_terms.get(spec["extra"], [])
    terms = list(dict.fromkeys(terms))
    if terms:
        pats.append(words(f"{prefix}.{name}", terms))
    pats.extend(regex(f"{prefix}.{name}", r) for r in spec.get("regex") or [])
    fields = frozenset(spec["fields"]) if spec.get("fields") else None
    return Family(name, float(spec["weight"]), tuple(pats), tuple(terms), fields,
                  frozenset(spec.get("cancels") or ()), bool(spec.get("claimed_only")), bool(spec.get("unnegated")))


def _families(prefix: str, specs: dict[str, Any], extra: dict[str, list[str]]) -> tuple[Family, ...]:
    return tuple(_family(prefix, n, s, extra) for n, s in (specs or {}).items())


# Scope kinds (qinglang.text.scope) under which a claim part is not the poster's own assertion in a post that
# refutes something: the words stand in quotes (网传“明天封城”…系谣言) or in the refuting sentence itself.
# Quotes alone are not enough — a rumour quotes its fake notice (教育局通知：“…”) as often as a debunk does.
UNASSERTED = frozenset({"quotation", "debunking"})


def _asserted(views: Any, hits: list[Found]) -> list[Found]:
    """The hits the poster asserts. In a field with a debunking cue (scope.DEBUNKING), hits that scope.py finds
    quoted or inside a debunking sentence are not; in any other field every hit is."""
    out = []
    refuting: dict[str, bool] = {}  # field → holds a debunking cue (checked once per field)
    for f in hits:
        text = views.fields[f.field].text
        if f.field not in refuting:
            refuting[f.field] = any(c in text for c in DEBUNKING)
        if not refuting[f.field]:
            out.append(f)
        elif not any(c.kind in UNASSERTED for c in scope_at(views.fields[f.field], f.start, f.end)):
            out.append(f)
    return out


# A health claim denied (不能根治, 不会致癌), quoted as words (宣称“根治”的产品), mentioned (说X的人), asked about
# (真的会致癌吗？) or refuted in its sentence (网传…) is not claimed. Prohibitives (别, 千万不要, 不要给孩子打) are not
# denials: a myth commands with them (发烧千万别吃退烧药, 不要给孩子打疫苗…会自闭).
NOT_CLAIMED = DENYING  # scope.py's denying kinds, one home (the same five kinds)
PROHIBITIVES = frozenset({
    "千万别", "千万不要", "不要再", "别再", "不要", "别", "请勿", "切勿", "勿", "莫", "严禁", "禁止",
    "远离", "拒绝", "抵制", "反对", "坚决抵制", "坚决反对", "杜绝", "不许", "不准", "不该", "不得",
    "谨防", "警惕", "防范", "提防",
})


# A negation INSIDE a hit that spans subject and outcome (疫苗不会导致不孕, 手机辐射并不会致癌) denies the claim as
# a negation before it does; a loss of function is the harm claimed, not a denial (打了疫苗就不会说话了).
INSPAN_NEGATION = re.compile(r"不会(?!说话|走路)|不能(?!说话|走路|生育)|不可能|没有(?!了)|并不|并非|不是"
                             r"|无法(?!说话|走路|生育)")


# A yes/no question about the claim (手机放床头真的会致癌吗？不敢放了; 请问…能治好吗？) asks, it does not claim,
# wherever it stands in the post; a rhetorical tag (你知道吗？ 还敢吃吗？ 难道…吗？) asserts.
_SENTENCE_STOP = re.compile(r"[。！!？?；;\n]")
_ASKING_TAIL = re.compile(r"(吗|么|嘛|呢|没有|不是|对不对|是不是)\s*[？?]")
_RHETORICAL = re.compile(r"知道吗|知道么|敢(吃|喝|用|买|去)?吗|难道|不怕吗|还不[^，。！？]{0,4}吗|可怕吗")


def _asked(text: str, start: int, end: int) -> bool:
    stop = _SENTENCE_STOP.search(text, end)
    if stop is None or stop.group() not in "？?":
        return False
    lo = max((m.end() for m in _SENTENCE_STOP.finditer(text, 0, start)), default=0)
    sentence = text[lo:stop.end()]
    return bool(_ASKING_TAIL.search(sentence)) and not _RHETORICAL.search(sentence)


def _claimed(views: Any, hits: list[Found]) -> list[Found]:
    """The hits the poster claims (NOT_CLAIMED, PROHIBITIVES, `_asked`): qinglang.text.scope decides the scope."""
    out = []
    for f in hits:
        nt = views.fields[f.field]
        if INSPAN_NEGATION.search(nt.text, f.start, f.end):
            continue
        view = scope_view(nt)  # the text scope reads: ASCII '?' dropped by the normalizer restored
        if _asked(view.text, *(view.shift(f.start, f.end) if view.at else (f.start, f.end))):
            continue
        cues = scope_at(nt, f.start, f.end)
        if not any(c.kind in NOT_CLAIMED and not (c.kind == "negation" and c.cue in PROHIBITIVES) for c in cues):
            out.append(f)
    return out


# Negators that state the change a rumour claims rather than deny an event (高速不再免费, 以后再也不发): they do not
# take an event word back.
CLAIMED_CHANGE = frozenset({"不再", "再也不", "再不"})
# Every other negator of scope.py holds one of these (or is a crackdown verb): a hit with none of them in the reach
# before it is not negated, and scope.py is not asked (most hits; scope_at costs ~0.5 ms).
_NEGATING = re.compile(r"[不没无未非否]|打击|整治")
_NEG_WINDOW = 12  # ≥ scope.NEG_REACH + the longest negator


def _unnegated(views: Any, hits: list[Found]) -> list[Found]:
    """The hits the poster does not negate (`unnegated: true`): 放心，不会引发地震 and 并没有停电 deny the event they
    name; a prohibitive (千万别, 不要) commands and 不再 states a change, so neither takes the word back. Quotes and
    questions still count: a rumour quotes its fake notice and teases with questions."""
    out = []
    for f in hits:
        nt = views.fields[f.field]
        if INSPAN_NEGATION.search(nt.text, f.start, f.end):
            continue
        if not _NEGATING.search(nt.text, max(0, f.start - _NEG_WINDOW), f.start):
            out.append(f)
            continue
        if not any(c.kind == "negation" and c.cue not in PROHIBITIVES and c.cue not in CLAIMED_CHANGE
                   for c in scope_at(nt, f.start, f.end)):
            out.append(f)
    return out


def score_families(views: Any, families: FamilySet, fields: tuple[str, ...] | None = None, *,
                   scoped: bool = False, claim_fields: tuple[str, ...] | None = None) -> Score:
    """Sum of the families that match (see the module docstring). `scoped`: a positive family's hits inside a
    quotation or a debunking sentence do not count (qinglang.text.scope, one home for that idea). A family that
    matches drops the families it `cancels` (a leaked "internal notice" cites no source). `claim_fields`: positive
    families count only in these fields (discounts in every field `fields` allows)."""
    parts: list[Part] = []
    raw = 0.0
    found = families.find(views, fields)
    cancelled = {c for k in families.cancellers if found[k] for c in families.families[k].cancels}
    for fam, hits in zip(families.families, found, strict=True):
        if hits and claim_fields is not None and fam.weight > 0:  # a claim counts only in these fields
            hits = [f for f in hits if f.field in claim_fields]
        if hits and scoped and fam.weight > 0:
            hits = _asserted(views, hits)
        if hits and fam.claimed_only:
            hits = _claimed(views, hits)
        elif hits and fam.unnegated:
            hits = _unnegated(views, hits)
        if not hits or fam.name in cancelled:
            continue
        distinct = {views.fields[f.field].text[f.start:f.end] for f in hits}
        contribution = fam.weight * (1.0 + (REPEAT if len(distinct) > 1 else 0.0))
        if fam.weight < 0:
            contribution = fam.weight  # a discount counts once
        raw += contribution
        parts.append(Part(fam.name, contribution, tuple(hits)))
    return Score(raw, tuple(parts))


@dataclass(frozen=True)
class Cues:
    """The compiled cue tables."""

    rumor: FamilySet
    rumor_scale: Scale
    rumor_requires: tuple[frozenset[str], ...]  # the claim core: one family of each group must match
    replies: Family
    replies_max: float
    replies_min_root: float
    clickbait_title: FamilySet
    clickbait_body: FamilySet
    clickbait_withheld: FamilySet
    rumor_event: Family  # the rumour scorer's announcement / event verbs (a title's claimed event)
    clickbait_strong_event: Family
    clickbait_empty_weight: float
    clickbait_short_body: int
    clickbait_delivering_body: int  # characters from which a body that fails nothing answers a mild title
    clickbait_undelivered: Family  # title claim words a delivering body must carry (永久, 宣布, 全消失…)
    clickbait_carried_coverage: float  # title_coverage from which the body carries the title
    clickbait_carried_weight: float
    clickbait_uncarried_coverage: float  # below it, a teasing title's body is about something else
    clickbait_uncarried_weight: float
    clickbait_missing_event_weight: float
    clickbait_overclaim: Family  # news16: a title's sweeping claim words (全面, 全国统一, 宣布…)
    clickbait_narrowing: Family  # news16: a body's narrowing words (部分, 陆续, 与往年相同…)
    clickbait_overclaim_weight: float
    clickbait_quoted_weight: float  # news17: the body quotes the title's claim as something said
    clickbait_scale: Scale
    science: FamilySet
    science_scale: Scale
    science_requires: tuple[frozenset[str], ...]  # one family of each group must match (`requires:`)
    version: str
    rumor_poster_source: float = 0.0  # discounts when the metadata names the source (source.poster_is_source)
    science_poster_source: float = 0.0

    @classmethod
    def load(cls, spec: dict[str, Any] | None = None) -> Cues:
        if spec is None:
            text = resources.files("qinglang.claims").joinpath("data/cues.yaml").read_text("utf-8")
            spec = yamlio.safe_load(text)
        from ..detectors.livestream import EFFICACY

        extra = {"livestream.efficacy": _pattern_terms(EFFICACY), "scope.debunking": list(DEBUNKING)}
        r, c, s = spec["rumor"], spec["clickbait"], spec["false_science"]
        rumor = (*_families("claims.rumor", r["families"], extra), *_families("claims.rumor", r["discounts"], extra),
                 _family("claims.rumor", "domain", r["domains"], extra))
        title = (*_families("claims.clickbait.title", c["title_families"], extra),
                 _family("claims.clickbait.title", "honest", c["honest_title"], extra),
                 _family("claims.clickbait.title", "question", c["question_title"], extra))
        body_spec = {k: v for k, v in c["body"].items()
                     if isinstance(v, dict)
                     and k not in ("withheld", "hitched", "carried", "uncarried", "overclaim", "quoted")}
        return cls(
            rumor=FamilySet(rumor), rumor_scale=Scale.from_spec(r["scale"]),
            rumor_requires=tuple(frozenset(g) for g in r.get("requires") or ()),
            replies=_family("claims.rumor", "replies", r["replies"], extra), replies_max=float(r["replies"]["max"]),
            replies_min_root=float(r["replies"]["min_root"]),
            clickbait_title=FamilySet(title),
            clickbait_body=FamilySet(_families("claims.clickbait.body", body_spec, extra)),
            rumor_event=_family("claims.rumor", "announcement", r["families"]["announcement"], extra),
            clickbait_withheld=FamilySet((_family("claims.clickbait.body", "withheld", c["body"]["withheld"], extra),
                                          _family("claims.clickbait.body", "hitched", c["body"]["hitched"], extra))),
            clickbait_strong_event=_family("claims.clickbait.title", "strong_event",
                                           c["title_families"]["strong_event"], extra),
            clickbait_empty_weight=float(c["body"]["empty_weight"]),
            clickbait_short_body=int(c["body"]["short_body"]),
            clickbait_delivering_body=int(c["body"]["delivering_body"]),
            clickbait_undelivered=_family("claims.clickbait.title", "undelivered",
                                          {"weight": 0.0, "words": c["body"]["undelivered_claims"]}, extra),
            clickbait_carried_coverage=float(c["body"]["carried"]["coverage"]),
            clickbait_carried_weight=float(c["body"]["carried"]["weight"]),
            clickbait_uncarried_coverage=float(c["body"]["uncarried"]["coverage"]),
            clickbait_uncarried_weight=float(c["body"]["uncarried"]["weight"]),
            clickbait_missing_event_weight=float(c["body"]["missing_event_weight"]),
            clickbait_overclaim=_family("claims.clickbait.title", "overclaim",
                                        {"weight": 0.0, "words": c["body"]["overclaim"]["title_words"]}, extra),
            clickbait_narrowing=_family("claims.clickbait.body", "narrowing",
                                        {"weight": 0.0, "words": c["body"]["overclaim"]["narrowing"]}, extra),
            clickbait_overclaim_weight=float(c["body"]["overclaim"]["weight"]),
            clickbait_quoted_weight=float(c["body"]["quoted"]["weight"]),
            clickbait_scale=Scale.from_spec(c["scale"]),
            science=FamilySet((*_families("claims.false_science", s["families"], extra),
                               *_families("claims.false_science", s["discounts"], extra))),
            science_scale=Scale.from_spec(s["scale"]),
            science_requires=tuple(frozenset(g) for g in s.get("requires") or ()),
            version=str(spec.get("version", 1)),
            rumor_poster_source=float((r.get("poster_source") or {}).get("weight", 0.0)),
            science_poster_source=float((s.get("poster_source") or {}).get("weight", 0.0)),
        )


def _pattern_terms(p: Pattern) -> list[str]:
    """The words of a `words()` pattern (its regex is an escaped alternation)."""

    return [re.sub(r"\\(.)", r"\1", t) for t in p.regex.pattern.split("|") if t]


def score_rumor(cues: Cues, views: Any) -> Score:
    """The rumour score of a post. A post with a title AND a body is judged on its body and its other fields:
    a sensational title over a true body is clickbait (`score_title`), and a title asserting what the body
    denies is caught there too (`title_denied`); a title alone is judged as the claim it is."""
    s = score_families(views, cues.rumor, _claim_fields(cues, views), scoped=True)
    return _required(_poster_sourced(s, cues.rumor_poster_source, views), cues.rumor_requires)


def _poster_sourced(s: Score, weight: float, views: Any) -> Score:
    """The score with the `poster_source` discount when the post's metadata names its source (a declared source,
    a news licence, a verified institution speaking for itself: claims10, `source.poster_is_source`)."""
    sourced = weight and s.parts and poster_is_source(views.content)
    if sourced and not views.content.author.news_license and any(p.family == "masked_attribution" for p in s.parts):
        # news14: a declared source that repeats the outlet a masked claim credits itself to is the same claimed
        # credit (declared.source: 新华社 over 新华社消息：某顶流男星…): only a licensed poster's own word counts
        sourced = False
    return Score(s.raw + weight, (*s.parts, Part("poster_source", weight, ()))) if sourced else s


def _required(s: Score, requires: tuple[frozenset[str], ...]) -> Score:
    """The score, or at most 0 (parts kept as evidence for other uses) unless a positive family of every
    `requires` group matched."""
    matched = {p.family for p in s.parts if p.contribution > 0}
    if not all(g & matched for g in requires):
        return Score(min(s.raw, 0.0), s.parts)
    return s


@dataclass(frozen=True)
class ReplyCue:
    """A doubt or debunk cue in a reply: which reply (its views) and where."""

    reply: Any
    found: Found


def score_replies(cues: Cues, views: Any, root: Score) -> tuple[Score, tuple[ReplyCue, ...]]:
    """The root's rumour score raised by doubt/debunk cues in its replies (one contribution per replying voice,
    capped); unchanged when the root does not read as a claim or no reply doubts it."""
    if not views.replies or root.raw < cues.replies_min_root:
        return root, ()
    cited: list[ReplyCue] = []
    voices = 0
    for rv in views.replies:
        hits = find(rv, cues.replies.patterns)
        if hits:
            voices += 1
            cited.extend(ReplyCue(rv, f) for f in hits[:3])
    if not voices:
        return root, ()
    add = min(cues.replies_max, cues.replies.weight * voices)
    return Score(root.raw + add, (*root.parts, Part("replies", add, ()))), tuple(cited)


def score_science(cues: Cues, views: Any) -> Score:
    """The false-science score; 0 unless the families of every `requires` group are represented. As for rumours
    (`score_rumor`), a post with a title and a body is judged on its body: a scare title over a correct body
    (常吃这种水果的人活不过60岁 / 香蕉适量吃对身体有好处) is clickbait, and a myth's body repeats its myth. The title's
    discounts still count: a question title (…能治癌吗？) asks about what the body then discusses."""
    s = score_families(views, cues.science, claim_fields=_claim_fields(cues, views))
    return _required(_poster_sourced(s, cues.science_poster_source, views), cues.science_requires)


def _claim_fields(cues: Cues, views: Any) -> tuple[str, ...] | None:
    """The fields a claim is judged on: all but the title when the body says more than the title."""
    body = views.fields.get("text")
    title = views.fields.get("title")
    if title is not None and body is not None and \
            len(body_beyond_title(title.text, body.text)) >= cues.clickbait_short_body:
        return tuple(f for f in views.fields if f != "title")
    return None
