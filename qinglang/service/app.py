"""`create_app(settings, engine, store)`: the FastAPI app, with no globals (STYLE §4, §5.8)."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import DataError, IntegrityError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..engine import Engine
from ..errors import QinglangError
from ..store.ports import Store
from ..workflow.config import WorkflowConfig, load_workflow_config
from .deps import AuditCheckpoint, KeyCache, RateLimited, RateLimiter
from .metrics import Metrics, method_label
from .settings import Settings

log = logging.getLogger(__name__)

STATUS = {"InvalidContent": 422, "InvalidRequest": 422, "ConfigError": 400, "PolicyError": 400, "NotFound": 404,
          "Conflict": 409, "Forbidden": 403, "Unauthorized": 401, "RateLimited": 429, "BankError": 400}


def problem(status: int, kind: str, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": kind, "message": message, **extra}, status_code=status,
                        headers={"WWW-Authenticate": "Bearer"} if status == 401 else None)


class BodyLimit:
    """Reject bodies over the limit with 413 before the app reads them (Content-Length or streamed)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        too_big = problem(413, "PayloadTooLarge", f"request body exceeds {self.max} bytes")
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max):
            return await too_big(scope, receive, send)
        chunks, total = [], 0
        while True:
            msg = await receive()
            if msg["type"] == "http.disconnect":
                return
            body = msg.get("body", b"")
            total += len(body)
            if total > self.max:
                return await too_big(scope, receive, send)
            chunks.append(body)
            if not msg.get("more_body"):
                break
        data, sent = b"".join(chunks), False
        ctype = dict(scope["headers"]).get(b"content-type", b"")
        if ctype.startswith(b"application/x-www-form-urlencoded") and b"%00" in data:
            return await problem(400, "InvalidRequest", "form fields may not contain NUL characters")(
                scope, receive, send)

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": data, "more_body": False}

        await self.app(scope, replay, send)


def _bad_target(scope: Scope) -> str | None:
    """Why a request line cannot be served (NUL or surrogates in the path or query), else None."""
    path = scope["path"]
    if "\0" in path or any(0xD800 <= ord(c) <= 0xDFFF for c in path if c >= "\ud800"):
        return "the URL path contains a NUL character or invalid Unicode"
    qs = scope.get("query_string", b"")
    if b"%00" in qs or b"\0" in qs:
        return "the query string contains a NUL character"
    return None


