"""Clickbait of a titled post (issue 17): the title alone and against its body, and a post holding back what it
promises. Scored with the cue families of `score.Cues` by `score.score_families`, like the rumour and science scorers;
split from `score.py` as the part that reads a title against a body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..detectors.patterns import Found, find, regex
from .headline import FIRST_PERSON_TITLE, body_beyond_title, body_quotes_title, title_coverage
from .score import Cues, Part, Score, score_families

# Title families that count only when the body fails the title, and body parts that fail it (claims10): a body that
# sells, denies, withholds nothing and carries the title's claim words delivers (西瓜这样切 over the steps).
MILD_TITLE = frozenset({"teaser_mild", "pronoun_subject"})
BODY_FAILS = frozenset({"bait", "denial", "overclaimed", "quoted_claim"})
# news16: a body in the poster's own voice or about their family (奶奶昨晚十点在家里走了…) under a title that stops
# short (她走了……) tells a life, it does not hold back a story for the click: the title's `gap` part drops
OWN_BODY = re.compile(r"^[^，。！？]{0,8}([我俺咱](?![国省市县区校院司])|奶奶|爷爷|外婆|外公|姥姥|姥爷|老公|老婆)")


# news19: an untitled post that opens as a headline would — a shock or withholding word of the title families, or an
# opening that stops short (……) — and whose very next sentence takes it back (其实就是…, 原来是…, 经了解，是…): the
# opening promised an event, the post reveals it was none (学校食堂出了这样的事…… / 其实就是多了两次水果). The reveal
# must open the next sentence (a 其实 later in a personal story is no reveal), and an opening that attributes its
# words (网传, 有人说) or debunks (谣言, 不实) reports a rumour rather than baiting with one.
OPENING_END = re.compile(r"(……|…|\.\.\.|[。！？!?\n])+")
REVEAL = regex("claims.clickbait.opening.reveal",
               r"[（(\[【]?[^，。！？（(]{0,8}?[（(]?(其实就?是|其实只是|原来是|原来就是|结果(就)?是|实际上是|"
               # 经了解 as who or what it was (经了解，是他的司机), not a report's cause (经了解，起火原因系…)
               r"经了解[，,\s]?(原来|其实)?只?是|一问才知道|仔细一看)")
HEARSAY_OPENING = re.compile(r"网传|流传|传言|谣|疯传|有人说|声称|据说|听说|不实|假的|辟谣")
OPENING_FAMILIES = frozenset({"teaser", "teaser_mild", "pronoun_subject"})
FLIP_WEIGHT = 1.2  # as a body failing its title (`clickbait.body.denial`, `quoted`)
OPENING_MIN = 6  # characters: an opening shorter than this is an interjection (天哪！), not a headline


# news21: the reveal may come later than the next sentence's start — a note closing the post that says what the
# item really shows (（是一只小猫第一次见到雪的样子）, （点开是一家火锅店开业）, （正文为…）), or the next sentence
# placing the opening's event inside a drama or a show (今晚在剧中领了盒饭): the opening promised an event, the post
# gives something else. Only after an opening that teases (a title family's word): an opening that only stops short (……)
# before a closing note is a story's or a novel's ellipsis. Not 实为 (a note on hidden staging or AI: staged's and
# aigc's matter), not a game or a book named as where something happened (有人在游戏里冒充…, 《…年鉴》里).
CLOSING_NOTE = re.compile(r"[（(]\s*((点开|点进去|打开|正文|视频内容|视频后半段|视频|内容|其实|实际|原来)"
                          r"\s*(是|为|[:：])|是)[^（(）)]{2,60}[）)]\s*$")
IN_FICTION = re.compile(r"在?(剧中|剧里|(?<!游)戏里|剧情里|节目里|节目中|综艺里|综艺中)")


def _late_reveal(text: str, start: int) -> re.Match[str] | None:
    """A closing note that says what the item is, or the next sentence's placing of the event in fiction."""
    note = CLOSING_NOTE.search(text, start)
    if note is not None:
        return note
    stop = OPENING_END.search(text, start)
    return IN_FICTION.search(text, start, stop.start() if stop else len(text))


