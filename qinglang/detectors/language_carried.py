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


class LanguageCarriedDetector:
    name = "language_carried"
    version = "1"
    cascade = True  # reads the cheap pass's signals (qinglang.engine: detect_cascade)
    supported_labels = frozenset({"language_misuse"})

    def __init__(self, carrier_min: float = 0.5, score: float = 0.7, *, name: str = "language_carried") -> None:
        self.carrier_min = carrier_min
        self.score = score
        self.name = name
        self.id = f"{self.name}@{self.version}"

    def detect(self, content: Content, views: Views) -> list[Signal]:
        return []  # a cascade stage: see detect_cascade

    def detect_cascade(self, content: Content, views: Views, signals: list[Signal]) -> list[Signal]:
        """One `language_misuse` signal when a harmful label stands and a pinyin word disguises part of the post."""
        carriers = [s for s in signals if s.label in CARRIED and s.score >= self.carrier_min]
        if not carriers or any(s.label == "language_misuse" and s.score >= self.score for s in signals):
            return []
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
        if not evs:
            return []
        return [Signal("language_misuse", self.score, "language.substitution.carried", self.id, tuple(evs[:10]))]


class Params(BaseModel):
    """Registry parameters of a `language_carried` detector."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    carrier_min: float = Field(0.5, ge=0.0, le=1.0, description="a vulgar/porn/abuse/antagonism signal at least this")
    score: float = Field(0.7, ge=0.0, le=1.0, description="the language_misuse score given")


def build(spec: DetectorSpec[Params], ctx: BuildContext) -> LanguageCarriedDetector:
    return LanguageCarriedDetector(spec.params.carrier_min, spec.params.score, name=spec.name)
