"""Core value types: Content in, Signal from detectors, Decision out (DESIGN §2–3).

JSON is converted only here (`Content.from_json`, `Decision.to_json`). Everything is frozen: a changed
score is a new value made with `dataclasses.replace`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .errors import InvalidContent

KINDS = frozenset(
    "post article comment title bullet transcript profile message image video audio document".split()
)
SURFACES = frozenset(
    "feed home_first_screen popup hot_search local live search private_chat comment".split()
)
TEXT_FIELDS = ("title", "text")
MAX_ID_LEN = 256
MAX_METADATA_CHARS = 64 * 1024  # a media item's caller-supplied metadata, as JSON
MEDIA_FIELDS = frozenset({"path", "data_base64", "mime", "metadata", "note"})  # any other key is metadata (`_metadata`)


def _expect(obj: Any, where: str, typ: type | tuple[type, ...], tname: str) -> Any:
    if obj is None:
        return None
    types = _as_tuple(typ)
    if not isinstance(obj, types) or (isinstance(obj, bool) and bool not in types):
        raise InvalidContent(f"field '{where}' must be {tname}, got {type(obj).__name__}")
    return obj


def _as_tuple(typ: type | tuple[type, ...]) -> tuple[type, ...]:
    return typ if isinstance(typ, tuple) else (typ,)


def _num(obj: Any, where: str) -> float | None:
    _expect(obj, where, (int, float), "a number")
    if obj is not None and not math.isfinite(obj):
        raise InvalidContent(f"field '{where}' must be a finite number")
    return None if obj is None else float(obj)


def _metadata(value: Any, where: str, loose: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """A caller-supplied metadata object, bounded: it must serialize to at most MAX_METADATA_CHARS of JSON (a
    hostile payload cannot nest or grow without limit behind a media item). `loose`: the item's keys outside
    `MEDIA_FIELDS`, what a platform read from the file and wrote beside the path (``"AIGC": {…}``, ``"EXIF"``,
    session 18), merged under it (``metadata`` wins a clash)."""
    if value is None and not loose:
        return None
    if value is not None and not isinstance(value, dict):
        raise InvalidContent(f"field '{where}' must be an object, got {type(value).__name__}")
    value = {**loose, **(value or {})} if loose else value
    try:
        size = len(json.dumps(value, ensure_ascii=False))
    except (TypeError, ValueError, RecursionError):
        raise InvalidContent(f"field '{where}' must be plain JSON (objects, arrays, strings, numbers)") from None
    if size > MAX_METADATA_CHARS:
        raise InvalidContent(f"field '{where}' is {size} characters of JSON (limit {MAX_METADATA_CHARS})")
    return value


def _obj(raw: dict[str, Any], key: str) -> dict[str, Any]:
    val = raw.get(key)
    if val is None:
        return {}
    if not isinstance(val, dict):
        raise InvalidContent(f"field '{key}' must be an object, got {type(val).__name__}")
    return val


def _str(obj: dict[str, Any], key: str, where: str, *, choices: frozenset[str] | None = None) -> str | None:
    val = _expect(obj.get(key), where, str, "a string")
    if val is not None and choices is not None and val not in choices:
        import difflib

        close = difflib.get_close_matches(val, sorted(choices), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise InvalidContent(f"field '{where}' has unknown value {val!r}{hint}")
    return val


@dataclass(frozen=True, slots=True)
class Author:
    id: str | None = None
    name: str | None = None
    verified: bool | None = None
    age: int | None = None
    news_license: str | None = None
    followers: int | None = None
    created_at: str | None = None


@dataclass(frozen=True, slots=True)
class Audience:
    minor_mode: bool = False
    age: int | None = None


@dataclass(frozen=True, slots=True)
class Location:
    city: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class Live:
    room_id: str | None = None
    paid: bool = False


@dataclass(frozen=True, slots=True)
class Declared:
    ai_generated: bool | None = None
    source: str | None = None
    fictional: bool | None = None


@dataclass(frozen=True, slots=True)
class MediaRef:
    """One media item: a local path or inline base64 data (decoded by `qinglang.media`).

    `metadata` is what the platform's upload pipeline already read from the file, as a JSON object (e.g. the
    GB 45438 Annex E implicit label under the key ``AIGC``): the AIGC detector weighs it like a label it read
    itself, so a platform that keeps files in its own object store need not hand us the bytes.

    `note` is text the platform holds about the file (alt text, the uploader's caption or description, a
    transcript): it is read like the post's own text, as the field ``media[i].note``."""

    path: str | None = None
    data_base64: str | None = None
    mime: str | None = None
    metadata: dict[str, Any] | None = field(default=None, compare=False, hash=False)
    note: str | None = None

    @property
    def has_file(self) -> bool:
        """Whether there are bytes to read (an item may carry only the metadata the platform extracted)."""
        return self.path is not None or self.data_base64 is not None


