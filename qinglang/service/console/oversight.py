"""Console oversight pages: the dashboard (charts of decisions, queue age, SLA and appeals), the campaign report
for a period (HTML, PDF, CSV) and the audit log with its hash-chain check (auditors)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from ...report.names import campaign_zh
from ...workflow import audit
from ..deps import ClockDep, StoreDep, WorkflowDep
from .pages import console_caller, login_redirect, redirect, render

router = APIRouter(prefix="/console", include_in_schema=False)


def dashboard_data(tx: Any, now: float) -> dict[str, Any]:
    from ...report.build import dashboard_figures

    return dashboard_figures(tx, now=now)


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard(request: Request, store: StoreDep, clock: ClockDep) -> Response:
    caller = console_caller(request)
    if caller is None:
        return login_redirect()
    with store.transaction(readonly=True) as tx:
        c = tx.counts(now=clock())
        figs = dashboard_data(tx, clock())
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
    return render(request, "dashboard.html", caller, counts=c, days=days, actions=actions, campaigns=campaigns,
                  labels_rows=sorted(c.by_campaign_label.items(), key=lambda kv: -kv[1]), figs=figs, **charts)


@router.get("/report", response_class=HTMLResponse)
def report_page(request: Request, store: StoreDep, workflow: WorkflowDep, clock: ClockDep,
                start: Annotated[str, Query(alias="from", max_length=10)] = "",
                end: Annotated[str, Query(alias="to", max_length=10)] = "",
                view: Annotated[str, Query(max_length=4)] = "") -> Response:
    """The campaign report for a period: HTML here, or the PDF / CSV files `qinglang report campaign` writes."""
    import datetime as dt
    import tempfile

    from ...report.build import build_report
    from ...report.names import CN_TZ
    from ...report.render import render_html, write_csv, write_pdf

    caller = console_caller(request)
    if caller is None:
        return login_redirect()
    today = dt.datetime.fromtimestamp(clock(), CN_TZ).date()
    if not view:
        return render(request, "report.html", caller, start=today.replace(day=1).isoformat(), end=today.isoformat())
    try:
        d0, d1 = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    except ValueError:
        return redirect("/console/report", "error", "请填写有效的起止日期。")
    if d1 < d0 or (d1 - d0).days > 366:
        return redirect("/console/report", "error", "止日期须不早于起日期，且期间不超过一年。")
    with store.transaction(readonly=True) as tx:
        rep = build_report(tx, workflow, d0, d1, now=clock())
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
def audit_page(request: Request, store: StoreDep, after: Annotated[int, Query(ge=0, le=2**63 - 1)] = 0,
               actor: Annotated[str, Query(max_length=200)] = "", action: Annotated[str, Query(max_length=64)] = "",
               subject: Annotated[str, Query(max_length=300)] = "") -> Response:
    caller = console_caller(request)
    if caller is None:
        return login_redirect()
    if not caller.can("auditor"):
        return render(request, "denied.html", caller, status_code=403)
    with store.transaction(readonly=True) as tx:
        if subject.strip():
            rows = tx.audit_entries(subject=subject.strip(), limit=1000)
        else:
            last = tx.last_audit()
            start = after or max(0, (last.seq if last else 0) - (2000 if actor or action else 200))
            rows = tx.audit_entries(after=start, limit=2000)
    rows = [e for e in rows if (not actor or e.actor == actor.strip()) and (not action or e.action == action)]
    return render(request, "audit.html", caller, entries=list(reversed(rows[-200:])),
                  f={"actor": actor, "action": action, "subject": subject})


@router.post("/audit/verify")
def audit_verify(request: Request, store: StoreDep) -> Response:
    caller = console_caller(request)
    if caller is None or not caller.can("auditor"):
        return login_redirect()
    from ...store.ports import iter_audit

    v = audit.verify(iter_audit(store))
    if v.ok:
        return redirect("/console/audit", "ok", f"哈希链完整：共 {v.entries} 条，链头 {v.head[:12]}。")
    return redirect("/console/audit", "error", f"哈希链校验失败：第 {v.bad_seq} 条不符（{v.reason}）。")
