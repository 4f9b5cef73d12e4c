"""Typed dependencies: the engine, the store, the clock and the calling API key with its role."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request

from ..clusters.service import ClusterService
from ..engine import Engine
from ..errors import QinglangError
from ..store.ports import Store
from ..workflow.config import WorkflowConfig
from . import keys
from .metrics import Metrics
from .settings import Settings


class Unauthorized(QinglangError):
    kind = "Unauthorized"


class RateLimited(QinglangError):
    kind = "RateLimited"

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Caller:
    key_id: str
    role: str
    name: str

    @property
    def actor(self) -> str:
        return f"{self.role}:{self.name}#{self.key_id}"

    def can(self, *roles: str) -> bool:
        return self.role == "admin" or self.role in roles


class KeyCache:
    """Verified keys per worker for a few seconds, so a request costs no key lookup in the database.

    Accepted and rejected tokens live in separate LRU maps, each bounded: a flood of random tokens evicts
    only other rejected tokens (a few hundred KB at most), never a valid key."""

    def __init__(self, ttl: float, *, max_accepted: int = 10_000, max_rejected: int = 2_048) -> None:
        self.ttl = ttl
        self._ok: OrderedDict[str, tuple[float, Caller]] = OrderedDict()
        self._bad: OrderedDict[str, float] = OrderedDict()
        self._max_ok, self._max_bad = max_accepted, max_rejected
        self._lock = threading.Lock()

    def get(self, token: str, now: float) -> tuple[bool, Caller | None]:
        with self._lock:
            hit = self._ok.get(token)
            if hit is not None and hit[0] > now:
                self._ok.move_to_end(token)
                return True, hit[1]
            bad = self._bad.get(token)
            if bad is not None and bad > now:
                return True, None
        return False, None

    def put(self, token: str, caller: Caller | None, now: float) -> None:
        with self._lock:
            if caller is not None:
                self._bad.pop(token, None)
                self._ok[token] = (now + self.ttl, caller)
                self._ok.move_to_end(token)
                while len(self._ok) > self._max_ok:
                    self._ok.popitem(last=False)
            else:
                self._bad[token] = now + self.ttl
                self._bad.move_to_end(token)
                while len(self._bad) > self._max_bad:
                    self._bad.popitem(last=False)

    def sizes(self) -> tuple[int, int]:
        """(accepted, rejected) entries held now."""
        with self._lock:
            return len(self._ok), len(self._bad)


class AuditCheckpoint:
    """The last audit entry this worker verified (seq, hash): /v1/audit/verify checks only what follows it."""

    def __init__(self) -> None:
        self.seq, self.hash = 0, "0" * 64
        self.lock = threading.Lock()  # one verification at a time per worker


class RateLimiter:
    """Token bucket per key (per worker process)."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate, self.burst = rate, burst
        self._b: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key_id: str, now: float) -> None:
        if self.rate <= 0:
            return
        with self._lock:
            tokens, last = self._b.get(key_id, (float(self.burst), now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens < 1:
                self._b[key_id] = (tokens, now)
                raise RateLimited(f"rate limit of {self.rate:g} requests/s for this key exceeded",
                                  retry_after=(1 - tokens) / self.rate)
            self._b[key_id] = (tokens - 1, now)


def get_engine(request: Request) -> Engine:
    return request.app.state.engine


def get_store(request: Request) -> Store:
    return request.app.state.store


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_workflow(request: Request) -> WorkflowConfig:
    return request.app.state.workflow


def get_clock(request: Request) -> Callable[[], float]:
    return request.app.state.clock


def get_metrics(request: Request) -> Metrics:
    return request.app.state.metrics


def get_checkpoint(request: Request) -> AuditCheckpoint:
    return request.app.state.audit_checkpoint


def get_clusters(request: Request) -> ClusterService | None:
    return getattr(request.app.state, "clusters", None)


EngineDep = Annotated[Engine, Depends(get_engine)]
StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
WorkflowDep = Annotated[WorkflowConfig, Depends(get_workflow)]
ClockDep = Annotated[Callable[[], float], Depends(get_clock)]
MetricsDep = Annotated[Metrics, Depends(get_metrics)]
CheckpointDep = Annotated[AuditCheckpoint, Depends(get_checkpoint)]
ClustersDep = Annotated[ClusterService | None, Depends(get_clusters)]

COOKIE = "ql_key"


def token_of(request: Request) -> str | None:
    auth = request.headers.get("authorization")
    if auth:
        scheme, _, token = auth.partition(" ")
        return token.strip() if scheme.lower() == "bearer" else None
    return request.cookies.get(COOKIE)


def caller_for_token(state: Any, token: str) -> Caller | None:
    """The caller a key belongs to, or None if it is unknown or revoked (cached per worker)."""
    parsed = keys.parse(token)
    if parsed is None:  # not even shaped like a key: no lookup, nothing to cache
        return None
    now = time.monotonic()
    cached, caller = state.key_cache.get(token, now)
    if cached:
        return caller
    caller = None
    if parsed:
        with state.store.transaction(readonly=True) as tx:
            rec = tx.get_key(parsed[0])
        if rec is not None and keys.matches(rec, parsed[1]):
            caller = Caller(key_id=rec.key_id, role=rec.role, name=rec.name)
    state.key_cache.put(token, caller, now)
    return caller


def authenticate(request: Request) -> Caller:
    """The caller of a request, from `Authorization: Bearer KEY` (or the console cookie); rate-limited."""
    state = request.app.state
    token = token_of(request)
    if not token:
        raise Unauthorized("missing API key: send 'Authorization: Bearer KEY'")
    caller = caller_for_token(state, token)
    if caller is None:
        raise Unauthorized("invalid or revoked API key")
    state.rate_limiter.take(caller.key_id, time.monotonic())
    request.state.caller = caller
    return caller


def require(*roles: str) -> Any:
    """Dependency: the caller, if their role is one of `roles` (admin may do everything)."""

    def dep(caller: Annotated[Caller, Depends(authenticate)]) -> Caller:
        from ..errors import Forbidden

        if not caller.can(*roles):
            raise Forbidden(f"role {caller.role!r} may not do this; needs one of {list(roles)} or admin")
        return caller

    return Depends(dep)


Submitter = Annotated[Caller, require("submitter")]
Reviewer = Annotated[Caller, require("reviewer")]
Auditor = Annotated[Caller, require("auditor")]
Admin = Annotated[Caller, require()]
Reader = Annotated[Caller, require("submitter", "reviewer", "auditor")]
Staff = Annotated[Caller, require("reviewer", "auditor")]
