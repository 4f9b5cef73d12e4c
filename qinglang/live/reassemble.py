"""Contacts spelled over several livestream messages, found by running the engine on joined windows: the
recent short texts of one author (the host's segments, whatever their length) and of the crowd of viewers. The
cheap filters and the spelled-address reading are in spelled.py; the room (room.py) folds what this returns."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..detectors.base import Views
from ..detectors.contact import ContactDetector
from ..engine import Engine
from ..model import Content, LabelResult
from .messages import Message
from .spelled import (
    CONTACT_HINT,
    HANDLE_CHARS,
    handle_key,
    spelled_domain,
    spelled_handle,
    spoken_number,
    strip_chunk_labels,
)

if TYPE_CHECKING:
    from .room import Room

AUTHOR_FLOOR = 0.8  # the contact detector's score for a disguised handle with a contact word (contact.*.obfuscated)
CROWD_FLOOR = 0.9
# (session 20) one viewer dictating: a window of the viewer's own messages of which at least `DICTATED` are bits of at
# most `BIT` characters (spaces aside: "威", "❤", "8", "丅", "y x 0 6", "5 2 1"). Sending a message a character or
# two at a time is the evasion itself; the window is then decided by the whole engine (its learned tiers read the
# contact the contact detector does not: "威❤" for 微信, a look-alike 丅), and its own `drainage` label counts
DICTATED = 3
BIT = 4
_FLOOR = {"author": AUTHOR_FLOOR, "crowd": CROWD_FLOOR}  # a window's floor by whose messages it joins


def reassemble(room: Room, msg: Message, role: str, engine: Engine, strong_hit: float
               ) -> list[tuple[str, str, float]]:
    """Contacts spelled over several short messages: join the recent short texts of the author (the
    host's segments, whatever their length) and of the crowd, and run the engine on the joined window."""
    text = msg.text.strip()
    if not text or msg.kind in ("gift", "event"):
        return []
    key = "@host" if role == "host" else msg.author_id or "@anon"
    if role != "host" and len(text) > room.SHORT:
        return []
    old = room.fragments.pop(key, ())
    frags = room.fragments[key] = (*old[-(room.FRAGMENTS - 1):], text)  # a tuple: not tracked by the GC
    while len(room.fragments) > room.MAX_AUTHORS:
        room.fragments.popitem(last=False)
    # the host's segments, newest first, up to HOST_WINDOW characters (at least two); (session 18) a viewer's short
    # texts: the newest `VIEWER_PIECES`, and older ones while the window stays within AUTHOR_WINDOW characters — one
    # viewer dictating a handle a character a message ("v" / "x" / "j" / "0" / "8" ...) spells it over more messages
    # than a fixed count of pieces holds
    least, most = (2, room.HOST_WINDOW) if role == "host" else (room.VIEWER_PIECES, room.AUTHOR_WINDOW)
    n, size = 1, len(text)
    while n < len(frags) and (n < least or size + len(frags[-n - 1]) <= most):
        n += 1
        size += len(frags[-n])
    frags = frags[-n:]
    windows: list[tuple[str, Sequence[str]]] = [("author", frags)] if len(frags) > 1 else []
    if role == "host" and msg.kind == "transcript" and (spoken := spoken_number(text)) is not None:
        # (session 19) the host reading a number out in groups, pauses and hesitations between them (spelled.py):
        # the window with this segment as it was said; one segment is enough (its number was never read whole)
        windows = [("author", (*frags[:-1], spoken))]
    if role == "viewer":
        room.crowd.append(text)
        if len(room.crowd) > 1:
            windows.append(("crowd", room.crowd))
    out: list[tuple[str, str, float]] = []
    for scope, pieces in windows:
        joined = " ".join(pieces)
        url = spelled_domain(joined)
        if url is not None:
            if not any(url in seen or seen in url for seen in room.contacts_seen):
                if len(room.contacts_seen) < 64:
                    room.contacts_seen.add(url)
                out.append((f"reassembled:{scope}:contact.url.spelled", "drainage", strong_hit))
            continue
        if len(HANDLE_CHARS.findall(joined)) < 6 or not CONTACT_HINT.search(joined):
            continue  # cheap filter: a contact needs a handle word and enough letters or digits
        handle = spelled_handle(tuple(pieces))
        if handle is not None:  # a handle dictated piece by piece after a contact word (spelled.py)
            if not any(handle in seen or seen in handle for seen in room.contacts_seen):
                if len(room.contacts_seen) < 64:
                    room.contacts_seen.add(handle)
                out.append((f"reassembled:{scope}:contact.handle.spelled", "drainage", strong_hit))
            continue
        joined = strip_chunk_labels(joined)
        found = False
        for lab in window_labels(engine, Content(id=f"{room.room_id}#{room.seq}", kind="bullet", text=joined,
                                               surface="live"), _FLOOR[scope]):
            # one author spelling a disguised handle over several messages disguised it on purpose: the contact
            # detector's obfuscated-handle score (0.8) is enough there; the crowd's joined window needs 0.9
            if lab.label == "drainage" and lab.rule.startswith("contact.") and lab.score >= _FLOOR[scope]:
                ev = lab.evidence[0].normalized if lab.evidence else joined
                ev = handle_key(ev)
                if any(ev in seen or seen in ev for seen in room.contacts_seen):
                    continue  # the same contact counts once (also as it grows chunk by chunk)
                if len(room.contacts_seen) < 64:
                    room.contacts_seen.add(ev)
                out.append((f"reassembled:{scope}:{lab.rule}", "drainage", strong_hit))
                found = True
                break
        if not found and scope == "author" and role == "viewer" and (bits := dictated(pieces)):
            out.extend(_dictated(room, key, engine, (joined, bits), strong_hit))
    return out


def dictated(pieces: Sequence[str]) -> str:
    """(Session 20) The bits a viewer's window holds, joined, when at least `DICTATED` of its messages are bits of at
    most `BIT` characters, spaces aside (a message sent a character or two at a time: a handle dictated bit by bit);
    "" otherwise."""
    bits = [p for p in pieces if 0 < len("".join(p.split())) <= BIT]
    return " ".join(bits) if len(bits) >= DICTATED else ""


def _dictated(room: Room, author: str, engine: Engine, texts: tuple[str, str], strong_hit: float
              ) -> list[tuple[str, str, float]]:
    """(Session 20) One viewer dictating (`dictated`) whose window (the bits with the viewer's own words around them:
    "看我主页", "有想要福利的吗"), or else its bits alone, the whole engine labels `drainage` (any of its
    rules: the contact detector below its window floor, the word lists, the learned tiers): one strong hit, once per
    viewer (`Room.contacts_seen` keeps `@dictated:<viewer>`). The engine's label is the reading; the dictation (the
    run's structure) is why a label short of a located contact is enough here."""
    seen = f"@dictated:{author}"
    if seen in room.contacts_seen:
        return []
    lab = None
    for text in dict.fromkeys(texts):  # the window, then the bits (once when they are the same)
        labels = engine.moderate(Content(id=f"{room.room_id}#{room.seq}", kind="bullet", text=text,
                                         surface="live")).labels
        lab = next((lab for lab in labels if lab.label == "drainage"), None)
        if lab is not None:
            break
    if lab is None:
        return []
    if len(room.contacts_seen) < 64:
        room.contacts_seen.add(seen)
    return [(f"reassembled:author:dictated:{lab.rule}", "drainage", strong_hit)]


def window_labels(engine: Engine, content: Content, floor: float = CROWD_FLOOR) -> tuple[LabelResult, ...]:
    """The engine's labels on a joined window, when they can hold what `reassemble` reads: a `drainage`
    label of a `contact.*` rule scoring ≥ `floor`. A label's rule is its strongest signal's, so that needs the
    contact detector's own signal at ≥ `floor`: the contact detector runs first, alone, on the same views, and
    the whole engine (models, frames, claims... ~1 ms) only when it found one. Most windows that pass the
    cheap filter (enough letters or digits and a contact word) hold no contact and end there."""
    views = Views.build(content, engine.normalizer)
    contact = next((d for d in engine.detectors if isinstance(d, ContactDetector)), None)
    if contact is not None:
        try:
            signals = contact.detect(content, views)
        except Exception:  # the engine reports a failing detector as degraded: let it
            signals = None
        if signals is not None and not any(
                s.label == "drainage" and s.rule.startswith("contact.") and s.score >= floor for s in signals):
            return ()
    return engine.moderate(content, views=views).labels