def flipped_opening(cues: Cues, views: Any) -> tuple[Part, ...]:
    """The parts of an untitled post whose opening sentence teases an event its next sentence takes back: the
    opening's title-family hits and the reveal; () when the post does not read so."""
    body = views.fields.get("text")
    if body is None:
        return ()
    text = body.text
    lead = len(text) - len(text.lstrip())
    end = OPENING_END.search(text, lead)
    if end is None or end.start() - lead < OPENING_MIN:
        return ()
    opening = text[lead:end.end()]
    if HEARSAY_OPENING.search(opening):
        return ()
    rest = len(text[end.end():]) - len(text[end.end():].lstrip())
    reveal = REVEAL.regex.match(text, end.end() + rest)
    late = reveal is None
    if late:
        reveal = _late_reveal(text, end.end())
    if reveal is None:
        return ()
    t = score_families(views, cues.clickbait_title, ("text",))
    teased = [Part(p.family, p.contribution, tuple(f for f in p.found if f.end <= end.end()))
              for p in t.parts if p.family in OPENING_FAMILIES]
    teased = [p for p in teased if p.found]
    # an opening that only stops short, in the poster's own voice (我今天好倒霉…… / 原来是钥匙忘带了), tells a day
    stops_short = "…" in end.group() or "..." in end.group()
    if not teased and (late or not stops_short or OWN_BODY.search(opening)):
        return ()
    shown = Found(REVEAL, "text", reveal.start(), reveal.end())
    return (*teased, Part("flipped_opening", FLIP_WEIGHT, (Found(REVEAL, "text", lead, end.start()), shown)))


# news17: the evidence of a title whose claim the body quotes (`headline.body_quotes_title`): the title, and the quote
QUOTED_CLAIM = regex("claims.clickbait.body.quoted_claim", r"“[^”]+”")


@dataclass(frozen=True)
class TitleScore:
    clickbait: Score
    title_denied: tuple[Found, ...]  # strong-event cues of the title that the body denies (→ rumour too)
    title_unsupported: tuple[Found, ...] = ()  # event cues of an asserting title that the body never carries


def _denies_title(p: Part, views: Any, title: str) -> bool:
    """False for a `denial` part whose every word stands in the title too (the title already says it)."""
    if p.family != "denial":
        return True
    return any(views.fields[f.field].text[f.start:f.end] not in title for f in p.found)


