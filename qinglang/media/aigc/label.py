"""The implicit label record of GB 45438 Annex E: parse both JSON shapes, validate, encode.

Annex E b) shows the nested form ``{"AIGC": {...}}`` while the TC260 guides and real files store the bare
seven-field object under a key named ``AIGC`` (regulations.md §1.3, unverified which one the standard means).
We read both and write the shape chosen in `LabelRules.write_shape` (flat by default, as the guides do).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

FIELDS = ("Label", "ContentProducer", "ProduceID", "ReservedCode1", "ContentPropagator", "PropagateID",
          "ReservedCode2")
LABEL_VALUES = {"1": "confirmed", "2": "possible", "3": "suspected"}  # Annex E c): 属于 / 可能为 / 疑似为
PROPAGATION_FIELDS = ("ContentPropagator", "PropagateID", "ReservedCode2")
MAX_RECORD_CHARS = 64 * 1024
# Annex E j): GB 18030 code points 0x21, 0x23–0x5B, 0x5D–0x7E (printable ASCII without space, " and \).
_CHARSET = re.compile(r"^[\x21\x23-\x5b\x5d-\x7e]*$")
# TC260 coding guide: 27 chars = "00" + 20-char subject code + 5-char service extension (position 23 = type).
PROVIDER_CODE = re.compile(r"^00[0-9A-Z]{20}[0-9A-Z]{5}$")
Severity = Literal["error", "warning", "info"]
Level = Literal["error", "warning", "ignore"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding about a file's labels: a stable code, how bad it is, where, and a sentence for people."""

    code: str
    severity: Severity
    message: str
    location: str = ""

    def to_json(self) -> dict[str, str]:
        out = {"code": self.code, "severity": self.severity, "message": self.message}
        if self.location:
            out["location"] = self.location
        return out


@dataclass(frozen=True, slots=True)
class LabelRules:
    """Choices the standard leaves open or that we could not verify (regulations.md §1.3, §9.1).

    - write_shape: which JSON shape `encode` writes ("flat" as in the TC260 guides and real files, or "nested"
      as in Annex E b)).
    - missing_producer: severity when ContentProducer/ProduceID are empty (§6.1 a) lists them; Tencent's API
      treats them as optional).
    - provider_code: severity when a producer/propagator value is not a 27-character TC260 code (plain names
      occur in real files).
    - charset: severity when a value leaves the Annex E j) character set ("should consist mainly of").
    """

    write_shape: Literal["flat", "nested"] = "flat"
    missing_producer: Level = "warning"
    provider_code: Level = "warning"
    charset: Level = "warning"


DEFAULT_RULES = LabelRules()


@dataclass(frozen=True, slots=True)
class LabelRecord:
    """One implicit label found in a file: where, the raw text, the parsed fields, and what is wrong with it."""

    location: str
    raw: str
    fields: Mapping[str, Any] | None  # None when the text is not a JSON/YAML object
    shape: str = ""  # "nested", "flat" or "yaml"
    problems: tuple[Problem, ...] = ()

    @property
    def valid(self) -> bool:
        return self.fields is not None and not any(p.severity == "error" for p in self.problems)

    @property
    def label(self) -> str | None:
        val = (self.fields or {}).get("Label")
        return val if isinstance(val, str) else None

    def to_json(self) -> dict[str, Any]:
        return {
            "location": self.location, "shape": self.shape, "valid": self.valid,
            "fields": dict(self.fields) if self.fields is not None else None,
            "problems": [p.to_json() for p in self.problems],
        }


class _DuplicateKey(ValueError):
    pass


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for k, v in pairs:
        if k in seen:
            raise _DuplicateKey(k)
        seen[k] = v
    return seen


def parse_record(raw: str | Mapping[str, Any], location: str, rules: LabelRules = DEFAULT_RULES) -> LabelRecord:
    """Parse one stored label (JSON text, possibly HTML-escaped, or an already-decoded mapping) and validate it."""
    if isinstance(raw, Mapping):
        obj: Any = raw
        text = json.dumps({str(k): v if isinstance(v, (str, int, float, bool, type(None))) else f"<{type(v).__name__}>"
                           for k, v in raw.items()}, ensure_ascii=False)
        shape = "yaml"
    else:
        text = raw.strip().strip("\x00")
        if len(text) > MAX_RECORD_CHARS:
            return LabelRecord(location, text[:200], None, "", (Problem(
                "RECORD_TOO_LARGE", "error", f"label record is {len(text)} characters (limit {MAX_RECORD_CHARS})",
                location),))
        try:
            obj = _loads(text)
        except _DuplicateKey as exc:
            return LabelRecord(location, text, None, "", (Problem(
                "DUPLICATE_KEY", "error", f"key {exc.args[0]!r} appears twice in the label JSON", location),))
        except ValueError as exc:
            return LabelRecord(location, text, None, "", (Problem(
                "JSON_INVALID", "error", f"label value is not valid JSON: {exc}", location),))
        shape = ""
    if not isinstance(obj, Mapping):
        return LabelRecord(location, text, None, "", (Problem(
            "NOT_AN_OBJECT", "error", f"label value must be a JSON object, got {type(obj).__name__}", location),))
    if "AIGC" in obj and isinstance(obj["AIGC"], Mapping):
        extra = [k for k in obj if k != "AIGC"]
        inner = obj["AIGC"]
        shape = shape or "nested"
        pre = [Problem("UNKNOWN_FIELD", "warning", f"unexpected key(s) beside 'AIGC': {extra}", location)] if extra \
            else []
    else:
        inner, shape, pre = obj, shape or "flat", []
    fields = {str(k): v if isinstance(v, (str, int, float, bool, type(None))) else f"<{type(v).__name__}>"
              for k, v in inner.items()} if shape == "yaml" else dict(inner)
    return LabelRecord(location, text, fields, shape, tuple(pre + validate(fields, location, rules)))


