"""Typed dependencies: the engine, the store, the clock and the calling API key with its role."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request

from ..engine import Engine
from ..errors import QinglangError
from ..store.ports import Store
from ..workflow.config import WorkflowConfig
from . import keys
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
    """Verified keys per worker for a few seconds, so a request costs no key lookup in the database."""

    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        self._d: dict[str, tuple[float, Caller | None]] = {}
        self._lock = threading.Lock()

    def get(self, token: str, now: float) -> tuple[bool, Caller | None]:
        with self._lock:
            hit = self._d.get(token)
        return (True, hit[1]) if hit and hit[0] > now else (False, None)

    def put(self, token: str, caller: Caller | None, now: float) -> None:
        with self._lock:
            if len(self._d) > 10_000:
                self._d.clear()
            self._d[token] = (now + self.ttl, caller)


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


EngineDep = Annotated[Engine, Depends(get_engine)]
StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
WorkflowDep = Annotated[WorkflowConfig, Depends(get_workflow)]
ClockDep = Annotated[Callable[[], float], Depends(get_clock)]

COOKIE = "ql_key"


def token_of(request: Request) -> str | None:
    auth = request.headers.get("authorization")
    if auth:
        scheme, _, token = auth.partition(" ")
        return token.strip() if scheme.lower() == "bearer" else None
    return request.cookies.get(COOKIE)


def caller_for_token(state: Any, token: str) -> Caller | None:
    """The caller a key belongs to, or None if it is unknown or revoked (cached per worker)."""
    now = time.monotonic()
    cached, caller = state.key_cache.get(token, now)
    if cached:
        return caller
    caller = None
    parsed = keys.parse(token)
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
