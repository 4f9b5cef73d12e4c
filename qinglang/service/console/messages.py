"""Console feedback: Chinese texts for workflow errors, and flash messages in a signed cookie.

The flash cookie carries only a message the server wrote, signed with a per-process key, so no URL parameter
can make a page render arbitrary text (the old `?error=` parameter was a phishing aid).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import secrets

from fastapi import Request
from fastapi.responses import Response

from ...errors import Conflict, Forbidden, InvalidContent, NotFound, QinglangError

FLASH_COOKIE = "ql_flash"
_KEY = secrets.token_bytes(32)

_PATTERNS: list[tuple[type[QinglangError], str, str]] = [
    (Forbidden, r"made the first decision", "您已做出首次处置，该内容须由另一位审核员复核。"),
    (Forbidden, r"made the contested decision", "您做出了被申诉的处置，须由另一位审核员处理该申诉。"),
    (Conflict, r"already decided", "该内容已终审，无需再处置。"),
    (Conflict, r"claim item .* first", "领取已过期或未领取：请重新领取后再提交（您的选择未丢失，见下方表单）。"),
    (Conflict, r"is claimed by", "该内容已被其他审核员领取，请稍后再试或领取下一条。"),
    (Conflict, r"appeal .* is already", "该申诉已处理。"),
    (NotFound, r"", "未找到该内容或记录。"),
    (InvalidContent, r"", "提交的处置无效，请检查处置与理由。"),
]


def zh_error(exc: QinglangError) -> str:
    for cls, pat, text in _PATTERNS:
        if isinstance(exc, cls) and re.search(pat, exc.message):
            return text
    return "操作未成功，请刷新页面后重试。"


def _sign(raw: bytes) -> str:
    return hmac.new(_KEY, raw, hashlib.sha256).hexdigest()[:32]


def set_flash(resp: Response, kind: str, text: str) -> Response:
    raw = json.dumps({"k": kind, "t": text}, ensure_ascii=False).encode()
    value = base64.urlsafe_b64encode(raw).decode() + "." + _sign(raw)
    resp.set_cookie(FLASH_COOKIE, value, httponly=True, samesite="strict", max_age=60, path="/console")
    return resp


def pop_flash(request: Request) -> dict[str, str] | None:
    """The signed message set by the previous response, or None (a forged or stale cookie is ignored)."""
    value = request.cookies.get(FLASH_COOKIE, "")
    body, _, sig = value.rpartition(".")
    try:
        raw = base64.urlsafe_b64decode(body.encode())
    except ValueError:
        return None
    if not body or not hmac.compare_digest(_sign(raw), sig):
        return None
    try:
        msg = json.loads(raw)
    except ValueError:
        return None
    if msg.get("k") not in ("ok", "error", "warn"):
        return None
    return {"kind": msg["k"], "text": str(msg.get("t", ""))[:300]}
