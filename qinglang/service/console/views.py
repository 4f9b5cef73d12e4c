"""Console pages: queue, item view with highlighted evidence, one-key decisions, reports, appeals, dashboard.

Why one module: the pages share the caller check, the flash cookie, the page renderer and the lease and
decision rules of the forms; it should be split per page group (queue/items, reports/appeals, audit, dashboard)
when it grows further — left as one in the merge that brought the issue-21 console and the issue-13 routes
together (the console still reads `request.app.state`; the API routes use typed dependencies).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, Form, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from ...errors import QinglangError
from ...labels import LABELS
from ...report.names import ACTION_ZH, APPEAL_STATUS_ZH, AUDIT_ZH, SURFACE_ZH, campaign_zh, fmt_iso, fmt_time
from ...workflow import appeals, audit, queue, resolution
from ...workflow.config import LEVEL_ZH, REASON_ACTIONS, REASON_CODES
from ...workflow.reports import STATUS_ZH, category_name
from ..deps import COOKIE, Caller, authenticate, caller_for_token
from ..keys import ROLE_ZH
from .messages import FLASH_COOKIE, pop_flash, set_flash, zh_error

HERE = Path(__file__).resolve().parent
router = APIRouter(prefix="/console", include_in_schema=False)
templates = Jinja2Templates(directory=str(HERE / "templates"))
REASON_ZH = {"qa": "质检抽样", "review": "机审存疑", "report": "用户举报", "complaint": "企业投诉", "appeal": "申诉"}
STATUS_ITEM_ZH = {"pending": "待审", "disputed": "待复核", "decided": "已处置"}
TIME_KEYS = frozenset({"lease_until", "due_at", "expires_at", "started_at", "decided_at"})
ONE_KEY = [("1", "pass", "no_violation"), ("2", "label", "context.satire"), ("3", "limit", "violation.partial"),
           ("4", "block", "violation.confirmed"), ("5", "review", "escalate")]


def mount_static(app: FastAPI) -> None:
    app.mount("/console/static", StaticFiles(directory=str(HERE / "static")), name="console-static")


def install(app: FastAPI) -> None:
    """Console routes, static files, and HTML error pages for 404/422 under /console."""
    app.include_router(router)
    mount_static(app)

    @app.middleware("http")
    async def _console_errors(request: Request, call_next: Any) -> Response:
        resp = await call_next(request)
        path = request.url.path
        if (resp.status_code in (404, 405, 422) and path.startswith("/console")
                and not path.startswith("/console/static/") and not path.endswith("/renew")
                and "json" in resp.headers.get("content-type", "")):
            return error_page(request, 404 if resp.status_code == 405 else resp.status_code)
        return resp


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


def _json_zh(value: Any) -> str:
    """Audit payloads as readable JSON: Chinese stays Chinese (Jinja still HTML-escapes the result)."""
    if isinstance(value, dict):
        value = {k: fmt_time(v) if k in TIME_KEYS and isinstance(v, int | float) else v for k, v in value.items()}
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _page(request: Request, name: str, caller: Caller | None, status_code: int = 200, **ctx: Any) -> HTMLResponse:
    flash = pop_flash(request)
    resp = templates.TemplateResponse(request, name, {
        "caller": caller, "role_zh": ROLE_ZH, "action_zh": ACTION_ZH, "reason_zh": REASON_ZH, "labels": LABELS,
        "status_zh": STATUS_ITEM_ZH, "report_status_zh": STATUS_ZH, "appeal_zh": APPEAL_STATUS_ZH,
        "audit_zh": AUDIT_ZH, "surface_zh": SURFACE_ZH, "campaign_zh": campaign_zh, "fmt_time": fmt_time,
        "fmt_iso": fmt_iso, "fmt_left": fmt_left, "json_zh": _json_zh, "category_name": category_name,
        "level_zh": LEVEL_ZH,        "now": request.app.state.clock(), "flash": flash, **ctx}, status_code=status_code)
    if request.cookies.get(FLASH_COOKIE):
        resp.delete_cookie(FLASH_COOKIE, path="/console")
    return resp


def _login_redirect() -> RedirectResponse:
    return RedirectResponse("/console/login", status_code=303)


def _redirect(url: str, kind: str = "", text: str = "") -> Response:
    resp = RedirectResponse(url, status_code=303)
    return set_flash(resp, kind, text) if text else resp


def error_page(request: Request, status_code: int) -> HTMLResponse:
    """Friendly Chinese page for 404/422 under /console (the JSON API keeps its problem documents)."""
    caller = _caller(request)
    text = {404: "页面不存在", 422: "提交的内容不完整或格式不对"}.get(status_code, "请求未能完成")
    return _page(request, "error.html", caller, status_code=status_code, code=status_code, text=text)


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    return RedirectResponse("/console/static/favicon.svg", status_code=308)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> HTMLResponse:
    return _page(request, "login.html", None, error="")


@router.post("/login")
def login(request: Request, key: Annotated[str, Form(max_length=200)]) -> Response:
    caller = caller_for_token(request.app.state, key.strip())
    if caller is None:
        return _page(request, "login.html", None, status_code=401, error="密钥无效或已吊销")
    if not caller.can("reviewer", "auditor"):
        return _page(request, "login.html", None, status_code=403, error="该密钥的角色无权使用审核台")
    resp = RedirectResponse("/console/", status_code=303)
    resp.set_cookie(COOKIE, key.strip(), httponly=True, samesite="strict",
                    secure=request.app.state.settings.secure_cookies, max_age=12 * 3600)
    return resp


@router.get("/logout")
def logout() -> Response:
    resp = _login_redirect()
    resp.delete_cookie(COOKIE)
    return resp


def _matches(item: Any, rec: Any, f: dict[str, str], now: float) -> bool:
    if rec is None:
        return not any(f.values())
    if f["q"]:
        q = f["q"].lower()
        hay = [rec.content_id, rec.author_id or ""] + [str(ev.get("text", "")) for lab in rec.decision.get(
            "labels", []) for ev in lab.get("evidence", [])] + [str(ev.get("normalized", "")) for lab in
                                                               rec.decision.get("labels", [])
                                                               for ev in lab.get("evidence", [])]
        if not any(q in h.lower() for h in hay):
            return False
    if f["label"] and f["label"] not in {lab for lab, _ in rec.labels}:
        return False
    if f["campaign"] and f["campaign"] not in {c for _, c in rec.labels}:
        return False
    if f["surface"] and rec.content.get("surface", "feed") != f["surface"]:
        return False
    if f["due_hours"]:
        try:
            if item is None or item.due_at - now > float(f["due_hours"]) * 3600:
                return False
        except ValueError:
            return False
    return True


@router.get("/", response_class=HTMLResponse)
def queue_page(request: Request, q: Annotated[str, Query(max_length=200)] = "",
               label: Annotated[str, Query(max_length=64)] = "", campaign: Annotated[str, Query(max_length=64)] = "",
               surface: Annotated[str, Query(max_length=32)] = "",
               due_hours: Annotated[str, Query(max_length=8)] = "") -> Response:
    caller = _caller(request)
    if caller is None:
        return _login_redirect()
    f = {"q": q.strip(), "label": label, "campaign": campaign, "surface": surface, "due_hours": due_hours}
    now = request.app.state.clock()
    with request.app.state.store.transaction(readonly=True) as tx:
        items = tx.open_reviews(limit=500)
        decisions = {i.content_id: tx.get_decision(i.content_id) for i in items}
        found = None
        if f["q"] and not any(i.content_id == f["q"] for i in items):
            found = tx.get_decision(f["q"])  # an id outside the queue still opens its page
    items = [i for i in items if _matches(i, decisions.get(i.content_id), f, now)][:200]
    return _page(request, "queue.html", caller, items=items, decisions=decisions, f=f, found=found,
                 campaigns=campaign_choices(), surfaces=SURFACE_ZH)


def campaign_choices() -> dict[str, str]:
    from ...report.names import campaign_titles

    return campaign_titles()


@router.post("/claim-next")
def claim_next(request: Request) -> Response:
    caller = _caller(request)
    if caller is None or not caller.can("reviewer"):
        return _login_redirect()
    st = request.app.state
    with st.store.transaction() as tx:
        item = queue.claim_next(tx, st.workflow, reviewer=caller.actor, now=st.clock())
    if item is None:
        return _redirect("/console/", "ok", "队列中暂无您可领取的内容。")
    return _redirect(f"/console/items/{quote(item.content_id)}")


def _shared_indicators(tx: Any, rec: Any) -> list[dict[str, Any]]:
    """Other stored items whose evidence carries the same contact handle, URL or QR payload as this one."""
    keys: dict[str, str] = {}
    for lab in rec.decision.get("labels", []):
        name = str(lab.get("label", ""))
        if not any(t in name for t in ("contact", "drainage", "link", "url", "qr", "gambling", "illegal")):
            continue
        for ev in lab.get("evidence", []):
            val = str(ev.get("normalized") or ev.get("text") or "").strip().lower()
            if len(val) >= 4:
                keys[val] = name
    if not keys:
        return []
    out = []
    for other in tx.list_decisions(limit=1000):
        if other.content_id == rec.content_id:
            continue
        vals = {str(ev.get("normalized") or ev.get("text") or "").strip().lower()
                for lab in other.decision.get("labels", []) for ev in lab.get("evidence", [])}
        hit = sorted(vals & keys.keys())
        if hit:
            out.append({"content_id": other.content_id, "author": other.author_id, "value": hit[0],
                        "action": other.final_action or other.action})
    return out[:50]


@router.get("/items/{content_id}", response_class=HTMLResponse)
def item_page(request: Request, content_id: str) -> Response:
    caller = _caller(request)
    if caller is None:
        return _login_redirect()
    st = request.app.state
    now = st.clock()
    with st.store.transaction(readonly=True) as tx:
        rec = tx.get_decision(content_id)
        item = tx.get_review(content_id)
        reps = tx.reports_for(content_id)
        apps = tx.appeals_for(content_id)
        trail = tx.audit_entries(subject=f"content:{content_id}", limit=500)
        history: dict[str, Any] = {}
        shared: list[dict[str, Any]] = []
        if rec is not None:
            if rec.author_id:
                history = {"violations": tx.violations(rec.author_id, since=0.0),
                           "sanctions": tx.sanctions(rec.author_id),
                           "author_trail": tx.audit_entries(subject=f"account:{rec.author_id}", limit=50)}
            shared = _shared_indicators(tx, rec)
    if rec is None:
        return _page(request, "missing.html", caller, status_code=404, content_id=content_id)
    fields = [(name, highlight(rec.content.get(name) or "", _spans(rec.decision, name)))
              for name in ("title", "text") if rec.content.get(name)]
    media = [{"m": m, "boxes": _boxes(rec.decision, i)} for i, m in enumerate(rec.content.get("media") or [])]
    holds = bool(item and item.claimed_by == caller.actor and item.lease_until > now)
    excluded = bool(item and caller.actor in item.exclude)
    taken = bool(item and item.claimed_by and item.claimed_by != caller.actor and item.lease_until > now)
    return _page(request, "item.html", caller, rec=rec, item=item, reports=reps, appeals=apps, trail=trail,
                 fields=fields, media=media, holds=holds, excluded=excluded, taken=taken, one_key=ONE_KEY,
                 reason_codes=REASON_CODES, reason_actions={k: sorted(v) for k, v in REASON_ACTIONS.items()},
                 history=history, shared=shared, report_total=sum(r.count for r in reps),
                 warn_seconds=min(60, st.workflow.lease_seconds // 3))


@router.post("/items/{content_id}/claim")
def claim_item(request: Request, content_id: str) -> Response:
    return _act(request, content_id, lambda tx, st, c: queue.claim(tx, st.workflow, content_id, reviewer=c.actor,
                                                                   now=st.clock()), "已领取，请在时限内处置。")


@router.post("/items/{content_id}/renew")
def renew_item(request: Request, content_id: str) -> Response:
    """Extend the lease while the item page is open (called by console.js); JSON for the page script."""
    caller = _caller(request)
    if caller is None or not caller.can("reviewer"):
        return JSONResponse({"ok": False, "message": "登录已失效，请重新登录。"}, status_code=401)
    st = request.app.state
    now = st.clock()
    try:
        with st.store.transaction() as tx:
            held = tx.get_review(content_id)
            if held is None or held.claimed_by != caller.actor or held.lease_until <= now:
                return JSONResponse({"ok": False, "message": "领取已过期，请重新领取后再提交。"}, status_code=409)
            item = queue.claim(tx, st.workflow, content_id, reviewer=caller.actor, now=now)
    except QinglangError as exc:
        return JSONResponse({"ok": False, "message": zh_error(exc)}, status_code=409)
    return JSONResponse({"ok": True, "lease_until": item.lease_until, "now": now,
                         "lease_until_text": fmt_time(item.lease_until)})


def _check_pair(action: str, reason: str, note: str) -> str | None:
    if action not in ACTION_ZH or reason not in REASON_CODES:
        return "请选择处置和理由。"
    if action not in REASON_ACTIONS[reason]:
        allowed = "、".join(ACTION_ZH[a] for a in ACTION_ZH if a in REASON_ACTIONS[reason])
        return f"处置“{ACTION_ZH[action]}”与理由“{REASON_CODES[reason]}”矛盾：该理由只能配合 {allowed}。"
    if action == "block" and not note.strip():
        return "拦截须填写备注，说明依据。"
    return None


@router.post("/items/{content_id}/decide")
def decide_item(request: Request, content_id: str, action: Annotated[str, Form(max_length=16)] = "",
                reason: Annotated[str, Form(max_length=64)] = "", note: Annotated[str, Form(max_length=2000)] = ""
                ) -> Response:
    problem = _check_pair(action, reason, note)
    if problem:
        caller = _caller(request)
        if caller is None:
            return _login_redirect()
        return _redirect(f"/console/items/{quote(content_id)}", "error", problem)

    def run(tx: Any, st: Any, c: Caller) -> Any:
        now = st.clock()
        item = tx.get_review(content_id)
        if item and item.status != "decided" and not (item.claimed_by == c.actor and item.lease_until > now):
            # the lease ran out while the reviewer read: take it again if nobody else holds it, so the decision
            # is not lost; if someone else holds it, the error below says so and names the unsent choice
            queue.claim(tx, st.workflow, content_id, reviewer=c.actor, now=now)
        return resolution.decide(tx, st.workflow, content_id, reviewer=c.actor, action=action, reason=reason, note=note,
                            now=now)

    unsent = f"您的处置（{ACTION_ZH[action]} · {REASON_CODES[reason]}）未提交："
    return _act(request, content_id, run, None, next_item=True, unsent=unsent)


def _act(request: Request, content_id: str, fn: Any, ok_text: str | None, *, next_item: bool = False,
         unsent: str = "") -> Response:
    caller = _caller(request)
    if caller is None or not caller.can("reviewer"):
        return _login_redirect()
    st = request.app.state
    here = f"/console/items/{quote(content_id)}"
    try:
        with st.store.transaction() as tx:
            result = fn(tx, st, caller)
    except QinglangError as exc:
        return _redirect(here, "error", unsent + zh_error(exc))
    if not next_item:
        return _redirect(here, "ok", ok_text or "已完成。")
    if result.status == "disputed":
        done = f"已提交 {content_id}：与机审或举报结论不一致，已转交另一位审核员复核。"
    else:
        last = result.reviews[-1] if result.reviews else {}
        done = f"已提交 {content_id}：终审{ACTION_ZH.get(str(last.get('action')), '')}。"
    with st.store.transaction() as tx:
        nxt = queue.claim_next(tx, st.workflow, reviewer=caller.actor, now=st.clock())
    if nxt is None:
        return _redirect("/console/", "ok", done + " 队列已清空。")
    return _redirect(f"/console/items/{quote(nxt.content_id)}", "ok", done + f" 已为您领取下一条 {nxt.content_id}。")


@router.get("/reports", response_class=HTMLResponse)
def reports_page(request: Request) -> Response:
    caller = _caller(request)
    if caller is None:
        return _login_redirect()
    with request.app.state.store.transaction(readonly=True) as tx:
        reps = tx.list_reports(limit=200)
    return _page(request, "reports.html", caller, reports=reps)


@router.get("/appeals", response_class=HTMLResponse)
def appeals_page(request: Request) -> Response:
    caller = _caller(request)
    if caller is None:
        return _login_redirect()
    with request.app.state.store.transaction(readonly=True) as tx:
        apps = tx.list_appeals(limit=200)
    return _page(request, "appeals.html", caller, appeals=apps)


@router.post("/appeals/{appeal_id}/decide")
def decide_appeal(request: Request, appeal_id: str, upheld: Annotated[str, Form(max_length=8)] = "",
                  note: Annotated[str, Form(max_length=2000)] = "") -> Response:
    caller = _caller(request)
    if caller is None or not caller.can("reviewer"):
        return _login_redirect()
    if upheld not in ("0", "1"):
        return _redirect("/console/appeals", "error", "请选择申诉成立或驳回。")
    if not note.strip():
        return _redirect("/console/appeals", "error", "处理申诉须填写备注，说明理由。")
    st = request.app.state
    try:
        with st.store.transaction() as tx:
            appeals.decide(tx, st.workflow, appeal_id, reviewer=caller.actor, upheld=upheld == "1", note=note,
                           now=st.clock())
    except QinglangError as exc:
        return _redirect("/console/appeals", "error", zh_error(exc))
    text = "申诉成立，已改判为通过并撤销相应违规记录。" if upheld == "1" else "申诉已驳回，维持原处置。"
    return _redirect("/console/appeals", "ok", f"{appeal_id}：{text}")


@router.get("/blocks", response_class=HTMLResponse)
def blocks_page(request: Request) -> Response:
    """Automatic blocks no human has looked at, for spot checks (送抽查 puts one in the queue)."""
    caller = _caller(request)
    if caller is None:
        return _login_redirect()
    with request.app.state.store.transaction(readonly=True) as tx:
        recs = [r for r in tx.list_decisions(limit=500) if r.action == "block" and r.final_action is None]
        queued = {r.content_id for r in recs if (i := tx.get_review(r.content_id)) and i.status != "decided"}
    return _page(request, "blocks.html", caller, recs=recs[:200], queued=queued)


@router.post("/blocks/{content_id}/check")
def spot_check(request: Request, content_id: str) -> Response:
    caller = _caller(request)
    if caller is None or not caller.can("reviewer"):
        return _login_redirect()
    st = request.app.state
    with st.store.transaction() as tx:
        if tx.get_decision(content_id) is None:
            return _redirect("/console/blocks", "error", "未找到该内容。")
        queue.enqueue(tx, st.workflow, content_id, "qa", now=st.clock(), actor=caller.actor)
    return _redirect(f"/console/items/{quote(content_id)}", "ok", "已送入审核队列抽查；改判为通过即撤销拦截。")


def dashboard_data(tx: Any, now: float) -> dict[str, Any]:
    from ...report.build import dashboard_figures

    return dashboard_figures(tx, now=now)


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard(request: Request) -> Response:
    caller = _caller(request)
    if caller is None:
        return _login_redirect()
    st = request.app.state
    with st.store.transaction(readonly=True) as tx:
        c = tx.counts(now=st.clock())
        figs = dashboard_data(tx, st.clock())
    days = sorted({d for d, _ in c.by_day_action}, reverse=True)
    actions = ["pass", "label", "limit", "review", "block"]
    campaigns: dict[str, int] = {}
    for (camp, _lab), n in c.by_campaign_label.items():
        campaigns[campaign_zh(camp)] = campaigns.get(campaign_zh(camp), 0) + n
    from ...report.charts import bars, stacked_days

    charts = {"chart_days": stacked_days(figs["per_day"], title="近14天每日处置条数（按专项）"),
              "chart_age": bars(figs["queue_age"], title="待审内容已等待时长"),
              "chart_sla": bars({"未超时": c.open_reviews - figs["overdue"], "已超时": figs["overdue"],
                                 "申诉维持": figs["appeals_decided"] - figs["overturned"],
                                 "申诉改判": figs["overturned"]},
                                title="时限与申诉改判")}
    return _page(request, "dashboard.html", caller, counts=c, days=days, actions=actions, campaigns=campaigns,
                 labels_rows=sorted(c.by_campaign_label.items(), key=lambda kv: -kv[1]), figs=figs, **charts)


@router.get("/report", response_class=HTMLResponse)
def report_page(request: Request, start: Annotated[str, Query(alias="from", max_length=10)] = "",
                end: Annotated[str, Query(alias="to", max_length=10)] = "",
                view: Annotated[str, Query(max_length=4)] = "") -> Response:
    """The campaign report for a period: HTML here, or the PDF / CSV files `qinglang report campaign` writes."""
    import datetime as dt
    import tempfile

    from ...report.build import build_report
    from ...report.names import CN_TZ
    from ...report.render import render_html, write_csv, write_pdf

    caller = _caller(request)
    if caller is None:
        return _login_redirect()
    st = request.app.state
    today = dt.datetime.fromtimestamp(st.clock(), CN_TZ).date()
    if not view:
        return _page(request, "report.html", caller, start=today.replace(day=1).isoformat(), end=today.isoformat())
    try:
        d0, d1 = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    except ValueError:
        return _redirect("/console/report", "error", "请填写有效的起止日期。")
    if d1 < d0 or (d1 - d0).days > 366:
        return _redirect("/console/report", "error", "止日期须不早于起日期，且期间不超过一年。")
    with st.store.transaction(readonly=True) as tx:
        rep = build_report(tx, st.workflow, d0, d1, now=st.clock())
    if view == "csv" or view == "pdf":
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"report.{view}"
            (write_csv if view == "csv" else write_pdf)(rep, path)
            data = path.read_bytes()
        name = f"qinglang-report-{d0}-{d1}.{view}"
        mime = "text/csv; charset=utf-8" if view == "csv" else "application/pdf"
        return Response(data, media_type=mime, headers={"Content-Disposition": f'attachment; filename="{name}"'})
    return HTMLResponse(render_html(rep))


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, after: Annotated[int, Query(ge=0, le=2**63 - 1)] = 0,
               actor: Annotated[str, Query(max_length=200)] = "", action: Annotated[str, Query(max_length=64)] = "",
               subject: Annotated[str, Query(max_length=300)] = "") -> Response:
    caller = _caller(request)
    if caller is None:
        return _login_redirect()
    if not caller.can("auditor"):
        return _page(request, "denied.html", caller, status_code=403)
    with request.app.state.store.transaction(readonly=True) as tx:
        if subject.strip():
            rows = tx.audit_entries(subject=subject.strip(), limit=1000)
        else:
            last = tx.last_audit()
            start = after or max(0, (last.seq if last else 0) - (2000 if actor or action else 200))
            rows = tx.audit_entries(after=start, limit=2000)
    rows = [e for e in rows if (not actor or e.actor == actor.strip()) and (not action or e.action == action)]
    return _page(request, "audit.html", caller, entries=list(reversed(rows[-200:])),
                 f={"actor": actor, "action": action, "subject": subject})


@router.post("/audit/verify")
def audit_verify(request: Request) -> Response:
    caller = _caller(request)
    if caller is None or not caller.can("auditor"):
        return _login_redirect()
    from ...store.ports import iter_audit

    v = audit.verify(iter_audit(request.app.state.store))
    if v.ok:
        return _redirect("/console/audit", "ok", f"哈希链完整：共 {v.entries} 条，链头 {v.head[:12]}。")
    return _redirect("/console/audit", "error", f"哈希链校验失败：第 {v.bad_seq} 条不符（{v.reason}）。")
