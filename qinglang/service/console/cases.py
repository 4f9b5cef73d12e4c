"""Console pages for cases beside the queue: user reports, appeals (decided by a reviewer who did not judge the
item), and spot checks of automatic blocks that no human has looked at."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from ...errors import QinglangError
from ...workflow import appeals, queue
from ..deps import ClockDep, StoreDep, WorkflowDep
from .messages import zh_error
from .pages import console_caller, login_redirect, redirect, render

router = APIRouter(prefix="/console", include_in_schema=False)


@router.get("/reports", response_class=HTMLResponse)
def reports_page(request: Request, store: StoreDep) -> Response:
    caller = console_caller(request)
    if caller is None:
        return login_redirect()
    with store.transaction(readonly=True) as tx:
        reps = tx.list_reports(limit=200)
    return render(request, "reports.html", caller, reports=reps)


@router.get("/appeals", response_class=HTMLResponse)
def appeals_page(request: Request, store: StoreDep) -> Response:
    caller = console_caller(request)
    if caller is None:
        return login_redirect()
    with store.transaction(readonly=True) as tx:
        apps = tx.list_appeals(limit=200)
    return render(request, "appeals.html", caller, appeals=apps)


@router.post("/appeals/{appeal_id}/decide")
def decide_appeal(request: Request, store: StoreDep, workflow: WorkflowDep, clock: ClockDep,
                  appeal_id: str, upheld: Annotated[str, Form(max_length=8)] = "",
                  note: Annotated[str, Form(max_length=2000)] = "") -> Response:
    caller = console_caller(request)
    if caller is None or not caller.can("reviewer"):
        return login_redirect()
    if upheld not in ("0", "1"):
        return redirect("/console/appeals", "error", "请选择申诉成立或驳回。")
    if not note.strip():
        return redirect("/console/appeals", "error", "处理申诉须填写备注，说明理由。")
    try:
        with store.transaction() as tx:
            appeals.decide(tx, workflow, appeal_id, reviewer=caller.actor, upheld=upheld == "1", note=note,
                           now=clock())
    except QinglangError as exc:
        return redirect("/console/appeals", "error", zh_error(exc))
    text = "申诉成立，已改判为通过并撤销相应违规记录。" if upheld == "1" else "申诉已驳回，维持原处置。"
    return redirect("/console/appeals", "ok", f"{appeal_id}：{text}")


@router.get("/blocks", response_class=HTMLResponse)
def blocks_page(request: Request, store: StoreDep) -> Response:
    """Automatic blocks no human has looked at, for spot checks (送抽查 puts one in the queue)."""
    caller = console_caller(request)
    if caller is None:
        return login_redirect()
    with store.transaction(readonly=True) as tx:
        recs = [r for r in tx.list_decisions(limit=500) if r.action == "block" and r.final_action is None]
        queued = {r.content_id for r in recs if (i := tx.get_review(r.content_id)) and i.status != "decided"}
    return render(request, "blocks.html", caller, recs=recs[:200], queued=queued)


@router.post("/blocks/{content_id}/check")
def spot_check(request: Request, store: StoreDep, workflow: WorkflowDep, clock: ClockDep, content_id: str) -> Response:
    caller = console_caller(request)
    if caller is None or not caller.can("reviewer"):
        return login_redirect()
    with store.transaction() as tx:
        if tx.get_decision(content_id) is None:
            return redirect("/console/blocks", "error", "未找到该内容。")
        queue.enqueue(tx, workflow, content_id, "qa", now=clock(), actor=caller.actor)
    return redirect(f"/console/items/{quote(content_id)}", "ok", "已送入审核队列抽查；改判为通过即撤销拦截。")
