"""`/v1/claims/match` and `/v1/admin/claims/import`: the debunk bank (辟谣库) in force in the engine.

The bank is the one the `claims` detector was built with (`params.bank` in the detector registry); importing
validates every row first, merges into that bank file and reloads the engine, so new entries apply at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Body
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from ...claims.bank import DebunkBank, example_bank_path, parse_entry, read_rows
from ...engine import Engine
from ...errors import Conflict
from ...labels import Action
from ...model import Content
from ...store.ports import Store
from ...workflow import intake
from ...workflow.config import WorkflowConfig
from ..deps import Admin, EngineDep, Reader

router = APIRouter(prefix="/v1", tags=["claims"])


class MatchIn(BaseModel):
    text: str = Field(min_length=1, max_length=100_000)
    min_similarity: float = Field(0.6, ge=0.0, le=1.0)


class ImportIn(BaseModel):
    entries: list[dict[str, Any]] = Field(min_length=1, max_length=10_000,
                                          description="Rows: claim, verdict, source, date[, id, url].")


def _bank(engine: Engine) -> DebunkBank:
    for det in engine.detectors:
        bank = getattr(det, "bank", None)
        if det.name == "claims" and bank is not None:
            return bank
    raise Conflict("no debunk bank is configured: set params.bank of the claims detector "
                   "(`qinglang claims import LIST --bank FILE`)")


@router.post("/claims/match", summary="Debunk-bank entries a text repeats (entry, verdict, source, similarity)")
def match(body: MatchIn, engine: EngineDep, _: Reader) -> dict[str, Any]:
    bank = _bank(engine)
    ms = bank.match_text(body.text, min_similarity=body.min_similarity)
    return {"matches": [{**m.entry.to_json(), "similarity": m.similarity, "method": m.method,
                         "span": {"start": m.start, "end": m.end, "text": body.text[m.start:m.end]}} for m in ms]}


@router.post("/admin/claims/import", summary="Add debunked claims to the bank in force and reload the engine")
async def import_(body: Annotated[ImportIn, Body()], engine: EngineDep, _: Admin) -> dict[str, Any]:
    bank = _bank(engine)
    path = bank.path
    if path is None or path == example_bank_path():
        raise Conflict("the engine uses the shipped example bank (read-only); configure a bank file to import into")
    new = [parse_entry(row, f"entries[{k}]") for k, row in enumerate(body.entries)]  # all valid, or a 400

    def merge() -> tuple[int, str]:
        old = read_rows(path)
        merged = DebunkBank([*old, *new], bank.normalizer)
        merged.save(path)
        return len(merged.entries) - len(old), engine.reload()

    added, version = await run_in_threadpool(merge)
    return {"added": added, "read": len(new), "policy_version": version}


_RANK = {a.value_name: int(a) for a in Action}


def rescore_root(engine: Engine, store: Store, wf: WorkflowConfig, clock: Callable[[], float], actor: str,
                 reply: Content) -> None:
    """A reply arrived for a root decided earlier: re-score the root with this reply as context (doubt and
    debunk replies raise its rumour score) and store the new decision as a new version when its action is
    stricter. Earlier replies already raised the stored decision, so a later reply never lowers it. The root
    keeps its submitter (a re-score on the service's behalf, not a re-submission by the reply's key)."""
    root_id = reply.parent_id or reply.thread_id
    if not root_id or root_id == reply.id:
        return
    with store.transaction(readonly=True) as tx:
        old = tx.get_decision(root_id)
    if old is None:
        return
    new = engine.moderate(Content.from_json(old.content), replies=[reply]).to_json()
    if _RANK[new["action"]] <= _RANK[old.decision["action"]]:
        return

    def job(tx: Any) -> None:
        cur = tx.get_decision(root_id)
        if cur is None or _RANK[new["action"]] <= _RANK[cur.decision["action"]]:
            return  # decided again meanwhile, as strictly
        intake.store_decision(tx, wf, content=cur.content, decision=new, now=clock(), actor=actor, force=True,
                              submitter=cur.submitter, owner_override=True)

    store.write(job)