class AccountFacts(NamedTuple):
    """Account history a policy may test (`when.fields: {account.young_burst: true}`)."""

    young_burst: bool = False  # a young account posting in a burst (qinglang.clusters)
    repeat_offender: bool = False  # confirmed violations within the sanction window


_NO_FACTS = AccountFacts()
_NO_AUTHOR, _NO_AUDIENCE, _NO_LOCATION, _NO_LIVE, _NO_DECLARED = Author(), Audience(), Location(), Live(), Declared()


@dataclass(frozen=True, slots=True)
class Content:
    """One item to moderate. Only `id` is required; unknown JSON fields are kept in `extra`."""

    id: str
    kind: str = "post"
    text: str = ""
    title: str = ""
    media: tuple[MediaRef, ...] = ()
    # Frozen sub-objects are immutable, so one shared empty instance serves every Content (cheap to build).
    author: Author = _NO_AUTHOR
    surface: str = "feed"
    audience: Audience = _NO_AUDIENCE
    location: Location = _NO_LOCATION
    live: Live = _NO_LIVE
    declared: Declared = _NO_DECLARED
    created_at: str | None = None
    thread_id: str | None = None
    parent_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def account(self) -> AccountFacts:
        """Account-level facts for policy conditions (`account.young_burst`, `account.repeat_offender`): what
        the service learned from its window and sanction ledger, or what a platform passed as `account`."""
        raw = self.extra.get("account")
        if not isinstance(raw, dict):
            return _NO_FACTS
        return AccountFacts(young_burst=raw.get("young_burst") is True,
                            repeat_offender=raw.get("repeat_offender") is True)

    def field_text(self, name: str) -> str:
        """Return the text of a named text field ('text', 'title', or an extracted 'media[i]…' field)."""
        if name == "text":
            return self.text
        if name == "title":
            return self.title
        if name.startswith("media[") and name.endswith("].note"):
            index = name[6:-6]
            if index.isdigit() and int(index) < len(self.media) and self.media[int(index)].note:
                return self.media[int(index)].note or ""
        raise KeyError(name)

    @classmethod
    def from_json(cls, raw: Any) -> Content:
        """Validate a decoded JSON object; raise InvalidContent naming the first bad field."""
        if not isinstance(raw, dict):
            raise InvalidContent(f"content must be a JSON object, got {type(raw).__name__}")
        cid = raw.get("id")
        if cid is None:
            raise InvalidContent("field 'id' is required")
        if isinstance(cid, bool) or not isinstance(cid, (str, int)):
            raise InvalidContent(f"field 'id' must be a string, got {type(cid).__name__}")
        cid = str(cid)
        if not cid or len(cid) > MAX_ID_LEN:
            raise InvalidContent(f"field 'id' must be 1–{MAX_ID_LEN} characters")
        for key in TEXT_FIELDS:
            _expect(raw.get(key), key, str, "a string")
        media_raw = raw.get("media") or []
        if not isinstance(media_raw, list):
            raise InvalidContent("field 'media' must be a list")
        media = []
        for i, m in enumerate(media_raw):
            if not isinstance(m, dict):
                raise InvalidContent(f"field 'media[{i}]' must be an object")
            ref = MediaRef(
                path=_str(m, "path", f"media[{i}].path"),
                data_base64=_str(m, "data_base64", f"media[{i}].data_base64"),
                mime=_str(m, "mime", f"media[{i}].mime"),
                metadata=_metadata(m.get("metadata"), f"media[{i}].metadata",
                                   {k: v for k, v in m.items() if k not in MEDIA_FIELDS}),
                note=_str(m, "note", f"media[{i}].note"),
            )
            if not ref.has_file and ref.metadata is None and not ref.note:
                raise InvalidContent(f"field 'media[{i}]' needs 'path', 'data_base64', 'metadata' or 'note'")
            media.append(ref)
        a = _obj(raw, "author")
        au = _obj(raw, "audience")
        loc = _obj(raw, "location")
        lv = _obj(raw, "live")
        dec = _obj(raw, "declared")
        known = {
            "id", "kind", "text", "title", "media", "author", "surface", "audience", "location", "live",
            "declared", "created_at", "thread_id", "parent_id",
        }
        return cls(
            id=cid,
            kind=_str(raw, "kind", "kind", choices=KINDS) or "post",
            text=raw.get("text") or "",
            title=raw.get("title") or "",
            media=tuple(media),
            author=Author(
                id=_id_str(a.get("id"), "author.id"),
                name=_str(a, "name", "author.name"),
                verified=_expect(a.get("verified"), "author.verified", bool, "a boolean"),
                age=_int(a.get("age"), "author.age"),
                news_license=_str(a, "news_license", "author.news_license"),
                followers=_int(a.get("followers"), "author.followers"),
                created_at=_str(a, "created_at", "author.created_at"),
            ),
            surface=_str(raw, "surface", "surface", choices=SURFACES) or "feed",
            audience=Audience(
                minor_mode=bool(_expect(au.get("minor_mode"), "audience.minor_mode", bool, "a boolean")),
                age=_int(au.get("age"), "audience.age"),
            ),
            location=Location(
                city=_str(loc, "city", "location.city"),
                lat=_num(loc.get("lat"), "location.lat"),
                lon=_num(loc.get("lon"), "location.lon"),
            ),
            live=Live(
                room_id=_id_str(lv.get("room_id"), "live.room_id"),
                paid=bool(_expect(lv.get("paid"), "live.paid", bool, "a boolean")),
            ),
            declared=Declared(
                ai_generated=_expect(dec.get("ai_generated"), "declared.ai_generated", bool, "a boolean"),
                source=_str(dec, "source", "declared.source"),
                fictional=_expect(dec.get("fictional"), "declared.fictional", bool, "a boolean"),
            ),
            created_at=_str(raw, "created_at", "created_at"),
            thread_id=_id_str(raw.get("thread_id"), "thread_id"),
            parent_id=_id_str(raw.get("parent_id"), "parent_id"),
            extra={k: v for k, v in raw.items() if k not in known},
        )

    def to_json(self) -> dict[str, Any]:
        """Return the JSON object form (round-trips through `from_json`)."""
        from dataclasses import asdict, fields

        out = {f.name: asdict(getattr(self, f.name)) if hasattr(getattr(self, f.name), "__dataclass_fields__")
               else getattr(self, f.name) for f in fields(self) if f.name not in ("extra", "media")}
        out["media"] = [asdict(m) for m in self.media]
        out["media"] = [{k: v for k, v in m.items() if v is not None} for m in out["media"]]
        out.update(self.extra)
        return out


