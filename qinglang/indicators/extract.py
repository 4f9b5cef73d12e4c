"""Candidate indicators in a request's views: handle-shaped tokens, URLs and hosts, QR payloads, PDQ hashes.

Deliberately light and context-free: a candidate is only a lookup key, and a bank hit is itself the evidence,
so a bare `abc_777` with no 加微信 in front still matches a known handle (that is the point of a shared list).
Works on the canonical text (full-width, look-alike and decorated spellings already folded), maps spans back
to the original, and reads URLs from the original so that case-sensitive invite codes survive.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from ..detectors.base import Views
from ..errors import IndicatorError
from . import normalize as nz

_URL = re.compile(r"(?:https?://)?(?:[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?::\d{1,5})?"
                  r"(?:/[-A-Za-z0-9._~%!$&*+,;=:@/?#]*)?")
_TOKEN = re.compile(r"(?<![-_a-z0-9])[a-z0-9][-_a-z0-9]{4,29}(?![-_a-z0-9])")
_PHONE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d){8}(?!\d)")


@dataclass(frozen=True, slots=True)
class Candidate:
    kind: str
    value: str
    field: str
    start: int  # ORIGINAL offsets in the field; 0, 0 for a whole image
    end: int
    media_index: int | None = None

    @property
    def indicator(self) -> str:
        return f"{self.kind}:{self.value}"


def candidates(views: Views) -> list[Candidate]:
    out: dict[tuple[str, str, str, int], Candidate] = {}

    def put(c: Candidate) -> None:
        out.setdefault((c.kind, c.value, c.field, c.start), c)

    for name, nt in views.items():
        if name.endswith(".qr"):
            pos = 0
            for line in nt.original.split("\n"):
                a, b = pos, pos + len(line)
                pos = b + 1
                if line.strip():
                    put(Candidate("qr", nz.normalize("qr", line), name, a, b))
                    _url_candidates(line, name, a, b, put)
            continue
        taken: list[tuple[int, int]] = []
        for m in _URL.finditer(nt.text):
            if "." not in m.group() or m.group().replace(".", "").isdigit():
                continue
            a, b = nt.span(m.start(), m.end())
            raw = unicodedata.normalize("NFKC", nt.original[a:b])
            if _url_candidates(raw, name, a, b, put):
                taken.append((m.start(), m.end()))
        for m in _PHONE.finditer(nt.text):
            a, b = nt.span(m.start(), m.end())
            try:
                put(Candidate("phone", nz.phone(m.group()), name, a, b))
            except IndicatorError:
                pass
        for m in _TOKEN.finditer(nt.text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            tok = m.group()
            a, b = nt.span(m.start(), m.end())
            for kind in ("wechat", "qq", "phone"):
                try:
                    put(Candidate(kind, nz.normalize(kind, tok), name, a, b))
                except IndicatorError:
                    pass
    for info in views.media:
        if getattr(info, "pdq", None):
            put(Candidate("pdq", info.pdq, f"media[{info.index}]", 0, 0, info.index))
    return list(out.values())


def _url_candidates(raw: str, name: str, a: int, b: int, put: Callable[[Candidate], None]) -> bool:
    u = nz.url(raw)
    if u is None:
        return False
    put(Candidate("url", u, name, a, b))
    host = u.split("/", 1)[0].split(":", 1)[0]
    for d in nz.parents(host):
        put(Candidate("domain", d, name, a, b))
    return True
