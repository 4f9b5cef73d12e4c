"""Room state for livestreams: a bounded sliding window per room over the engine's per-message decisions.

Each message of a room is first decided alone by the engine (surface ``live``); the room then folds it into
decayed cue scores: behaviour classes per role (host efficacy claims, gift solicitation, hardship stories,
intimate lines, shaming, viewer sexual requests, minors, gambling, off-platform contact...), combos of moves
made close together (hardship + solicitation = 卖惨, tease + solicitation = gift-for-show, dating + fee), and
the engine's own labels on the host's words as evidence (cues.yaml). It also reassembles contacts spelled over
several short messages (per author, for the host, and across viewers) and runs the same engine on the joined
text (reassemble.py), reads the host taking up a viewer's request (heed.py), keeps viewers' doubts said before
the host's evidence and counts viewer floods (witness.py), compares a claimed sales figure with the shown one
(counts.py), counts the same viewers claiming purchase after purchase (chorus.py), pairs moves into combos
(combo.py), and turns the evidence into a room action (warn → limit → review → end: the score ladder, then what
happens after an action; verdict.py) with an evidence timeline. Everything a room holds (`state.Room`) is
fixed-size.
"""

from __future__ import annotations

import bisect
import re
import threading
import time
from collections import OrderedDict
from typing import Any

from ..clock import CN_TZ
from ..detectors.base import Views, text_fields
from ..engine import Engine
from ..model import Author, Content, Live
from . import chorus, combo, counts, repeat
from .cues import CLASS_CATEGORIES, is_moan, load_cues, matches, negated
from .engine_read import Reading, engine_hits
from .engine_read import within as _within
from .heed import heed
from .messages import Event, Message, Thresholds, risk_of
from .reassemble import reassemble
from .state import Room
from .verdict import decide
from .witness import BAR, REBUKES, banned_label, flood, keep, persist, release, viewer_label

# One message's decision as the room keeps it: (action, labels as sent, marks, (label, rule, score, spans) of each
# label — spans: where its evidence lies in the message text — and the canonical text). Only strings, numbers,
# tuples and flat dicts, which the cyclic garbage collector stops tracking: thousands of cached verdicts then cost
# nothing in a full collection (a cached `Decision` object graph made the live state ~27k tracked objects, ~10 ms
# per full collection).
Found = tuple[tuple[str, str, float, tuple[tuple[int, int], ...]], ...]
Verdict = tuple[str, tuple[dict[str, Any], ...], tuple[str, ...], Found, str]
_DIGITS = re.compile(r"[0-9０-９幺一二三四五六七八九零〇两壹贰叁肆伍陆柒捌玖]")
_CLAUSE_ENDS = frozenset("，。！？；,!?;\n \u3000…~～")
_ASR_BREAKS = re.compile(r"[，,、\s]+")
FICTION = 0.25  # (session 16) what staged evidence weighs in a stream declared scripted
# (session 17) who says it: the claims a platform-verified host makes about health or products, while the room sells
# nothing, weigh this much (a certified doctor's talk quotes the same cures, stops and doses to warn against them);
# the first sales move of the host ends it for the rest of the stream
INFORMING = 0.5
CLAIM_LABELS = frozenset({"false_ad", "false_science"})
_FRAMED = 1 << 62  # `debunk_until` of a stream framed as education (see cues.yaml `debunk_sticky`)