def _int(obj: Any, where: str) -> int | None:
    if obj is not None and (isinstance(obj, bool) or not isinstance(obj, int)):
        raise InvalidContent(f"field '{where}' must be an integer, got {type(obj).__name__}")
    return obj


def _id_str(obj: Any, where: str) -> str | None:
    if obj is None:
        return None
    if isinstance(obj, bool) or not isinstance(obj, (str, int)):
        raise InvalidContent(f"field '{where}' must be a string, got {type(obj).__name__}")
    return str(obj)


class Evidence(NamedTuple):
    """Where a signal came from: a span of the ORIGINAL field text (code points, end exclusive).

    An immutable named tuple rather than a frozen dataclass: a post carries a few of these and a frozen
    dataclass costs four times as much to build (every field set through `object.__setattr__`)."""

    field: str
    start: int
    end: int
    text: str
    normalized: str
    rule: str = ""
    detector: str = ""
    layers: tuple[str, ...] = ()
    context_word: str | None = None
    context_gain: float = 0.0
    bbox: tuple[int, int, int, int] | None = None
    value: str | None = None  # normalized indicator, e.g. "wechat:abc_777"
    scope: str | None = None  # scope cues that discounted the hit, e.g. "negation:不" (qinglang.text.scope)
    detail: dict[str, Any] | None = None  # cross-item facts, e.g. a cluster's size, accounts, first/last seen

    def __hash__(self) -> int:  # `detail` is a dict: hash the scalar identity only
        return hash((self.field, self.start, self.end, self.text, self.rule, self.value, self.scope))

    def scoped(self, tag: str) -> Evidence:
        """This evidence with the scope `tag` added after the scope it already names (a second discount)."""
        return self._replace(scope=f"{self.scope}; {tag}" if self.scope else tag)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "field": self.field, "start": self.start, "end": self.end, "text": self.text,
            "normalized": self.normalized,
        }
        if self.rule:
            out["rule"] = self.rule
        if self.detector:
            out["detector"] = self.detector
        if self.layers:
            out["layers"] = list(self.layers)
        if self.context_word:
            out["context_word"] = self.context_word
            out["context_gain"] = round(self.context_gain, 4)
        if self.bbox is not None:
            out["bbox"] = list(self.bbox)
        if self.value is not None:
            out["value"] = self.value
        if self.scope:
            out["scope"] = self.scope
        if self.detail is not None:
            out["detail"] = self.detail
        return out


