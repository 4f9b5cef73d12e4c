"""Request bodies (pydantic at the edge) and record → JSON views shared by the API and the console."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ...errors import InvalidContent
from ...store.ports import Appeal, Report, ReviewItem, Sanction
from ...workflow.config import LEVEL_ZH
from ...workflow.intake import check_json
from ...workflow.reports import STATUS_ZH, category_name

ID_PATTERN = r"^[^/\\\x00-\x1f\x7f]{1,256}$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _storable(cls, data: Any) -> Any:
        """No NUL, lone surrogates or deep nesting anywhere in a body (the store could not take them back)."""
        try:
            check_json(data)
        except InvalidContent as exc:
            raise ValueError(exc.message) from None
        return data


class ContentIn(BaseModel):
    """A Content object (DESIGN §2). Only `id` is required; unknown fields are kept (`extra`)."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [
        {"id": "p-1001", "kind": "post", "text": "加我薇❤: abc123，带你赚钱", "author": {"id": "u-7"},
         "surface": "feed"}]})

    id: str | int = Field(..., description="1–256 characters; no '/', '\\', control characters")
    kind: str | None = None
    text: str | None = None
    title: str | None = None
    author: dict[str, Any] | None = None
    media: list[dict[str, Any]] | None = Field(None, description="`data_base64`, or `path` under the operator's "
                                                                 "media root (refused when none is configured); "
                                                                 "optional `metadata` the platform read from the "
                                                                 "file (e.g. the GB 45438 label under `AIGC`)")


class LabelOut(BaseModel):
    label: str
    score: float
    campaign: str = ""
    rule: str = ""
    evidence: list[dict[str, Any]] = Field(default_factory=list)


class DecisionOut(BaseModel):
    """The engine's decision for one item (DESIGN §3), as stored."""

    model_config = ConfigDict(extra="allow")

    id: str
    action: Literal["pass", "label", "limit", "review", "block"]
    risk: float
    labels: list[LabelOut] = Field(default_factory=list)
    policy_version: str = ""


class StoredDecisionOut(DecisionOut):
    final_action: str | None = None
    version: int = 1
    content_sha256: str = ""
    review_status: str | None = None


class BatchIn(BaseModel):
    items: list[Any] = Field(..., description="Content objects; each gets its own result or error entry")


class BatchOut(BaseModel):
    results: list[dict[str, Any]]


class DecideIn(Strict):
    action: Literal["pass", "label", "limit", "review", "block"]
    reason: str = Field(..., max_length=64, description="A reason code (GET /v1/review/reasons)")
    note: str = Field("", max_length=2000)


class ProofIn(Strict):
    name: str = Field(..., min_length=1, max_length=256)
    sha256: str | None = Field(None, pattern=r"^[0-9a-f]{64}$")
    url: str | None = Field(None, max_length=2048)
    mime: str | None = Field(None, max_length=128)


class ReportIn(Strict):
    content_id: str = Field(..., min_length=1, max_length=256, pattern=ID_PATTERN)
    type: Literal["user", "enterprise"] = "user"
    category: str = Field(..., min_length=1, max_length=64)
    evidence: str = Field("", max_length=10_000)
    proofs: list[ProofIn] = Field(default_factory=list, max_length=20)
    reporter: str = Field("", max_length=256)
    content: dict[str, Any] | None = Field(None, description="The item itself, if it was never moderated")


class AppealIn(Strict):
    content_id: str = Field(..., min_length=1, max_length=256, pattern=ID_PATTERN)
    author_id: str = Field(..., min_length=1, max_length=256)
    reason: str = Field(..., min_length=1, max_length=4000)


class AppealDecideIn(Strict):
    upheld: bool
    note: str = Field("", max_length=2000)


class KeyIn(Strict):
    role: Literal["submitter", "reviewer", "admin", "auditor"]
    name: str = Field("", max_length=128)


def review_json(item: ReviewItem, now: float) -> dict[str, Any]:
    out = asdict(item)
    out["reasons"] = list(item.reasons)
    out["sla_remaining_s"] = round(item.due_at - now, 1)
    out["overdue"] = item.status != "decided" and item.due_at < now
    out["leased"] = item.claimed_by is not None and item.lease_until > now
    return out


def report_json(rep: Report, *, full: bool) -> dict[str, Any]:
    """A report as its viewer may see it: reporters' identities only for admins."""
    out = asdict(rep)
    out.update(tracking_id=rep.id, status_zh=STATUS_ZH.get(rep.status, rep.status),
               category_zh=category_name(rep.category))
    if not full:
        out["reporters"] = len(rep.reporters)
    return out


def appeal_json(a: Appeal) -> dict[str, Any]:
    return asdict(a)


def sanction_json(s: Sanction, now: float) -> dict[str, Any]:
    out = asdict(s)
    out["level_zh"] = LEVEL_ZH[s.level]
    out["active"] = not s.revoked and (s.expires_at is None or s.expires_at > now)
    return out
