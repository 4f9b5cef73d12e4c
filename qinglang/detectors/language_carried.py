"""A word written in pinyin inside a post that is vulgar, porn or abuse is the notice's disguise (campaign 8:
故意使用错字、滥用谐音指代词……传播低俗色情、攻击恶搞).

The language-misuse detector reads a pinyin word between Chinese characters (今晚 ying 了, 深入 jiao 流, 装什么 bi) as
misuse when three stand in a field, or one stands beside a harmful word its lexicon finds in plain sight. What the
sentence is about is often found by other families instead — the frames, the campaign and recall heads, the semantic
tier — and then the one pinyin word is exactly the cloak the notice names, with nothing in the lexicon to point at.
This stage runs after the cheap pass (a cascade: it reads the signals found so far): when the item's vulgar, porn,
abuse or antagonism stands at `carrier_min` or more and no language_misuse signal already stands at the campaign's
limit, each pinyin substitution in the title or text is evidence of a `language_misuse` signal at `score` (0.7, the
campaign's limit), rule `language.substitution.carried`, evidence rule `language.substitution.carried.<label>` with
`value` = `carries:<label>`. Where abuse or antagonism stands, a place name written by sound before a word for its
people (河蓝人, 冻北银: `language_styles.place_puns`) is evidence too (rule `…carried.place.<label>`). A pictograph
emoji is not enough (writers of most sets do not call a 🍑 beside a porn ad misuse; docs/accuracy.md §20, lang15),
nor is a look-alike character.

Chosen on the tune half of the writer sets (session 15, lang15: of the acted-on vulgar/porn/abuse/antagonism items
without language_misuse and with a pinyin word between Chinese characters, 9 of 11 were language_misuse for their
writer; with an emoji, 9 of 65).

The bent wording a rule cannot name (session 16, lang16: `jio`, 🐂🍺, 瑙滩, 女昌, "一日千里"自己品) is what the learned
language_misuse heads read: a head alone is capped at 0.62 (the registry's `max_score`), under the campaign's 0.65,
so it never acted on an ordinary surface even where the post's payload stood as an act. When such a head stands at
`head_min` or more and a harm stands at `carrier_min` (the payload, whichever family found it: vulgar, porn, abuse,
antagonism, or another of the notice's 违法不良信息 in `HEAD_PAYLOADS` — bo彩, shan tie, y行 hide a gambling ad, a
deletion service, a rumour), the two together are the notice's disguise carrying harm: language_misuse at `score`, rule
`language.carried.head`; its evidence is the payload's own evidence (span, what it was read as) under rule
`language.carried.head.<label>` with `value` = `carries:<label>`, then the head's n-grams. A porn payload in an item
whose drainage stands is left to the 引流 family: writers give a pointer to porn elsewhere its own labels, not misuse
(on the tune half, 6 of 7 such items). Chosen on the writer sets neither head trained on, tune side (unseen4 …
unseen11, S2, S4, S6, S8, S10, S11, t25): it holds on 38 items whose writer wants language_misuse and 1 whose writer
does not, none of them innocent (29 of the 38 had no acting language_misuse before; docs/accuracy.md §21, lang16).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from ..model import Content, Signal
from .base import Views
from .language_misuse import substitutions
from .language_styles import place_puns
from .registry import BuildContext, DetectorSpec

CARRIED = frozenset({"vulgar", "porn", "abuse", "antagonism"})
ATTACK = frozenset({"abuse", "antagonism"})  # what a place name written by sound carries (地域黑)
# What a head-read disguise may carry: the notice's 低俗色情、攻击恶搞、煽动对立 and its 等违法不良信息 — the harms a
# cloaked ad or taunt hides (bo彩, shan tie, y行, 紫砂); not drainage itself (the 引流 family's), nor marks.
HEAD_PAYLOADS = CARRIED | frozenset({"bullying", "minors_harm", "grooming", "gambling", "false_ad", "false_science",
                                     "rumor", "extortion", "enterprise_smear", "clickbait", "fraud",
                                     "prohibited_goods"})


class LanguageCarriedDetector:
    name = "language_carried"
    version = "1"
    cascade = True  # reads the cheap pass's signals (qinglang.engine: detect_cascade)
    supported_labels = frozenset({"language_misuse"})

    def __init__(self, carrier_min: float = 0.5, score: float = 0.7, *, head_min: float = 0.6,
                 name: str = "language_carried") -> None:
        self.carrier_min = carrier_min
        self.score = score
        self.head_min = head_min
        self.name = name
        self.id = f"{self.name}@{self.version}"

    def detect(self, content: Content, views: Views) -> list[Signal]:
        return []  # a cascade stage: see detect_cascade

    def detect_cascade(self, content: Content, views: Views, signals: list[Signal]) -> list[Signal]:
        """One `language_misuse` signal when a harmful label stands and a pinyin word disguises part of the post, or
        a learned head reads the wording as misuse (`head_read`)."""
        payloads = [s for s in signals if s.label in HEAD_PAYLOADS and s.score >= self.carrier_min]
        if not payloads or any(s.label == "language_misuse" and s.score >= self.score for s in signals):
            return []
        carriers = [s for s in payloads if s.label in CARRIED]
        if not carriers:
            head = self.head_read(signals, payloads)
            return [head] if head is not None else []
        carrier = max(carriers, key=lambda s: s.score).label
        attack = next((s.label for s in sorted(carriers, key=lambda s: -s.score) if s.label in ATTACK), None)
        evs = []
        for field_name in ("title", "text"):
            nt = views.fields.get(field_name)
            if nt is None or nt.original.isascii():
                continue
            if attack is not None:
                evs.extend(views.evidence(field_name, a, b, normalized=place,
                                          rule=f"language.substitution.carried.place.{attack}", detector=self.id,
                                          layers=("homophone",), value=f"carries:{attack}")
                           for a, b, place in place_puns(nt.text))
            for a, b, kind in substitutions(nt.original):
                if kind == "pinyin":
                    evs.append(views.original_evidence(field_name, a, b, normalized=nt.original[a:b].lower(),
                                                       rule=f"language.substitution.carried.{carrier}",
                                                       detector=self.id, layers=("pinyin",),
                                                       value=f"carries:{carrier}"))
        if evs:
            return [Signal("language_misuse", self.score, "language.substitution.carried", self.id, tuple(evs[:10]))]
        head = self.head_read(signals, payloads)
        return [head] if head is not None else []

    def head_read(self, signals: list[Signal], payloads: list[Signal]) -> Signal | None:
        """language_misuse when a learned head reads the wording as misuse (`head_min`) and a payload stands: the
        payload's evidence, re-ruled `language.carried.head.<label>`, then the head's own n-grams."""
        heads = [s for s in signals if s.label == "language_misuse" and s.rule.startswith("model.")
                 and s.score >= self.head_min]
        if not heads:
            return None
        drainage = any(s.label == "drainage" and s.score >= self.carrier_min for s in signals)
        payloads = [s for s in payloads if not (drainage and s.label == "porn")]
        if not payloads:
            return None
        payload = max(payloads, key=lambda s: s.score)
        evs = [e._replace(rule=f"language.carried.head.{payload.label}", detector=self.id,
                       value=f"carries:{payload.label}") for e in payload.evidence[:3]]
        evs += list(max(heads, key=lambda s: s.score).evidence[:3])
        return Signal("language_misuse", self.score, "language.carried.head", self.id, tuple(evs))


class Params(BaseModel):
    """Registry parameters of a `language_carried` detector."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    carrier_min: float = Field(0.5, ge=0.0, le=1.0, description="a vulgar/porn/abuse/antagonism signal at least this")
    score: float = Field(0.7, ge=0.0, le=1.0, description="the language_misuse score given")
    head_min: float = Field(0.6, ge=0.0, le=1.0, description="a learned language_misuse head at least this (with a "
                                                             "payload standing) is the disguise read")


def build(spec: DetectorSpec[Params], ctx: BuildContext) -> LanguageCarriedDetector:
    return LanguageCarriedDetector(spec.params.carrier_min, spec.params.score, head_min=spec.params.head_min,
                                   name=spec.name)
