"""What the engine's own per-message decision adds to a room: which of its rules count, for whom and at what weight.

A room reads each message twice: its own cue families (cues.yaml) and the labels the same engine gave the message
(`found`: label, rule, score, evidence spans). Only some of the latter are evidence at room level: trusted rules
(contacts, gambling words, efficacy claims) from anyone; frames, claims and live rules, and more weakly the learned
heads, from the host or a guest; and what the frames and word lists read in a viewer's 弹幕 for a few labels. Split
from room.py (session 14), which keeps the state and the cue families.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .room import Room

# trusted per-message rules that feed the room score (the engine's whole-item models are too noisy on 2-char 弹幕)
_TRUSTED_PREFIXES = ("contact.", "lexicon.gambling", "lexicon.drainage.gambling", "live.efficacy")
# per-message frames, claims and live rules that count when the host or a guest says them (not the viewers)
_SPEAKER_PREFIXES = ("frame.", "claims.", "live.efficacy", "live.fake_dating", "live.absolute_term")
# (session 14) the engine's learned heads on the host's or a guest's words: weaker evidence than a frame (their
# floor is 0.6, and they never read a room), none for the labels banter and slang trip on a game stream
_LEARNED_PREFIXES = ("model.campaign.", "model.recall.")
_LEARNED_SKIP = frozenset({"abuse", "antagonism", "language_misuse"})
LEARNED_WEIGHT = 0.4
# (session 14) what the engine's frames and word lists (session 18: and the learned heads) read in a viewer's 弹幕,
# for these labels, at a request's weight
_VIEWER_LABELS = frozenset({"vulgar", "porn", "gambling", "drainage"})
VIEWER_WEIGHT = 0.45
# (session 17) a viewer's contact given in a report (cues.yaml `report`: 骗子, 别加, 举报, 加他…): what it weighs, as a
# share of a viewer's contact — a fourth, under a flood's share (witness.py counts a viewer from 0.4)
REPORTED = 0.25

Hit = tuple[str, str, float]


@dataclass(frozen=True, slots=True)
class Reading:
    """How the room read the message before the engine's labels are weighed (room.py `_observe`)."""

    role: str                     # host / guest / viewer
    speaking: bool                # the host or a guest
    kind: str                     # bullet / transcript / gift / event
    debunked: bool                # inside a debunk (the host explaining a scam or a myth)
    discount: float               # what a debunk leaves of the host's own words
    teaching: bool                # a lesson (a yoga class's body words weigh half)
    refused: bool                 # the message refuses something
    refused_labels: frozenset[str]
    said_labels: frozenset[str]
    bounds: list[int]             # clause ends in the probe
    reasoned: frozenset[int]      # the clauses of a refusal and of its reason
    strong_hit: float             # the threshold's weight of one strong contact from the host
    reported: bool = False        # (session 17) a viewer's message reporting a contact, not offering one


def engine_hits(room: Room, found: Iterable[tuple[str, str, float, tuple[tuple[int, int], ...]]], r: Reading,
                unheeded: str) -> tuple[list[Hit], str]:
    """(cue, label, weight) hits from the engine's labels on this message, and the label of a viewer request made
    after a rebuke (`unheeded`, updated: witness.py `flood` still counts it)."""
    hits: list[Hit] = []
    for label, rule, lab_score, spans in found:
        if r.speaking and label in r.refused_labels and label not in r.said_labels and not rule.startswith("contact."):
            continue  # the engine read the words the host refused in the same clause ("不能降血糖 别听别人说")
        if rule.startswith(_TRUSTED_PREFIXES) and lab_score >= 0.6:
            if rule.startswith("live.efficacy") and r.role == "viewer":
                continue
            w = 1.0
            if rule.startswith("contact.") and lab_score >= 0.9:
                w = r.strong_hit if r.speaking else 1.5  # one viewer's contact: the room needs a second
            if r.debunked:
                # the host is explaining a scam: viewers quote the scripts they received ("说首存送八十八")
                w *= r.discount if r.speaking else 0.5
            if r.reported and rule.startswith("contact."):
                w *= REPORTED  # a viewer warning the room about someone else's contact
            hits.append((f"engine:{rule}", label, w))
        elif r.speaking and r.kind != "event" and not r.debunked and lab_score >= 0.55 and (
                (rule.startswith("lexicon.") and lab_score >= 0.7)
                or rule.startswith(_SPEAKER_PREFIXES) or (rule.startswith(_LEARNED_PREFIXES)
                and label not in _LEARNED_SKIP and lab_score >= 0.6)) and not (r.refused and (not spans or any(
                    within(r.bounds, set(r.reasoned), a, b) for a, b in spans))):
            # the host's or a guest's own words (a lesson's body words: half); not a platform event (a notice),
            # nor what the engine found in a refusing clause or the reason after it ("别刷大的，大家赚钱都不容易")
            w = LEARNED_WEIGHT if rule.startswith(_LEARNED_PREFIXES) else 0.6
            hits.append((f"engine:{rule}", label, w * 0.5 if r.teaching and label == "vulgar" else w))
        elif not r.speaking and r.kind == "bullet" and label in _VIEWER_LABELS and lab_score >= 0.6 \
                and rule.startswith(("frame.", "lexicon.", "model.")) and not r.debunked:
            # (session 14) a viewer's 弹幕 the engine itself reads as a sexual request, a lure or a bet: one
            # viewer's share, as a request the cues read (`sexual_request`); several make a flood (witness.py)
            # (session 18) the learned heads (`model.*`) too, at the same floor: they read the requests no frame or
            # word names ("让裙子飘起来"), and a viewer's share is all they add — the room still needs a pattern
            if room.seq <= room.rebuke_until:
                unheeded = unheeded or label
            else:
                hits.append((f"engine:{rule}", label, VIEWER_WEIGHT))
    return hits, unheeded


def within(ends: list[int], clauses: set[int], a: int, b: int) -> bool:
    """Whether the span [a, b) shares a clause (`ends`: the clause ends, by position) with one of `clauses`."""
    return any(c in clauses for c in range(bisect.bisect(ends, a), bisect.bisect(ends, max(a, b - 1)) + 1))
