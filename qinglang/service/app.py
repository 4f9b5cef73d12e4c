"""`create_app(settings, engine, store)`: the FastAPI app, with no globals (STYLE §4, §5.8)."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..engine import Engine
from ..errors import QinglangError
from ..store.ports import Store
from ..workflow.config import WorkflowConfig, load_workflow_config
from .deps import KeyCache, RateLimited, RateLimiter
from .metrics import Metrics
from .settings import Settings

log = logging.getLogger(__name__)

STATUS = {"InvalidContent": 422, "InvalidRequest": 422, "ConfigError": 400, "PolicyError": 400, "NotFound": 404,
          "Conflict": 409, "Forbidden": 403, "Unauthorized": 401, "RateLimited": 429}


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

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": data, "more_body": False}

        await self.app(scope, replay, send)


class Observe:
    """Request id (X-Request-Id in and out) and Prometheus request/latency metrics; plain ASGI for speed."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app, self.metrics = app, metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        rid = dict(scope["headers"]).get(b"x-request-id", b"")[:64].decode("latin-1") or uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = rid
        t0, status = time.perf_counter(), 500

        async def send_with_id(msg: Message) -> None:
            nonlocal status
            if msg["type"] == "http.response.start":
                status = msg["status"]
                msg["headers"] = [*msg.get("headers", []), (b"x-request-id", rid.encode("latin-1"))]
            await send(msg)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            route = scope.get("route")
            path = getattr(route, "path", "unmatched")
            self.metrics.requests.labels(scope["method"], path, str(status)).inc()
            self.metrics.latency.labels(scope["method"], path).observe(time.perf_counter() - t0)


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


def create_app(settings: Settings, engine: Engine, store: Store, *, workflow: WorkflowConfig | None = None,
               clock: Callable[[], float] = time.time, clusters: Any = None) -> FastAPI:
    """The service app; all state lives on `app.state`, so tests can build as many as they like. `clusters`
    (a `qinglang.clusters.service.ClusterService`) defaults to one built when `settings.clusters` is on."""
    from .routes import accounts, admin, appeals, audit, moderate, reports, review

    app = FastAPI(title="Qinglang 清朗", version="1", description="内容治理服务：审核、举报、申诉、处置与审计。")
    st = app.state
    st.settings, st.engine, st.store, st.clock = settings, engine, store, clock
    st.workflow = workflow or load_workflow_config(settings.workflow_config)
    st.metrics = Metrics()
    st.key_cache = KeyCache(settings.key_cache_seconds)
    st.rate_limiter = RateLimiter(settings.rate_limit_per_s, settings.rate_limit_burst)
    if clusters is None and settings.clusters:
        from ..clusters.service import build_for

        clusters = build_for(store, engine.normalizer, window_posts=settings.clusters_window_posts,
                             window_hours=settings.clusters_window_hours)
    st.clusters = clusters

    for mod in (moderate, review, reports, appeals, audit, admin, accounts):
        app.include_router(mod.router)  # each router carries its full /v1/... prefix
    if settings.console:
        from .console import views

        app.include_router(views.router)
        views.mount_static(app)

    @app.get("/healthz", tags=["ops"])
    def healthz() -> dict[str, Any]:
        with store.transaction(readonly=True) as tx:
            tx.last_audit()
        return {"status": "ok", "policy_version": engine.policy_version}

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

    @app.exception_handler(Exception)
    async def _unknown(request: Request, exc: Exception) -> JSONResponse:
        rid = getattr(request.state, "request_id", "-")
        log.error("unhandled error in %s %s [request %s]", request.method, request.url.path, rid, exc_info=exc)
        return problem(500, "InternalError", "internal server error; quote the request id to the operator",
                       request_id=rid)

    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(Observe, metrics=st.metrics)
    return app


def app_from_env() -> FastAPI:
    """Factory for `uvicorn --factory` workers: settings from QINGLANG_* (the parent already migrated)."""
    from ..engine import Engine
    from ..store import open_store

    logging.basicConfig(level=logging.INFO)
    settings = Settings()
    engine = Engine.from_config(lexicons=settings.lexicons, policies=settings.policies, detectors=settings.detectors)
    store = open_store(settings.db, migrate=settings.migrate, sqlite_synchronous=settings.sqlite_synchronous)
    return create_app(settings, engine, store)
