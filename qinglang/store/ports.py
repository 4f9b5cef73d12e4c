"""Storage ports: the records the workflow keeps and the Protocols any adapter implements (STYLE §5.9).

Records are frozen; an update is a new value (`dataclasses.replace`) written back with `put_*`. Everything a
request changes happens inside one `Store.transaction()`, so a decision, review, report or sanction is
committed together with its audit entry or not at all. Times are UTC epoch seconds (floats) except the audit
entry's `at`, an ISO string that is part of the hashed payload.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class StoredDecision:
    """A moderated item: the content as submitted, the engine's decision and the reviewed outcome."""

    content_id: str
    content: dict[str, Any]
    decision: dict[str, Any]
    action: str
    risk: float
    author_id: str | None
    created_at: float
    final_action: str | None = None  # set by a human review or an appeal
    version: int = 1  # a re-submission with other content is a new version (the old one goes to history)
    content_sha256: str = ""  # sha256 of the canonical JSON of `content` (workflow.intake.content_hash)
    submitter: str | None = None  # key id of the submitter that created the item (None: before versions)

    @property
    def labels(self) -> list[tuple[str, str]]:
        """(label, campaign) pairs of the engine decision."""
        return [(lab["label"], lab.get("campaign", "")) for lab in self.decision.get("labels", [])]


@dataclass(frozen=True, slots=True)
class ContentVersion:
    """A superseded version of an item, frozen with the decision and the reviews that judged it."""

    content_id: str
    version: int
    content_sha256: str
    submitter: str | None
    content: dict[str, Any]
    decision: dict[str, Any]
    action: str
    final_action: str | None
    created_at: float
    superseded_at: float
    reviews: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """One item waiting for (or done with) human review. `content_id` is the key: one open item per content."""

    content_id: str
    status: str  # pending | disputed | decided
    priority: int  # higher first
    reasons: tuple[str, ...]  # review | qa | report | complaint
    created_at: float
    due_at: float  # SLA deadline for the current priority
    claimed_by: str | None = None
    lease_until: float = 0.0
    reviews: tuple[dict[str, Any], ...] = ()  # {"reviewer","action","reason","note","at"}
    exclude: tuple[str, ...] = ()  # reviewers who may not take it (first reviewer of a disputed item)
    updated_at: float = 0.0


@dataclass(frozen=True, slots=True)
class Report:
    """A user report (举报) or an enterprise complaint, with its merged duplicates."""

    id: str  # tracking id given to the reporter
    content_id: str
    type: str  # user | enterprise
    category: str
    status: str  # received | reviewing | upheld | rejected
    created_at: float
    updated_at: float
    count: int = 1
    evidence: tuple[str, ...] = ()
    proofs: tuple[dict[str, Any], ...] = ()
    reporters: tuple[str, ...] = ()
    outcome: str | None = None


@dataclass(frozen=True, slots=True)
class Appeal:
    id: str
    content_id: str
    author_id: str
    reason: str
    status: str  # pending | upheld | rejected
    created_at: float
    first_reviewer: str | None = None
    reviewer: str | None = None
    decided_at: float | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Violation:
    """A confirmed violation by an account; counts toward the sanction ladder until it expires or is revoked."""

    account_id: str
    content_id: str
    label: str
    severity: int
    at: float
    revoked: bool = False
    id: int | None = None
    content_sha256: str = ""  # with content_id: the item version; one violation per (item, version)


@dataclass(frozen=True, slots=True)
class Sanction:
    id: str
    account_id: str
    level: str  # warning | throttle | mute | demonetize | ban
    started_at: float
    expires_at: float | None  # None: permanent
    reason: str = ""
    revoked: bool = False


@dataclass(frozen=True, slots=True)
class AuditEntry:
    seq: int
    at: str
    actor: str
    action: str
    subject: str
    payload: dict[str, Any]
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class ApiKey:
    key_id: str
    secret_hash: str  # sha256 of the secret part; the secret itself is never stored
    role: str
    name: str
    created_at: float
    revoked: bool = False