@dataclass(frozen=True, slots=True)
class Degradation:
    """A part of the pipeline that could not do its work on one item: `component` (``contact@1``,
    ``media[0]``, ``media``) and a short machine code (``error``, ``decode``, ``unavailable``…).

    What clients see in `Decision.degraded` (``component:code``); the details (exception text, file paths)
    go to the log only, since they may expose internals."""

    component: str
    code: str

    def __str__(self) -> str:
        return f"{self.component}:{self.code}"

    @property
    def fails_closed(self) -> bool:
        """Whether the policy's `degraded` rules see it. All do but ``missing``: a file the platform named and
        did not deliver holds no pixels an evader chose, and a reviewer could not see it either, so the text is
        judged as usual and the decision still lists the file (bytes that fail to decode still fail closed)."""
        return self.code != "missing"


@dataclass(frozen=True, slots=True)
class Signal:
    """A detector's finding: label + confidence in [0, 1] + the rule and evidence behind it."""

    label: str
    score: float
    rule: str
    detector: str
    evidence: tuple[Evidence, ...] = ()
    marks: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not 0.0 <= self.score <= 1.0:  # also false for NaN
            raise ValueError(f"signal score must be in [0, 1], got {self.score}")


class LabelResult(NamedTuple):
    """One label of a decision (an immutable named tuple, like `Evidence`: built per label per item)."""

    label: str
    score: float
    campaign: str
    rule: str  # the detector rule that found it (explains the evidence)
    evidence: tuple[Evidence, ...] = ()
    policy_rule: str = ""  # the campaign's policy rule that set the action on it

    def to_json(self) -> dict[str, Any]:
        out = {
            "label": self.label, "score": round(self.score, 4), "campaign": self.campaign, "rule": self.rule,
            "evidence": [e.to_json() for e in self.evidence],
        }
        if self.policy_rule:
            out["policy_rule"] = self.policy_rule
        return out


@dataclass(frozen=True, slots=True)
class Decision:
    id: str
    action: str
    risk: float
    labels: tuple[LabelResult, ...] = ()
    marks: tuple[str, ...] = ()
    account_actions: tuple[dict[str, Any], ...] = ()
    policy_version: str = ""
    elapsed_ms: float = 0.0
    degraded: tuple[str, ...] = ()
    trace: dict[str, Any] | None = field(default=None, compare=False)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "action": self.action,
            "risk": round(self.risk, 4),
            "labels": [lab.to_json() for lab in self.labels],
            "marks": list(self.marks),
            "account_actions": list(self.account_actions),
            "policy_version": self.policy_version,
            "elapsed_ms": round(self.elapsed_ms, 3),
        }
        if self.degraded:
            out["degraded"] = list(self.degraded)
        if self.trace is not None:
            out["trace"] = self.trace
        return out
