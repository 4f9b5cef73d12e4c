"""Scope: whether a term found in a text is USED, or negated, quoted, reported or debunked.

"理性追星，不集资不控评" names 集资 and 控评 to refuse them; "支持打击“nmsl”" quotes an insult to condemn it;
"网传…系谣言" reports a rumour to refute it; "说X的人" talks about people who say X. A lexicon hit inside such a
scope is not the poster doing the thing, so its score is discounted (multiplied by the cue's factor) and the
evidence records the cue (`Evidence.scope`, e.g. ``negation:不``).

One mechanism for every lexicon-based signal: the lexicon detector, the language-misuse detector and the
intent frames' cue families all call `scope_at` on the canonical text and canonical offsets of a hit (the
normalizer keeps quotes and clause punctuation, so the canonical text shows them).

The cue lists are data below, each a closed class of Chinese function words (negators, prohibitives, verbs of
reporting and refuting) rather than a topic word list; what a cue may reach is bounded by the clause (a
negator) or the sentence (a debunking or reporting frame), as in the negation-scope literature (e.g. the
CNeSp corpus annotation guidelines, Zou et al. 2015: a negator scopes over the predicate that follows it,
within its clause).
"""

from __future__ import annotations

from typing import NamedTuple

# Negators and prohibitives that scope over the next predicate of their clause (longest first).
NEGATORS: tuple[str, ...] = (
    "坚决抵制", "坚决反对", "坚决打击", "严厉打击", "不要再", "千万别", "千万不要", "请勿", "切勿", "严禁", "禁止",
    "拒绝", "抵制", "反对", "杜绝", "远离", "不许", "不准", "不能", "不会", "不该", "不可", "不得", "不要", "不再",
    "别再", "没有", "从不", "从没", "打击", "整治", "谨防", "警惕", "防范", "提防", "不", "没", "别", "勿", "莫", "无",
)
# Words that may stand between a negator and what it negates (不去集资, 拒绝参与控评, 不要随便加).
_FILLERS: tuple[str, ...] = (
    "参与", "随便", "轻易", "相信", "进行", "搞", "去", "再", "要", "来", "给", "被", "乱", "跟风", "盲目", "私下",
    "帮", "搞什么", "任何", "所谓的", "所谓", "这种", "那种", "这些", "那些", "一切", "各种", "的", "了", "也", "都",
    "“", "「", "『", '"', "‘", "《",
)
# Sentence-level frames: the sentence reports or refutes the thing, it does not do it.
DEBUNKING: tuple[str, ...] = (
    "辟谣", "谣言", "不实信息", "系谣言", "是谣言", "假消息", "假新闻", "已辟谣", "经核实", "不属实", "纯属虚构",
    "网传", "别信", "不要信", "不要相信", "勿信", "造谣", "求证",
)
REPORTING: tuple[str, ...] = (
    "举报", "已举报", "曝光", "警方通报", "通报", "网警提醒", "警方提醒", "提醒大家", "提醒家长", "家长注意",
    "注意防范", "防骗", "反诈", "骗局", "套路", "被骗", "报警", "依法处理", "行政拘留", "刑事拘留", "已被处理",
    "提个醒", "提醒", "以案说法", "法院判决", "判决", "被判", "一审", "律师建议", "抵制", "倡议", "呼吁", "科普",
)
_QUOTES = {"“": "”", "「": "」", "『": "』", '"': '"', "‘": "’", "'": "'", "《": "》"}
_CLAUSE_END = frozenset("，,。！!？?；;：:\n…~～")
_SENTENCE_END = frozenset("。！!？?；;\n")
_SAY = ("说", "喊", "叫", "骂", "发", "刷", "打")  # 说X的人 / 刷X的 / 骂X的那些人
_PEOPLE = ("的人", "的那些人", "的这些人", "的都是", "的网友", "的人都")

FACTORS = {"negation": 0.3, "quotation": 0.4, "mention": 0.3, "debunking": 0.3, "reporting": 0.5}
NEG_REACH = 6  # characters between a negator and the hit, fillers included
# Suffix lookup for `_negation`: longest negator first, as the tuple lists them (no negator ends with a longer one).
_NEG_SET = frozenset(NEGATORS)
_NEG_LENGTHS = tuple(sorted({len(n) for n in NEGATORS}, reverse=True))


class ScopeCue(NamedTuple):
    kind: str  # negation | quotation | mention | debunking | reporting
    cue: str  # the cue as the canonical text writes it
    factor: float  # what the hit's score is multiplied by

    @property
    def tag(self) -> str:
        return f"{self.kind}:{self.cue}"


