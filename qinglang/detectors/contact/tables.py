"""The contact detector's word and host tables, read from ``qinglang/lexicon/data/contact/tables.yaml``.

Data, not code: the cue spellings, TLDs and host classes change as spammers move, and each needs a
provenance (the folder's PROVENANCE). Everything here is built once at import and never mutated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from ... import yamlio
from ...text.normalize import load_table

CJK = "\u3400-\u4dbf\u4e00-\u9fff"
NUMERALS = {r.source: r.target for r in load_table("numerals")}
NUM_CHARS = "".join(NUMERALS)
NUM_TABLE = str.maketrans(NUMERALS)


def _alternation(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in words))


@dataclass(frozen=True)
class ContactTables:
    """The tables, typed. `cue_kind` maps each cue spelling to (channel kind, strong?)."""

    cues: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]
    cue_kind: dict[str, tuple[str, bool]]
    verbs: tuple[str, ...]
    phone_near: tuple[str, ...]  # verbs first, then the phone words
    cue_exempt_after: dict[str, str]
    obfuscated_cues: frozenset[str]
    unit_chars: frozenset[str]
    other_apps: dict[str, str]
    tlds: frozenset[str]
    strong_tlds: frozenset[str]
    prose_tlds: frozenset[str]
    invite_hosts: tuple[tuple[str, str, str], ...]
    short_hosts: frozenset[str]
    cloud_hosts: tuple[str, ...]
    benign_hosts: tuple[str, ...]
    link_cues: tuple[str, ...]
    benign_context: re.Pattern[str]
    cloud_lure: re.Pattern[str]
    diversion: re.Pattern[str]


def load_tables() -> ContactTables:
    """Parse the shipped tables file (a malformed file is a packaging bug: it raises at import)."""
    path = resources.files("qinglang").joinpath("lexicon", "data", "contact", "tables.yaml")
    raw: dict[str, Any] = yamlio.safe_load(path.read_text("utf-8"))
    cues = {kind: (tuple(v["strong"]), tuple(v["weak"])) for kind, v in raw["cues"].items()}
    cue_kind: dict[str, tuple[str, bool]] = {}
    for kind, (strong, weak) in cues.items():
        for c in strong:
            cue_kind.setdefault(c, (kind, True))
        for c in weak:
            cue_kind.setdefault(c, (kind, False))
    verbs = tuple(raw["verbs"])
    return ContactTables(
        cues=cues, cue_kind=cue_kind, verbs=verbs, phone_near=(*verbs, *raw["phone_near"]),
        cue_exempt_after=dict(raw["cue_exempt_after"]), obfuscated_cues=frozenset(raw["obfuscated_cues"]),
        unit_chars=frozenset(raw["unit_chars"]), other_apps=dict(raw["other_apps"]),
        tlds=frozenset(raw["tlds"]), strong_tlds=frozenset(raw["strong_tlds"]),
        prose_tlds=frozenset(raw["prose_tlds"]),
        invite_hosts=tuple((a, b, c) for a, b, c in raw["invite_hosts"]),
        short_hosts=frozenset(raw["short_hosts"]), cloud_hosts=tuple(raw["cloud_hosts"]),
        benign_hosts=tuple(raw["benign_hosts"]), link_cues=tuple(raw["link_cues"]),
        benign_context=_alternation(raw["benign_context"]),
        cloud_lure=_alternation(raw["cloud_lures"]),
        diversion=_alternation(raw["diversion"]),
    )


TABLES = load_tables()
