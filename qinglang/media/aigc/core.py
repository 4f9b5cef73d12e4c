"""Inspect a file's AI-generation labels and mark it as the propagation platform (标识办法 Art. 6).

`inspect_bytes` → `Report` (format, implicit records, cross-record problems, C2PA, explicit label, outcome).
`mark_bytes` adds the platform's propagation fields (and optionally a visible label) and re-reads its output.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from . import c2pa_read, explicit
from .errors import MediaError
from .formats import audio, bmff, jpeg, ooxml, pdf, png, riff, text
from .formats.base import Scan
from .label import (
    DEFAULT_RULES,
    LABEL_VALUES,
    LabelRecord,
    LabelRules,
    Problem,
    Propagation,
    check_propagation_args,
    cross_check,
    encode,
    parse_record,
)

DEFAULT_MAX_BYTES = 512 * 1024 * 1024
FORMATS = ("png", "jpeg", "webp", "mp4", "mp3", "wav", "flac", "ogg", "pdf", "docx", "xlsx", "pptx", "ooxml",
           "markdown", "text")
IMAGE_FORMATS = ("png", "jpeg", "webp")
TEXT_FORMATS = ("markdown", "text")
_READERS: dict[str, Any] = {
    "png": png.read, "jpeg": jpeg.read, "webp": riff.read_webp, "wav": riff.read_wav, "mp4": bmff.read,
    "mp3": audio.read_mp3, "flac": lambda d: audio.read_vorbis("flac", d), "ogg": lambda d: audio.read_vorbis("ogg", d),
    "pdf": pdf.read, "docx": ooxml.read, "xlsx": ooxml.read, "pptx": ooxml.read, "ooxml": ooxml.read,
    "markdown": lambda d: text.read(d, "markdown"), "text": lambda d: text.read(d, "text"),
}
_WRITERS: dict[str, Any] = {
    "png": png.write, "jpeg": jpeg.write, "webp": riff.write_webp, "wav": riff.write_wav, "mp4": bmff.write,
    "mp3": audio.write_mp3, "flac": lambda d, v: audio.write_vorbis("flac", d, v),
    "ogg": lambda d, v: audio.write_vorbis("ogg", d, v), "pdf": pdf.write, "docx": ooxml.write,
    "xlsx": ooxml.write, "pptx": ooxml.write, "ooxml": ooxml.write,
}


_UNSUPPORTED = ((b"GIF8", "GIF"), (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"), (b"\x1aE\xdf\xa3", "Matroska/WebM"),
                (b"FLV", "FLV"), (b"RIFFAVI ", "AVI"))


def sniff(data: bytes, name: str | None = None) -> str:
    """The container format from magic bytes (the file name only decides Markdown vs plain text)."""
    head = data[:16]
    if head.startswith(png.SIGNATURE):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "wav"
    if head[4:8] in (b"ftyp", b"moov", b"mdat", b"wide", b"free", b"skip") and len(data) >= 8:
        return "mp4"
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0 and
                                   (name or "").lower().endswith(".mp3")):
        return "mp3"
    if head.startswith(b"fLaC"):
        return "flac"
    if head.startswith(b"OggS"):
        return "ogg"
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        k = ooxml.kind(data)
        if k:
            return k
        raise MediaError("zip file that is not an OOXML document (no [Content_Types].xml)")
    for magic, what in _UNSUPPORTED:
        if head.startswith(magic) or (magic[:4] == b"RIFF" and head[:4] == b"RIFF" and head[8:12] == magic[4:]):
            raise MediaError(f"{what} files are not supported yet; supported: {', '.join(FORMATS)}")
    suffix = Path(name or "").suffix.lower()
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise MediaError(f"unsupported or unrecognised binary format ({name or 'data'}); supported: "
                         f"{', '.join(FORMATS)}")
    if suffix in (".md", ".markdown") or data.lstrip(b"\xef\xbb\xbf").startswith(b"---"):
        return "markdown"
    return "text"


@dataclass(frozen=True, slots=True)
class Outcome:
    """The platform's duty for this item (标识办法 Art. 6 cases 1–3) and whether it lacks a valid label."""

    level: Literal["confirmed", "possible", "suspected"] | None
    rule: str  # aigc.implicit.confirmed / aigc.declared.possible / aigc.trace.suspected / aigc.none
    label_value: str | None  # the Annex E Label the platform writes ("1"/"2"/"3")
    evidence: tuple[str, ...] = ()
    unlabeled: bool = False  # generation evidence but no valid label

    def to_json(self) -> dict[str, Any]:
        return {"level": self.level, "rule": self.rule, "label": self.label_value, "evidence": list(self.evidence),
                "unlabeled": self.unlabeled}


