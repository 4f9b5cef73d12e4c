"""The livestream wire records: a validated room message, the room's metadata, a timeline event, the action
thresholds and the room-score → risk curve. The room state (`room.py`), the store and the service read them."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from ..errors import InvalidContent

ROOM_ACTIONS = ("none", "warn", "limit", "review", "end")
RANK = {a: i for i, a in enumerate(ROOM_ACTIONS)}
KINDS = ("bullet", "transcript", "gift", "event")
# Who speaks in a room. A `moderator` (房管) is a viewer the host appointed to manage the chat: the room scores their
# words as a viewer's (read as `viewer` from here on: nothing that trusts the host's speech or notices trusts them).
ROLES = ("host", "viewer", "guest", "moderator")


@dataclass(frozen=True)
class Thresholds:
    """Room score (sum of decayed cue weights) at which each room action starts; decay per message."""

    warn: float = 2.4
    limit: float = 3.0
    review: float = 3.8
    end: float = 5.0
    decay: float = 0.97  # per message: a cue weighs half after ~23 messages
    strong_hit: float = 3.8  # a contact found by the engine (alone or reassembled): review
    min_messages: int = 2  # a first room action needs this many messages that added evidence (≥ 0.5)...
    evidence_window: int = 30  # ...within this many messages (or one contact found by the engine)
    # (session 14) what the evidence is, not only how much (verdict.py): a room acted on whose strongest evidence is
    # one of `review_labels` is held for review at once; `end` needs `end_labels` evidence alone ≥ `warn`
    review_labels: frozenset[str] = frozenset({"false_ad", "false_science", "staged", "drainage", "water_army",
                                               "gambling", "porn"})
    end_labels: frozenset[str] = frozenset({"porn", "gambling"})
    # (session 17) who says it: vulgar or abusive evidence given mostly by the host or a guest (`Room.target` is the
    # host: the stream's own performance, a PK's forfeits) is held for review once acted on, as `review_labels`;
    # the same labels from the 弹幕 keep the ladder's steps (a warning and 弹幕 management come first)
    host_review_labels: frozenset[str] = frozenset({"vulgar", "abuse", "minors_harm"})
    # (session 15) a first room action rests on a pattern, not one message: the room score without its single
    # largest message (decayed) must reach this (a contact found by the engine and a viewer flood are patterns);
    # 0.8: the middle of the range (0.6-1.0) that moved no tune-half room set (r1, r2, unseen, 2, 3, 5, 6, 9)
    pattern: float = 0.8


@dataclass
class RoomMeta:
    """Room metadata sent at connect or in an `event` message (`room` object)."""

    category: str = ""
    paid: bool = False
    host_id: str = ""
    viewer_minor_share: float = 0.0
    host_verified: bool = False

    def update(self, raw: Any) -> None:
        if not isinstance(raw, dict):
            raise InvalidContent("field 'room' must be an object")
        if "category" in raw:
            self.category = str(raw["category"])[:32]
        live = raw.get("live") if isinstance(raw.get("live"), dict) else {}
        paid = raw.get("paid", live.get("paid"))
        if paid is not None:
            self.paid = bool(paid)
        host = raw.get("host")
        if isinstance(host, dict):
            self.host_id = str(host.get("id", self.host_id))[:256]
            self.host_verified = bool(host.get("verified", self.host_verified))
        elif isinstance(raw.get("host_id"), str):
            self.host_id = raw["host_id"][:256]
        share = raw.get("viewer_minor_share")
        if share is not None:
            if not isinstance(share, (int, float)) or not 0 <= share <= 1:
                raise InvalidContent("field 'room.viewer_minor_share' must be a number in [0, 1]")
            self.viewer_minor_share = float(share)

    def to_json(self) -> dict[str, Any]:
        return {"category": self.category, "paid": self.paid, "host_id": self.host_id,
                "viewer_minor_share": self.viewer_minor_share, "host_verified": self.host_verified}


@dataclass(frozen=True)
class Message:
    """One validated room message."""

    id: str
    kind: str
    text: str
    author_id: str
    role: str
    ts: dt.datetime | None
    raw_ts: str

    @staticmethod
    def from_json(raw: Any) -> Message:
        if not isinstance(raw, dict):
            raise InvalidContent("a live message must be a JSON object")
        mid = raw.get("id")
        if not isinstance(mid, (str, int)) or isinstance(mid, bool) or str(mid) == "":
            raise InvalidContent("field 'id' is required (string)")
        kind = raw.get("kind", "bullet")
        if kind not in KINDS:
            raise InvalidContent(f"field 'kind' must be one of {', '.join(KINDS)}")
        text = raw.get("text", "")
        if text is None:
            text = ""
        if not isinstance(text, str):
            raise InvalidContent("field 'text' must be a string")
        if len(text) > 2000:
            raise InvalidContent("field 'text' exceeds 2000 characters")
        author = raw.get("author", {})
        if not isinstance(author, dict):
            raise InvalidContent("field 'author' must be an object")
        role = author.get("role", "viewer")
        if role not in ROLES:
            raise InvalidContent(f"field 'author.role' must be one of {', '.join(ROLES)}")
        role = "viewer" if role == "moderator" else role
        ts_raw = raw.get("ts")
        ts = None
        if ts_raw is not None:
            if not isinstance(ts_raw, str):
                raise InvalidContent("field 'ts' must be an ISO 8601 string")
            try:
                ts = dt.datetime.fromisoformat(ts_raw)
            except ValueError:
                raise InvalidContent(f"field 'ts': not an ISO 8601 time: {ts_raw[:40]!r}") from None
        return Message(str(mid)[:256], kind, text, str(author.get("id", ""))[:256], role, ts, ts_raw or "")


@dataclass
class Event:
    """One timeline entry: what moved the room, with its evidence."""

    seq: int
    message_id: str
    ts: str
    cue: str
    label: str
    weight: float
    text: str
    risk: float
    action: str

    def to_json(self) -> dict[str, Any]:
        return {"seq": self.seq, "message_id": self.message_id, "ts": self.ts, "cue": self.cue,
                "label": self.label, "weight": round(self.weight, 3), "text": self.text,
                "risk": round(self.risk, 4), "action": self.action}


def risk_of(score: float, end: float) -> float:
    """Room score → risk in [0, 1): 0.5 at half the `end` threshold, ~0.86 at `end`."""
    return 1.0 - math.exp(-score * 2.0 / end) if score > 0 else 0.0
