"""Per-account history for the service: recent decisions and the clusters/rings an account was seen in.

Kept in two tables of their own (migration 0005_clusters18) next to the store's, written after each
moderated item, pruned to `retention_s`; an in-memory twin serves `memory://` stores and tests.
"""

from __future__ import annotations

import json
import threading
from collections import defaultdict, deque
from typing import Any

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, delete, insert, select
from sqlalchemy.engine import Engine as SaEngine

md = MetaData()
activity = Table(
    "account_activity", md,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account_id", String(256), nullable=False, index=True),
    Column("content_id", String(256), nullable=False),
    Column("action", String(16), nullable=False),
    Column("risk", Float, nullable=False),
    Column("at", Float, nullable=False, index=True),
    Column("flags", String(128), nullable=False, server_default=""),
)
memberships = Table(
    "account_clusters", md,
    Column("account_id", String(256), primary_key=True),
    Column("cluster_id", String(64), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("label", String(32), nullable=False),
    Column("score", Float, nullable=False),
    Column("at", Float, nullable=False, index=True),
    Column("detail", Text, nullable=False),
)


class AccountLedger:
    """Account activity and memberships; SQL when given the store's SQLAlchemy engine, else in memory."""

    def __init__(self, engine: SaEngine | None = None, *, retention_s: float = 30 * 86400,
                 per_account: int = 200, prune_every: int = 10_000) -> None:
        self.engine, self.retention_s, self.per_account = engine, retention_s, per_account
        self._prune_every, self._writes = prune_every, 0
        self._lock = threading.Lock()
        self._act: dict[str, deque[dict[str, Any]]] = defaultdict(lambda: deque(maxlen=per_account))
        self._mem: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)

    def record(self, account: str, content_id: str, action: str, risk: float, at: float,
               flags: frozenset[str], groups: list[dict[str, Any]]) -> None:
        """Store one moderated item of `account` and the labelled clusters / rings it belongs to."""
        row = {"account_id": account, "content_id": content_id, "action": action, "risk": risk, "at": at,
               "flags": ",".join(sorted(flags))}
        if self.engine is None:
            with self._lock:
                self._act[account].append(row)
                for g in groups:
                    self._mem[account][g["id"]] = {**g, "at": at}
            return
        with self.engine.begin() as conn:
            conn.execute(insert(activity).values(**row))
            for g in groups:
                conn.execute(delete(memberships).where(memberships.c.account_id == account,
                                                       memberships.c.cluster_id == g["id"]))
                conn.execute(insert(memberships).values(
                    account_id=account, cluster_id=g["id"], kind=g["kind"], label=g["label"], score=g["score"],
                    at=at, detail=json.dumps(g["detail"], ensure_ascii=False)))
            self._writes += 1
            if self._writes % self._prune_every == 0:
                conn.execute(delete(activity).where(activity.c.at < at - self.retention_s))
                conn.execute(delete(memberships).where(memberships.c.at < at - self.retention_s))

    def account(self, account: str, *, limit: int = 20) -> dict[str, Any]:
        """Recent activity (newest first) and memberships of an account."""
        if self.engine is None:
            with self._lock:
                recent = list(self._act.get(account, ()))[::-1][:limit]
                groups = sorted(self._mem.get(account, {}).values(), key=lambda g: -g["at"])
            return {"recent": [_public(r) for r in recent], "clusters": groups}
        with self.engine.connect() as conn:
            rows = conn.execute(select(activity).where(activity.c.account_id == account)
                                .order_by(activity.c.at.desc(), activity.c.id.desc()).limit(limit)).mappings().all()
            mem = conn.execute(select(memberships).where(memberships.c.account_id == account)
                               .order_by(memberships.c.at.desc()).limit(100)).mappings().all()
        return {"recent": [_public(dict(r)) for r in rows],
                "clusters": [{"id": m["cluster_id"], "kind": m["kind"], "label": m["label"], "score": m["score"],
                              "at": m["at"], "detail": json.loads(m["detail"])} for m in mem]}


def _public(r: dict[str, Any]) -> dict[str, Any]:
    return {"content_id": r["content_id"], "action": r["action"], "risk": r["risk"], "at": r["at"],
            "flags": [f for f in r["flags"].split(",") if f]}