class RoomManager:
    """Rooms by id; idle rooms are evicted after `idle_seconds`, at most `max_rooms` kept (least recent out).

    `observe(room_id, raw)` decides one message with the engine and updates the room; it is thread-safe per
    room (a lock per room) and across rooms (a lock around the room table).
    """

    CACHE_TEXT = 24  # texts up to this length have their decision cached (see `_decide`)

    def __init__(self, engine: Engine, *, thresholds: Thresholds | None = None, idle_seconds: float = 900.0,
                 max_rooms: int = 10_000, clock: Any = time.monotonic, decision_cache: int = 4096) -> None:
        self.engine, self.t = engine, thresholds or Thresholds()
        self.cache_size = decision_cache  # 0: every message goes to the engine
        self._decisions: OrderedDict[tuple[Any, ...], Verdict] = OrderedDict()
        self._cache_lock = threading.Lock()
        self.cache_hits = self.cache_misses = 0
        self.idle, self.max_rooms, self.clock = idle_seconds, max_rooms, clock
        self.cues = load_cues()
        self._rooms: OrderedDict[str, Room] = OrderedDict()
        self._lock = threading.Lock()
        self.evicted = 0
        self.evicted_idle = 0  # of `evicted`, rooms idle past the horizon (the others: over `max_rooms`)

    def __len__(self) -> int:
        return len(self._rooms)

    @property
    def cached(self) -> int:  # decisions of short texts held (at most `cache_size`)
        return len(self._decisions)

    def largest_room(self) -> int:
        """The most entries any room holds in its bounded containers (timeline, risk history, fragments, the crowd
        window, requests, evidence): what a soak watches stop growing once a long stream fills them."""
        with self._lock:
            rooms = list(self._rooms.values())
        return max((len(r.timeline) + len(r.history) + len(r.fragments) + len(r.crowd) + len(r.requests)
                    + len(r.evidence) + len(r.added) + len(r.contacts_seen) + len(r.doubted) + len(r.claims)
                    + len(r.persisting) + len(r.labelled) for r in rooms), default=0)

    def get(self, room_id: str) -> Room | None:
        return self._rooms.get(room_id)

    def room(self, room_id: str, meta: Any = None) -> Room:
        """The room with this id (resumed if it was seen within the eviction horizon), created otherwise."""
        now = self.clock()
        with self._lock:
            room = self._rooms.get(room_id)
            if room is None:
                room = self._rooms[room_id] = Room(room_id)
            self._rooms.move_to_end(room_id)
            room.last_seen = now
            self._evict(now)
        if meta is not None:
            with room.lock:
                room.meta.update(meta)
        return room

    def _evict(self, now: float) -> None:
        while self._rooms:
            rid, room = next(iter(self._rooms.items()))
            idle = now - room.last_seen > self.idle
            if idle or len(self._rooms) > self.max_rooms:
                del self._rooms[rid]
                self.evicted += 1
                self.evicted_idle += idle
            else:
                break

    def content_of(self, room: Room, msg: Message) -> Content:
        """The Content the engine decides (surface `live`); built directly, `msg` is already validated."""
        kind = msg.kind if msg.kind in ("bullet", "transcript") else "comment"
        author = Author(id=msg.author_id) if msg.author_id else Author()
        return Content(id=msg.id, kind=kind, text=msg.text, surface="live", author=author,
                       live=Live(room_id=room.room_id, paid=room.meta.paid), created_at=msg.raw_ts or None)

    def observe(self, room_id: str, raw: Any) -> dict[str, Any]:
        """Decide one message and update its room: the frame sent back on the socket."""
        msg = Message.from_json(raw)
        room = self.room(room_id)
        if msg.kind == "event" and isinstance(raw.get("room"), dict):
            with room.lock:
                room.meta.update(raw["room"])
        action, labels, marks, found, canon = self._decide(room, msg)
        with room.lock:
            self._fold(room, msg, found, canon)
            summary = room.summary(self.t.end)
        return {"id": msg.id, "action": action, "labels": list(labels), "marks": list(marks), "room": summary}

    def _decide(self, room: Room, msg: Message) -> Verdict:
        """The engine's decision on one message as a `Verdict`: its action, labels as sent, marks, the
        (label, rule, score) triples the room reads, and the canonical text.

        Short 弹幕 repeat across a room and across rooms ("666", "主播晚上好"), so the decision of a short text is
        kept in a bounded LRU keyed by everything the engine reads from a room message: the policy version, the
        kind, the text, `live.paid`, the decision date and (paid rooms) the hour. The author is only an id here
        (no name, age or verification reaches the engine), so a hit gives the same decision as a fresh run."""
        key = None
        if self.cache_size and len(msg.text) <= self.CACHE_TEXT:
            day: Any = None
            hour = None
            if msg.ts is not None:
                local = msg.ts.astimezone(CN_TZ) if msg.ts.tzinfo else msg.ts
                day = local.date()
                hour = local.hour if room.meta.paid else None
            key = (self.engine.policy_version, msg.kind, msg.text, room.meta.paid, day, hour)
            with self._cache_lock:
                hit = self._decisions.get(key)
                if hit is not None:
                    self._decisions.move_to_end(key)
                    self.cache_hits += 1
                    return hit
        content = self.content_of(room, msg)
        # the text stage built here and handed to the engine: the room reads the same canonical text (one
        # normalization of the message, not two)
        views = Views(content, text_fields(content, self.engine.normalizer))
        decision = self.engine.moderate(content, views=views)
        labels = tuple({"label": lab.label, "score": round(lab.score, 4), "rule": lab.rule}
                       for lab in decision.labels)
        canon = views.fields["text"].text if msg.text and msg.kind != "gift" else ""
        found = tuple((lab.label, lab.rule or "", lab.score,
                       tuple((e.start, e.end) for e in lab.evidence if e.field == "text")) for lab in decision.labels)
        out: Verdict = (decision.action, labels, tuple(decision.marks), found, canon)
        if key is not None:
            with self._cache_lock:
                self.cache_misses += 1
                self._decisions[key] = out
                while len(self._decisions) > self.cache_size:
                    self._decisions.popitem(last=False)
        return out

    # --- the room logic -------------------------------------------------------------------------------
    def _fold(self, room: Room, msg: Message, found: Found, canon: str) -> None:
        room.seq += 1
        d = self.t.decay
        for k in room.labels:
            room.labels[k] *= d
        role = "host" if (msg.role == "host" or (room.meta.host_id and msg.author_id == room.meta.host_id)) \
            else msg.role
        if msg.ts is not None:
            hour = msg.ts.astimezone(CN_TZ).hour if msg.ts.tzinfo else msg.ts.hour
            room.late_night = hour >= 23 or hour < 5
        if room.meta.viewer_minor_share >= 0.3:
            room.minors_present = True
        hits: list[tuple[str, str, float]] = []
        refused = teaching = banned = False  # banned: the room's moderation banned or kicked a viewer (a notice)
        spread = 0.0  # of this message's weight, what pairs moves said in earlier messages (combos, verdict.py)
        unheeded = ""  # the label of a viewer request made after a rebuke (witness.py `flood`)
        # labels of the moves this speaker said only inside a refusing clause, and of the moves said outright
        refused_labels: set[str] = set()
        said_labels: set[str] = set()
        # host cues while debunking: a quarter; in a stream framed as education, a tenth (it quotes for long)
        discount = 0.1 if room.debunk_until == _FRAMED else 0.25
        text = msg.text
        speaking = role != "viewer"
        bounds: list[int] = []  # clause ends in the probe, and the clauses of a refusal and of its reason
        reasoned: set[int] = set()
        if text and msg.kind != "gift":
            probe = text + "\n" + canon
            if msg.kind == "transcript" and _ASR_BREAKS.search(text):
                # (session 14) ASR puts pauses where no clause ends ("转身要，礼物的，啦一个火箭"): the families also
                # read the segment without its commas and spaces (one clause: a refusal in it covers all of it)
                probe += "\n" + _ASR_BREAKS.sub("", text)
            notice = msg.kind == "event"  # the platform's notice: a ban rebukes, a reminder does nothing (cues.yaml)
            refusals = [m.start() for m in self.cues.refusal.finditer(probe)] if speaking and not notice else []
            rebuked = speaking and matches(self.cues.notice_act if notice else self.cues.rebuke, probe)
            # a concealment ("别截图，截图的拉黑", "不能在这说，进群看") is neither a refusal nor a rebuke of the 弹幕
            # (session 19) a family read only after a viewer's doubt (`after_doubt`: a doubter banned) overrides only
            # there: a viewer banned with no doubt before it is the room's moderation rebuking the 弹幕
            overriding = (bool(refusals) or rebuked) and any(
                f.overrides_refusal and role in f.roles and f.pattern is not None and f.pattern.search(probe)
                and not (f.after_doubt and room.seq - room.doubt_seq > f.after_doubt) for f in self.cues.families)
            refused = bool(refusals) and not overriding
            # (session 17) a move the speaker negates where it stands ("也不私下转账", "没有能根治的", "不停药"):
            # the negator right before the move scopes it, whichever verb the refusal list names
            negating = speaking and not notice
            # a refusal cancels the moves said in its own clause ("不加微信", "别刷了"), not a disclaimer tacked
            # on after them ("主胜让一球，上车的自己把握，别跟我说没提醒")
            bounds = [i for i, c in enumerate(probe) if c in _CLAUSE_ENDS] if refused else []
            refused_clauses = {bisect.bisect(bounds, i) for i in refusals}
            reasoned = refused_clauses | {c + 1 for c in refused_clauses}
            if role == "host" and self.cues.debunk.search(probe) and not (notice and not matches(
                    self.cues.notice_topic, probe)) and not matches(self.cues.steer, probe):
                room.debunks += 1
                # an anti-fraud or science stream keeps quoting scripts and myths long after its last warning
                sticky = room.debunks >= self.cues.debunk_sticky and not room.last.get("sales")
                room.debunk_until = _FRAMED if sticky else room.seq + self.cues.debunk_span
            elif role == "host" and not notice and not room.meta.host_verified and room.seq <= room.debunk_until \
                    and matches(self.cues.cart, probe) and not refusals:
                # (session 19) the host putting the room's own goods up (cues.yaml `cart`) in words of its own that
                # warn of nothing: the exposé was the pitch (打假 that ends on the host's own honey). The debunk ends
                # here, this line included (its claims are the product's); a later warning opens one of its own.
                # Not the platform's listing notice, nor a platform-verified host's line: a shop's official account
                # warning about scams or impersonators and then selling has its warnings stand
                room.debunk_until = room.seq - 1
            if (rebuked and not overriding) if self.cues.rebuke is not None else refused:
                room.rebuke_until = room.seq + self.cues.debunk_span
                room.rebukes = min(room.rebukes + 1, 1 << 16)
                banned = notice
            debunking = room.seq <= room.debunk_until
            if (role == "host" or notice) and self.cues.fiction is not None and self.cues.fiction.search(probe):
                room.fiction = True
            if role == "host" and self.cues.lesson is not None and self.cues.lesson.search(probe):
                room.lesson_until = room.seq + self.cues.debunk_span
            elif speaking and self.cues.song is not None and self.cues.song.search(probe):
                room.lesson_until = max(room.lesson_until, room.seq + self.cues.song_span)  # the lyrics that follow
            teaching = room.seq <= room.lesson_until or any(c in room.meta.category for c in CLASS_CATEGORIES)
            cues = self.cues
            # the host declining gifts or offering refunds: the gift moves of the whole message count for nothing
            contrast = speaking and cues.gift_contrast is not None and cues.gift_contrast.search(probe) is not None
            gifts_refused = speaking and cues.gift_refusal is not None and cues.gift_refusal.search(probe) is not None \
                and not contrast
            # (session 19) a refusal answers the exchange that follows it, not only its own line: once the host has
            # declined gifts, its gift talk for `debunk_span` messages is that refusal explained ("压岁钱也不行",
            # "你用的是爸妈的手机吧，更不行"), until it turns to the adults for gifts (`gift_contrast`)
            if gifts_refused and not notice:
                room.gifts_declined_until = room.seq + cues.debunk_span
            elif contrast:
                room.gifts_declined_until = 0
            gifts_refused = gifts_refused or (speaking and not notice and room.seq <= room.gifts_declined_until)
            # a verified host stating a fee with a contract, an invoice or a published price
            accountable = speaking and room.meta.host_verified and cues.accountable is not None \
                and cues.accountable.search(probe) is not None
            fired: list[str] = []
            maybe = cues.candidates(probe)  # the families whose literals occur: the others cannot match
            for k, fam in cues.by_role.get(role, ()):
                if fam.pattern is None:
                    if not (fam.name == "moan" and msg.kind == "transcript" and is_moan(text)):
                        continue
                elif k not in maybe or not fam.pattern.search(probe):
                    continue
                if notice and fam.name in cues.notice_ignores:
                    continue
                if fam.name == "minor_present":
                    room.minors_present = True
                    continue
                if (gifts_refused and fam.name in cues.gift_families) or (
                        accountable and fam.name in cues.accountable_families):
                    refused_labels.add(fam.label)
                    continue
                if (refused or negating) and fam.pattern is not None and not fam.overrides_refusal and all(
                        (refused and _within(bounds, refused_clauses, m.start(), m.end()))
                        or (negating and negated(probe, m.start())) for m in fam.pattern.finditer(probe)):
                    refused_labels.add(fam.label)
                    continue  # every match of the move shares a clause with a refusal, or is itself negated
                if refused and fam.pattern is None:
                    continue
                if fam.corroborates:
                    if fam.doubts:
                        room.doubt_seq = room.seq
                    elif fam.after_doubt and room.seq - room.doubt_seq > fam.after_doubt:
                        continue
                    # viewers calling the scene staged, or reporting it, back up what the host already showed
                    # (session 14) or, in a room already acted on for its 弹幕, viewers reporting the flooders
                    flooded = fam.reports and room.action != "none" and room.target == "viewers"
                    if speaking and any(cue.startswith("crowd:") for cue, _, _ in hits):
                        continue  # (session 18) one corroboration per host or guest message
                    if (room.speaker_score >= BAR or flooded) and not debunking:
                        label = fam.label if room.labels.get(fam.label, 0.0) >= 0.5 else \
                            max(room.labels, key=room.labels.__getitem__)
                        hits.append((f"crowd:{fam.name}", label, 0.5))
                    elif not speaking and not debunking and not fam.after_doubt:
                        keep(room, msg.author_id, fam.name)  # said before the host's evidence (witness.py)
                    continue
                fired.append(fam.name)
                said_labels.add(fam.label)
                w = fam.minors_weight if fam.minors_weight and room.minors_present else fam.weight
                if fam.class_weight is not None and teaching:
                    w = fam.class_weight
                if not w:
                    continue
                if not speaking and room.seq <= room.rebuke_until:
                    unheeded = fam.label  # a request after the rebuke: it still makes a flood (`_flood`)
                    continue  # viewers' requests or insults the host has just refused or rebuked ("再说就拉黑")
                if fam.label == "vulgar" and room.meta.paid and room.late_night:
                    w *= 1.5  # late-night paid rooms: the same cue weighs more
                if speaking and debunking:
                    w *= discount  # the host is explaining a scam or a myth, not running it
                if fam.name in cues.banter_families and speaking:
                    other = room.insulted.get("guest" if role == "host" else "host", -(10**9))
                    room.insulted[role] = room.seq
                    if room.seq - other <= cues.banter_span:
                        w *= cues.banter_factor  # the host and a guest trading insults: banter
                if fam.name == "tipping_pressure" and not room.minors_present:
                    w *= 0.5  # PK and tipping talk is ordinary; pressure on a young audience is the harm
                hits.append((fam.name, fam.label, w))
            if "sales" in fired:
                room.last["sales"] = room.seq
                room.debunk_until = min(room.debunk_until, room.seq + self.cues.debunk_span)  # not education
            if speaking and not debunking:
                combos, spread = combo.read(self.cues, room, fired)
                hits.extend(combos)
        debunked = room.seq <= room.debunk_until
        read, unheeded = engine_hits(room, found, Reading(
            role, speaking, msg.kind, debunked, discount, teaching, refused, frozenset(refused_labels),
            frozenset(said_labels), bounds, frozenset(reasoned), self.t.strong_hit,
            not speaking and bool(found) and matches(self.cues.report, text)), unheeded)
        hits.extend(read)
        if room.asks or (hits and not speaking):  # a viewer's request, or the host taking one up (heed.py)
            hits.extend(heed(room, role, text, hits, refused or debunked or msg.kind in ("gift", "event")))
        hits.extend((cue, label, w * 0.5 if debunked else w) for cue, label, w in reassemble(
            room, msg, role, self.engine, self.t.strong_hit))
        hits.extend(counts.read(room, role, msg.kind, text) if text else ())  # a claimed vs a shown sales figure
        if not speaking and text and msg.kind == "bullet":
            hits.extend(chorus.read(room, msg.author_id, text))  # the same accounts claiming purchase after purchase
            if found and not debunked:
                hits.extend(repeat.read(room, msg.author_id, found))  # (session 20) one viewer's lure said again
        if role == "host" and room.meta.host_verified and not room.last.get("sales"):
            hits = [(cue, label, w * INFORMING if label in CLAIM_LABELS and not cue.startswith("crowd:") else w)
                    for cue, label, w in hits]
        if room.fiction:
            # (session 16) a stream declared scripted: its staged scenes are the show (a parody of 卖惨 included)
            hits = [(cue, label, w * FICTION if label == "staged" else w) for cue, label, w in hits]
        if not speaking:
            if room.rebukes and msg.kind == "bullet":
                # (session 18) viewers who go on after the host's rebukes (witness.py `persist`)
                hits.extend(persist(room, msg.author_id, viewer_label(hits, found, unheeded)))
            hits.extend(flood(room, msg.author_id, hits, unheeded))
        elif banned and room.rebukes >= REBUKES:
            # (session 19) the room's moderation banning a viewer once the 弹幕 has been rebuked before: a viewer who
            # went on, whatever the 弹幕 said (the ban is the moderation's reading of it), counted with the label of
            # what the viewers were sending (witness.py `banned_label`); aimed at the viewers
            hits.extend(persist(room, f"@ban:{room.seq}", banned_label(room)))
        elif room.doubted and not debunked:
            hits.extend(release(room, hits, d))  # viewers' doubts said before the host's evidence (witness.py)
        before = room.action
        room.speaker_score *= d
        room.viewer_score *= d
        for cue, label, w in hits:
            room.labels[label] = room.labels.get(label, 0.0) + w
            if cue.startswith("crowd:"):
                continue  # viewers backing up what the host showed: the host's evidence
            if speaking and not cue.startswith("unheeded:"):
                room.speaker_score += w  # (a ban's `unheeded:viewers` is the viewers' evidence, not the notice's)
            else:
                room.viewer_score += w
        # the score ladder, then escalation (verdict.py)
        why, score = decide(room, hits, self.t, Room.FLOOD_WINDOW, spread)
        risk = risk_of(score, self.t.end)
        for cue, label, w in hits:
            room.timeline.append(Event(room.seq, msg.id, msg.raw_ts, cue, label, w, text[:120], risk, room.action))
        if room.action != before and (not hits or why != "ladder"):  # a change no hit of its own shows
            cue, said = ("escalate", "") if why == "ladder" else (f"escalate:{why}", text[:120])
            room.timeline.append(Event(room.seq, msg.id, msg.raw_ts, cue, "", 0.0, said, risk, room.action))
        room.history.append((room.seq, round(risk, 4), room.action))

