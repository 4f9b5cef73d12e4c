"""The state of one livestream room (`Room`): every container bounded. The reading that fills it is `room.py`."""

from __future__ import annotations

import threading
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import Any

from .heed import ASKS
from .messages import Event, RoomMeta, risk_of
from .witness import KEEP


@dataclass
class Room:
    """The state of one room. All containers are bounded (STYLE: no unbounded buffers)."""

    room_id: str
    meta: RoomMeta = field(default_factory=RoomMeta)
    seq: int = 0
    scores: dict[str, float] = field(default_factory=dict)  # family → decayed score
    labels: dict[str, float] = field(default_factory=dict)  # label → decayed score
    action: str = "none"
    late_night: bool = False
    minors_present: bool = False
    fragments: OrderedDict[str, tuple[str, ...]] = field(default_factory=OrderedDict)  # author → short texts
    crowd: deque[str] = field(default_factory=lambda: deque(maxlen=8))  # short viewer texts, any author
    timeline: deque[Event] = field(default_factory=lambda: deque(maxlen=200))
    # (seq, risk rounded as stored, act): kept as the store writes it, so a save copies the deque and rounds nothing
    history: deque[tuple[int, float, str]] = field(default_factory=lambda: deque(maxlen=600))
    last_seen: float = 0.0
    debunk_until: int = 0  # host debunking context active up to this seq
    lesson_until: int = 0  # the host teaching moves, or singing, up to this seq (cues.yaml `lesson`, `song`)
    debunks: int = 0  # host messages that debunked (a stream framed as education once it reaches `debunk_sticky`)
    rebuke_until: int = 0  # the host or a guest refused or rebuked (or the room banned someone) up to this seq
    rebukes: int = 0  # (session 18) how many times the host, a guest or the room's moderation rebuked the 弹幕
    persisting: tuple[str, ...] = ()  # (session 18) viewers who added evidence after a rebuke (witness.py, ≤ 8)
    contacts_seen: set[str] = field(default_factory=set)
    last: dict[str, int] = field(default_factory=dict)  # family → seq of its latest hit (one key per family)
    paired: dict[str, int] = field(default_factory=dict)  # combo → seq of the act it last paired (one key per combo)
    evidence: deque[int] = field(default_factory=lambda: deque(maxlen=4))  # seqs of messages that added ≥ 0.5
    # (session 15) (seq, weight) of the messages that added the most lately: how much of the score one message is
    added: deque[tuple[int, float]] = field(default_factory=lambda: deque(maxlen=8))
    insulted: dict[str, int] = field(default_factory=dict)  # host / guest → seq of its latest insult (2 keys)
    doubt_seq: int = -(10**9)  # seq of the latest viewer doubt about the scene (a `doubts` family)
    speaker_score: float = 0.0  # decayed evidence given by the host or a guest (what viewer accusations corroborate)
    viewer_score: float = 0.0  # decayed evidence given by viewers (the 弹幕): whom a room action is aimed at
    requests: deque[tuple[int, str]] = field(default_factory=lambda: deque(maxlen=8))  # (seq, viewer) evidence
    flood_seq: int = -(10**9)  # seq of the latest `crowd:flood` hit (one per flood window)
    asks: deque[tuple[int, str]] = field(default_factory=lambda: deque(maxlen=ASKS))  # viewer requests (heed.py)
    doubted: deque[tuple[int, str, str]] = field(default_factory=lambda: deque(maxlen=KEEP))  # doubts (witness.py)
    counts: tuple[int, int] = (0, 0)  # sales figure claimed (the largest; -1 once flagged), shown (counts.py)
    acted_seq: int = 0  # seq of the latest room action change (verdict.py: what happens after an action)
    # (session 16) viewer → seqs of their latest purchase claims (chorus.py; at most chorus.MAX_AUTHORS keys)
    claims: dict[str, tuple[int, ...]] = field(default_factory=dict)
    chorus_done: bool = False  # the repeat-buyer chorus was counted (once per room)
    # (session 20) viewer → (seq, label) of its latest 弹幕 the engine labelled (repeat.py; ≤ repeat.MAX_AUTHORS keys)
    labelled: dict[str, tuple[tuple[int, str], ...]] = field(default_factory=dict)
    gifts_declined_until: int = 0  # (session 19) the host declined gifts: its gift talk up to this seq explains it
    fiction: bool = False  # (session 16) the platform or the host declared the stream scripted (cues.yaml `fiction`)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    MAX_AUTHORS = 256
    FRAGMENTS = 12  # short texts kept per author (session 18: 6 → 12; the window reads them by characters)
    VIEWER_PIECES = 6  # a viewer's window holds at least this many of its newest short texts...
    AUTHOR_WINDOW = 40  # ...and older ones while the joined window stays within this many characters
    SHORT = 16
    HOST_WINDOW = 60  # characters of the host's latest segments joined (short segments: a contact letter by letter)

    FLOOD_WINDOW = 12  # messages: distinct viewers adding evidence within it make a flood (witness.py `flood`)
    FLOOD_AUTHORS = 3

    @property
    def score(self) -> float:
        return sum(self.labels.values())

    @property
    def target(self) -> str:
        """Whom the room's evidence comes from, so whom a room action is aimed at: `host` (the host's or a
        guest's words: warn the host, limit the stream...) or `viewers` (the 弹幕: 弹幕 management, slow mode,
        hiding the listed viewers; DESIGN §live, "Room actions aimed at the viewers")."""
        return "viewers" if self.viewer_score > self.speaker_score else "host"

    def summary(self, end: float) -> dict[str, Any]:
        reasons = sorted(((s, lab) for lab, s in self.labels.items() if s >= 0.5), reverse=True)
        out = {"risk": round(risk_of(self.score, end), 4), "action": self.action,
               "reasons": [lab for _, lab in reasons[:5]], "target": self.target}
        if out["target"] == "viewers":
            out["viewers"] = list(dict.fromkeys(a for _, a in reversed(self.requests)))[:8]
        return out
