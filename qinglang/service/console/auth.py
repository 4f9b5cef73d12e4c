"""Console sign-in: a reviewer or auditor key, kept in an HttpOnly cookie for 12 hours."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..deps import COOKIE, caller_for_token
from .pages import login_redirect, render

router = APIRouter(prefix="/console", include_in_schema=False)


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    return RedirectResponse("/console/static/favicon.svg", status_code=308)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> HTMLResponse:
    return render(request, "login.html", None, error="")


@router.post("/login")
def login(request: Request, key: Annotated[str, Form(max_length=200)]) -> Response:
    caller = caller_for_token(request.app.state, key.strip())
    if caller is None:
        return render(request, "login.html", None, status_code=401, error="密钥无效或已吊销")
    if not caller.can("reviewer", "auditor"):
        return render(request, "login.html", None, status_code=403, error="该密钥的角色无权使用审核台")
    resp = RedirectResponse("/console/", status_code=303)
    resp.set_cookie(COOKIE, key.strip(), httponly=True, samesite="strict",
                    secure=request.app.state.settings.secure_cookies, max_age=12 * 3600)
    return resp


@router.get("/logout")
def logout() -> Response:
    resp = login_redirect()
    resp.delete_cookie(COOKIE)
    return resp
