"""`_negation` skips the offsets where no negator ends and `_quotation` returns early when no quote opens before the
hit in its sentence (perf12): both must answer as the loops they shortened, on random texts dense in negators,
fillers, quotes and stops."""

from __future__ import annotations

import random

from qinglang.text import scope as S


def _negation_loop(text: str, start: int) -> str | None:  # the session-11 loop, every offset
    lo = max(S._clause_start(text, start, S._CLAUSE_END), start - S.NEG_REACH - 4)
    left = text[lo:start]
    for k in range(len(left), -1, -1):
        gap, head = left[k:], left[:k]
        cue = next((head[-n:] for n in S._NEG_LENGTHS if n <= k and head[-n:] in S._NEG_SET), None)
        if cue is None or S._a_not_a(head, len(head) - len(cue), left[k:]):
            continue
        if len(cue) >= 2 and len(gap) <= S.NEG_REACH:
            return cue
        if S._fillers_only(gap):
            return cue
    return None


def _quotation_loop(text: str, start: int, end: int) -> str | None:  # the session-11 loop, no early return
    lo = S._clause_start(text, start, S._SENTENCE_END)
    hi = S._clause_end(text, end, S._SENTENCE_END)
    if any(w in text[lo:hi] for w in S._PRESENTING):
        return None
    for k in range(start - 1, lo - 1, -1):
        close = S._QUOTES.get(text[k])
        if close is None:
            continue
        j = text.find(close, end, hi)
        if j >= 0 and text[k] != "《":
            if j - k - 1 <= (end - start) + S.SCARE_EXTRA and not S._talked_about(text, k, j):
                return None
            return text[k] + close
        if j >= 0 and j - k <= 12:
            return text[k] + close
    return None


def test_shortened_scans_answer_as_the_loops() -> None:
    rng = random.Random(12)
    tokens = [*S.NEGATORS, *S._FILLERS, *S._QUOTES, *S._QUOTES.values(), *S._PRESENTING[:3],
              *"，。？！\n 集资控评我你是不", "所谓", "这种", "说", "的人"]
    asked = found_neg = found_quote = 0
    for _ in range(6000):
        text = "".join(rng.choice(tokens) for _ in range(rng.randint(1, 14)))
        S._stop_positions.cache_clear()
        for _ in range(3):
            start = rng.randrange(len(text))
            end = min(len(text), start + rng.randint(1, 3))
            asked += 1
            neg = S._negation(text, start)
            assert neg == _negation_loop(text, start), (text, start)
            quote = S._quotation(text, start, end)
            assert quote == _quotation_loop(text, start, end), (text, start, end)
            found_neg += neg is not None
            found_quote += quote is not None
    assert found_neg > asked // 10 and found_quote > 50  # the texts did exercise both
