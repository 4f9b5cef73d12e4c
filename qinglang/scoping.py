"""The scope pass: every label's evidence is judged for what the post is doing before the policy sees it.

The detectors put each hit in scope where it stands (`qinglang.text.scope`: negated, quoted, reported…). This pass
adds the post-level reading (`qinglang.text.acts`: a refusal, an explanation of a law or a scam, a report, a
warning, a victim's question, a sourced figure, an official notice, declared fiction, a personal notice) and applies
it to the signals of every family alike — lexicon, frames, contact/引流, claims, enterprise, language misuse, the
model detector's heads and cold spans, the semantic tier — so an innocence learnt for one family reaches the others.
A signal the post's act excuses has its score multiplied by the act's factor, and each piece of its evidence that
no span-level cue had scoped carries the reading (`Evidence.scope`, e.g. ``act:refusal:本站不开展``) so a reviewer
sees why. Evidence already scoped by its detector was discounted there: a signal whose evidence is all scoped is
left as it is (one discount per hit).

No discount where the post makes its own offer (`PostActs.own`: 私信详谈, 加微信领取, 转账…): the frame is then a
cloak. A personal notice may ask to be contacted; only a deal (pay, claim, a price) keeps it a violation.

What each act does not excuse, and why (the special cases, stated once):
- `MARKS` (AI labelling): whether AI content is labelled is not a matter of what the post says it is doing.
- `HARM_IN_WORDS` under fiction, a personal notice, a sourced figure or an official notice: the words themselves
  are the harm (a sex scene in a story, an insult in a family post); only the acts that hold the words at a distance
  (refusing, explaining, reporting, warning, a victim quoting) excuse them.
- `NEWS_LABELS` under a report: reporting events is exactly what unlicensed news, missing sources, clickbait,
  staged stories and rumours do; a report excuses them only when it names its source (`sourced`), and span-level
  debunking already clears a rumour reported to be refuted.
- `unlicensed_news` under an official notice: the licence registry (`qinglang.news`) decides who is licensed.
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import Signal
from .text.acts import Act, PostActs

MARKS = frozenset({"aigc_unlabeled", "aigc_deceptive"})
ALWAYS = MARKS
# A bait headline is the post's own act whatever its body does: a label in this set is not excused when any of its
# evidence stands in the title (a headline quoted in the body to criticise it is excused like any other words).
HEADLINE = frozenset({"clickbait"})
LICENCE = frozenset({"unlicensed_news"})
HARM_IN_WORDS = frozenset({"porn", "vulgar", "abuse", "antagonism", "bullying", "language_misuse", "minors_harm"})
NEWS_LABELS = frozenset({"unlicensed_news", "source_missing", "clickbait", "staged", "rumor"})
CLAIMS = frozenset({"rumor", "enterprise_smear", "false_science", "source_missing", "staged"})
MYTHS = frozenset({"rumor", "false_science"})
GROUP_HOSTILITY = frozenset({"antagonism"})  # not excused by a warning aimed at a group (`PostActs.against_group`)

# kind → (factor, labels it does not excuse)
EXCUSES: dict[str, tuple[float, frozenset[str]]] = {
    "refusal": (0.3, ALWAYS),
    "education": (0.3, ALWAYS | MYTHS),
    "question": (0.3, ALWAYS | CLAIMS),
    "warning": (0.3, ALWAYS | CLAIMS | LICENCE),
    "report": (0.4, ALWAYS | NEWS_LABELS | CLAIMS),
    "sourced": (0.3, ALWAYS | HARM_IN_WORDS | LICENCE),
    "official": (0.3, ALWAYS | HARM_IN_WORDS | NEWS_LABELS),
    "fiction": (0.3, ALWAYS | HARM_IN_WORDS | LICENCE),
    "personal": (0.3, ALWAYS | HARM_IN_WORDS | LICENCE),
}


def excusing(acts: PostActs, label: str) -> Act | None:
    """The act that excuses a label's evidence in this post (the strongest discount), or None."""
    best: Act | None = None
    best_factor = 1.0
    for act in acts.acts:
        factor, excluded = EXCUSES[act.kind]
        if label in excluded or factor >= best_factor:
            continue
        if act.kind == "warning" and label in GROUP_HOSTILITY and acts.against_group:
            continue  # a warning against a whole group of people (千万别跟东北人做生意) is the hostility itself
        if acts.own is not None and (act.kind != "personal" or acts.deal):
            continue  # the post makes its own offer: the frame is a cloak
        best, best_factor = act, factor
    return best


def scope_signals(signals: Iterable[Signal], acts: PostActs) -> list[Signal]:
    """The signals with the post's act applied (see the module docstring); unchanged when the post reads no act."""
    if not acts.acts:
        return list(signals)
    out = []
    for s in signals:
        act = excusing(acts, s.label) if s.score > 0 else None
        if act is not None and s.label in HEADLINE and any(e.field == "title" for e in s.evidence):
            act = None
        if act is None or (s.evidence and all(e.scope for e in s.evidence)):
            out.append(s)
            continue
        tag = act.tag
        evidence = tuple(e if e.scope else e._replace(scope=tag) for e in s.evidence)
        out.append(Signal(s.label, round(s.score * EXCUSES[act.kind][0], 4), s.rule, s.detector, evidence, s.marks))
    return out
