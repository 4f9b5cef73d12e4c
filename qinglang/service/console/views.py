"""The reviewer console: mounts its page routers, static files, and HTML error pages for 404/422 under /console.

Pages: `auth` (sign-in), `items` (queue, item, decisions), `cases` (reports, appeals, spot checks), `oversight`
(dashboard, campaign report, audit), `lexicon` (run-time word edits) and `live_views` (livestream rooms); what they
share is in `pages`.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles

from . import auth, cases, items, lexicon, live_views, oversight
from .pages import HERE, error_page


def mount_static(app: FastAPI) -> None:
    app.mount("/console/static", StaticFiles(directory=str(HERE / "static")), name="console-static")


def install(app: FastAPI) -> None:
    """Every console router, the static files, and HTML error pages for 404/422 under /console."""
    for module in (auth, items, cases, oversight, live_views, lexicon):
        app.include_router(module.router)
    mount_static(app)

    @app.middleware("http")
    async def _console_errors(request: Request, call_next: Any) -> Response:
        resp = await call_next(request)
        path = request.url.path
        if (resp.status_code in (404, 405, 422) and path.startswith("/console")
                and not path.startswith("/console/static/") and not path.endswith("/renew")
                and "json" in resp.headers.get("content-type", "")):
            return error_page(request, 404 if resp.status_code == 405 else resp.status_code)
        return resp
