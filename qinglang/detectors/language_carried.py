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

Where the attack (abuse, antagonism) stands, two more ways of writing a word can be read as its disguise (session 18,
lang18; `attack_cloaks`): a pictograph written where the sentence needs a word (尼🐴的, 肥🐖上街, 全家都是 🌿 还) and an
abbreviation by initials (`language_styles.abbreviations`: 建议zs, 是不是 mq 了, 全是hg🐒) — evidence rules
`…carried.<label>` (layer `emoji`) and `…carried.initials.<label>`. Off in the shipped registry: on the tune half (S16,
S18, t29, unseen14 and the older sets) it adds language_misuse to 5 rows whose writer wants it and 11 whose writer
does not (older writers give a disguised insult its attack label alone), on the report half to one row whose writer
does not (docs/accuracy.md §23.x, lang18). A sexual carrier is never given these (a 🍑 beside a porn ad, as above).

The learned read confirmed by a form (session 20, lang20; `form_read`): where no payload stands, a learned tier's
language_misuse read (a recall or campaign head, the writer bank) at `form_head_min` or more is made the campaign's
signal (`score`) when the field itself is written in one of the cloak forms the notice names — a word as a pinyin
syllable, a character written apart (`language_misuse.substitutions`; not a pictograph), an abbreviation by
initials (`language_styles.abbreviations`), a place written by sound (`place_puns`), or the whole line spaced out one
character at a time (`language_styles.spaced_apart`). Two independent readings agree: the head says the wording is
bent, the form shows where. Rule `language.carried.form`, evidence `language.carried.form.<kind>` (the written span,
its normalized form) and the head's own n-grams. Not where 引流 stands (tg, vx are a channel's initials). The heads
stop at 0.62 (their `label_max`), under the campaign's 0.65, so a head alone never acts on a feed; measured on the
tune half (every set but S24, t36 and unseen19), a head read at 0.5 or more on a passed row comes with such a form on
6 violations and on no innocent row (docs/accuracy.md §25, lang20).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from ..model import Content, Signal
from .base import Views
from .language_misuse import substitutions
from .language_styles import abbreviations, place_puns, spaced_apart
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
                 attack_cloaks: bool = True, form_head_min: float | None = None,
                 name: str = "language_carried") -> None:
        self.carrier_min = carrier_min
        self.score = score
        self.head_min = head_min
        self.form_head_min = form_head_min
        self.attack_cloaks = attack_cloaks
        self.name = name
        self.id = f"{self.name}@{self.version}"

    def detect(self, content: Content, views: Views) -> list[Signal]:
        return []  # a cascade stage: see detect_cascade

    def detect_cascade(self, content: Content, views: Views, signals: list[Signal]) -> list[Signal]:
        """One `language_misuse` signal when a harmful label stands and a pinyin word disguises part of the post, or
        a learned head reads the wording as misuse (`head_read`); with no harm standing, when a learned read is
        confirmed by a cloak form in the field (`form_read`)."""
        if any(s.label == "language_misuse" and s.score >= self.score for s in signals):
            return []
        payloads = [s for s in signals if s.label in HEAD_PAYLOADS and s.score >= self.carrier_min]
        if not payloads:
            form = self.form_read(views, signals)
            return [form] if form is not None else []
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
                # a pinyin word carries any of the four; a pictograph written for a word carries an attack only
                # (writers do not call the 🍑 of a porn ad misuse: lang15, and again on this session's tune half)
                if kind == "pinyin" or (kind == "emoji" and attack is not None and self.attack_cloaks):
                    label = carrier if kind == "pinyin" else attack
                    evs.append(views.original_evidence(field_name, a, b, normalized=nt.original[a:b].lower(),
                                                       rule=f"language.substitution.carried.{label}",
                                                       detector=self.id, layers=(kind,), value=f"carries:{label}"))
            if attack is not None and self.attack_cloaks:
                evs.extend(views.original_evidence(field_name, a, b, normalized=letters,
                                                   rule=f"language.substitution.carried.initials.{attack}",
                                                   detector=self.id, layers=("initials",), value=f"carries:{attack}")
                           for a, b, letters in abbreviations(nt.original))
        if evs:
            return [Signal("language_misuse", self.score, "language.substitution.carried", self.id, tuple(evs[:10]))]
        head = self.head_read(signals, payloads)
        return [head] if head is not None else []

    def form_read(self, views: Views, signals: list[Signal]) -> Signal | None:
        """language_misuse when a learned tier reads the wording as misuse (`form_head_min`) and the title or text is
        written in a cloak form (see the module's docstring): the form's spans, then the head's own evidence."""
        if self.form_head_min is None:
            return None
        if any(s.label == "drainage" and s.score >= self.carrier_min for s in signals):
            return None  # a handle's channel by initials (tg, vx) is the 引流 family's reading, not campaign 8's
        heads = [s for s in signals if s.label == "language_misuse" and s.score >= self.form_head_min
                 and s.rule.startswith(("model.", "semantic."))]
        if not heads:
            return None
        evs = []
        for field_name in ("title", "text"):
            nt = views.fields.get(field_name)
            if nt is None or nt.original.isascii():
                continue
            raw = nt.original
            # a pictograph between two characters is not taken: on the tune half it stood in three AI-photo and
            # shop posts (🌕, 📷, 🍑宝) and in no violation the head read (as lang15 found for the 🍑 of a porn ad)
            forms = [(a, b, raw[a:b].lower(), kind) for a, b, kind in substitutions(raw) if kind != "emoji"]
            forms += [(a, b, letters, "initials") for a, b, letters in abbreviations(raw)]
            forms += [(a, b, joined, "spaced") for a, b, joined in spaced_apart(raw)]
            evs.extend(views.original_evidence(field_name, a, b, normalized=norm, detector=self.id,
                                               rule=f"language.carried.form.{kind}", layers=(kind,))
                       for a, b, norm, kind in forms[:6])
            evs.extend(views.evidence(field_name, a, b, normalized=place, rule="language.carried.form.place",
                                      detector=self.id, layers=("homophone",))
                       for a, b, place in place_puns(nt.text)[:3])
        if not evs:
            return None
        evs += list(max(heads, key=lambda s: s.score).evidence[:3])
        return Signal("language_misuse", self.score, "language.carried.form", self.id, tuple(evs))

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
    attack_cloaks: bool = Field(True, description="where abuse / antagonism stands, a word pictograph or an "
                                                  "abbreviation by initials is its disguise too (session 18)")
    form_head_min: float | None = Field(None, ge=0.0, le=1.0, description="a learned language_misuse read at least "
                                        "this, with the field written in a cloak form and no payload standing, is "
                                        "the campaign's signal (session 20); None: off")


def build(spec: DetectorSpec[Params], ctx: BuildContext) -> LanguageCarriedDetector:
    return LanguageCarriedDetector(spec.params.carrier_min, spec.params.score, head_min=spec.params.head_min,
                                   attack_cloaks=spec.params.attack_cloaks,
                                   form_head_min=spec.params.form_head_min, name=spec.name)