def _clause_start(text: str, start: int, stops: frozenset[str]) -> int:
    k = start
    while k > 0 and text[k - 1] not in stops:
        k -= 1
    return k


def _clause_end(text: str, end: int, stops: frozenset[str]) -> int:
    k = end
    while k < len(text) and text[k] not in stops:
        k += 1
    return k


def _negation(text: str, start: int) -> str | None:
    """The negator that scopes over a hit at `start`, within its clause. A verb of refusal (拒绝, 抵制, 打击…)
    reaches up to NEG_REACH characters (坚决抵制这种饭圈控评); a bare negator (不, 没, 别…) only through filler
    words (不去集资, 不要随便加), so 不错 or 没想到 do not negate what follows them."""
    lo = max(_clause_start(text, start, _CLAUSE_END), start - NEG_REACH - 4)
    left = text[lo:start]
    for k in range(len(left), -1, -1):
        gap, head = left[k:], left[:k]
        cue = next((head[-n:] for n in _NEG_LENGTHS if n <= k and head[-n:] in _NEG_SET), None)
        if cue is None:
            continue
        if len(cue) >= 2 and len(gap) <= NEG_REACH:
            return cue
        if _fillers_only(gap):
            return cue
    return None


def _fillers_only(gap: str) -> bool:
    rest = gap
    while rest:
        f = next((f for f in _FILLERS if rest.startswith(f)), None)
        if f is None:
            return False
        rest = rest[len(f):]
    return True


def _quotation(text: str, start: int, end: int) -> str | None:
    """The quote pair enclosing the hit within its sentence (the hit need not fill it)."""
    lo = _clause_start(text, start, _SENTENCE_END)
    hi = _clause_end(text, end, _SENTENCE_END)
    for k in range(start - 1, lo - 1, -1):
        close = _QUOTES.get(text[k])
        if close is None:
            continue
        j = text.find(close, end, hi)
        if j >= 0 and text[k] != "《":
            return text[k] + close
        if j >= 0 and j - k <= 12:  # a short 《…》 title is a quotation too; a long one is a work title
            return text[k] + close
    return None


def _mention(text: str, start: int, end: int) -> str | None:
    """说X的人 / 骂X的那些人: the hit is what other people say, the poster talks about them."""
    lo = max(0, start - 2)
    if not any(text[lo:start].endswith(s) for s in _SAY):
        return None
    tail = text[end:end + 5]
    people = next((p for p in _PEOPLE if tail.startswith(p)), None)
    return None if people is None else text[start - 1] + "X" + people


def _sentence_frame(text: str, start: int, end: int, cues: tuple[str, ...]) -> str | None:
    lo = _clause_start(text, start, _SENTENCE_END)
    hi = _clause_end(text, end, _SENTENCE_END)
    sentence = text[lo:hi]
    return next((c for c in cues if c in sentence), None)


def scope_at(text: str, start: int, end: int, *, sentence_frames: bool = True) -> tuple[ScopeCue, ...]:
    """The scope cues that apply to a hit [start, end) of `text` (canonical text and offsets); empty when the
    term stands in plain assertion. `sentence_frames=False` skips the debunking/reporting frames (for labels
    where a report is itself the violation, e.g. extortion threatening to 曝光)."""
    out: list[ScopeCue] = []
    if (cue := _negation(text, start)) is not None:
        out.append(ScopeCue("negation", cue, FACTORS["negation"]))
    if (cue := _quotation(text, start, end)) is not None:
        out.append(ScopeCue("quotation", cue, FACTORS["quotation"]))
    elif (cue := _mention(text, start, end)) is not None:
        out.append(ScopeCue("mention", cue, FACTORS["mention"]))
    if sentence_frames:
        if (cue := _sentence_frame(text, start, end, DEBUNKING)) is not None:
            out.append(ScopeCue("debunking", cue, FACTORS["debunking"]))
        elif (cue := _sentence_frame(text, start, end, REPORTING)) is not None:
            out.append(ScopeCue("reporting", cue, FACTORS["reporting"]))
    return tuple(out)


def discount(score: float, cues: tuple[ScopeCue, ...]) -> float:
    for c in cues:
        score *= c.factor
    return score


def scope_tag(cues: tuple[ScopeCue, ...]) -> str | None:
    return ",".join(c.tag for c in cues) if cues else None