class Observe:
    """Request id (X-Request-Id in and out), bounded Prometheus metrics and the last line of error handling.

    Plain ASGI for speed. An exception that reaches here becomes an answer, never a re-raise into the
    server: a store that refuses writes is 503, hostile nesting 400, anything else 500; a 5xx carries
    `Connection: close` and is logged as one line with the request id (the traceback only at DEBUG)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app, self.metrics = app, metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        rid = dict(scope["headers"]).get(b"x-request-id", b"")[:64].decode("latin-1") or uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = rid
        t0, status, started = time.perf_counter(), 500, False

        async def send_with_id(msg: Message) -> None:
            nonlocal status, started
            if msg["type"] == "http.response.start":
                status, started = msg["status"], True
                extra = [(b"x-request-id", rid.encode("latin-1"))]
                if status >= 500:
                    extra.append((b"connection", b"close"))
                msg["headers"] = [*msg.get("headers", []), *extra]
            await send(msg)

        try:
            why = _bad_target(scope)
            if why is not None:
                await problem(400, "InvalidRequest", why)(scope, receive, send_with_id)
            else:
                await self.app(scope, receive, send_with_id)
        except Exception as exc:
            resp = _error_response(exc, scope, rid)
            if not started:
                await resp(scope, receive, send_with_id)
        finally:
            route = scope.get("route")
            path = getattr(route, "path", "unmatched")
            method = method_label(scope["method"])
            self.metrics.requests.labels(method, path, str(status)).inc()
            self.metrics.latency.labels(method, path).observe(time.perf_counter() - t0)


def _error_response(exc: Exception, scope: Scope, rid: str) -> JSONResponse:
    from sqlalchemy.exc import DBAPIError

    where = f"{method_label(scope['method'])} {getattr(scope.get('route'), 'path', 'unmatched')}"
    if isinstance(exc, RecursionError):
        return problem(400, "InvalidRequest", "JSON nested too deeply")
    if isinstance(exc, DataError):  # the database's own type check (a backstop behind the intake checks)
        return problem(422, "InvalidRequest", "a value in the request cannot be stored (out of range or "
                       "containing characters the database refuses)")
    if isinstance(exc, DBAPIError) and not isinstance(exc, IntegrityError):
        log.error("store error in %s [request %s]: %s", where, rid, str(exc.orig)[:200].replace("\n", " "))
        resp = problem(503, "StoreUnavailable", "the database refused the operation (full disk, read-only or "
                       "unreachable); nothing was stored; retry later", request_id=rid)
        resp.headers["Retry-After"] = "5"
        return resp
    log.error("unhandled %s in %s [request %s]", type(exc).__name__, where, rid)
    log.debug("traceback of request %s", rid, exc_info=exc)
    return problem(500, "InternalError", "internal server error; quote the request id to the operator",
                   request_id=rid)


class WriteHealth:
    """Wraps the store: remembers whether the last request write failed in the store, for /healthz.

    A probe write can succeed on a nearly full disk (SQLite rewinds its WAL after a checkpoint) while every
    real write fails; so health also reports the outcome of the writes the service actually made."""

    def __init__(self, store: Store, clock: Callable[[], float] = time.monotonic) -> None:
        self.store, self.clock = store, clock
        self.failed_at: float | None = None
        self.error = ""

    def transaction(self, *, readonly: bool = False) -> Any:
        return self.store.transaction(readonly=readonly)

    def write(self, fn: Callable[[Any], Any]) -> Any:
        from sqlalchemy.exc import DataError, DBAPIError, IntegrityError

        try:
            out = self.store.write(fn)
        except DBAPIError as exc:
            if not isinstance(exc, (DataError, IntegrityError)):
                self.failed_at, self.error = self.clock(), type(exc.orig).__name__
            raise
        self.failed_at = None
        return out

    def close(self) -> None:
        self.store.close()

    def unwritable(self, within_s: float = 60.0) -> str | None:
        """Why the store looks unwritable (the last request write failed recently), else None."""
        if self.failed_at is not None and self.clock() - self.failed_at < within_s:
            return f"the last write failed ({self.error})"
        return None


def _validation_message(exc: RequestValidationError) -> str:
    errs = exc.errors()
    if not errs:
        return "invalid request"
    e = errs[0]
    if e.get("type") == "json_invalid":
        ctx = e.get("ctx") or {}
        return f"malformed JSON: {ctx.get('error', 'cannot decode')}"
    where = ".".join(str(x) for x in e.get("loc", ()) if x != "body") or "body"
    return f"field '{where}': {e.get('msg', 'invalid')}"


def live_sizes(state: Any) -> dict[str, int]:
    """This worker's livestream rooms: held, evicted (idle past the horizon / over the room bound), cached
    short-message decisions, and the most entries one room holds (0s before the first live connection)."""
    mgr = getattr(state, "live_rooms", None)
    if mgr is None:
        return {"rooms": 0, "idle": 0, "bound": 0, "cached": 0, "largest": 0}
    return {"rooms": len(mgr), "idle": mgr.evicted_idle, "bound": mgr.evicted - mgr.evicted_idle,
            "cached": mgr.cached, "largest": mgr.largest_room()}


def create_app(settings: Settings, engine: Engine, store: Store, *, workflow: WorkflowConfig | None = None,
               clock: Callable[[], float] = time.time, clusters: Any = None) -> FastAPI:
    """The service app; all state lives on `app.state`, so tests can build as many as they like. `clusters`
    (a `qinglang.clusters.service.ClusterService`) defaults to one built when `settings.clusters` is on."""
    from .routes import accounts, admin, appeals, audit, claims, lexicon, live, moderate, reports, review

    app = FastAPI(title="Qinglang 清朗", version="1", description="内容治理服务：审核、举报、申诉、处置与审计。")
    st = app.state
    store = WriteHealth(store)  # type: ignore[assignment]
    st.settings, st.engine, st.store, st.clock = settings, engine, store, clock
    st.workflow = workflow or load_workflow_config(settings.workflow_config)
    st.key_cache = KeyCache(settings.key_cache_seconds, max_rejected=settings.key_cache_max_rejected)
    st.metrics = Metrics(st.key_cache.sizes, lambda: live_sizes(st))
    st.audit_checkpoint = AuditCheckpoint()
    st.rate_limiter = RateLimiter(settings.rate_limit_per_s, settings.rate_limit_burst)
    if clusters is None and settings.clusters:
        from ..clusters.service import build_for

        clusters = build_for(st.store.store, engine.normalizer, window_posts=settings.clusters_window_posts,
                             window_hours=settings.clusters_window_hours,
                             max_clusters=settings.clusters_max_clusters)
    st.clusters = clusters

    for mod in (moderate, review, reports, appeals, audit, admin, live, lexicon, claims, accounts):
        app.include_router(mod.router)  # each router carries its full /v1/... prefix
    if settings.console:
        from .console import views

        views.install(app)

    @app.get("/healthz", tags=["ops"], summary="Liveness and store writability (503 when writes fail)")
    def healthz() -> JSONResponse:
        health: WriteHealth = st.store
        why = health.unwritable()
        if why is None:
            try:  # a real write and commit: a full disk or a read-only database fails here, not only in traffic
                health.store.write(lambda tx: tx.touch_health(clock()))
            except Exception as exc:
                why = f"{type(exc).__name__}: {str(exc)[:200]}".replace("\n", " ")
        if why is not None:
            log.error("healthz: store unwritable: %s", why)
            return JSONResponse({"status": "unwritable", "store": "unwritable", "error": why,
                                 "policy_version": engine.policy_version}, status_code=503,
                                headers={"Connection": "close"})
        return JSONResponse({"status": "ok", "store": "writable", "policy_version": engine.policy_version})

    @app.get("/metrics", tags=["ops"], response_class=Response)
    def metrics() -> Response:
        return Response(st.metrics.render(), media_type=st.metrics.content_type)

    @app.exception_handler(QinglangError)
    async def _typed(request: Request, exc: QinglangError) -> JSONResponse:
        resp = problem(STATUS.get(exc.kind, 400), exc.kind, exc.message)
        if isinstance(exc, RateLimited):
            resp.headers["Retry-After"] = str(max(1, round(exc.retry_after)))
        return resp

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return problem(422, "InvalidRequest", _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code in (301, 302, 303, 307) and exc.headers:
            return Response(status_code=exc.status_code, headers=exc.headers)
        kind = {404: "NotFound", 405: "MethodNotAllowed"}.get(exc.status_code, "HTTPError")
        return problem(exc.status_code, kind, str(exc.detail))

    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(Observe, metrics=st.metrics)
    return app


def app_from_env() -> FastAPI:
    """Factory for `uvicorn --factory` workers: settings from QINGLANG_* (the parent already migrated)."""
    from ..engine import Engine, freeze_heap
    from ..model import Content
    from ..store import open_store

    logging.basicConfig(level=logging.INFO)
    settings = Settings()
    extra = {"media": {"root": settings.media_root}} if settings.media_root else {}
    engine = Engine.from_config(lexicons=settings.lexicons, policies=settings.policies, detectors=settings.detectors,
                                extra=extra,
                                edits=Path(settings.lexicon_edits) if settings.lexicon_edits else None)
    # Warm up before the first request: the jieba dictionary, pypinyin tables and the models load lazily
    # (about 1.5 s), which the first caller would otherwise wait for.
    from ..text.dictionary import tokenize

    engine.moderate(Content(id="warm-up", text="预热：加我微信abc123，带你赚钱。今天天气不错。"))
    tokenize("预热分词词典")  # jieba's dictionary: loaded under a lock that would stall every early request
    from ..live.warmup import warm_up as warm_up_live

    warm_up_live(engine)  # the live surface's lazy tables and the room cue table, frozen below with the engine
    freeze_heap()  # a server worker: the engine lives as long as the process
    store = open_store(settings.db, migrate=settings.migrate, sqlite_synchronous=settings.sqlite_synchronous)
    return create_app(settings, engine, store)