@dataclass(frozen=True, slots=True)
class Counts:
    """Dashboard aggregates: decisions per (day, action) and labels per (campaign, label)."""

    by_day_action: dict[tuple[str, str], int] = field(default_factory=dict)
    by_campaign_label: dict[tuple[str, str], int] = field(default_factory=dict)
    open_reviews: int = 0
    overdue_reviews: int = 0


class DecisionStore(Protocol):
    def get_decision(self, content_id: str) -> StoredDecision | None: ...
    def insert_decision(self, rec: StoredDecision) -> bool: ...  # False if the id already exists
    def put_decision(self, rec: StoredDecision) -> None: ...
    def counts(self, *, now: float, since: float | None = None) -> Counts: ...
    def list_decisions(self, *, limit: int = 50, offset: int = 0) -> list[StoredDecision]: ...
    def add_version(self, v: ContentVersion) -> None: ...  # append-only history
    def versions(self, content_id: str) -> list[ContentVersion]: ...  # oldest first
    def touch_health(self, now: float) -> None: ...  # a real write: proves the store is writable


class ReviewQueue(Protocol):
    def get_review(self, content_id: str) -> ReviewItem | None: ...
    def put_review(self, item: ReviewItem) -> None: ...
    def open_reviews(self, *, limit: int = 100) -> list[ReviewItem]: ...  # priority desc, due_at asc


class ReportStore(Protocol):
    def get_report(self, report_id: str) -> Report | None: ...
    def put_report(self, rep: Report) -> None: ...
    def reports_for(self, content_id: str) -> list[Report]: ...
    def list_reports(self, *, limit: int = 100) -> list[Report]: ...
    def get_appeal(self, appeal_id: str) -> Appeal | None: ...
    def put_appeal(self, appeal: Appeal) -> None: ...
    def appeals_for(self, content_id: str) -> list[Appeal]: ...
    def list_appeals(self, *, limit: int = 100) -> list[Appeal]: ...


class SanctionLedger(Protocol):
    def add_violation(self, v: Violation) -> Violation: ...
    def violations(self, account_id: str, *, since: float) -> list[Violation]: ...
    def revoke_violations(self, content_id: str) -> int: ...
    def has_violation(self, account_id: str, content_id: str, content_sha256: str) -> bool: ...  # revoked too
    def put_sanction(self, s: Sanction) -> None: ...
    def sanctions(self, account_id: str) -> list[Sanction]: ...


class AuditLog(Protocol):
    def last_audit(self) -> AuditEntry | None: ...
    def append_audit(self, entry: AuditEntry) -> None: ...
    def audit_entries(self, *, after: int = 0, limit: int = 1000, subject: str | None = None) -> list[AuditEntry]: ...


class KeyStore(Protocol):
    def get_key(self, key_id: str) -> ApiKey | None: ...
    def put_key(self, key: ApiKey) -> None: ...
    def list_keys(self) -> list[ApiKey]: ...


class Tx(DecisionStore, ReviewQueue, ReportStore, SanctionLedger, AuditLog, KeyStore, Protocol):
    """Everything one transaction can read and write."""

    def savepoint(self) -> AbstractContextManager[None]: ...  # an error inside undoes only what ran inside


class Store(Protocol):
    def transaction(self, *, readonly: bool = False) -> AbstractContextManager[Tx]: ...  # commit, or roll back
    # A write job: runs in a transaction that concurrent jobs may share (group commit); returns after the
    # commit, with fn's value or its error (a failing job's writes are rolled back, the others' are not).
    def write(self, fn: Callable[[Tx], T]) -> T: ...
    def close(self) -> None: ...


def iter_audit(store: Store, *, batch: int = 1000, after: int = 0) -> Iterator[AuditEntry]:
    """Audit entries after `after` in order, read in batches (each in its own short read-only transaction)."""
    while True:
        with store.transaction(readonly=True) as tx:
            rows = tx.audit_entries(after=after, limit=batch)
        if not rows:
            return
        yield from rows
        after = rows[-1].seq
