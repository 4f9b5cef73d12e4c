"""Console pages: queue, item view with highlighted evidence, one-key decisions, reports, appeals, dashboard."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from ...errors import QinglangError
from ...labels import LABELS
from ...store.ports import Store
from ...store.views import CN_TZ
from ...workflow import appeals, queue, resolution
from ...workflow.config import REASON_CODES
from ...workflow.reports import STATUS_ZH, category_name
from ..deps import COOKIE, Caller, ClockDep, SettingsDep, StoreDep, WorkflowDep, authenticate, caller_for_token
from ..keys import ROLE_ZH

HERE = Path(__file__).resolve().parent
router = APIRouter(prefix="/console", include_in_schema=False)
templates = Jinja2Templates(directory=str(HERE / "templates"))
ACTION_ZH = {"pass": "通过", "label": "标注", "limit": "限流", "review": "人工审核", "block": "拦截"}
REASON_ZH = {"qa": "质检抽样", "review": "机审存疑", "report": "用户举报", "complaint": "企业投诉", "appeal": "申诉"}
STATUS_ITEM_ZH = {"pending": "待审", "disputed": "待复核", "decided": "已处置"}
ONE_KEY = [("1", "pass", "no_violation"), ("2", "label", "context.satire"), ("3", "limit", "violation.partial"),
           ("4", "block", "violation.confirmed"), ("5", "review", "escalate")]


def mount_static(app: FastAPI) -> None:
    app.mount("/console/static", StaticFiles(directory=str(HERE / "static")), name="console-static")


def fmt_time(ts: float | None) -> str:
    if ts is None:
        return "永久"
    return dt.datetime.fromtimestamp(ts, CN_TZ).strftime("%Y-%m-%d %H:%M:%S")


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


def _spans(decision: dict[str, Any], field: str) -> list[tuple[int, int, str]]:
    return [(ev["start"], ev["end"], f'{lab["label"]} · {ev.get("rule") or lab.get("rule", "")}')
            for lab in decision.get("labels", []) for ev in lab.get("evidence", []) if ev.get("field") == field]


def _boxes(decision: dict[str, Any], index: int) -> list[dict[str, Any]]:
    out = []
    for lab in decision.get("labels", []):
        for ev in lab.get("evidence", []):
            if ev.get("bbox") and str(ev.get("field", "")).startswith(f"media[{index}]"):
                x0, y0, x1, y1 = ev["bbox"]
                out.append({"x": x0, "y": y0, "w": x1 - x0, "h": y1 - y0, "title": lab["label"]})
    return out


def _caller(request: Request) -> Caller | None:
    try:
        c = authenticate(request)
    except QinglangError:
        return None
    return c if c.can("reviewer", "auditor") else None


def _page(request: Request, name: str, caller: Caller, now: float, **ctx: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, {
        "caller": caller, "role_zh": ROLE_ZH, "action_zh": ACTION_ZH, "reason_zh": REASON_ZH, "labels": LABELS,
        "status_zh": STATUS_ITEM_ZH, "report_status_zh": STATUS_ZH, "fmt_time": fmt_time, "fmt_left": fmt_left,
        "category_name": category_name, "now": now, **ctx})


def _login_redirect() -> RedirectResponse:
    return RedirectResponse("/console/login", status_code=303)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, error: str = "") -> HTMLResponse:
    return templates.TemplateResponse(request, "login.html", {"error": error, "caller": None})


@router.post("/login")
def login(request: Request, key: Annotated[str, Form(max_length=200)], settings: SettingsDep) -> Response:
    caller = caller_for_token(request.app.state, key.strip())  # the per-worker key cache
    if caller is None:
        return templates.TemplateResponse(request, "login.html", {"error": "密钥无效或已吊销", "caller": None},
                                          status_code=401)
    if not caller.can("reviewer", "auditor"):
        return templates.TemplateResponse(request, "login.html", {"error": "该密钥的角色无权使用审核台",
                                                                  "caller": None}, status_code=403)
    resp = RedirectResponse("/console/", status_code=303)
    resp.set_cookie(COOKIE, key.strip(), httponly=True, samesite="strict",
                    secure=settings.secure_cookies, max_age=12 * 3600)
    return resp


@router.get("/logout")
def logout() -> Response:
    resp = _login_redirect()
    resp.delete_cookie(COOKIE)
    return resp


@router.get("/", response_class=HTMLResponse)
def queue_page(request: Request, store: StoreDep, clock: ClockDep) -> Response:
    caller = _caller(request)
    if caller is None:
        return _login_redirect()
    with store.transaction(readonly=True) as tx:
        items = tx.open_reviews(limit=200)
        decisions = {i.content_id: tx.get_decision(i.content_id) for i in items}
    return _page(request, "queue.html", caller, clock(), items=items, decisions=decisions)


@router.post("/claim-next")
def claim_next(request: Request, store: StoreDep, wf: WorkflowDep, clock: ClockDep) -> Response:
    caller = _caller(request)
    if caller is None or not caller.can("reviewer"):
        return _login_redirect()
    item = store.write(lambda tx: queue.claim_next(tx, wf, reviewer=caller.actor, now=clock()))
    return RedirectResponse(f"/console/items/{item.content_id}" if item else "/console/?empty=1", status_code=303)


@router.get("/items/{content_id}", response_class=HTMLResponse)
def item_page(request: Request, content_id: str, store: StoreDep, clock: ClockDep, error: str = "") -> Response:
    caller = _caller(request)
    if caller is None:
        return _login_redirect()
    now = clock()
    with store.transaction(readonly=True) as tx:
        rec = tx.get_decision(content_id)
        item = tx.get_review(content_id)
        reps = tx.reports_for(content_id)
        apps = tx.appeals_for(content_id)
        trail = tx.audit_entries(subject=f"content:{content_id}", limit=500)
    if rec is None:
        return _page(request, "missing.html", caller, now, content_id=content_id)
    fields = [(name, highlight(rec.content.get(name) or "", _spans(rec.decision, name)))
              for name in ("title", "text") if rec.content.get(name)]
    media = [{"m": m, "boxes": _boxes(rec.decision, i)} for i, m in enumerate(rec.content.get("media") or [])]
    holds = bool(item and item.claimed_by == caller.actor and item.lease_until > now)
    return _page(request, "item.html", caller, now, rec=rec, item=item, reports=reps, appeals=apps, trail=trail,
                 fields=fields, media=media, holds=holds, one_key=ONE_KEY, reason_codes=REASON_CODES, error=error)


@router.post("/items/{content_id}/claim")
def claim_item(request: Request, content_id: str, store: StoreDep, wf: WorkflowDep, clock: ClockDep) -> Response:
    return _act(request, store, content_id, lambda tx, c: queue.claim(tx, wf, content_id, reviewer=c.actor,
                                                                      now=clock()))


@router.post("/items/{content_id}/decide")
def decide_item(request: Request, content_id: str, action: Annotated[str, Form(max_length=16)],
                reason: Annotated[str, Form(max_length=64)], store: StoreDep, wf: WorkflowDep, clock: ClockDep,
                note: Annotated[str, Form(max_length=2000)] = "") -> Response:
    return _act(request, store, content_id, lambda tx, c: resolution.decide(
        tx, wf, content_id, reviewer=c.actor, action=action, reason=reason, note=note, now=clock()))


def _act(request: Request, store: Store, content_id: str, fn: Any) -> Response:
    caller = _caller(request)
    if caller is None or not caller.can("reviewer"):
        return _login_redirect()
    try:
        store.write(lambda tx: fn(tx, caller))
    except QinglangError as exc:
        from urllib.parse import quote

        return RedirectResponse(f"/console/items/{quote(content_id)}?error={quote(exc.message)}", status_code=303)
    return RedirectResponse(f"/console/items/{content_id}", status_code=303)


@router.get("/reports", response_class=HTMLResponse)
def reports_page(request: Request, store: StoreDep, clock: ClockDep) -> Response:
    caller = _caller(request)
    if caller is None:
        return _login_redirect()
    with store.transaction(readonly=True) as tx:
        reps = tx.list_reports(limit=200)
    return _page(request, "reports.html", caller, clock(), reports=reps)


@router.get("/appeals", response_class=HTMLResponse)
def appeals_page(request: Request, store: StoreDep, clock: ClockDep, error: str = "") -> Response:
    caller = _caller(request)
    if caller is None:
        return _login_redirect()
    with store.transaction(readonly=True) as tx:
        apps = tx.list_appeals(limit=200)
    return _page(request, "appeals.html", caller, clock(), appeals=apps, error=error)


@router.post("/appeals/{appeal_id}/decide")
def decide_appeal(request: Request, appeal_id: str, upheld: Annotated[str, Form(max_length=8)],
                  store: StoreDep, wf: WorkflowDep, clock: ClockDep,
                  note: Annotated[str, Form(max_length=2000)] = "") -> Response:
    caller = _caller(request)
    if caller is None or not caller.can("reviewer"):
        return _login_redirect()
    try:
        store.write(lambda tx: appeals.decide(tx, wf, appeal_id, reviewer=caller.actor, upheld=upheld == "1",
                                              note=note, now=clock()))
    except QinglangError as exc:
        from urllib.parse import quote

        return RedirectResponse(f"/console/appeals?error={quote(exc.message)}", status_code=303)
    return RedirectResponse("/console/appeals", status_code=303)


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard(request: Request, store: StoreDep, clock: ClockDep) -> Response:
    caller = _caller(request)
    if caller is None:
        return _login_redirect()
    now = clock()
    with store.transaction(readonly=True) as tx:
        c = tx.counts(now=now)
    days = sorted({d for d, _ in c.by_day_action}, reverse=True)
    actions = ["pass", "label", "limit", "review", "block"]
    campaigns: dict[str, int] = {}
    for (camp, _lab), n in c.by_campaign_label.items():
        campaigns[camp or "—"] = campaigns.get(camp or "—", 0) + n
    return _page(request, "dashboard.html", caller, now, counts=c, days=days, actions=actions, campaigns=campaigns,
                 labels_rows=sorted(c.by_campaign_label.items(), key=lambda kv: -kv[1]))


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, store: StoreDep, clock: ClockDep,
               after: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0) -> Response:
    caller = _caller(request)
    if caller is None:
        return _login_redirect()
    if not caller.can("auditor"):
        return _page(request, "denied.html", caller, clock())
    with store.transaction(readonly=True) as tx:
        last = tx.last_audit()
        start = after or max(0, (last.seq if last else 0) - 200)
        rows = tx.audit_entries(after=start, limit=200)
    return _page(request, "audit.html", caller, clock(), entries=list(reversed(rows)))