@dataclass(frozen=True, slots=True)
class Report:
    """Everything `qinglang aigc inspect` says about one file (the --json shape is documented in docs/aigc.md)."""

    format: str
    size: int
    records: tuple[LabelRecord, ...]
    problems: tuple[Problem, ...]
    c2pa: c2pa_read.C2paSummary
    explicit: explicit.ExplicitCheck | None
    outcome: Outcome
    notes: tuple[str, ...] = ()
    path: str | None = None

    @property
    def valid_record(self) -> LabelRecord | None:
        """The label in force: the first valid record, unless records conflict (then none is trustworthy)."""
        if any(p.code == "CONFLICTING_RECORDS" for p in self.problems):
            return None
        return next((r for r in self.records if r.valid), None)

    def to_json(self) -> dict[str, Any]:
        v = self.valid_record
        return {
            "path": self.path, "format": self.format, "size": self.size,
            "implicit": {"present": bool(self.records), "valid": v is not None,
                         "fields": dict(v.fields) if v is not None and v.fields is not None else None,
                         "records": [r.to_json() for r in self.records]},
            "explicit": self.explicit.to_json() if self.explicit is not None else None,
            "c2pa": self.c2pa.to_json(),
            "outcome": self.outcome.to_json(),
            "problems": [p.to_json() for p in self.all_problems()],
            "notes": list(self.notes),
        }

    def all_problems(self) -> list[Problem]:
        out = [p for r in self.records for p in r.problems] + list(self.problems)
        if self.explicit is not None:
            out += list(self.explicit.problems)
        return out


