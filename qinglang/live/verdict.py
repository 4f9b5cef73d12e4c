"""The room verdict: how the evidence a message added moves the room action (issue 20).

Two readings of the same evidence decide the action:

* **The score ladder** (as before): the room score (decayed cue weights) against the `Thresholds`; a first action
  needs corroborated evidence (several messages that added evidence within the window, a contact found by the
  engine, or a viewer flood going on).
* **Sustained evidence** (session 12): `SUSTAINED` messages that each added evidence within the evidence window
  (`Thresholds.evidence_window`) make a first `warn` whatever the score. The score decays by message, so a room
  whose host drops one line of a pattern every few messages, each backed by the 弹幕, never sums to the ladder;
  the count of separate messages does not decay. (On the room sets of sessions 5–11 no innocent room had more
  than 3 such messages within 30.)
* **Escalation by what happens after an action** (session 12). A room action is addressed to someone (the host, or
  the 弹幕); what the room does after it is evidence of its own, which the decayed score cannot see:
  - *unheeded*: the behaviour goes on — `PERSIST` more messages add evidence after the room's last action change —
    one step up;
  - *witnessed*: the audience backs it up — a viewer report or doubt counted as corroboration (a `crowd:` cue,
    which counts only once the host or a guest gave evidence) on a room already acted on — one step up.
  Each escalation is one step and stops at `review` (a person looks); `end` is reached only by the score ladder.
  Escalation never acts on a room with no action (a first action is the ladder's or sustained evidence's), so it
  does not change an innocent room's chance of a room action.
* **The floor by behaviour** (session 14). Once a room is acted on at all, a room whose strongest evidence is
  false efficacy or science, a staged scene or fake dating, 引流, a water army, gambling or porn
  (`Thresholds.review_labels`) is held for review at once (`escalate:floor` in the timeline): the room sets'
  writers expected `review` for these, and the warn/limit steps only delayed it. Vulgar 弹幕, PK abuse and
  tipping pressure keep the ladder's steps (a warning to the host or the 弹幕 is the expected first step there).
  The floor never acts on a room with no action. (Session 17) Who gives the evidence: vulgar or abusive evidence
  that comes mostly from the host or a guest (`Room.target` is the host: the stream performs it, the forfeits of
  a PK, the host abusing its viewers; `t.host_review_labels`) is held for review the same way — the room sets'
  writers expected `review` for 34 of 42 vulgar rooms, every one of the host's below it — while the same labels
  from the 弹幕 keep the ladder's steps.
* **The ceiling by behaviour** (session 14). How far the ladder goes depends on what the evidence is, not only
  on how much of it there is: a reviewer cuts a stream (`end`) for clear porn or gambling, and holds the others
  (false efficacy, staged scenes, fake dating, 引流, vulgar 弹幕, tipping pressure) for a person to look at
  (`review`), however loud the room is. `end` needs the room's evidence of a `Thresholds.end_labels` behaviour
  alone to reach the `warn` threshold; otherwise the ladder stops at `review`. On the room sets of sessions
  5–13 the writers expected `review` for 73 of the 95 violating rooms and `end` for 11, and the room score could
  not tell them apart (rooms expected at `review` peaked at 3.6–15, those at `end` at 6.5–15).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .messages import RANK, ROOM_ACTIONS, Thresholds

if TYPE_CHECKING:
    from .room import Room

Hit = tuple[str, str, float]
PERSIST = 3  # messages adding evidence after the last action change: the behaviour went on (one step up)
EVIDENCE = 0.5  # what a message must add to count as a piece of evidence (`Room.evidence`)
SUSTAINED = 4  # messages adding evidence within the evidence window: a first warn (Room.evidence holds 4)
CAP = "review"  # escalation without the score stops here


def floor(room: Room, t: Thresholds) -> str:
    """The least room action for a room already acted on, by its strongest evidence (`t.review_labels`, or
    `t.host_review_labels` given by the host or a guest: review)."""
    if room.action == "none" or not room.labels:
        return "none"
    top = max(room.labels, key=room.labels.__getitem__)
    if top in t.review_labels or (top in t.host_review_labels and room.target == "host"):
        return "review"
    return "none"


def ceiling(room: Room, t: Thresholds) -> str:
    """The strongest room action the room's evidence allows: `end` when its decayed evidence of a behaviour that
    ends a stream (`t.end_labels`) alone reaches `t.warn`, else `CAP`."""
    return "end" if sum(room.labels.get(lab, 0.0) for lab in t.end_labels) >= t.warn else CAP


def largest(room: Room, decay: float) -> float:
    """The decayed weight of the single message that added the most to the room score (of the last few)."""
    return max((w * decay ** (room.seq - seq) for seq, w in room.added), default=0.0)


def decide(room: Room, hits: list[Hit], t: Thresholds, flood_window: int, spread: float = 0.0) -> tuple[str, float]:
    """Fold this message's hits into `room.action` (escalating only); returns the reason of a change (`ladder`,
    `floor`, `sustained`, `unheeded`, `witnessed`, or "" when the action stayed) and the room score it read.
    `spread`: what of the hits pairs moves of earlier messages (combos), not counted as this message's own."""
    added = sum(w for _, _, w in hits)
    if added >= EVIDENCE:
        room.evidence.append(room.seq)
        room.added.append((room.seq, added - spread))
    before = room.action
    # a room action needs corroborated evidence: several messages within the window, or a contact found by the
    # engine (one line naming several moves at once is one piece of evidence, however many combos it fills)
    # (a viewer flood is several viewers' messages by construction: it corroborates while it goes on)
    corroborated = any(w >= t.strong_hit for _, _, w in hits) or (
        bool(hits) and room.seq - room.flood_seq < flood_window) or (
        len(room.evidence) >= t.min_messages
        and room.seq - room.evidence[-t.min_messages] < t.evidence_window)
    score = room.score
    if room.action == "none" and corroborated and not any(w >= t.strong_hit for _, _, w in hits) \
            and room.seq - room.flood_seq >= flood_window:
        corroborated = score - largest(room, t.decay) >= t.pattern
    top = ceiling(room, t)
    for act in ("end", "review", "limit", "warn"):
        if score >= getattr(t, act):
            if RANK[act] > RANK[top]:
                act = top
            if RANK[act] > RANK[room.action] and (corroborated or room.action != "none"):
                room.action = act  # room actions only escalate within a session
            break
    why = "ladder"
    if room.action != "none" and RANK[floor(room, t)] > RANK[room.action]:
        room.action, why = floor(room, t), "floor"  # the timeline names it (`escalate:floor`)
    if room.action != before:
        room.acted_seq = room.seq
        return why, score
    if room.action == "none" and added >= EVIDENCE and len(room.evidence) >= SUSTAINED \
            and room.seq - room.evidence[-SUSTAINED] < t.evidence_window:
        room.action = "warn"
        if RANK[floor(room, t)] > RANK[room.action]:
            room.action = floor(room, t)
        room.acted_seq = room.seq
        return "sustained", score
    if room.action == "none" or RANK[room.action] >= RANK[CAP] or added < EVIDENCE:
        return "", score
    reason = ""
    if any(cue.startswith("crowd:") for cue, _, _ in hits):
        reason = "witnessed"
    elif sum(seq > room.acted_seq for seq in room.evidence) >= PERSIST:
        reason = "unheeded"
    if reason:
        room.action = ROOM_ACTIONS[RANK[room.action] + 1]
        room.acted_seq = room.seq
    return reason, score
