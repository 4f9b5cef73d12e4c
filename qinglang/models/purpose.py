"""The purpose model: what a contact in a post is *for* (campaign task 3, issue 16).

The contact detector finds a handle (a WeChat id, a phone number, a link, a 暗号 pointer) and scores it by the
words next to it. That says a contact is offered; it does not say why. 引流 diverts the reader to a private channel
for a prohibited or commercial purpose (资源, a game, a date, 刷单, a gambling group); a contact is also given for
the poster's own errand (a lost cat, an old comrade looking for friends, a class or 业主 group, a repair shop's
number on its own page, a 12315 complaint with its 工单号, a photographer's 原片可以私信看). Rule classes for these
(`qinglang.text.personal`) reach only their own wordings; this model learns the purpose from the writers' rows.

What it reads: the post's text fields with every span the contact detector reported masked (``□``, as the stance
model masks its evidence: `qinglang.models.stance.frame_text`: digits → 0, Latin → a), so it reads the frame around
the contact, not the handle; plus one token each for the kinds of handle found (wechat, phone, url, codeword…), the
surface, the content kind, and the author fields (verified, follower band). Model: the stance model's form — L2
logistic regression over L2-normalised presence of hashed char 1–4-grams — in `qinglang/models/data/purpose.npz` +
`purpose.json` (provenance and leave-one-writer-set-out figures), written by `python tools/train_purpose.py`.

Where it acts: inside the contact detector's score (`qinglang.detectors.contact.detector`), the one home of "is
this 引流"; figures and halves in docs/accuracy.md §17.x (drain12), the model in docs/models.md, "The purpose model".
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..model import Content, Evidence
from .stance import StanceModel, frame_text, shipped

if TYPE_CHECKING:
    from ..detectors.base import Views

# The labels of what a diversion leads to: with one of them acted on, the item is an offer plus a contact, decided by
# the rules (a lure raises every handle to ≥ 0.9); the model reads the items without one.
LURE_LABELS = frozenset({"gambling", "porn", "water_army", "fraud"})

# Private-use code points carry the non-text tokens: the char n-grams of the frame text never produce them, and a
# token next to another makes their pair a feature (a phone on a shop's page, a WeChat id in a comment).
_TOKEN_BASE, _TOKEN_SPAN = 0xE000, 0x1800


def _token(name: str) -> str:
    return chr(_TOKEN_BASE + zlib.crc32(name.encode("utf-8")) % _TOKEN_SPAN)


def _followers(n: int | None) -> str:
    if n is None:
        return "none"
    return "0" if n < 100 else "100" if n < 1000 else "1k" if n < 10_000 else "10k" if n < 100_000 else "100k"


def meta_tokens(content: Content, kinds: Iterable[str]) -> str:
    """The non-text features as private-use characters: handle kinds (sorted), surface, content kind, author."""
    a = content.author
    names = [f"kind={k}" for k in sorted(set(kinds))]
    names += [f"surface={content.surface}", f"content={content.kind}",
              f"verified={a.verified}", f"followers={_followers(a.followers)}"]
    return "".join(_token(n) for n in names)


def purpose_text(fields: Iterable[tuple[str, Sequence[tuple[int, int]]]], content: Content,
                 kinds: Iterable[str]) -> str:
    """What the model reads: the masked frame text of the fields (original text, original offsets of the contact
    detector's evidence), a newline, then the meta tokens."""
    return frame_text(fields) + "\n" + meta_tokens(content, kinds)


def handle_kind(value: str | None, rule: str) -> str:
    """The kind of one piece of drainage evidence: the value's prefix (wechat, qq, phone, url…), else the contact
    rule's second part (codeword, mention…), else the detector family of the rule (frame, lexicon, model, qr)."""
    if value and ":" in value:
        return value.split(":", 1)[0]
    parts = rule.split(".")
    return parts[1] if parts[0] == "contact" and len(parts) > 1 else parts[0]


def read_text(content: Content, views: Views, evidence: Iterable[Evidence], *, lure: bool = False) -> str:
    """The purpose text of one item: its text fields (not media payloads) with every piece of `evidence` masked,
    the kinds of that evidence, and a `lure` token when a lure label stands beside it. One function for the
    detector at run time and the trainer (tools/train_purpose.py)."""
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    kinds = ["lure"] if lure else []
    for e in evidence:
        spans[e.field].append((e.start, e.end))
        kinds.append(handle_kind(e.value, e.rule))
    fields = [(nt.original, spans.get(name, ())) for name, nt in views.fields.items() if "media" not in name]
    return purpose_text(fields, content, kinds)


def load(name: str = "purpose") -> StanceModel:
    """A shipped purpose model (the stance model's file format, `qinglang/models/data/<name>`; loaded once)."""
    return shipped(name)


__all__ = ["LURE_LABELS", "handle_kind", "load", "meta_tokens", "purpose_text", "read_text"]
