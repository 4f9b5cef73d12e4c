"""Who tells what, and how (news23, issue 15 task 4): a learned reading of "a current-affairs, public-policy or
social-event claim told as fact by an account that is not its source, with no source named" → `source_missing`.

The cue rule (`qinglang.claims.source`) decides from topic words, report parts and a list of exceptions, one added per
writer set; it fires on posts that are personal, official or not current affairs and misses reports told in other
words. This reading weighs the structure of the post instead, as one logistic model over named features:
- the speaker: a verified account, a news licence, an institution's or an outlet's name, a declared source, the
  surface (an app's push, a comment, a private message);
- the claim's scope: which topic families the post touches (policy, current affairs, an event, a figure for a whole
  country, a rule with its day, a public body acting), how many distinct topic words, fact verbs, figures;
- the voice: the poster's own story (我…), an eyewitness note, a question, an opinion, advice, a warning addressed to
  readers, hedges (听说, 据说, 可能), a byline, a pointer to a document, a stated absence of a source;
- the rumour scorer's families (its claim parts and its discounts), and whether the cue rule fired.
No word of the post is a feature by itself: what generalizes across writers is who speaks and how the claim stands.

The model ships as `qinglang/models/data/source-reading.{json,npz}` (`python tools/train_source_reading.py`, trained on
the writer sets' rows, the rule branches' report half never read nor trained on; leave-one-writer-set-out figures in
its metadata). The claims detector uses it both ways: a cue-rule finding the model reads below `veto` is dropped, and
a post the detector calls a rumour that the model reads at `add` or above is marked unsourced as well (evidence: the
rule's finding where it has one, else the topic words; rule `claims.source_missing.reading`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..detectors.news import PUSH_SURFACES, STRONG_GENRE, account_outlet, views_normalizer
from ..detectors.patterns import find
from ..errors import ConfigError
from ..models.files import read_pair, shipped_pair
from ..text.credit import named_source
from .source import ABSENT, AI_MADE, BYLINE, EYEWITNESS, FACT, FIGURE, ISSUER_NAME, POINTER, TOPICS, topics
from .source import _authority_acts as authority_acts
from .source import _distinct as distinct_words
from .voice import OWN_VOICE

KIND = "source-reading model"
NAME = "source-reading"

RUMOR_FAMILIES = ("authority", "announcement", "number_date", "place", "consequence", "urgency_spread", "hearsay",
                  "vague_actor", "counter_official", "vague_source", "masked_attribution", "leak", "sanction_threat",
                  "vouching", "victim_scene", "sweeping_stat", "unsupported_absolute", "handled", "source", "debunk",
                  "doubt", "rhetorical_close", "question", "advice", "commerce", "formal_notice", "opinion_joke",
                  "hypothetical", "recollection")
SURFACES = ("feed", "comment", "private", "popup", "live", "search", "group")
# the reader addressed and told what to do (家长们注意, 大家千万不要): a warning or advice, not a report
ADDRESSED = re.compile(r"家长们|各位|大家|朋友们|姐妹们|宝妈们|提醒|注意|千万|不要|别[去让再]|记得|一定要")
HEDGED = re.compile(r"听说|据说|好像|似乎|可能|也许|不知道|不确定|有人说|传言|网传|求证|是真的吗")
PERSONAL = re.compile(r"我(家|们家|妈|爸|老公|老婆|儿子|女儿|孩子|朋友|同事|邻居|自己)|今天我|刚才|刚刚我")
OPINION = re.compile(r"我觉得|我认为|个人认为|感觉|应该|希望|建议|呼吁|怎么看|支持|反对")
OFFICIAL_VOICE = re.compile(r"本[局院所站台中心单位部门]|我[局院所站厅委校司]|特此|现将|通知如下|公告如下|"
                            r"请广大|市民朋友")

FEATURES = (
    "rule_fired", "rule_score", "n_topic_words", "n_topic_families", *(f"topic:{t}" for t in TOPICS),
    "authority_act", "fact_verb", "figure", *(f"rumor:{f}" for f in RUMOR_FAMILIES), "rumor_raw",
    "verified", "news_license", "issuer_name", "outlet_name", "declared_source", "has_author",
    *(f"surface:{s}" for s in SURFACES), "push", "titled",
    "own_voice", "personal", "eyewitness", "ai_made", "addressed", "hedged", "opinion", "official_voice",
    "question_mark", "exclaim", "byline", "strong_genre", "pointer", "absent", "length", "short",
)


def source_features(views: Any, rumor: Any, rule: Any) -> tuple[float, ...]:
    """The named features of a post (see the module docstring) given its rumour score and the cue rule's finding
    (`SourceMissing` or None), in `FEATURES` order."""
    content = views.content
    texts = [nt.text for nt in views.fields.values()]
    allt = "\n".join(texts)
    found = topics(views)
    hits = [f for fs in found.values() for f in fs]
    distinct = distinct_words({views.fields[f.field].text[f.start:f.end] for f in hits})
    fams = {p.family: p.contribution for p in rumor.parts}
    author = content.author
    f: dict[str, float] = {
        "rule_fired": float(rule is not None), "rule_score": float(rule.score) if rule is not None else 0.0,
        "n_topic_words": min(len(distinct), 5) / 5, "n_topic_families": min(len(found), 4) / 4,
        "authority_act": float(bool(authority_acts(views, hits))), "fact_verb": float(bool(find(views, [FACT]))),
        "figure": float(bool(find(views, [FIGURE]))), "rumor_raw": max(-1.0, min(float(rumor.raw), 2.0)) / 2,
        "verified": float(bool(author.verified)), "news_license": float(bool(author.news_license)),
        "issuer_name": float(bool(author.name and ISSUER_NAME.search(author.name.strip()))),
        "outlet_name": float(account_outlet(content, views_normalizer(views)) is not None),
        "declared_source": float(named_source(content.declared.source) is not None),
        "has_author": float(bool(author.name or author.id)), "push": float(content.surface in PUSH_SURFACES),
        "titled": float("title" in views.fields and bool(views.fields["title"].text.strip())),
        "own_voice": min(len(OWN_VOICE.findall(allt)), 3) / 3, "personal": float(bool(PERSONAL.search(allt))),
        "eyewitness": float(bool(EYEWITNESS.search(allt))), "ai_made": float(bool(AI_MADE.search(allt))),
        "addressed": float(bool(ADDRESSED.search(allt))), "hedged": float(bool(HEDGED.search(allt))),
        "opinion": float(bool(OPINION.search(allt))), "official_voice": float(bool(OFFICIAL_VOICE.search(allt))),
        "question_mark": float("？" in allt or "?" in allt), "exclaim": float("！" in allt or "!" in allt),
        "byline": float(bool(find(views, [BYLINE]))), "strong_genre": float(bool(find(views, STRONG_GENRE))),
        "pointer": float(bool(find(views, [POINTER]))), "absent": float(bool(find(views, [ABSENT]))),
        "length": min(math.log1p(len(allt)) / math.log1p(400), 1.0), "short": float(len(allt) < 20),
    }
    for t in TOPICS:
        f[f"topic:{t}"] = float(t in found)
    for fam in RUMOR_FAMILIES:
        c = fams.get(fam)
        f[f"rumor:{fam}"] = 0.0 if c is None else (1.0 if c > 0 else -1.0)
    for s in SURFACES:
        f[f"surface:{s}"] = float(content.surface == s)
    return tuple(f[k] for k in FEATURES)


@dataclass(frozen=True)
class SourceReading:
    """A shipped source-reading model: weights over `FEATURES`, a bias, and two operating points (`veto`: a cue-rule
    finding read below it is dropped; `add`: a rumour read at it or above is marked unsourced as well)."""

    weights: np.ndarray
    bias: float
    veto: float
    add: float
    meta: dict[str, Any]

    @classmethod
    def load(cls, path: Path | None = None) -> SourceReading:
        """The model at `path` (default: the shipped one); ConfigError naming the file when it does not fit."""
        path = path or shipped_pair(NAME, KIND)
        meta, arrays = read_pair(path, KIND)
        try:
            if tuple(meta["features"]) != FEATURES:
                raise ValueError(f"features {meta['features']} are not this code's {list(FEATURES)}")
            w = arrays["weights"].astype(np.float32)
            if w.shape != (len(FEATURES),):
                raise ValueError(f"weights of shape {w.shape} do not fit {len(FEATURES)} features")
            return cls(w, float(meta["bias"]), float(meta["veto"]), float(meta["add"]), meta)
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"{path}: cannot load {KIND}: {exc}") from None

    def probability(self, features: tuple[float, ...]) -> float:
        """The probability that the post is an unsourced current-affairs report the writers would mark."""
        z = self.bias + float(np.dot(self.weights, np.asarray(features, dtype=np.float32)))
        return 1.0 / (1.0 + math.exp(-z))
