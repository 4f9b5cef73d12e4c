"""What every console page shares: who the caller is, the page renderer (flash message, names in Chinese), redirects
with a flash, the friendly error page and the evidence highlighter. The pages live in `auth`, `items` (queue, item
page, decisions), `cases` (reports, appeals, spot checks of automatic blocks), `oversight` (dashboard, campaign
report, audit log), `lexicon` and `live_views`; `views.install` mounts them all."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from ...errors import QinglangError
from ...labels import LABELS
from ...report.names import ACTION_ZH, APPEAL_STATUS_ZH, AUDIT_ZH, SURFACE_ZH, campaign_zh, fmt_iso, fmt_time
from ...workflow.config import LEVEL_ZH
from ...workflow.reports import STATUS_ZH, category_name
from ..deps import Caller, authenticate
from ..keys import ROLE_ZH
from .messages import FLASH_COOKIE, pop_flash, set_flash

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
REASON_ZH = {"qa": "质检抽样", "review": "机审存疑", "report": "用户举报", "complaint": "企业投诉", "appeal": "申诉"}
STATUS_ITEM_ZH = {"pending": "待审", "disputed": "待复核", "decided": "已处置"}
TIME_KEYS = frozenset({"lease_until", "due_at", "expires_at", "started_at", "decided_at"})


def fmt_left(seconds: float) -> str:
    sign = "超时 " if seconds < 0 else ""
    s = abs(int(seconds))
    return f"{sign}{s // 3600}小时{s % 3600 // 60}分"


def highlight(text: str, spans: list[tuple[int, int, str]]) -> Markup:
    """The original text, HTML-escaped, with evidence spans (code-point offsets) wrapped in <mark>."""
    marks: list[tuple[int, int, list[str]]] = []
    for a, b, title in sorted(spans):
        a, b = max(0, a), min(len(text), b)
        if a >= b:
            continue
        if marks and a < marks[-1][1]:  # overlapping evidence: merge, keep every title
            pa, pb, titles = marks[-1]
            marks[-1] = (pa, max(pb, b), [*titles, title])
        else:
            marks.append((a, b, [title]))
    out, pos = [], 0
    for a, b, titles in marks:
        out.append(str(escape(text[pos:a])))
        out.append(f'<mark title="{escape("; ".join(titles))}">{escape(text[a:b])}</mark>')
        pos = b
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))



def console_caller(request: Request) -> Caller | None:
    try:
        c = authenticate(request)
    except QinglangError:
        return None
    return c if c.can("reviewer", "auditor") else None


def json_zh(value: Any) -> str:
    """Audit payloads as readable JSON: Chinese stays Chinese (Jinja still HTML-escapes the result)."""
    if isinstance(value, dict):
        value = {k: fmt_time(v) if k in TIME_KEYS and isinstance(v, int | float) else v for k, v in value.items()}
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def render(request: Request, name: str, caller: Caller | None, status_code: int = 200, **ctx: Any) -> HTMLResponse:
    flash = pop_flash(request)
    resp = templates.TemplateResponse(request, name, {
        "caller": caller, "role_zh": ROLE_ZH, "action_zh": ACTION_ZH, "reason_zh": REASON_ZH, "labels": LABELS,
        "status_zh": STATUS_ITEM_ZH, "report_status_zh": STATUS_ZH, "appeal_zh": APPEAL_STATUS_ZH,
        "audit_zh": AUDIT_ZH, "surface_zh": SURFACE_ZH, "campaign_zh": campaign_zh, "fmt_time": fmt_time,
        "fmt_iso": fmt_iso, "fmt_left": fmt_left, "json_zh": json_zh, "category_name": category_name,
        "level_zh": LEVEL_ZH, "now": request.app.state.clock(), "flash": flash, **ctx}, status_code=status_code)
    if request.cookies.get(FLASH_COOKIE):
        resp.delete_cookie(FLASH_COOKIE, path="/console")
    return resp


def login_redirect() -> RedirectResponse:
    return RedirectResponse("/console/login", status_code=303)


def redirect(url: str, kind: str = "", text: str = "") -> Response:
    resp = RedirectResponse(url, status_code=303)
    return set_flash(resp, kind, text) if text else resp


def error_page(request: Request, status_code: int) -> HTMLResponse:
    """Friendly Chinese page for 404/422 under /console (the JSON API keeps its problem documents)."""
    caller = console_caller(request)
    text = {404: "页面不存在", 422: "提交的内容不完整或格式不对"}.get(status_code, "请求未能完成")
    return render(request, "error.html", caller, status_code=status_code, code=status_code, text=text)
