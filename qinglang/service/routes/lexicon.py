"""`/v1/admin/lexicon`: run-time lexicon edits (add/remove words, allow/unallow phrases) with who, when and why.

Each edit goes to the engine's edits journal (`QINGLANG_LEXICON_EDITS`, qinglang/lexicon/edits.py), is in force
on the next request of every worker that serves from the same journal, survives a restart, and is recorded in
the hash-chained audit log (action ``lexicon.<op>``, subject ``lexicon:<term>``) in the same step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from ...engine import Engine
from ...errors import ConfigError
from ...lexicon.edits import MAX_REASON, MAX_TERM, Edit
from ...store.ports import Store, Tx
from ...workflow import audit
from ..deps import Admin, ClockDep, EngineDep, Staff, StoreDep

router = APIRouter(prefix="/v1", tags=["admin"])


class LexiconEditIn(BaseModel):
    op: str = Field(pattern="^(add|remove|allow|unallow)$", description="add | remove | allow | unallow")
    term: str = Field(min_length=1, max_length=MAX_TERM, description="The word (add/remove) or phrase (allow)")
    reason: str = Field(min_length=1, max_length=MAX_REASON, description="Why (kept in the journal and the audit log)")
    label: str | None = Field(None, max_length=64, description="add: the label of the word")
    severity: str | None = Field(None, pattern="^(low|medium|high)$")
    tags: list[str] = Field(default_factory=list, max_length=20)
    match: list[str] = Field(default_factory=list, max_length=6)


def apply_edit(engine: Engine, store: Store, clock: Callable[[], float], actor: str, body: LexiconEditIn) -> Edit:
    """Journal the edit (validated first) and record it in the audit log; shared by the API and the console."""
    if engine.lexicon_edits is None:
        raise ConfigError("run-time lexicon edits are off: set QINGLANG_LEXICON_EDITS to a journal path")

    def job(tx: Tx) -> Edit:  # in the group commit: journal, then the audit entry, committed together
        now = clock()
        edit = engine.edit_lexicon(body.op, body.term, actor=actor, reason=body.reason, label=body.label,
                                   severity=body.severity, tags=body.tags, match=body.match, now=now)
        audit.record(tx, actor=actor, action=f"lexicon.{edit.op}", subject=f"lexicon:{edit.term}",
                     payload={**edit.to_json(), "policy_version": engine.policy_version}, now=now)
        return edit

    return store.write(job)


def state_json(engine: Engine, limit: int = 200) -> dict[str, Any]:
    edits = engine.lexicon_edits
    if edits is None:
        return {"enabled": False, "added": [], "removed": [], "allow": [], "history": []}
    return {"enabled": True, **edits.current(), "policy_version": engine.policy_version,
            "history": [e.to_json() for e in edits.history(limit)]}


@router.get("/admin/lexicon", summary="Run-time lexicon edits in force, and their history (newest first)")
def lexicon_state(engine: EngineDep, _: Staff, limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> dict[str, Any]:
    return state_json(engine, limit)


@router.post("/admin/lexicon/edits", status_code=201, summary="Add/remove a word or allow/unallow a phrase now")
def lexicon_edit(body: LexiconEditIn, engine: EngineDep, store: StoreDep, clock: ClockDep, caller: Admin
                 ) -> dict[str, Any]:
    edit = apply_edit(engine, store, clock, caller.actor, body)
    return {"edit": edit.to_json(), "policy_version": engine.policy_version}
