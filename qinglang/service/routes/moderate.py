"""`/v1/moderate`, `/v1/moderate/batch`, `/v1/decisions/{id}`: the engine's HTTP door, with idempotent storage.

Handlers are thin: they validate at the edge (`intake.accept`), run the engine outside any transaction, and
hand the storing to `Store.write`, whose group commit lets concurrent requests share one transaction and
one fsync. A batch runs through `Engine.moderate_many` and is stored in one write job, answered per item.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from ...clusters.service import ClusterService, Prepared
from ...engine import Engine
from ...errors import InvalidContent, NotFound, QinglangError
from ...model import Content, Decision
from ...store.ports import Store, StoredDecision, Tx
from ...workflow import intake
from ...workflow.config import WorkflowConfig
from ..deps import (
    Caller,
    ClockDep,
    ClustersDep,
    EngineDep,
    MetricsDep,
    Reader,
    SettingsDep,
    StoreDep,
    Submitter,
    WorkflowDep,
)
from ..metrics import Metrics
from ..settings import Settings
from .schemas import BatchIn, BatchOut, ContentIn, DecisionOut, StoredDecisionOut

router = APIRouter(prefix="/v1", tags=["moderate"])


def accept(raw: Any, settings: Settings) -> Content:
    """A submitted item as Content, or InvalidContent naming what is wrong (checked before any work)."""
    if isinstance(raw, dict):
        intake.check_json(raw, "content")
    content = Content.from_json(raw)
    intake.check_id(content.id)
    if settings.media_root is None:
        for i, m in enumerate(content.media):
            if m.path is not None:
                raise InvalidContent(f"field 'media[{i}].path': this service takes no local paths (no media root is "
                                     "configured: QINGLANG_MEDIA_ROOT); send the bytes as 'data_base64'")
    return content


class Door:
    """What one moderation request needs, passed in explicitly (no reaching into app state)."""

    def __init__(self, engine: Engine, store: Store, settings: Settings, wf: WorkflowConfig, metrics: Metrics,
                 clock: Callable[[], float], caller: Caller, clusters: ClusterService | None = None) -> None:
        self.engine, self.store, self.settings, self.wf = engine, store, settings, wf
        self.metrics, self.clock, self.caller, self.clusters = metrics, clock, caller, clusters

    def _decide(self, content: Content, *, force: bool, explain: bool) -> tuple[Content, Decision, Prepared | None]:
        """The engine's decision; with clusters on, the item first enters the window (its signals and account
        facts go to the engine). A retry of a stored id (not `force`) is not counted in the window twice."""
        clusters = self.clusters
        if clusters is not None and not force:
            with self.store.transaction(readonly=True) as tx:
                if tx.get_decision(content.id) is not None:
                    clusters = None
        if clusters is None:
            return content, self.engine.moderate(content, explain=explain), None
        prep = clusters.before(content, self.store, self.clock(), self.engine.normalizer)
        return prep.content, self.engine.moderate(prep.content, explain=explain, extra_signals=prep.signals,
                                                  views=prep.views), prep

    def _after(self, content: Content, rec: StoredDecision, created: bool, prep: Prepared | None) -> None:
        if created:
            self.metrics.observe_decision(rec.decision)
            self._rescore_root(content)
        if prep is not None and self.clusters is not None:  # the account's history (GET /v1/accounts/{id})
            self.clusters.after(content, rec.decision, prep.observation, self.clock())

    def _store_one(self, tx: Tx, content: Content, decision: dict[str, Any], force: bool
                   ) -> tuple[StoredDecision, bool]:
        c = self.caller
        return intake.store_decision(tx, self.wf, content=content.to_json(), decision=decision, now=self.clock(),
                                     actor=c.actor, force=force, submitter=c.key_id, owner_override=c.role == "admin")

    def one(self, raw: Any, *, force: bool, explain: bool) -> tuple[dict[str, Any], bool]:
        """(decision JSON, created): a stored decision is returned as is unless `force` brings new content.

        No read before the engine: the write job finds a stored id itself (and checks its owner), so a new
        item costs one transaction; a retry costs an engine run it does not need, which is the rare case.
        (With clusters on, one read first keeps a retry out of the window.)"""
        content, d, prep = self._decide(accept(raw, self.settings), force=force, explain=explain)
        decision = d.to_json()
        rec, created = self.store.write(lambda tx: self._store_one(tx, content, decision, force))
        self._after(content, rec, created, prep)
        return rec.decision, created

    def _rescore_root(self, content: Content) -> None:
        """A stored reply (`parent_id` / `thread_id`) may raise its root's rumour score (routes/claims.py)."""
        if content.parent_id or content.thread_id:
            from .claims import rescore_root

            rescore_root(self.engine, self.store, self.wf, self.clock, self.caller.actor, content)

    def many(self, items: list[Any], *, force: bool) -> list[dict[str, Any]]:
        """Per-item results in order: each valid item moderated (`moderate_many`), all stored in one job."""
        out: list[dict[str, Any] | None] = [None] * len(items)
        todo: list[tuple[int, Content]] = []
        for i, raw in enumerate(items):
            try:
                todo.append((i, accept(raw, self.settings)))
            except InvalidContent as exc:
                out[i] = _item_error(i, raw, exc)
        preps: list[Prepared | None] = [None] * len(todo)
        if self.clusters is None:
            decisions = list(self.engine.moderate_many([c for _, c in todo])) if todo else []
        else:  # one at a time: each item enters the window before the next is decided
            decisions = []
            for k, (i, c) in enumerate(todo):
                c, d, preps[k] = self._decide(c, force=force, explain=False)
                todo[k] = (i, c)
                decisions.append(d)

        def job(tx: Tx) -> list[tuple[int, int, StoredDecision | QinglangError, bool]]:
            done = []
            for k, ((i, content), d) in enumerate(zip(todo, decisions, strict=True)):
                if isinstance(d, QinglangError):
                    done.append((k, i, d, False))
                    continue
                try:
                    with tx.savepoint():
                        rec, created = self._store_one(tx, content, d.to_json(), force)
                    done.append((k, i, rec, created))
                except QinglangError as exc:  # this item only (e.g. owned by another key)
                    done.append((k, i, exc, False))
            return done

        for k, i, res, created in self.store.write(job) if todo else []:
            if isinstance(res, QinglangError):
                out[i] = _item_error(i, items[i], res)
            else:
                out[i] = res.decision
                self._after(todo[k][1], res, created, preps[k])
        return [r for r in out if r is not None]


