"""`/v1/moderate`, `/v1/moderate/batch`, `/v1/decisions/{id}`: the engine's HTTP door, with idempotent storage."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from ...errors import InvalidContent, NotFound
from ...model import Content
from ...workflow import intake
from ..deps import Reader, StoreDep, Submitter

router = APIRouter(prefix="/v1", tags=["moderate"])

CONTENT_EXAMPLE = {"id": "p-1001", "kind": "post", "text": "加我薇❤: abc123，带你赚钱", "author": {"id": "u-7"},
                   "surface": "feed"}
ContentBody = Annotated[dict[str, Any], Body(description="A Content object (DESIGN §2); only `id` is required.",
                                             examples=[CONTENT_EXAMPLE])]


def moderate_and_store(request: Request, raw: Any, *, force: bool, explain: bool) -> tuple[dict[str, Any], bool]:
    """(decision JSON, created): a stored decision is returned as is unless `force`."""
    st = request.app.state
    content = Content.from_json(raw)
    if not force:
        with st.store.transaction(readonly=True) as tx:
            old = tx.get_decision(content.id)
        if old is not None:
            return old.decision, False
    clusters, prep = st.clusters, None
    if clusters is not None:  # cross-item signals and account facts (qinglang.clusters)
        prep = clusters.before(content, st.store, st.clock())
        content = prep.content
    decision = st.engine.moderate(content, explain=explain, extra_signals=prep.signals if prep else (),
                                  views=prep.views if prep else None).to_json()
    caller = request.state.caller
    with st.store.transaction() as tx:
        rec, created = intake.store_decision(tx, st.workflow, content=content.to_json(), decision=decision,
                                             now=st.clock(), actor=caller.actor, force=force)
    if clusters is not None and prep is not None:
        clusters.after(content, rec.decision, prep.observation, st.clock())
    if created:
        st.metrics.observe_decision(rec.decision)
    return rec.decision, created


@router.post("/moderate", summary="Moderate one item (synchronous)")
async def moderate(request: Request, item: ContentBody, _: Submitter,
                   force: Annotated[bool, Query(description="Re-moderate even if this id is stored")] = False,
                   explain: Annotated[bool, Query(description="Include the full trace")] = False) -> JSONResponse:
    decision, created = await run_in_threadpool(moderate_and_store, request, item, force=force, explain=explain)
    return JSONResponse(decision, headers={"X-Qinglang-Stored": "new" if created else "existing"})


@router.post("/moderate/batch", summary="Moderate many items; a bad item gets its own error entry")
async def moderate_batch(request: Request, _: Submitter,
                         body: Annotated[dict[str, Any], Body(examples=[{"items": [CONTENT_EXAMPLE]}])],
                         force: bool = False) -> dict[str, Any]:
    items = body.get("items")
    if not isinstance(items, list):
        raise InvalidContent("field 'items' must be a list of Content objects")
    limit = request.app.state.settings.batch_max_items
    if len(items) > limit:
        raise InvalidContent(f"a batch holds at most {limit} items, got {len(items)}")

    def run() -> list[dict[str, Any]]:
        out = []
        for i, raw in enumerate(items):
            try:
                out.append(moderate_and_store(request, raw, force=force, explain=False)[0])
            except InvalidContent as exc:
                cid = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), (str, int)) else None
                out.append({"index": i, "id": cid, "error": exc.kind, "message": exc.message})
        return out

    return {"results": await run_in_threadpool(run)}


@router.get("/decisions/{content_id}", summary="The stored decision for an item, with its review outcome")
def get_decision(content_id: str, store: StoreDep, _: Reader) -> dict[str, Any]:
    with store.transaction(readonly=True) as tx:
        rec = tx.get_decision(content_id)
        item = tx.get_review(content_id)
    if rec is None:
        raise NotFound(f"no decision stored for content {content_id!r}")
    return {**rec.decision, "final_action": rec.final_action, "version": rec.version,
            "review_status": item.status if item else None}
