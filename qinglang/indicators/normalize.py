"""Canonical indicator values, so that two platforms hashing the same handle get the same digest.

An indicator is written ``kind:value`` (the same form as `Evidence.value`, e.g. ``wechat:abc_777``).
Kinds: wechat, qq, phone, url, domain, qr, pdq. Hash form (for sharing lists between platforms):
``sha256(salt + kind + ":" + value)`` in lowercase hex, UTF-8, with an empty salt for plain hashed lists.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import urlsplit

from ..errors import IndicatorError

KINDS = ("wechat", "qq", "phone", "url", "domain", "qr", "pdq")

_WECHAT = re.compile(r"[a-z0-9][-_a-z0-9]{4,29}")
_QQ = re.compile(r"[1-9][0-9]{4,11}")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_HOST = re.compile(r"(?:[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[-a-z0-9]{2,59})")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]{0,15}://", re.IGNORECASE)


def normalize(kind: str, raw: str) -> str:
    """The canonical value of one indicator; IndicatorError if it is not a valid value of that kind."""
    if kind not in KINDS:
        raise IndicatorError(f"unknown indicator kind {kind!r}; known: {', '.join(KINDS)}")
    v = unicodedata.normalize("NFKC", str(raw)).strip()
    if not v:
        raise IndicatorError(f"empty {kind} indicator")
    if kind == "wechat":
        v = v.lower()
        if not _WECHAT.fullmatch(v):
            raise IndicatorError(f"{raw!r} is not a WeChat ID (5–30 letters, digits, '_' or '-')")
        return v
    if kind == "qq":
        if not _QQ.fullmatch(v):
            raise IndicatorError(f"{raw!r} is not a QQ number (5–12 digits)")
        return v
    if kind == "phone":
        return phone(v, raw)
    if kind == "url":
        out = url(v)
        if out is None:
            raise IndicatorError(f"{raw!r} is not a URL")
        return out
    if kind == "domain":
        out = domain(v)
        if out is None:
            raise IndicatorError(f"{raw!r} is not a domain name")
        return out
    if kind == "qr":
        return url(v) or " ".join(v.split())
    v = v.lower()
    if not _HEX64.fullmatch(v):
        raise IndicatorError(f"{raw!r} is not a PDQ hash (64 hex characters)")
    return v


def phone(v: str, raw: str | None = None) -> str:
    digits = "".join(c for c in v if c.isdigit())
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    elif len(digits) == 15 and digits.startswith("0086"):
        digits = digits[4:]
    if not 7 <= len(digits) <= 15:
        raise IndicatorError(f"{raw or v!r} is not a phone number")
    return digits


def domain(v: str) -> str | None:
    """Lowercase ASCII (IDNA) host without 'www.' or a trailing dot; None if it is not a host name."""
    v = v.strip().lower().rstrip(".")
    if _SCHEME.match(v) or "/" in v:
        v = urlsplit(v if _SCHEME.match(v) else "http://" + v).hostname or ""
    try:
        v = v.encode("idna").decode("ascii") if not v.isascii() else v
    except UnicodeError:
        return None
    if v.startswith("www."):
        v = v[4:]
    return v if _HOST.fullmatch(v) else None


def url(v: str) -> str | None:
    """host[:port]/path?query with the host canonical and scheme/fragment dropped; path case is kept (invite
    codes are case-sensitive). None if `v` does not look like a URL."""
    v = v.strip()
    if not v or any(c.isspace() for c in v):
        return None
    parts = urlsplit(v if _SCHEME.match(v) else "http://" + v)
    if parts.scheme.lower() not in ("http", "https"):
        return None
    try:
        host = domain(parts.hostname or "")
        port = parts.port
    except ValueError:
        return None
    if host is None:
        return None
    out = host + (f":{port}" if port and port not in (80, 443) else "")
    path = parts.path.rstrip("/")
    out += path
    if parts.query:
        out += "?" + parts.query
    return out


def parents(host: str) -> list[str]:
    """sub.evil.com → [sub.evil.com, evil.com] (never a bare TLD)."""
    labels = host.split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)]


def digest(kind: str, value: str, salt: str = "") -> str:
    """The shared-list form of a canonical indicator."""
    return hashlib.sha256(f"{salt}{kind}:{value}".encode()).hexdigest()


def parse(indicator: str) -> tuple[str, str]:
    """'wechat:Abc_777' → ('wechat', 'abc_777')."""
    kind, sep, value = indicator.partition(":")
    if not sep:
        raise IndicatorError(f"{indicator!r}: expected kind:value (kinds: {', '.join(KINDS)})")
    kind = kind.strip().lower()
    return kind, normalize(kind, value)