def _loads(text: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_pairs)
    except _DuplicateKey:
        raise
    except ValueError:
        if "&" in text:  # real XMP packets carry entity-escaped JSON (&quot;) or double-escaped values
            return json.loads(html.unescape(text), object_pairs_hook=_pairs)
        raise


def _level(level: Level, code: str, message: str, location: str) -> list[Problem]:
    return [] if level == "ignore" else [Problem(code, level, message, location)]


def validate(fields: Mapping[str, Any], location: str = "", rules: LabelRules = DEFAULT_RULES) -> list[Problem]:
    """Annex E checks on the seven fields; errors make the record invalid, warnings only report."""
    out: list[Problem] = []
    for k in fields:
        if k not in FIELDS:
            out.append(Problem("UNKNOWN_FIELD", "warning", f"unknown field {k!r} (Annex E defines {list(FIELDS)})",
                               location))
    for k in FIELDS:
        if k in fields and not isinstance(fields[k], str):
            out.append(Problem("FIELD_TYPE", "error", f"{k} must be a string, got {type(fields[k]).__name__} "
                               f"{fields[k]!r}", location))
    label = fields.get("Label")
    if label is None or label == "":
        out.append(Problem("LABEL_MISSING", "error", "Label is missing (Annex E c) requires \"1\", \"2\" or \"3\")",
                           location))
    elif isinstance(label, str) and label not in LABEL_VALUES:
        out.append(Problem("LABEL_INVALID", "error", f"Label {label!r} is not \"1\", \"2\" or \"3\" (Annex E c))",
                           location))
    for k in ("ContentProducer", "ProduceID"):
        if not fields.get(k):
            out += _level(rules.missing_producer, "PRODUCER_MISSING", f"{k} is empty (GB 45438 §6.1 a))", location)
    for k in ("ContentProducer", "ContentPropagator"):
        val = fields.get(k)
        if isinstance(val, str) and val:
            msg = provider_code_problem(val)
            if msg:
                out += _level(rules.provider_code, "PROVIDER_CODE", f"{k} {val!r}: {msg}", location)
    for k in FIELDS:
        val = fields.get(k)
        if isinstance(val, str) and not _CHARSET.match(val):
            bad = sorted({c for c in val if not _CHARSET.match(c)})
            out += _level(rules.charset, "CHARSET", f"{k} has characters outside Annex E j): {bad[:5]}", location)
    return out


def provider_code_problem(value: str) -> str | None:
    """Why a value is not a 27-character TC260 provider code, or None if it is one."""
    if len(value) != 27:
        return f"not a 27-character provider code (length {len(value)})"
    if not PROVIDER_CODE.match(value):
        return "provider code must be '00' + 25 digits or upper-case letters"
    if value[22] not in "012":
        return f"service-type digit (position 23) is {value[22]!r}, expected 1 (generation) or 2 (propagation)"
    return None


def encode(fields: Mapping[str, str], rules: LabelRules = DEFAULT_RULES) -> str:
    """The JSON text to store: Annex E field order, all seven keys, compact, ASCII-only."""
    obj = {k: str(fields.get(k) or "") for k in FIELDS}
    body = {"AIGC": obj} if rules.write_shape == "nested" else obj
    return json.dumps(body, ensure_ascii=True, separators=(",", ":"))


def cross_check(records: Iterable[LabelRecord]) -> list[Problem]:
    """§6.1 c): a file should hold one record; several that disagree are an error, naming the fields."""
    recs = [r for r in records if r.fields is not None]
    if len(recs) < 2:
        return []
    locs = ", ".join(r.location for r in recs)
    out = [Problem("MULTIPLE_RECORDS", "warning", f"{len(recs)} label records found (GB 45438 §6.1 c) allows one): "
                   f"{locs}")]
    base = recs[0]
    for other in recs[1:]:
        diff = [k for k in FIELDS if str(base.fields.get(k) or "") != str(other.fields.get(k) or "")]  # type: ignore[union-attr]
        if diff:
            detail = "; ".join(f"{k}: {base.fields.get(k)!r} vs {other.fields.get(k)!r}" for k in diff)  # type: ignore[union-attr]
            out.append(Problem("CONFLICTING_RECORDS", "error",
                               f"records at {base.location} and {other.location} disagree on {detail}"))
    return out


@dataclass(frozen=True, slots=True)
class Propagation:
    """What a platform writes (标识办法 Art. 6 closing paragraph): its code, its content number, the label."""

    propagator: str
    propagate_id: str
    label: str | None = None  # None: keep the producer's Label
    reserved_code2: str = ""

    def apply(self, existing: Mapping[str, Any] | None) -> dict[str, str]:
        """The record to write: the producer's fields kept, the propagation fields replaced."""
        base = {k: v for k, v in (existing or {}).items() if k in FIELDS and isinstance(v, str)}
        if self.label is not None:
            base["Label"] = self.label
        base["ContentPropagator"] = self.propagator
        base["PropagateID"] = self.propagate_id
        base["ReservedCode2"] = self.reserved_code2  # the previous propagator's signature no longer holds
        return {k: base.get(k, "") for k in FIELDS}


def check_propagation_args(propagator: str, propagate_id: str) -> list[str]:
    """Problems with what the platform is about to write (the platform controls these, so be strict)."""
    out = []
    for name, val in (("propagator", propagator), ("propagate-id", propagate_id)):
        if not val:
            out.append(f"{name} must not be empty")
        elif not _CHARSET.match(val):
            out.append(f"{name} {val!r} has characters outside GB 45438 Annex E j) (printable ASCII, no space, "
                       f"quote or backslash)")
    return out