def read_limited(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, refusing files over `max_bytes` before reading them."""
    try:
        size = os.stat(path).st_size
        if size > max_bytes:
            raise MediaError(f"{path}: {size} bytes exceeds the {max_bytes}-byte limit")
        with open(path, "rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as exc:
        raise MediaError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise MediaError(f"{path}: grew past the {max_bytes}-byte limit while reading")
    return data


def scan(data: bytes, fmt: str) -> Scan:
    """Run the container parser; any parser bug on hostile input becomes a MediaError, never a traceback."""
    try:
        return _READERS[fmt](data)
    except MediaError:
        raise
    except RecursionError:
        raise MediaError(f"{fmt}: structure nested too deeply") from None
    except (ValueError, IndexError, KeyError, TypeError, UnicodeError, OverflowError, MemoryError) as exc:
        raise MediaError(f"{fmt}: malformed file ({type(exc).__name__}: {exc})") from None


def inspect_bytes(
    data: bytes, *, name: str | None = None, rules: LabelRules = DEFAULT_RULES, check_explicit: bool = True,
    ocr: bool = True, read_c2pa: bool = True, declared_ai: bool | None = None, path: str | None = None,
    min_height_ratio: float = explicit.MIN_HEIGHT_RATIO, supplied: tuple[LabelRecord, ...] = (),
) -> Report:
    """Read and judge every label of one file (see `Report`); `supplied` are records the caller read from the
    same file beforehand (`metadata_records`), judged with the file's own (a conflict between them is reported)."""
    fmt = sniff(data, name)
    sc = scan(data, fmt)
    records = tuple(parse_record(f.value, f.location, rules) for f in sc.found) + supplied
    problems = cross_check(records)
    c2 = c2pa_read.read(data, fmt, sc.c2pa_embedded) if read_c2pa else c2pa_read.C2paSummary(
        present=sc.c2pa_embedded, reason="C2PA not read")
    exp: explicit.ExplicitCheck | None = None
    if check_explicit:
        if fmt in TEXT_FORMATS:
            exp = explicit.check_text(sc.text or "")
        elif fmt in IMAGE_FORMATS and ocr:
            exp = explicit.check_image(data, min_height_ratio=min_height_ratio)
        elif fmt == "mp4" and ocr and path is not None:
            exp = explicit.check_video(path, min_height_ratio=min_height_ratio)
    notes = list(sc.notes)
    rep = Report(fmt, len(data), records, tuple(problems), c2, exp, Outcome(None, "aigc.none", None), tuple(notes),
                 path)
    return _with_outcome(rep, declared_ai, tuple(sc.traces))


def metadata_records(metadata: Any, location: str, rules: LabelRules = DEFAULT_RULES) -> tuple[LabelRecord, ...]:
    """The implicit labels in metadata a platform extracted from a file itself (`MediaRef.metadata`), parsed and
    validated like a label read here. Where a platform keeps it: GB 45438 Annex E a) names the field by "AIGC" in its
    name, so any key containing ``AIGC`` at any depth holds one (``AIGC``, XMP ``TC260:AIGC``, ID3 ``TXXX:AIGC``,
    under an ``EXIF`` / ``XMP`` group), as an object or as the JSON text a file stores; and a text value that carries
    the record after the word AIGC (an EXIF ``UserComment`` of ``AIGC={...}``, a tool's ``AIGC Label=1
    ContentProducer=…`` line) holds one too. Bounded: `_WALK_DEPTH` levels, `_WALK_ITEMS` values."""
    if not isinstance(metadata, dict):
        return ()
    out: list[LabelRecord] = []
    for where, key, value in _walk(metadata, location):
        if "AIGC" in key.upper():
            if isinstance(value, dict):
                value = json.dumps(value, ensure_ascii=False)  # judged as the JSON text a file would hold
            elif isinstance(value, str):
                value = _record_text(value, whole=True)
            else:
                value = json.dumps(value)  # parse_record reports NOT_AN_OBJECT
            out.append(parse_record(value, where, rules))
        elif isinstance(value, str) and "AIGC" in value.upper():
            text = _record_text(value[value.upper().index("AIGC") + 4:], whole=False)
            if text:
                out.append(parse_record(text, where, rules))
    return tuple(out)


_WALK_DEPTH = 4
_MANIFEST_DEPTH = 10  # a C2PA store as c2pa-python reports it: manifests → id → assertions → data → actions → …
_WALK_ITEMS = 256
_KEY_VALUE = re.compile(r"([A-Za-z][A-Za-z0-9]*)\s*[=:：]\s*\"?([^\s,;，；\"{}]*)\"?")


def _walk(obj: Any, where: str, depth: int = 0, seen: list[int] | None = None, limit: int = _WALK_DEPTH) -> Any:
    """(location, key, value) for the keys of a metadata object, depth first, `limit` levels and `_WALK_ITEMS`
    values; a key naming AIGC is not entered."""
    seen = [0] if seen is None else seen
    items = obj.items() if isinstance(obj, dict) else ((str(i), v) for i, v in enumerate(obj))
    for key, value in items:
        seen[0] += 1
        if seen[0] > _WALK_ITEMS:
            return
        here = f"{where}.{key}" if isinstance(obj, dict) else f"{where}[{key}]"
        yield here, str(key), value
        if "AIGC" not in str(key).upper() and isinstance(value, (dict, list)) and depth < limit:
            yield from _walk(value, here, depth + 1, seen, limit)


def _record_text(text: str, *, whole: bool) -> str:
    """The label record a text holds: the JSON object in it (from its first brace to the matching one), else its
    ``Label=1 ContentProducer=…`` pairs as a JSON object; "" when neither (`whole`: the text is the field's own
    value, returned as it is for `parse_record` to judge)."""
    start = text.find("{")
    if start >= 0 and (whole or not text[:start].strip(" =:：\t\"'")):
        level = 0
        for i in range(start, len(text)):
            level += {"{": 1, "}": -1}.get(text[i], 0)
            if level == 0:
                return text[start:i + 1]
    pairs = dict(_KEY_VALUE.findall(text))
    if "Label" in pairs:
        return json.dumps(pairs, ensure_ascii=False)
    return text if whole else ""


def metadata_c2pa(metadata: Any) -> c2pa_read.C2paSummary | None:
    """A C2PA manifest the platform read and passed as metadata (under a key naming ``c2pa``, as JSON): AI
    generation by the same assertions `c2pa_read.summarize` reads (an action's ``digitalSourceType`` of a trained
    algorithm, a ``c2pa.ai-disclosure`` assertion). The signature is not verified here: the platform vouches for
    what it read. None when no such key."""
    if not isinstance(metadata, dict):
        return None
    found = [v for where, k, v in _walk(metadata, "") if "C2PA" in k.upper() and isinstance(v, (dict, list))]
    if not found:
        return None
    sources: list[str] = []
    ai = False
    for part in found:
        for _, key, value in _walk(part, "", 0, None, _MANIFEST_DEPTH):
            if not isinstance(value, str):
                continue
            if key == "digitalSourceType":
                sources.append(value)
                ai = ai or value.rsplit("/", 1)[-1] in c2pa_read.AI_SOURCE_TYPES
            elif key == "label" and value.startswith(("c2pa.ai-disclosure", "c2pa.ai_disclosure")):
                ai = True
    return c2pa_read.C2paSummary(present=True, readable=True, ai_generated=ai,
                                 digital_source_types=tuple(dict.fromkeys(sources)),
                                 reason="manifest passed in the item's metadata; signature not verified here")


def inspect_records(records: tuple[LabelRecord, ...], *, declared_ai: bool | None = None,
                    why_no_file: str = "", c2pa: c2pa_read.C2paSummary | None = None) -> Report:
    """Judge supplied metadata records (and a supplied C2PA manifest) alone, when the file itself cannot be read."""
    note = (f"file not read ({why_no_file}); judged on the metadata the caller supplied",) if why_no_file else ()
    c2 = c2pa if c2pa is not None else c2pa_read.C2paSummary(present=False, reason="no file read")
    rep = Report("metadata", 0, records, tuple(cross_check(records)), c2, None, Outcome(None, "aigc.none", None),
                 note)
    return _with_outcome(rep, declared_ai)


def inspect_path(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES, **kw: Any) -> Report:
    data = read_limited(path, max_bytes)
    return inspect_bytes(data, name=str(path), path=str(path), **kw)


def _with_outcome(rep: Report, declared_ai: bool | None, traces: tuple[str, ...] = ()) -> Report:
    """标识办法 Art. 6: metadata says so → confirmed; user declared → possible; traces only → suspected.

    Content counts as labelled when it carries a valid implicit label or a compliant visible one; a visible label
    without the implicit (metadata) label is reported as a warning with its reason (GB 45438 asks for both from
    the generating service), not as unlabelled content."""
    from dataclasses import replace

    valid = rep.valid_record
    evidence: list[str] = list(traces)
    if rep.records and valid is None:
        evidence.append("implicit label present but invalid or conflicting")
    if rep.c2pa.ai_generated:
        evidence.append("C2PA manifest declares AI generation (" + ", ".join(
            s.rsplit("/", 1)[-1] for s in rep.c2pa.digital_source_types) + ")")
    if rep.explicit is not None and rep.explicit.present:
        evidence.append("explicit AI label wording found")
    if declared_ai:
        evidence.insert(0, "user declared the content AI-generated")
    if valid is not None and valid.label in LABEL_VALUES:
        level = LABEL_VALUES[valid.label]
        out = Outcome(level, f"aigc.implicit.{level}", valid.label, (f"implicit label at {valid.location}",
                                                                     *evidence))  # type: ignore[arg-type]
    elif declared_ai:
        out = Outcome("possible", "aigc.declared.possible", "2", tuple(evidence))
    elif evidence:
        out = Outcome("suspected", "aigc.trace.suspected", "3", tuple(evidence))
    else:  # nothing says generated: a missing visible label is not a fault here
        exp = rep.explicit
        if exp is not None and exp.problems:
            exp = replace(exp, problems=tuple(replace(p, severity="info") for p in exp.problems))
        return replace(rep, explicit=exp, outcome=Outcome(None, "aigc.none", None))
    visible = rep.explicit is not None and rep.explicit.compliant
    problems = rep.problems
    if visible and valid is None:
        problems = (*problems, Problem(
            "IMPLICIT_MISSING", "warning", "a compliant visible label is present but no valid implicit (metadata) "
            "label: GB 45438 asks the generating service for both; the propagating platform should add one "
            "(qinglang aigc mark)", "explicit"))
    return replace(rep, problems=problems, outcome=replace(out, unlabeled=not (valid is not None or visible)))


@dataclass(frozen=True, slots=True)
class MarkResult:
    data: bytes
    format: str
    written: dict[str, str]
    outcome: Outcome
    explicit_added: bool
    notes: tuple[str, ...] = field(default=())
    before: Report | None = None
    after: Report | None = None


def mark_bytes(
    data: bytes, *, propagator: str, propagate_id: str, name: str | None = None, add_explicit: bool = False,
    declared_ai: bool | None = None, rules: LabelRules = DEFAULT_RULES, reserved_code2: str = "",
    draw: explicit.DrawSpec | None = None, text_where: Literal["start", "end", "both"] = "start",
) -> MarkResult:
    """Add the platform's propagation fields (and, with `add_explicit`, a visible label); other metadata kept."""
    bad = check_propagation_args(propagator, propagate_id)
    if bad:
        raise MediaError("; ".join(bad))
    before = inspect_bytes(data, name=name, rules=rules, ocr=False, declared_ai=declared_ai)
    fmt, out = before.format, before.outcome
    if out.level is None:
        raise MediaError("no generation evidence (no implicit label, C2PA assertion, explicit wording or user "
                         "declaration): nothing to mark; pass --declared if the user declared it AI-generated")
    base = before.valid_record or next((r for r in before.records if r.fields is not None), None)
    keep_label = before.valid_record is not None
    fields = Propagation(propagator, propagate_id, None if keep_label else out.label_value, reserved_code2).apply(
        base.fields if base is not None else None)
    notes: list[str] = []
    if before.c2pa.present:
        notes.append("the file carries a C2PA manifest: changing its metadata breaks the manifest's hard binding "
                     "(validation becomes Invalid) unless the platform signs an update manifest")
    body = data
    added = False
    if add_explicit:
        level = out.level
        existing = explicit.check_image(body) if fmt in IMAGE_FORMATS and explicit.ocr_available() else None
        if existing is not None and existing.compliant:
            notes.append("the image already carries a compliant visible label: none drawn")
        elif fmt in IMAGE_FORMATS:
            body = explicit.draw_image_label(body, fmt, level, draw or explicit.DrawSpec())
            added = True
        elif fmt in TEXT_FORMATS:
            body = _text_label(body, level, text_where)
            added = True
        else:
            notes.append(f"a visible label is not drawn into {fmt} files: show it beside the content (Art. 6)")
    if fmt in TEXT_FORMATS:
        if fmt == "markdown":
            body = text.write(body, fields)
        else:
            notes.append("plain text has no metadata container: the implicit label was not written")
    else:
        try:
            body = _WRITERS[fmt](body, encode(fields, rules))
        except MediaError:
            raise
        except (ValueError, IndexError, KeyError, TypeError, UnicodeError, OverflowError) as exc:
            raise MediaError(f"{fmt}: cannot write the label ({type(exc).__name__}: {exc})") from None
    after = inspect_bytes(body, name=name, rules=rules, ocr=False, read_c2pa=False, declared_ai=declared_ai)
    if "plain text" not in " ".join(notes):
        got = after.valid_record
        if got is None or any(str((got.fields or {}).get(k, "")) != v for k, v in fields.items() if v):
            raise MediaError(f"{fmt}: the written label did not read back intact; output not produced")
    return MarkResult(body, fmt, fields, out, added, tuple(notes), before, after)


def _text_label(data: bytes, level: Any, where: Literal["start", "end", "both"]) -> bytes:
    s = text.decode(data)
    m, _ = text.front_matter(s)
    head, rest = (s[:m.end()], s[m.end():]) if m else ("", s)
    return (head + explicit.add_text_label(rest, level, where)).encode("utf-8")
