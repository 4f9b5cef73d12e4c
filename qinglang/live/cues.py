"""The room cue table (qinglang/live/cues.yaml): behaviour-class families, the combos that join them, and the
computed `moan` cue. Loaded and compiled once; the room logic (room.py) only reads it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from ..text.literals import LiteralGate, required


@dataclass(frozen=True)
class Family:
    """One behaviour class: the moves a role makes (a gift solicitation, a hardship story, a camera direction)."""

    name: str
    label: str
    roles: frozenset[str]
    weight: float
    pattern: re.Pattern[str] | None  # None: computed in code (the `moan` family)
    corroborates: bool = False  # viewer accusations: count only once the host or a guest gave evidence
    overrides_refusal: bool = False  # "can't say it here, join the group": a concealment, not a refusal
    minors_weight: float = 0.0  # weight instead of `weight` while minors are in the audience (gift solicitation)
    class_weight: float | None = None  # weight instead of `weight` in a class (body words are a dance/yoga lesson's)
    doubts: bool = False  # a viewer doubting the scene (摆拍, 网图, 换过号...): opens the `after_doubt` span
    after_doubt: int = 0  # > 0: counts only within this many messages after a viewer's doubt (silencing doubters)
    reports: bool = False  # viewers reporting: also corroborates a room already acted on for its 弹幕 (session 14)


@dataclass(frozen=True)
class Combo:
    """Moves that make a room-level pattern when they occur within `within` messages of each other."""

    name: str
    label: str
    needs: tuple[str, ...]
    within: int
    weight: float


@dataclass(frozen=True)
class Cues:
    refusal: re.Pattern[str]
    debunk: re.Pattern[str]
    debunk_span: int
    debunk_sticky: int
    families: tuple[Family, ...]
    combos: tuple[Combo, ...] = ()
    lesson: re.Pattern[str] | None = None  # the host teaching moves: `class_weight` applies for `debunk_span`
    banter_families: frozenset[str] = frozenset()  # insults the host and a guest trade...
    banter_span: int = 0  # ...within this many messages of each other...
    banter_factor: float = 1.0  # ...weigh this share
    song: re.Pattern[str] | None = None  # the host announcing a song: `class_weight` applies for `song_span`
    song_span: int = 0
    gift_refusal: re.Pattern[str] | None = None  # the host declining gifts or offering refunds...
    gift_families: frozenset[str] = frozenset()  # ...cancels these families in the whole message...
    gift_contrast: re.Pattern[str] | None = None  # ...unless it turns to the adults for gifts
    accountable: re.Pattern[str] | None = None  # a verified host's fee stated with contract/invoice/public price...
    accountable_families: frozenset[str] = frozenset()  # ...cancels these families in that message
    rebuke: re.Pattern[str] | None = None  # the host or a guest rebuking the viewers (opens `rebuke_until`)
    # a platform `event` is a notice, not the host's speech (session 14): it rebukes only by a moderation act (a
    # viewer banned or kicked: `notice_act`) and frames the stream as debunking only when it states the stream's own
    # topic (`notice_topic`); the reminders every room shows (文明发言, 理性消费, 谨防诈骗) refuse, rebuke, debunk
    # nothing
    notice_act: re.Pattern[str] | None = None
    notice_topic: re.Pattern[str] | None = None
    notice_ignores: frozenset[str] = frozenset()  # families a platform event never feeds (its reports of a viewer)
    # which families' patterns may match a message (their required literals, one Aho–Corasick pass over the
    # casefolded text): the room searches only those (`candidates`)
    gate: LiteralGate | None = None
    # each role's families with their positions, in table order (a viewer's message is read by 8 of 36)
    by_role: dict[str, tuple[tuple[int, Family], ...]] = field(default_factory=dict)
    fiction: re.Pattern[str] | None = None  # (session 16) the stream declared scripted (room.py `FICTION`)
    steer: re.Pattern[str] | None = None  # (session 16) a warning that steers to the host's own goods: no debunk
    # (session 17) a viewer reporting a contact rather than offering one: it names the contact a scam, warns against
    # adding it, or gives it as someone else's (engine_read.py `REPORTED`)
    report: re.Pattern[str] | None = None
    # (session 19) the host putting the room's own goods up for sale (a numbered link, the cart, a listing): ends a
    # debunk (room.py)
    cart: re.Pattern[str] | None = None

    def candidates(self, probe: str) -> frozenset[int] | set[int]:
        """Positions in `families` whose pattern may match `probe`: one of its required literals occurs in the
        casefolded text, or its literals are not known. A superset of the families that match (the patterns are
        case-insensitive; casefolding maps at least what their case folding does), so searching only these
        finds what searching all of them finds."""
        if self.gate is None:
            return frozenset(range(len(self.families)))
        out = self.gate.present(probe.casefold())
        out.update(self.gate.unknown)
        return out


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    """The shipped cue table (qinglang/live/cues.yaml), compiled once."""
    return parse_cues(resources.files(__package__).joinpath("cues.yaml").read_text(encoding="utf-8"))


def parse_cues(text: str) -> Cues:
    """A cue table from its YAML text (the shipped one, or another version of it for a comparison)."""
    raw = yaml.safe_load(text)
    fams = tuple(
        Family(name, spec["label"], frozenset(spec["roles"]), float(spec["weight"]),
               re.compile("|".join(spec["patterns"]), re.I) if spec["patterns"] else None,
               bool(spec.get("corroborates", False)), bool(spec.get("overrides_refusal", False)),
               float(spec.get("minors_weight", 0.0)),
               float(spec["class_weight"]) if "class_weight" in spec else None,
               bool(spec.get("doubts", False)), int(spec.get("after_doubt", 0)), bool(spec.get("reports", False)))
        for name, spec in raw["families"].items()
    )
    gate = LiteralGate([_literals(spec["patterns"]) for spec in raw["families"].values()])
    names = {f.name for f in fams}
    combos = []
    for name, spec in (raw.get("combos") or {}).items():
        needs = tuple(spec["needs"])
        if not set(needs) <= names:
            raise ValueError(f"live cues: combo {name!r} needs unknown families {sorted(set(needs) - names)}")
        combos.append(Combo(name, spec["label"], needs, int(spec["within"]), float(spec["weight"])))
    for key in ("gift_families", "accountable_families", "banter_families", "notice_ignores"):
        if not set(raw.get(key) or ()) <= names:
            raise ValueError(f"live cues: {key} names unknown families {sorted(set(raw[key]) - names)}")
    return Cues(re.compile(raw["refusal"]), re.compile(raw["debunk"]), int(raw["debunk_span"]),
                int(raw["debunk_sticky"]), fams, tuple(combos),
                re.compile(raw["lesson"]) if raw.get("lesson") else None,
                frozenset(raw.get("banter_families") or ()), int(raw.get("banter_span", 0)),
                float(raw.get("banter_factor", 1.0)),
                re.compile(raw["song"]) if raw.get("song") else None, int(raw.get("song_span", 0)),
                re.compile(raw["gift_refusal"]) if raw.get("gift_refusal") else None,
                frozenset(raw.get("gift_families") or ()),
                re.compile(raw["gift_contrast"]) if raw.get("gift_contrast") else None,
                re.compile(raw["accountable"]) if raw.get("accountable") else None,
                frozenset(raw.get("accountable_families") or ()),
                re.compile(raw["rebuke"]) if raw.get("rebuke") else None,
                re.compile(raw["notice_act"]) if raw.get("notice_act") else None,
                re.compile(raw["notice_topic"]) if raw.get("notice_topic") else None,
                frozenset(raw.get("notice_ignores") or ()), gate,
                {r: tuple((k, f) for k, f in enumerate(fams) if r in f.roles)
                 for r in sorted({r for f in fams for r in f.roles})},
                re.compile(raw["fiction"]) if raw.get("fiction") else None,
                re.compile(raw["steer"]) if raw.get("steer") else None,
                re.compile(raw["report"]) if raw.get("report") else None,
                re.compile(raw["cart"]) if raw.get("cart") else None)


def _literals(patterns: list[str] | None) -> tuple[str, ...] | None:
    """Casefolded strings one of which every match of the family's patterns holds (None: not known, or a
    computed family). Read without the case-insensitive flag (`required` gives none under it), then casefolded:
    a case-insensitive match holds one of them in the casefolded text."""
    if not patterns:
        return None
    lits = required("|".join(patterns), 0, 4096)
    return tuple(dict.fromkeys(lit.casefold() for lit in lits)) if lits else None


_INTERJECTIONS = frozenset("嗯啊哈哼呃唔嘤呜")
DATING_CATEGORIES = ("相亲", "婚恋", "交友", "红娘")
# rooms whose category says they teach: a lesson's body words and "再来一遍" are the lesson
CLASS_CATEGORIES = ("教育", "健身", "瑜伽", "课", "教学", "培训", "学习")


_LAUGH = re.compile("哈{2,}")


def is_moan(text: str) -> bool:
    """A transcript segment made mostly of moaning interjections (嗯 啊 哈 ...): at least 4, and at least
    half of its Chinese characters. A run of 哈 is laughter, not moaning: it counts as one character."""
    han = [c for c in _LAUGH.sub("笑", text) if "\u4e00" <= c <= "\u9fff"]
    n = sum(c in _INTERJECTIONS for c in han)
    return n >= 4 and n * 2 >= len(han)


# (session 17) a negator right before a move (`negated`): 不, 没(有), 别, 勿, 未, 不得, 不再, 禁止, 拒绝, then
# 能 / 会 / 要 / 用 / 可(以) at most
_TIPPING = ("刷", "送", "打赏", "礼物", "上票", "投票")
_NEGATOR = re.compile(r"(?:不|没有?|别|勿|未|不得|不再|禁止|拒绝)(?:能|会|要|用|可以?)?\s?$")


def negated(probe: str, start: int) -> bool:
    """Whether a negator stands right before `start` in `probe` (the speaker says the move does not happen). Not
    before the viewers' own act of tipping: "一分钱不刷还叫唤", "不刷的都是白嫖" shame those who do not tip."""
    return _NEGATOR.search(probe, max(0, start - 4), start) is not None and not probe.startswith(_TIPPING, start)


def matches(pattern: re.Pattern[str] | None, text: str) -> bool:
    """Whether an optional cue pattern (None: the table leaves it out) is found in `text`."""
    return pattern is not None and pattern.search(text) is not None
