"""Lexicon entries: a term with its label, severity, match modes and context rules."""

from __future__ import annotations

from dataclasses import dataclass

MATCH_MODES = frozenset({"exact", "split", "homophone", "pinyin", "initials", "regex"})
SEVERITY_SCORE = {"low": 0.4, "medium": 0.7, "high": 0.95}


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon term. `term` is stored as written; matching uses its canonical form.

    - `match: [regex]` makes `term` an RE2 pattern over the canonical text (linear time, no backtracking:
      safe for patterns a platform's staff type in).
    - `match`: how the term may be written — `exact` (after normalization), `split` (拆字: 女昌 for 娼),
      `homophone` (same toneless pinyin: 威信 for 微信), `pinyin` (weixin, wei信), `initials` (wx, nmsl).
    - `context`: at least one of these words must occur within `window` characters (e.g. 菠菜 needs 平台).
    - `forbid`: none of these may occur within `window` (菠菜 with 炒 / 鸡蛋 is food).
    - `boost`: optional words that raise the score by `gain` when present.
    - `exempt`: longer strings that contain the term and are innocent (威信县 for 威信).
    - `about`: a class of talk-about cues (`diversion`) the hit is scoped with (qinglang.text.scope).
    - `yields`: labels whose own lexicon reading of an overlapping span wins: the lexicon detector gives no signal
      for this hit there (a crowd-sourced porn list's 傻逼 / cnm read by the abuse lexicon is a curse, not sexual
      content); the word-filter API still lists the hit.
    - `tags`: free-form names beside label and severity (several per term: 品牌, 广告法, 地域…); the word-filter
      API (`Engine.find_all(tags=...)`) selects hits by them.
    """

    term: str
    label: str
    severity: str = "medium"
    score: float = 0.7
    match: frozenset[str] = frozenset({"exact"})
    context: tuple[str, ...] = ()
    forbid: tuple[str, ...] = ()
    boost: tuple[str, ...] = ()
    gain: float = 0.2
    exempt: tuple[str, ...] = ()
    window: int = 12
    whole_word: bool = False
    initials_min: int = 2  # shortest all-initials spelling matched
    # All-initials spellings of at most this many letters must read as initials, not as an ordinary Latin token:
    # lowercase, standing alone in the original text, not in the common-Latin table (0: no such check).
    initials_guard: int = 0
    rule: str = ""
    lexicon: str = ""
    source: str = ""
    tags: tuple[str, ...] = ()
    # `about: diversion`: hits are read with the talk-about-引流 cues of qinglang.text.scope (a warning, report,
    # explanation or refusal nearby discounts them), the one home of what was per-entry forbid lists
    about: str = ""
    yields: tuple[str, ...] = ()