def score_title(cues: Cues, views: Any) -> TitleScore | None:
    """Clickbait of a post: its title alone and against its body, and the post holding back what it promises
    (`withheld`, titled or not). None when nothing of this applies."""
    title = views.fields.get("title")
    body = views.fields.get("text")
    w = score_families(views, cues.clickbait_withheld, ("text",), scoped=True)
    if title is None or not title.text.strip():
        flip = flipped_opening(cues, views)
        if flip:
            w = Score(w.raw + sum(p.contribution for p in flip), (*w.parts, *flip))
        return TitleScore(w, ()) if w.parts else None
    body_text = body_beyond_title(title.text, body.text if body is not None else "")
    t = score_families(views, cues.clickbait_title, ("title",))
    parts, raw = [*t.parts, *w.parts], t.raw + w.raw
    note = CLOSING_NOTE.search(body.text) if body is not None and t.raw > 0 else None
    if note is not None:  # news21: a teasing title, and a note closing the body that says what the item shows
        raw += FLIP_WEIGHT
        parts.append(Part("closing_reveal", FLIP_WEIGHT, (Found(REVEAL, "text", note.start(), note.end()),)))
    denied: tuple[Found, ...] = ()
    unsupported: tuple[Found, ...] = ()
    if len(body_text) < cues.clickbait_short_body:
        if t.raw > 0:  # a teaser over nothing
            raw += cues.clickbait_empty_weight
            parts.append(Part("empty_body", cues.clickbait_empty_weight, ()))
    else:
        b = score_families(views, cues.clickbait_body, ("text",), scoped=True)
        events = find(views, cues.clickbait_strong_event.patterns, ("title",))
        # The body takes back only what the title teased or asserted: a plain title over a report that qualifies
        # (…一般可以吃, 1至4个月不等) is no bait, and a "denial" word the title says itself (某医院开展防暴应急演练 /
        # 演练) denies nothing.
        answered = any(p.family == "answered" for p in t.parts)  # news13: a question an expert answers asserts nothing
        asserting = not answered and (t.raw > 0 or bool(events) or bool(find(views, cues.rumor_event.patterns,
                                                                             ("title",))))
        kept = [p for p in b.parts if p.family != "denial" or (asserting and _denies_title(p, views, title.text))]
        # A title telling the poster's own story (我辞职回老家…, 我家…) asserts nothing about anyone else.
        if events and FIRST_PERSON_TITLE.search(title.text):
            events = []
        missing = [f for f in events if title.text[f.start:f.end] not in body_text]
        if OWN_BODY.search(body_text):
            gap = [p for p in t.parts if p.family == "gap"]
            raw, parts = raw - sum(p.contribution for p in gap), [p for p in parts if p not in gap]
        # news16: an asserting title's sweeping claim (全面, 全国统一, 宣布) absent from a body that narrows it (部分,
        # 陆续, 与往年相同): the title promises more than the body gives
        plain = not any(p.family in ("honest", "question", "answered") for p in t.parts)
        over = [f for f in find(views, cues.clickbait_overclaim.patterns, ("title",))
                if title.text[f.start:f.end] not in body_text] if plain else []
        narrowing = find(views, cues.clickbait_narrowing.patterns, ("text",)) if over else []
        if narrowing:
            kept.append(Part("overclaimed", cues.clickbait_overclaim_weight, (*over, *narrowing[:3])))
        # The body carries the title: most of the title's words recur in it (a report under its own headline, an
        # ad under the name of what it sells) and so does its strong event. What the title says is delivered.
        coverage = title_coverage(title.text, body.text if body is not None else "")  # a pasted headline counts
        # news17: an asserting title whose claim the body quotes (近日网上流传“微信将全面收费”的说法…): the body reports
        # as something said what the title states as fact, so it does not carry the title, it answers it
        span = body_quotes_title(title.text, body.text) if plain and body is not None else None
        quoted = () if span is None else (Found(QUOTED_CLAIM, "title", 0, len(title.text)),
                                          Found(QUOTED_CLAIM, "text", *span))
        if quoted:
            kept.append(Part("quoted_claim", cues.clickbait_quoted_weight, quoted))
        # news16: nor does a body carry a title that stops short (……): what it held back is the bait, however many
        # of its words the body repeats
        stops_short = any(p.family == "gap" for p in parts)
        if coverage >= cues.clickbait_carried_coverage and not missing and not narrowing and not stops_short \
                and not quoted:
            kept.append(Part("carried", cues.clickbait_carried_weight, ()))
        elif t.raw > 0 and coverage < cues.clickbait_uncarried_coverage:
            # a teasing title whose words the body hardly repeats: what it says is not what the body is about
            kept.append(Part("uncarried", cues.clickbait_uncarried_weight, ()))
        if coverage >= cues.clickbait_uncarried_coverage:
            # news13: a title's deadline (最后一天) over a body about what ends names it; it is bait only over a body
            # about something else
            urgent = [p for p in t.parts if p.family == "urgency"]
            raw, parts = raw - sum(p.contribution for p in urgent), [p for p in parts if p not in urgent]
        b = Score(sum(p.contribution for p in kept), tuple(kept))
        raw += b.raw
        parts.extend(b.parts)
        if missing:
            raw += cues.clickbait_missing_event_weight
            parts.append(Part("event_missing_in_body", cues.clickbait_missing_event_weight, tuple(missing)))
        # claims10: a body that delivers (MILD_TITLE) answers the title's emphasis and withheld subject: they drop
        claims = find(views, cues.clickbait_undelivered.patterns, ("title",))
        if len(body_text) >= cues.clickbait_delivering_body and not missing and not w.parts and \
                not any(p.family in BODY_FAILS for p in b.parts) and \
                all(title.text[f.start:f.end] in body_text for f in claims):
            mild = [p for p in t.parts if p.family in MILD_TITLE]
            raw, parts = raw - sum(p.contribution for p in mild), [p for p in parts if p not in mild]
        # The title asserts (not asks, not itself a correction) an event — a strong event, or an announcement or
        # event verb of the rumour scorer — that the body denies; or a strong event (a death, an arrest, a ban)
        # of which the body, selling nothing, carries no strong event at all (离世 carries 走了).
        asserts = not any(p.family in ("honest", "question", "answered") for p in t.parts)
        claimed = [*events, *find(views, cues.rumor_event.patterns, ("title",))]
        if asserts and claimed:
            if any(p.family == "denial" for p in b.parts):
                denied = tuple(claimed)
            elif events and not any(p.family == "bait" for p in b.parts) and not find(
                    views, cues.clickbait_strong_event.patterns, ("text",)):
                unsupported = tuple(events)
    return TitleScore(Score(raw, tuple(parts)), denied, unsupported)
