"""Whose voice a clause of a post speaks in (the missing-source reading's clause tests): the poster's own (我…, not
我国 / 我市), someone the poster relays (…说), or a demand or wish put to a body (希望…出台) rather than a report of
its act. Split out of `claims.source` (news20 took it past the module size limit); one home for the clause split.
"""

from __future__ import annotations

import re
from typing import Any

from ..detectors.patterns import Found

CLAUSE_END = re.compile(r"[，,。！？!?；;\n]")
SENTENCE_END = re.compile(r"[。！？!?\n]")
# news13: the poster speaking of themselves (我, 我们小区), not of an institution (我国, 我市, 我省…)
OWN_VOICE = re.compile(r"[我俺](?![国省市县区镇校院司部局厅委])")
# ... not an act the poster demands or wishes of the body (还必须人大常委会通过…法案, 希望教育部出台…): asked
# for, not reported
WISHED = re.compile(r"必须|应该|应当|希望|建议|呼吁|要求|恳请|请求|盼|强烈|赶紧|快点|能不能|为什么不")


def clauses(text: str) -> list[tuple[int, int, int]]:
    """(start, end, sentence start) of each clause of a text."""
    out, start, sentence = [], 0, 0
    for m in CLAUSE_END.finditer(text):
        out.append((start, m.end(), sentence))
        start = m.end()
        if SENTENCE_END.match(m.group(0)):
            sentence = start
    if start < len(text):
        out.append((start, len(text), sentence))
    return out


# news19: a clause relaying what a person said (小姐姐说…, 他告诉我…): the speaker, not the poster, states it
TOLD = re.compile(r"(说|讲|告诉我|告诉我们|称)[:：]?$")


def _lead_in(views: Any, f: Found) -> str:
    """The words of a hit's clause before the hit."""
    text = views.fields[f.field].text
    start = max((m.end() for m in CLAUSE_END.finditer(text, 0, f.start)), default=0)
    return text[start:f.start]


def told_by(views: Any, f: Found) -> bool:
    """Does a hit's clause relay someone's words (…说 right before the hit, in its clause)?"""
    return bool(TOLD.search(_lead_in(views, f)))


def wished(views: Any, f: Found) -> bool:
    """Does the clause of a hit put a demand or a wish before it?"""
    return bool(WISHED.search(_lead_in(views, f)))


def own_voice(views: Any, f: Found) -> bool:
    """Does the clause of a hit speak in the poster's own voice (我…, not 我国 / 我市)?"""
    text = views.fields[f.field].text
    return any(a <= f.start < b and OWN_VOICE.search(text, a, b) for a, b, _ in clauses(text))
