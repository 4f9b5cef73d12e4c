"""Headline and body as text (issue 17): how much of a title its body carries, a body that only repeats its
title, a title whose subject is the poster. Pure string functions on canonical text, used by the clickbait and
rumour scorers (`score.py`)."""

from __future__ import annotations

import re

# The poster as the title's subject, within its first clause: 我/我们/我家/俺/自己 (not 我国, 我市, 我省…).
FIRST_PERSON_TITLE = re.compile(r"^[^，。！？：:]{0,6}(我|俺|自己)(?![国省市县区校院司])")
_RUN = re.compile(r"[\u4e00-\u9fff0-9a-z]+")


def _bigrams(text: str) -> set[str]:
    return {run[i:i + 2] for run in _RUN.findall(text) for i in range(len(run) - 1)}


def title_coverage(title: str, body: str) -> float:
    """Share of the title's character bigrams (CJK, digits, latin; canonical text) that recur in the body: how
    much of what the headline says the body carries. 0.0 for a title without any bigram."""
    grams = _bigrams(title)
    return len(grams & _bigrams(body)) / len(grams) if grams else 0.0


def body_beyond_title(title: str, body: str) -> str:
    """The body without a leading copy of the title (feeds that paste the headline as the text): a body that only
    repeats its title is no body."""
    b, t = body.strip(), title.strip()
    return b[len(t):].strip() if t and b.startswith(t) else b


# news17: a quoted span of a body (“…”, 「…」, 『…』): what the body reports as said, not as fact
QUOTED = re.compile(r"“([^”]{2,60})”|「([^」]{2,60})」|『([^』]{2,60})』")
# A title that attributes its words (专家：…, …，医生说; 称, 表示) or quotes them itself (“…”那段是AI) reports what
# someone said, as the body's quote does
ATTRIBUTED_TITLE = re.compile(r"[：:“”「」『』\"]|(说|称|表示|回应|提醒|透露)")
# The body frames its quote as something going round, not as a name (“清朗·2024年暑期…”专项行动): what circulates
# (网上流传, 网传, 疯传的, 传言) or what is said (…的说法, …的传言, …的帖子)
HEARSAY_BEFORE = re.compile(r"(流传|网传|传出|传言|谣传|疯传|热传|有人说|声称|号称|所谓)[^。！？“]{0,6}$")
HEARSAY_AFTER = re.compile(r"^的?(说法|传言|消息|帖子|视频|言论|截图|图片)")


def body_quotes_title(title: str, body: str, share: float = 0.4) -> tuple[int, int] | None:
    """Where the body quotes the title's claim: the first quoted span holding at least `share` of the title's bigrams
    (网上流传“微信将全面收费”的说法 under 微信将全面收费，每人每月12元) and frames as going round (HEARSAY_BEFORE /
    HEARSAY_AFTER), so the body reports as something said what the title states; None when none does, or the title
    itself attributes or quotes its words (专家：…; …医生说; “…”那段是AI)."""
    grams = _bigrams(title)
    if not grams or ATTRIBUTED_TITLE.search(title):
        return None
    for m in QUOTED.finditer(body):
        quoted = next(g for g in m.groups() if g)
        framed = HEARSAY_BEFORE.search(body, 0, m.start()) or HEARSAY_AFTER.match(body[m.end():m.end() + 4])
        if framed and len(grams & _bigrams(quoted)) / len(grams) >= share:
            return m.start(), m.end()
    return None
