"""`/v1/reports`: user reports (举报) and enterprise complaints with tracking ids."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from ...errors import Forbidden
from ...store.ports import Tx
from ...workflow import reports
from ..deps import Caller, Reader, StoreDep, Submitter, require
from .moderate import DoorDep
from .schemas import ReportIn, report_json

router = APIRouter(prefix="/v1/reports", tags=["reports"])


@router.post("", status_code=201, summary="File a report or an enterprise complaint")
async def file_report(body: ReportIn, d: DoorDep, caller: Submitter) -> JSONResponse:
    if body.content is not None:  # a report on an item never seen: moderate it first (idempotent)
        def first() -> None:
            try:
                d.one({**body.content, "id": body.content_id}, force=False, explain=False)
            except Forbidden:
                pass  # stored by another key: the report is on that item; its decision is not ours to read
        await run_in_threadpool(first)

    def job(tx: Tx) -> tuple[Any, bool]:
        return reports.submit(tx, d.wf, content_id=body.content_id, type=body.type, category=body.category,
                              evidence=body.evidence, proofs=[p.model_dump(exclude_none=True) for p in body.proofs],
                              reporter=body.reporter, now=d.clock(), actor=caller.actor)

    rep, merged = await run_in_threadpool(d.store.write, job)
    return JSONResponse({"tracking_id": rep.id, "status": rep.status, "merged": merged, "count": rep.count},
                        status_code=200 if merged else 201)


@router.get("", summary="Recent reports (reviewers)")
def list_reports(store: StoreDep, caller: Annotated[Caller, require("reviewer", "auditor")],
                 limit: Annotated[int, Query(ge=1, le=500)] = 100) -> dict[str, Any]:
    with store.transaction(readonly=True) as tx:
        reps = tx.list_reports(limit=limit)
    return {"reports": [report_json(r, full=caller.role == "admin") for r in reps]}


@router.get("/{tracking_id}", summary="Status of a report, by tracking id")
def report_status(tracking_id: str, store: StoreDep, caller: Reader) -> dict[str, Any]:
    with store.transaction(readonly=True) as tx:
        rep = reports.status(tx, tracking_id)
    return report_json(rep, full=caller.role == "admin")
