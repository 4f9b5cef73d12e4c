"""`/v1/appeals`: authors contest a decision; a different reviewer decides."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ...errors import NotFound
from ...workflow import appeals
from ..deps import ClockDep, Reader, Reviewer, StoreDep, Submitter, WorkflowDep
from .schemas import AppealDecideIn, AppealIn, appeal_json

router = APIRouter(prefix="/v1/appeals", tags=["appeals"])


@router.post("", status_code=201, summary="File an appeal (relayed by the platform for the author)")
def file_appeal(body: AppealIn, store: StoreDep, wf: WorkflowDep, clock: ClockDep, caller: Submitter) -> dict:
    a = store.write(lambda tx: appeals.file(tx, wf, content_id=body.content_id, author_id=body.author_id,
                                            reason=body.reason, now=clock(), actor=caller.actor))
    return appeal_json(a)


@router.get("", summary="Recent appeals")
def list_appeals(store: StoreDep, _: Reviewer, limit: Annotated[int, Query(ge=1, le=500)] = 100) -> dict[str, Any]:
    with store.transaction(readonly=True) as tx:
        return {"appeals": [appeal_json(a) for a in tx.list_appeals(limit=limit)]}


@router.get("/{appeal_id}", summary="One appeal")
def get_appeal(appeal_id: str, store: StoreDep, _: Reader) -> dict[str, Any]:
    with store.transaction(readonly=True) as tx:
        a = tx.get_appeal(appeal_id)
    if a is None:
        raise NotFound(f"no appeal {appeal_id!r}")
    return appeal_json(a)


@router.post("/{appeal_id}/decide", summary="Uphold or reject an appeal (not by the first reviewer)")
def decide_appeal(appeal_id: str, body: AppealDecideIn, store: StoreDep, wf: WorkflowDep, clock: ClockDep,
                  caller: Reviewer) -> dict[str, Any]:
    a = store.write(lambda tx: appeals.decide(tx, wf, appeal_id, reviewer=caller.actor, upheld=body.upheld,
                                              note=body.note, now=clock()))
    return appeal_json(a)
