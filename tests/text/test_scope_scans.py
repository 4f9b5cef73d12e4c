"""`_negation` skips the offsets where no negator ends, `_quotation` returns early when no quote opens before the
hit in its sentence, `_mention` asks each word list with one tuple `startswith` / `endswith` first (perf12): each
must answer as the code it shortened, on random texts dense in negators, fillers, quotes, names and stops."""

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
        # session 14: a quote that closed before the hit does not enclose it (symmetric quotes: by parity)
        if close == text[k] and text.count(close, lo, start) % 2 == 0:
            continue
        if close != text[k] and close in text[k + 1:start]:
            continue
        j = text.find(close, end, hi)
        if j >= 0 and text[k] != "《":
            if j - k - 1 <= (end - start) + S.SCARE_EXTRA and not S._talked_about(text, k, j):
                return None
            return text[k] + close
        if j >= 0 and j - k <= 12:
            return text[k] + close
    return None


def _mention_loop(text: str, start: int, end: int) -> str | None:  # the session-11 code
    tail = text[end:end + 5]
    explained = next((w for w in S._EXPLAINED_AS if tail.startswith(w)), None)
    if explained is not None:
        return "X" + explained
    if S._FILED_AS_RX.match(text, end) is not None:
        return "X这种"
    if (S._CALLED_ME_RX.search(text, max(0, start - 8), start) is not None
            and (end >= len(text) or text[end] in S._CLAUSE_END or text[end] == "的")):
        return "叫我X"
    lo = max(S._clause_start(text, start, S._CLAUSE_END), start - 8)
    if S._ASKED_ME_RX.search(text, lo, start) is not None and S._WHO_ASKED_RX.match(text, end) is not None:
        return "让我X的人"
    named = next((w for w in S._NAMED_AS if text[max(0, start - len(w)):start] == w), None)
    if named is not None and (end >= len(text) or text[end] in S._CLAUSE_END):
        return named + "X"
    lo = max(0, start - 2)
    if not any(text[lo:start].endswith(s) for s in S._SAY):
        return None
    people = next((p for p in S._PEOPLE if tail.startswith(p)), None)
    return None if people is None else text[start - 1] + "X" + people


def test_mention_answers_as_before() -> None:
    rng = random.Random(13)
    tokens = [*S._EXPLAINED_AS, *S._NAMED_AS, *S._SAY, *S._PEOPLE, *"，。？！\n 集资控评我你是不的", "这种", "让我"]
    found = 0
    for _ in range(8000):
        text = "".join(rng.choice(tokens) for _ in range(rng.randint(1, 10)))
        S._stop_positions.cache_clear()
        for _ in range(3):
            start = rng.randrange(len(text))
            end = min(len(text), start + rng.randint(1, 3))
            got = S._mention(text, start, end)
            assert got == _mention_loop(text, start, end), (text, start, end)
            found += got is not None
    assert found > 1000


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


def _harmful_before(text: str, end: int) -> str | None:  # the session-11 code
    hi = S._clause_end(text, end, S._CLAUSE_END)
    tail = text[end:min(hi, end + 12)]
    if (m := S._NOT_TO_COPY_RX.search(tail)) is not None:
        return m.group()
    return next((c for c in S.HARMFUL if c in tail[:8]), None)


def test_harmful_answers_as_before() -> None:
    """`_harmful` tests the first characters of the HARMFUL predicates once before looking for one."""
    rng = random.Random(14)
    tokens = [*S.HARMFUL, *(h[:2] for h in S.HARMFUL), *"，。？！\n 身体健康对会不别让", "千万别", "模仿"]
    found = 0
    for _ in range(8000):
        text = "".join(rng.choice(tokens) for _ in range(rng.randint(1, 8)))
        S._stop_positions.cache_clear()
        end = rng.randrange(len(text) + 1)
        got = S._harmful(text, end)
        assert got == _harmful_before(text, end), (text, end)
        found += got is not None
    assert found > 1000
