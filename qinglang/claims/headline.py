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
