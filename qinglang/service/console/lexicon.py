"""Console page `/console/lexicon`: run-time lexicon edits with who, when and why (admins edit, staff read)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from ...errors import QinglangError
from ..deps import ClockDep, EngineDep, StoreDep
from ..routes.lexicon import LexiconEditIn, apply_edit, state_json
from .pages import console_caller, login_redirect, redirect, render

router = APIRouter(prefix="/console", include_in_schema=False)
OP_ZH = {"add": "新增词", "remove": "删除词", "allow": "加入白名单", "unallow": "移出白名单"}


@router.get("/lexicon", response_class=HTMLResponse)
def lexicon_page(request: Request, engine: EngineDep) -> Response:
    caller = console_caller(request)
    if caller is None:
        return login_redirect()
    return render(request, "lexicon.html", caller, state=state_json(engine), op_zh=OP_ZH)


@router.post("/lexicon")
def lexicon_edit(request: Request, op: Annotated[str, Form(max_length=16)], term: Annotated[str, Form(max_length=200)],
                 engine: EngineDep, store: StoreDep, clock: ClockDep,
                 reason: Annotated[str, Form(max_length=1000)] = "",
                 label: Annotated[str, Form(max_length=64)] = "", severity: Annotated[str, Form(max_length=16)] = "",
                 tags: Annotated[str, Form(max_length=500)] = "") -> Response:
    caller = console_caller(request)
    if caller is None:
        return login_redirect()
    if caller.role != "admin":
        return render(request, "denied.html", caller)
    try:
        body = LexiconEditIn(op=op, term=term, reason=reason, label=label or None, severity=severity or None,
                             tags=[t for t in tags.replace("，", ",").split(",") if t.strip()])
        edit = apply_edit(engine, store, clock, caller.actor, body)
    except ValidationError as exc:
        msg = "; ".join(f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in exc.errors())
        return redirect("/console/lexicon", "error", msg)  # a flash message, never text from the URL
    except QinglangError as exc:
        return redirect("/console/lexicon", "error", exc.message)
    return redirect("/console/lexicon", "ok", f"已生效：{OP_ZH[edit.op]}：{edit.term}")
