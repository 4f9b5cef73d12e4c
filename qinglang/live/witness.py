"""Viewers who doubted the scene before the host gave evidence (issue 20, session 13): doubts kept for later.

A viewer calling the scene staged or the host a liar (a `corroborates` family: 摆拍, 上个月你不是说你妈住院吗, 那你
发一下认证呀, 这几个号都刚注册的吧) backs up what the host shows, so the room counts it only once the host or a guest
has given evidence (`Room.speaker_score` ≥ 1.0, room.py). Viewers are often first: they recognise the hardship story
of last month, the guest reading a script or the figures of a crew before the host says anything the cues read, and
a doubt said then was dropped. Those doubts are now kept (`Room.doubted`: the last `KEEP`, bounded) and counted
when the host's evidence reaches the same bar within `SPAN` messages of them: one `crowd:` hit each
(`WEIGHT`, the room's strongest label), at most `COUNT` viewers, all on the host's message that reached the bar.
A doubt is still evidence only of what the host did: a room whose host never gives evidence is never acted on by
its viewers' doubts, however many there are.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .room import Room

Hit = tuple[str, str, float]
KEEP = 4  # doubts a room remembers (Room.doubted is bounded to this)
SPAN = 30  # messages: a doubt counts if the host's evidence reaches the bar within this many messages of it
COUNT = 2  # distinct viewers whose kept doubts count
WEIGHT = 0.5  # as a corroboration said after the host's evidence (room.py)
BAR = 1.0  # the host's or a guest's decayed evidence at which viewers' doubts count (room.py reads the same)
# (session 18) viewers who go on after the host's rebukes (`persist`): the labels read, the rebukes and distinct
# viewers it takes, what each further viewer weighs, and the engine's least score for a viewer's 弹幕 to count
PERSIST_LABELS = frozenset({"vulgar", "porn", "gambling", "drainage"})
REBUKES = 2
PERSISTING = 2
UNHEEDED = 1.0
ENGINE_FLOOR = 0.55
_KEEP_PERSISTING = 8
BANNED_FLOOR = 0.4  # (session 19) the viewers' decayed evidence, and its label's, for a ban to count (`banned_label`)


def keep(room: Room, author: str, family: str) -> None:
    """A doubt said while the host's evidence is below the bar: remembered (as ints and strings, not GC-tracked)."""
    room.doubted.append((room.seq, author or "@anon", family))


def release(room: Room, hits: list[Hit], decay: float) -> list[Hit]:
    """On a host's or guest's message: the kept doubts, once this message takes its evidence to the bar."""
    if not room.doubted:
        return []
    own = sum(w for cue, _, w in hits if not cue.startswith("crowd:"))
    if room.speaker_score * decay + own < BAR or own <= 0:
        return []
    label = max(((w, lab) for _, lab, w in hits if w > 0), default=(0.0, ""))[1]
    if room.labels:
        strongest = max(room.labels, key=room.labels.__getitem__)
        if room.labels[strongest] > 0.5:
            label = strongest
    out: list[Hit] = []
    seen: set[str] = set()
    for seq, author, family in room.doubted:
        if room.seq - seq <= SPAN and author not in seen and len(seen) < COUNT:
            seen.add(author)
            out.append((f"crowd:{family}:kept", label, WEIGHT))
    room.doubted.clear()
    return out


def flood(room: Room, author: str, hits: list[Hit], unheeded: str) -> list[Hit]:
    """Viewers acting together: when `Room.FLOOD_AUTHORS` distinct viewers add evidence (sexual requests at the
    host, abuse, gambling lures, contacts) within `Room.FLOOD_WINDOW` messages, one `flood:viewers` hit (once per
    window). A crew spelling a contact in turns, or a crowd flooding a host with requests, is a room problem
    no single 弹幕 shows; requests the host already rebuked still count here (a flood that goes on after
    the rebuke is the one the room cannot handle alone), not as requests. (Moved from room.py, session 13.)"""
    own = [(label, w) for cue, label, w in hits if not cue.startswith("crowd:")]
    if unheeded:
        own.append((unheeded, 0.0))
    if sum(w for _, w in own) < 0.4 and not unheeded:
        return []
    room.requests.append((room.seq, author or "@anon"))
    recent = {a for q, a in room.requests if room.seq - q < room.FLOOD_WINDOW}
    if len(recent) < room.FLOOD_AUTHORS or room.seq - room.flood_seq < room.FLOOD_WINDOW:
        return []
    room.flood_seq = room.seq
    label = max(own, key=lambda lw: lw[1])[0]
    return [("flood:viewers", label, 1.0)]


def viewer_label(hits: Iterable[Hit], found: Iterable[tuple[str, str, float, object]], unheeded: str) -> str:
    """The label of what a viewer's 弹幕 asks or offers, for `persist`: a request the cues read (also one made after
    a rebuke, `unheeded`), or the engine's own label on the 弹幕 — frames, word lists and the learned heads
    (`model.*`), which read the requests no cue names — for the labels of `PERSIST_LABELS`; "" when none."""
    for cue, label, w in hits:
        if label in PERSIST_LABELS and w >= 0.4 and not cue.startswith("crowd:"):
            return label
    if unheeded in PERSIST_LABELS:
        return unheeded
    for label, rule, score, _ in found:
        if label in PERSIST_LABELS and score >= ENGINE_FLOOR and rule.startswith(("frame.", "lexicon.", "model.")):
            return label
    return ""


def persist(room: Room, author: str, label: str) -> list[Hit]:
    """(Session 18) Viewers who go on after the host's rebukes. A host (or the room's moderation: a viewer banned)
    that rebukes the 弹幕 once has the room in hand, and the requests after it do not count (room.py); a host that
    has to rebuke them `REBUKES` times while `PERSISTING` distinct viewers still send what the cues or the engine read
    as a sexual request, a lure, a bet or a contact (`viewer_label`) does not: each further viewer who goes on adds
    `UNHEEDED`, aimed at the viewers (弹幕 management, the listed accounts). One viewer, however many 弹幕, and one
    rebuke, however many viewers, add nothing here (the flood reads those). Returns the hit, if any."""
    if not label:
        return []
    who = author or "@anon"
    if who in room.persisting:
        return []
    room.persisting = (*room.persisting[-(_KEEP_PERSISTING - 1):], who)  # a tuple: not tracked by the GC
    if room.rebukes < REBUKES or len(room.persisting) < PERSISTING:
        return []
    return [("unheeded:viewers", label, UNHEEDED)]


def banned_label(room: Room) -> str:
    """(Session 19) What a viewer the room's moderation banned was sending, for `persist`: the room's strongest
    `PERSIST_LABELS` evidence, once the viewers gave some (`BANNED_FLOOR` of decayed viewer evidence and of that
    label); "" otherwise — a ban in a room whose 弹幕 read as nothing says nothing of what it was for."""
    if room.viewer_score < BANNED_FLOOR:
        return ""
    label = max(PERSIST_LABELS, key=lambda lab: room.labels.get(lab, 0.0))
    return label if room.labels.get(label, 0.0) >= BANNED_FLOOR else ""
