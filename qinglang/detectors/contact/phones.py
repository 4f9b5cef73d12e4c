"""Phone numbers: mobile and landline shapes, in any digit style (一三八, ①③⑧…), split by spaces or symbols."""

from __future__ import annotations

import re

from .base import Handle
from .compact import Compact
from .tables import CJK, NUM_CHARS, NUM_TABLE

# All linear: every repetition consumes a character its neighbours cannot.
_D = f"[0-9{NUM_CHARS}]"
_DSEP = rf"[^0-9a-z{CJK}\n。！？；：（）()【】]"
_DIGITS_BODY = rf"{_D}(?:{_DSEP}{{0,3}}{_D}){{4,}}(?![0-9a-z])"
_DIGITS_RE = re.compile(rf"(?<![0-9a-z]){_DIGITS_BODY}")
DIGITS_AT_RE = re.compile(_DIGITS_BODY)  # anchored right after a cue: "qq12345678", "tel138…"
DIGITS_HINT = re.compile(rf"{_D}(?:{_DSEP}{{0,3}}{_D}){{4}}")  # starts with a class: fast scan, no lookbehind

_PLAIN_NUMBER = re.compile(r"[0-9]{3,}(?:[ \-][0-9]{3,}){0,3}")


def digits_disguised(raw: str) -> bool:
    """True unless the number is written the ordinary way (138 0013 8000, 0755-86013388)."""
    return _PLAIN_NUMBER.fullmatch(raw) is None


def mobile(digits: str) -> str | None:
    """The 11-digit mainland mobile number in `digits` (a +86 / 0086 prefix dropped), or None."""
    if digits.startswith("0086") and len(digits) == 15:
        digits = digits[4:]
    if digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if len(digits) == 11 and digits[0] == "1" and digits[1] in "3456789":
        return digits
    return None


def landline(digits: str) -> str | None:
    """`digits` when it is shaped like a landline with its area code (0xx…, 10–12 digits), or None."""
    if 10 <= len(digits) <= 12 and digits[0] == "0" and digits[1] != "0":
        return digits
    return None


MAX_CHUNKS = 64  # digit groups looked at per run (a phone number split digit by digit has 11)


def numbers(compact: Compact) -> list[Handle]:
    """Phone numbers not bound to a cue: any digit style, split by spaces or symbols."""
    text = compact.text
    out = []
    for m in _DIGITS_RE.finditer(text):
        raw = m.group()
        chunks = [(c.start(), c.end()) for c in re.finditer(f"{_D}+", raw)][:MAX_CHUNKS]
        if len(chunks) >= 5 and all(e - s == 2 for s, e in chunks):
            continue  # 03 09 12 18 25 31: a list of two-digit numbers (a lottery draw, scores), never a phone
        found = None
        for i in range(len(chunks)):
            acc = ""
            for j in range(i, len(chunks)):
                acc += raw[chunks[j][0]:chunks[j][1]]
                if len(acc) > 13:
                    break
                digits = acc.translate(NUM_TABLE)
                num = mobile(digits) or (landline(digits) if "-" in raw or len(chunks) > 1 else None)
                if num is not None:
                    found = (m.start() + chunks[i][0], m.start() + chunks[j][1], num, digits)
            if found:
                break
        if not found:
            continue
        a, b, num, digits = found
        pk = "phone" if mobile(digits) else "landline"
        obf = compact.touched(a, b) or digits_disguised(text[a:b])
        out.append(Handle(pk, f"phone:{num}", a, b, f"contact.{pk}" + (".obfuscated" if obf else ""),
                          0.35 if pk == "phone" else 0.2))
    return out
