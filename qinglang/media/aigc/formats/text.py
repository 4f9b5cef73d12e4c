"""Markdown and plain text: the YAML front matter ``AIGC:`` mapping (TC260-PG-20258A §6.5, per one
implementation), and the body text for the explicit-label check. Plain text has no metadata container."""

from __future__ import annotations

import re

import yaml

from ..errors import MediaError
from ..label import FIELDS
from .base import Found, Scan, has_aigc_key

MAX_FRONT_MATTER = 64 * 1024
_FM = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MediaError(f"text: not UTF-8 (invalid byte at offset {exc.start})") from None


def front_matter(text: str) -> tuple[re.Match[str] | None, dict | None]:
    m = _FM.match(text[:MAX_FRONT_MATTER + 16])
    if m is None:
        return None, None
    try:
        obj = yaml.safe_load(m.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" (line {mark.line + 2})" if mark is not None else ""
        raise MediaError(f"markdown: front matter is not valid YAML{line}") from None
    return m, obj if isinstance(obj, dict) else None


def read(data: bytes, fmt: str) -> Scan:
    text = decode(data)
    scan = Scan(fmt)
    m, obj = front_matter(text)
    scan.text = text[m.end():] if m else text
    if obj:
        for key, val in obj.items():
            if isinstance(key, str) and has_aigc_key(key):
                # only scalars leave here: a YAML alias bomb must never be expanded by str() or json.dumps
                value = val if isinstance(val, dict) else val if isinstance(val, str) else f"<{type(val).__name__}>"
                scan.found.append(Found(f"{fmt}:front-matter:{key}", value))
    elif fmt == "text" and m is None:
        scan.notes.append("plain text has no metadata container; only the explicit label can be checked")
    return scan


def _quote(v: str) -> str:
    return "'" + v.replace("'", "''") + "'"


def _block(fields: dict[str, str]) -> str:
    return "AIGC:\n" + "".join(f"  {k}: {_quote(fields.get(k, ''))}\n" for k in FIELDS)


def write(data: bytes, fields: dict[str, str]) -> bytes:
    """Set the front-matter `AIGC:` mapping; other keys and the body are kept as written."""
    text = decode(data)
    bom = "\ufeff" if data.startswith(b"\xef\xbb\xbf") else ""
    m, _obj = front_matter(text)
    block = _block(fields)
    if m is None:
        return (bom + "---\n" + block + "---\n" + text).encode("utf-8")
    body = m.group(1)
    lines = body.splitlines(keepends=True)
    kept: list[str] = []
    skipping = False
    for line in lines:
        if re.match(r"^[\"']?[A-Za-z_]*AIGC[\"']?\s*:", line, re.I):
            skipping = True
            continue
        if skipping and (line.startswith((" ", "\t")) or not line.strip()):
            continue
        skipping = False
        kept.append(line)
    new_body = "".join(kept)
    if new_body and not new_body.endswith("\n"):
        new_body += "\n"
    out = text[:m.start(1)] + new_body + block + text[m.end(1):].lstrip("\r\n")
    check, obj = front_matter(out)
    if check is None or not isinstance(obj, dict) or not isinstance(obj.get("AIGC"), dict):
        raise MediaError("markdown: could not rewrite the front matter safely")
    return (bom + out.lstrip("\ufeff")).encode("utf-8")