def _item_error(i: int, raw: Any, exc: QinglangError) -> dict[str, Any]:
    cid = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), (str, int)) else None
    if isinstance(cid, str):
        try:
            intake.check_id(cid)
        except InvalidContent:
            cid = None  # never echo an id the answer could not carry (a lone surrogate)
    return {"index": i, "id": cid, "error": exc.kind, "message": exc.message}


def door(engine: EngineDep, store: StoreDep, settings: SettingsDep, wf: WorkflowDep, metrics: MetricsDep,
         clock: ClockDep, caller: Submitter, clusters: ClustersDep) -> Door:
    return Door(engine, store, settings, wf, metrics, clock, caller, clusters)


DoorDep = Annotated[Door, Depends(door)]


@router.post("/moderate", summary="Moderate one item (synchronous)", response_model=DecisionOut,
             responses={403: {"description": "the id belongs to another submitter key"},
                        422: {"description": "invalid content (names the field)"}})
async def moderate(item: ContentIn, d: DoorDep,
                   force: Annotated[bool, Query(description="Store a new version if the content changed")] = False,
                   explain: Annotated[bool, Query(description="Include the full trace")] = False) -> JSONResponse:
    raw = item.model_dump(exclude_unset=True)
    decision, created = await run_in_threadpool(d.one, raw, force=force, explain=explain)
    return JSONResponse(decision, headers={"X-Qinglang-Stored": "new" if created else "existing"})


@router.post("/moderate/batch", summary="Moderate many items; a bad item gets its own error entry",
             response_model=BatchOut)
async def moderate_batch(body: BatchIn, d: DoorDep, settings: SettingsDep,
                         force: Annotated[bool, Query(description="Store new versions of changed items")] = False
                         ) -> dict[str, Any]:
    limit = settings.batch_max_items
    if len(body.items) > limit:
        raise InvalidContent(f"a batch holds at most {limit} items, got {len(body.items)}")
    return {"results": await run_in_threadpool(d.many, body.items, force=force)}


@router.get("/decisions/{content_id}", summary="The stored decision for an item, with its review outcome",
            response_model=StoredDecisionOut)
def get_decision(content_id: str, store: StoreDep, caller: Reader) -> dict[str, Any]:
    with store.transaction(readonly=True) as tx:
        rec = tx.get_decision(content_id)
        item = tx.get_review(content_id) if rec is not None else None
    # A submitter sees only the items its own key created: the same answer as for an unknown id.
    if rec is None or (caller.role == "submitter" and rec.submitter != caller.key_id):
        raise NotFound(f"no decision stored for content {content_id!r}")
    return {**rec.decision, "final_action": rec.final_action, "version": rec.version,
            "content_sha256": rec.content_sha256, "review_status": item.status if item else None}


__all__ = ["BatchIn", "BatchOut", "Door", "accept", "door", "router"]
