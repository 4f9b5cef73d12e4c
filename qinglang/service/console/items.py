"""Console queue and item pages: filters, claim-next, the item view with highlighted evidence and the account's
history, leases (claim, renew), and one-key decisions with the reason that must fit the action."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from ...errors import QinglangError
from ...report.names import ACTION_ZH, SURFACE_ZH, fmt_time
from ...workflow import queue, resolution
from ...workflow.config import REASON_ACTIONS, REASON_CODES
from ..deps import Caller, ClockDep, StoreDep, WorkflowDep
from .messages import zh_error
from .pages import console_caller, highlight, login_redirect, redirect, render

router = APIRouter(prefix="/console", include_in_schema=False)
ONE_KEY = [("1", "pass", "no_violation"), ("2", "label", "context.satire"), ("3", "limit", "violation.partial"),
           ("4", "block", "violation.confirmed"), ("5", "review", "escalate")]


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
def queue_page(request: Request, store: StoreDep, clock: ClockDep, q: Annotated[str, Query(max_length=200)] = "",
               label: Annotated[str, Query(max_length=64)] = "", campaign: Annotated[str, Query(max_length=64)] = "",
               surface: Annotated[str, Query(max_length=32)] = "",
               due_hours: Annotated[str, Query(max_length=8)] = "") -> Response:
    caller = console_caller(request)
    if caller is None:
        return login_redirect()
    f = {"q": q.strip(), "label": label, "campaign": campaign, "surface": surface, "due_hours": due_hours}
    now = clock()
    with store.transaction(readonly=True) as tx:
        items = tx.open_reviews(limit=500)
        decisions = {i.content_id: tx.get_decision(i.content_id) for i in items}
        found = None
        if f["q"] and not any(i.content_id == f["q"] for i in items):
            found = tx.get_decision(f["q"])  # an id outside the queue still opens its page
    items = [i for i in items if _matches(i, decisions.get(i.content_id), f, now)][:200]
    return render(request, "queue.html", caller, items=items, decisions=decisions, f=f, found=found,
                  campaigns=campaign_choices(), surfaces=SURFACE_ZH)


def campaign_choices() -> dict[str, str]:
    from ...report.names import campaign_titles

    return campaign_titles()


@router.post("/claim-next")
def claim_next(request: Request, store: StoreDep, workflow: WorkflowDep, clock: ClockDep) -> Response:
    caller = console_caller(request)
    if caller is None or not caller.can("reviewer"):
        return login_redirect()
    with store.transaction() as tx:
        item = queue.claim_next(tx, workflow, reviewer=caller.actor, now=clock())
    if item is None:
        return redirect("/console/", "ok", "队列中暂无您可领取的内容。")
    return redirect(f"/console/items/{quote(item.content_id)}")


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
def item_page(request: Request, store: StoreDep, workflow: WorkflowDep, clock: ClockDep, content_id: str) -> Response:
    caller = console_caller(request)
    if caller is None:
        return login_redirect()
    now = clock()
    with store.transaction(readonly=True) as tx:
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
        return render(request, "missing.html", caller, status_code=404, content_id=content_id)
    fields = [(name, highlight(rec.content.get(name) or "", _spans(rec.decision, name)))
              for name in ("title", "text") if rec.content.get(name)]
    media = [{"m": m, "boxes": _boxes(rec.decision, i)} for i, m in enumerate(rec.content.get("media") or [])]
    holds = bool(item and item.claimed_by == caller.actor and item.lease_until > now)
    excluded = bool(item and caller.actor in item.exclude)
    taken = bool(item and item.claimed_by and item.claimed_by != caller.actor and item.lease_until > now)
    return render(request, "item.html", caller, rec=rec, item=item, reports=reps, appeals=apps, trail=trail,
                  fields=fields, media=media, holds=holds, excluded=excluded, taken=taken, one_key=ONE_KEY,
                  reason_codes=REASON_CODES, reason_actions={k: sorted(v) for k, v in REASON_ACTIONS.items()},
                  history=history, shared=shared, report_total=sum(r.count for r in reps),
                  warn_seconds=min(60, workflow.lease_seconds // 3))


@router.post("/items/{content_id}/claim")
def claim_item(request: Request, content_id: str) -> Response:
    return _act(request, content_id, lambda tx, st, c: queue.claim(tx, st.workflow, content_id, reviewer=c.actor,
                                                                   now=st.clock()), "已领取，请在时限内处置。")


@router.post("/items/{content_id}/renew")
def renew_item(request: Request, store: StoreDep, workflow: WorkflowDep, clock: ClockDep, content_id: str) -> Response:
    """Extend the lease while the item page is open (called by console.js); JSON for the page script."""
    caller = console_caller(request)
    if caller is None or not caller.can("reviewer"):
        return JSONResponse({"ok": False, "message": "登录已失效，请重新登录。"}, status_code=401)
    now = clock()
    try:
        with store.transaction() as tx:
            held = tx.get_review(content_id)
            if held is None or held.claimed_by != caller.actor or held.lease_until <= now:
                return JSONResponse({"ok": False, "message": "领取已过期，请重新领取后再提交。"}, status_code=409)
            item = queue.claim(tx, workflow, content_id, reviewer=caller.actor, now=now)
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
        caller = console_caller(request)
        if caller is None:
            return login_redirect()
        return redirect(f"/console/items/{quote(content_id)}", "error", problem)

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
    caller = console_caller(request)
    if caller is None or not caller.can("reviewer"):
        return login_redirect()
    st = request.app.state
    here = f"/console/items/{quote(content_id)}"
    try:
        with st.store.transaction() as tx:
            result = fn(tx, st, caller)
    except QinglangError as exc:
        return redirect(here, "error", unsent + zh_error(exc))
    if not next_item:
        return redirect(here, "ok", ok_text or "已完成。")
    if result.status == "disputed":
        done = f"已提交 {content_id}：与机审或举报结论不一致，已转交另一位审核员复核。"
    else:
        last = result.reviews[-1] if result.reviews else {}
        done = f"已提交 {content_id}：终审{ACTION_ZH.get(str(last.get('action')), '')}。"
    with st.store.transaction() as tx:
        nxt = queue.claim_next(tx, st.workflow, reviewer=caller.actor, now=st.clock())
    if nxt is None:
        return redirect("/console/", "ok", done + " 队列已清空。")
    return redirect(f"/console/items/{quote(nxt.content_id)}", "ok", done + f" 已为您领取下一条 {nxt.content_id}。")
